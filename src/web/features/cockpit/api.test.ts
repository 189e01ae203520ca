import { describe, expect, it } from 'vitest';
import { queryString } from './api.ts';
import { monthWithin } from './drill-down.ts';

describe('the cockpit’s drill-down filters', () => {
  it('a month of the lending chart is clamped to the cockpit’s period', () => {
    expect(monthWithin('2026-02', '2026-01-01', '2026-12-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthWithin('2024-02', '2024-01-01', '2024-12-31')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthWithin('2026-01', '2026-01-15', '2026-06-30')).toEqual({ from: '2026-01-15', to: '2026-01-31' });
    expect(monthWithin('2026-06', '2026-01-15', '2026-06-10')).toEqual({ from: '2026-06-01', to: '2026-06-10' });
  });

  it('the query string keeps the filters that are set', () => {
    expect(queryString({ from: '2026-01-01', to: undefined, town: '', first: 'true' })).toBe('from=2026-01-01&first=true');
  });
});
