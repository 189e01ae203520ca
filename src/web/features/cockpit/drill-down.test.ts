import { describe, expect, it } from 'vitest';
import { applicationsLink, monthWithin } from './drill-down.ts';

const period = { from: '2026-01-15', to: '2026-03-20' };

describe('the cockpit’s drill-down into applications', () => {
  it('gives a county reader the department, the period and the status', () => {
    expect(applicationsLink(period, null, { orgId: '7', status: 'paid' })).toBe('/gov/applications?from=2026-01-15&to=2026-03-20&orgId=7&status=paid');
    expect(applicationsLink(period, null, { orgId: '7' })).toBe('/gov/applications?from=2026-01-15&to=2026-03-20&orgId=7');
  });

  it('opens only their own department for department staff, without naming it', () => {
    expect(applicationsLink(period, 7, { orgId: '7', status: 'paid' })).toBe('/gov/applications?from=2026-01-15&to=2026-03-20&status=paid');
    expect(applicationsLink(period, 7, { orgId: '8' })).toBeNull();
    expect(applicationsLink(period, 7, { status: 'paid' })).toBe('/gov/applications?from=2026-01-15&to=2026-03-20&status=paid');
  });

  it('a month’s dates stay within the period', () => {
    expect(monthWithin('2026-01', period.from, period.to)).toEqual({ from: '2026-01-15', to: '2026-01-31' });
    expect(monthWithin('2026-02', period.from, period.to)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthWithin('2026-03', period.from, period.to)).toEqual({ from: '2026-03-01', to: '2026-03-20' });
    expect(applicationsLink(period, null, { ...monthWithin('2026-02', period.from, period.to), status: 'paid' })).toBe('/gov/applications?from=2026-02-01&to=2026-02-28&status=paid');
  });
});
