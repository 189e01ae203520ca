import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sumFen } from '../money/money.ts';
import type { EnterpriseFacts } from './facts.ts';
import { anniversary, decideInstalment, payableInstalments, scheduleInstalments, validateInstalmentPlan, type InstalmentDecision, type InstalmentPlan } from './instalments.ts';

const WAN = 1_000_000;
const stillAboveScale = { value: { fact: 'above_scale', period: { yearsAgo: 1 } }, is: true } as const;
// 分三年拨付 40:30:30，第二、三期须拨付当年仍在规上工业统计内.
const plan: InstalmentPlan = {
  instalments: [
    { share: 40, due: { yearsAfter: 0 } },
    { share: 30, due: { yearsAfter: 1 }, when: stillAboveScale, clause: '仍为规上工业企业' },
    { share: 30, due: { yearsAfter: 2 }, when: stillAboveScale, clause: '仍为规上工业企业' },
  ],
};
const facts = (aboveScale: Record<string, number>): EnterpriseFacts => ({ attributes: {}, indicators: { above_scale: aboveScale } });

describe('instalments with conditions', () => {
  it('validates the shape with paths', () => {
    expect(validateInstalmentPlan(plan)).toEqual([]);
    expect(validateInstalmentPlan({ instalments: [{ share: 1, amount: { wan: 1 }, due: { yearsAfter: 0 } }, { share: 1, due: { yearsAfter: 0 } }] }).map((p) => p.path)).toEqual(['/instalments/0', '/instalments/1/due/yearsAfter']);
  });
  it('splits the award exactly and falls due on the anniversaries', () => {
    const schedule = scheduleInstalments(plan, 100 * WAN + 1, '2026-02-28');
    expect(sumFen(schedule.map((i) => i.amountFen))).toBe(100 * WAN + 1);
    expect(schedule.map((i) => Math.round(i.amountFen / WAN))).toEqual([40, 30, 30]);
    expect(schedule.map((i) => i.dueOn)).toEqual(['2026-02-28', '2027-02-28', '2028-02-28']);
    expect(anniversary('2024-02-29', 1)).toBe('2025-02-28');
  });
  it('pays an instalment whose condition still holds on its due date, lapses one that fails, waits for missing data — explained', () => {
    const [, second] = scheduleInstalments(plan, 100 * WAN, '2026-03-10');
    expect(decideInstalment(second, facts({ 2026: 1 }), '2027-03-09').status).toBe('pending');
    const paid = decideInstalment(second, facts({ 2026: 1 }), '2027-03-10');
    expect(paid).toMatchObject({ status: 'payable' });
    expect(paid.reason.zh).toContain('仍为规上工业企业');
    const lapsed = decideInstalment(second, facts({ 2026: 0 }), '2027-03-10');
    expect(lapsed.status).toBe('lapsed');
    expect(lapsed.reason.zh).toContain('不予拨付');
    expect(decideInstalment(second, facts({}), '2027-03-10')).toMatchObject({ status: 'pending', missingFacts: [{ fact: 'above_scale' }] });
  });
  it('never pays an instalment twice, a lapsed or pending one, or beyond the bound (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 9 }), fc.array(fc.constantFrom('payable', 'lapsed', 'pending'), { minLength: 3, maxLength: 3 }), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), fc.integer({ min: 0, max: 10 ** 9 }), (award, statuses, rounds, boundDelta) => {
        const schedule = scheduleInstalments(plan, award, '2026-01-01');
        expect(sumFen(schedule.map((i) => i.amountFen))).toBe(award);
        const decisions = new Map(statuses.map((status, i) => [i, { status, reason: { zh: '', en: '' } } as InstalmentDecision]));
        const bound = Math.min(award, boundDelta);
        const paid = new Set<number>();
        const ledger: number[] = [];
        // Several payment runs, some skipped: each pays what is payable now.
        for (const run of rounds) {
          if (!run) continue;
          for (const instalment of payableInstalments(schedule, decisions, paid, bound)) {
            ledger.push(instalment.index);
            paid.add(instalment.index);
          }
        }
        expect(new Set(ledger).size).toBe(ledger.length);
        for (const index of ledger) expect(statuses[index]).toBe('payable');
        expect(sumFen(ledger.map((i) => schedule[i].amountFen))).toBeLessThanOrEqual(bound);
      }),
    );
  });
});
