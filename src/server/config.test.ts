import { describe, expect, it } from 'vitest';
import { formatOfficeHours } from '../core/sla/working-hours.ts';
import { ConfigError, loadConfig } from './config.ts';

const base = { LOG_LEVEL: 'silent', PGLITE_DIR: 'memory' };

describe('OFFICE_HOURS', () => {
  it('defaults to 09:00–12:00 and 13:30–17:30, and reads another setting', () => {
    expect(formatOfficeHours(loadConfig(base).officeHours)).toBe('09:00-12:00,13:30-17:30');
    expect(formatOfficeHours(loadConfig({ ...base, OFFICE_HOURS: '08:30-12:00, 14:00-18:00' }).officeHours)).toBe('08:30-12:00,14:00-18:00');
  });

  it.each(['9-5', '13:30-17:30,09:00-12:00', '09:00-12:00,11:00-13:00', '17:30-09:00'])('stops the start on %j, naming the variable', (value) => {
    expect(() => loadConfig({ ...base, OFFICE_HOURS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, OFFICE_HOURS: value })).toThrow(/OFFICE_HOURS must be HH:MM-HH:MM intervals/);
  });
});
