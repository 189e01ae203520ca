import { describe, expect, it } from 'vitest';
import { windowState } from './window.ts';

// The seeded window of a policy: 2026-11-15 00:00 to 2026-12-20 23:59:59 in the county (UTC+8).
const from = '2026-11-14T16:00:00.000Z';
const until = '2026-12-20T15:59:59.000Z';

describe('windowState', () => {
  it('has no window for 免申即享', () => {
    expect(windowState(null, null)).toEqual({ kind: 'none' });
  });

  it('is upcoming before it opens, in county dates', () => {
    expect(windowState(from, until, Date.parse('2026-11-14T15:00:00Z'))).toEqual({ kind: 'upcoming', opensOn: '2026-11-15' });
  });

  it('counts whole county days left, the last day included as 0', () => {
    expect(windowState(from, until, Date.parse('2026-11-28T02:00:00Z'))).toEqual({ kind: 'open', closesOn: '2026-12-20', daysLeft: 22 });
    // 23:30 on the last day in the county is still open, with 0 days left.
    expect(windowState(from, until, Date.parse('2026-12-20T15:30:00Z'))).toEqual({ kind: 'open', closesOn: '2026-12-20', daysLeft: 0 });
  });

  it('is closed after the last second', () => {
    expect(windowState(from, until, Date.parse('2026-12-20T16:00:00Z'))).toEqual({ kind: 'closed', closedOn: '2026-12-20' });
  });

  it('is open without an end when only the start is set', () => {
    expect(windowState(from, null, Date.parse('2026-12-01T00:00:00Z'))).toEqual({ kind: 'open', closesOn: null, daysLeft: null });
  });
});
