import { describe, expect, it } from 'vitest';
import { demandPath, handlerActions, onTimeRate, percent, splitMinutes } from './demand-view.ts';

describe('demand view helpers', () => {
  it('links a demand in each area', () => {
    expect(demandPath('portal', 7)).toBe('/portal/demands/7');
    expect(demandPath('gov', 7)).toBe('/gov/demands/7');
    expect(demandPath('provider', 7)).toBe('/provider/demands/7');
  });

  it('shows the handler only the buttons the server allows, in working order', () => {
    expect(handlerActions(['transfer', 'resolve', 'assign', 'wait'])).toEqual(['resolve', 'wait', 'transfer']);
    expect(handlerActions(['assign', 'offer', 'triage'])).toEqual([]);
  });

  it('formats confidences, clocks and on-time rates', () => {
    expect(percent(0.876)).toBe('88%');
    expect(percent(1.2)).toBe('100%');
    expect(splitMinutes(200)).toEqual({ hours: 3, minutes: 20, overdue: false });
    expect(splitMinutes(-61)).toEqual({ hours: 1, minutes: 1, overdue: true });
    expect(onTimeRate(0, 0)).toBeNull();
    expect(onTimeRate(200, 15)).toBe(92.5);
  });
});
