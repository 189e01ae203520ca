import { describe, expect, it } from 'vitest';
import { coverageBy, coveragePairs, isCurrentAt, maskPhone, previousQuarter, quarterOf, quarterRange, rateBp, referenceDay, totalCoverage, type CoverageLink, type CoverageVisit } from './coverage.ts';

const link = (cadreId: number, enterpriseId: number, linkedOn = '2025-01-01', unlinkedOn: string | null = null): CoverageLink => ({ cadreId, enterpriseId, linkedOn, unlinkedOn });
const visit = (cadreId: number, enterpriseId: number, visitedOn: string): CoverageVisit => ({ cadreId, enterpriseId, visitedOn });

describe('quarters', () => {
  it('names the quarter of a day and its range', () => {
    expect(quarterOf('2026-01-01')).toBe('2026-Q1');
    expect(quarterOf('2026-03-31')).toBe('2026-Q1');
    expect(quarterOf('2026-04-01')).toBe('2026-Q2');
    expect(quarterOf('2026-12-07')).toBe('2026-Q4');
    expect(quarterRange('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(quarterRange('2026-Q2')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(quarterRange('2026-Q3')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(quarterRange('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(previousQuarter('2026-Q1')).toBe('2025-Q4');
    expect(previousQuarter('2026-Q3')).toBe('2026-Q2');
    expect(() => quarterRange('2026-Q5')).toThrow(RangeError);
  });

  it('measures a running quarter today and a past one on its last day', () => {
    expect(referenceDay('2026-Q4', '2026-12-07')).toBe('2026-12-07');
    expect(referenceDay('2026-Q3', '2026-12-07')).toBe('2026-09-30');
  });
});

describe('coverage', () => {
  it('is null, not 0 or 100 %, with no links', () => {
    expect(totalCoverage(coveragePairs([], [visit(1, 1, '2026-10-05')], '2026-Q4', '2026-12-07'))).toEqual({ linked: 0, visited: 0, rateBp: null });
    expect(rateBp(0, 0)).toBeNull();
  });

  it('counts a firm once however often it was visited, and only visits of the quarter up to the reference day', () => {
    const pairs = coveragePairs(
      [link(1, 10), link(1, 11), link(1, 12)],
      [visit(1, 10, '2026-10-02'), visit(1, 10, '2026-11-02'), visit(1, 11, '2026-09-30'), visit(1, 12, '2026-12-20')],
      '2026-Q4',
      '2026-12-07',
    );
    expect(totalCoverage(pairs)).toEqual({ linked: 3, visited: 1, rateBp: 3333 });
  });

  it('credits only the linked cadre: a visit by another cadre does not cover the firm', () => {
    const pairs = coveragePairs([link(1, 10)], [visit(2, 10, '2026-10-05')], '2026-Q4', '2026-12-07');
    expect(pairs).toEqual([{ cadreId: 1, enterpriseId: 10, covered: false }]);
  });

  it('reassignment within the quarter: the new cadre has the firm, the old cadre’s earlier visit credits nobody', () => {
    const links = [link(1, 10, '2025-01-01', '2026-11-01'), link(2, 10, '2026-11-01')];
    const before = coveragePairs(links, [visit(1, 10, '2026-10-10')], '2026-Q4', '2026-12-07');
    expect(before).toEqual([{ cadreId: 2, enterpriseId: 10, covered: false }]);
    const after = coveragePairs(links, [visit(1, 10, '2026-10-10'), visit(2, 10, '2026-11-01')], '2026-Q4', '2026-12-07');
    expect(after).toEqual([{ cadreId: 2, enterpriseId: 10, covered: true }]);
    // Measured in October (before the hand-over) the firm was still cadre 1's, and covered.
    expect(coveragePairs(links, [visit(1, 10, '2026-10-10')], '2026-Q4', '2026-10-31')).toEqual([{ cadreId: 1, enterpriseId: 10, covered: true }]);
  });

  it('a cadre re-linked to a firm does not count visits from before the new link', () => {
    const links = [link(1, 10, '2025-01-01', '2026-10-15'), link(2, 10, '2026-10-15', '2026-11-15'), link(1, 10, '2026-11-15')];
    expect(coveragePairs(links, [visit(1, 10, '2026-10-05')], '2026-Q4', '2026-12-07')).toEqual([{ cadreId: 1, enterpriseId: 10, covered: false }]);
    expect(coveragePairs(links, [visit(1, 10, '2026-11-15')], '2026-Q4', '2026-12-07')).toEqual([{ cadreId: 1, enterpriseId: 10, covered: true }]);
  });

  it('a link that starts after the reference day is not counted', () => {
    expect(isCurrentAt({ linkedOn: '2026-12-08', unlinkedOn: null }, '2026-12-07')).toBe(false);
    expect(coveragePairs([link(1, 10, '2026-12-08')], [], '2026-Q4', '2026-12-07')).toEqual([]);
  });

  it('sums pairs by unit and town so the parts add up to the whole', () => {
    const unitOf = new Map([[1, 'A'], [2, 'A'], [3, 'B']]);
    const townOf = new Map([[10, 't1'], [11, 't1'], [12, 't2'], [13, 't2']]);
    const pairs = coveragePairs(
      [link(1, 10), link(2, 11), link(3, 12), link(3, 13)],
      [visit(1, 10, '2026-10-02'), visit(3, 12, '2026-11-02'), visit(3, 13, '2026-11-03')],
      '2026-Q4',
      '2026-12-07',
    );
    const byUnit = coverageBy(pairs, (p) => unitOf.get(p.cadreId) ?? null);
    expect(byUnit.get('A')).toEqual({ linked: 2, visited: 1, rateBp: 5000 });
    expect(byUnit.get('B')).toEqual({ linked: 2, visited: 2, rateBp: 10_000 });
    const byTown = coverageBy(pairs, (p) => townOf.get(p.enterpriseId) ?? null);
    expect(byTown.get('t1')).toEqual({ linked: 2, visited: 1, rateBp: 5000 });
    expect(byTown.get('t2')).toEqual({ linked: 2, visited: 2, rateBp: 10_000 });
    const sum = [...byTown.values()].reduce((s, c) => s + c.visited, 0);
    expect(sum).toBe(totalCoverage(pairs).visited);
  });

  it('rounds basis points half up in integers', () => {
    expect(rateBp(1, 3)).toBe(3333);
    expect(rateBp(2, 3)).toBe(6667);
    expect(rateBp(1, 8)).toBe(1250);
    expect(rateBp(1, 16_000)).toBe(1);
  });
});

describe('maskPhone', () => {
  it('masks the middle four digits of a mobile number', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone('12345')).toBe('***45');
  });
});
