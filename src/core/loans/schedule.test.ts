import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, allocateRepayment, annuityPaymentFen, repaymentSchedule, ScheduleError, type RepaymentMethod } from './schedule.ts';

const methods: RepaymentMethod[] = ['equal_instalment', 'interest_first', 'bullet'];
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('addMonths', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-01-31', 2, '2026-03-31'],
    ['2026-11-15', 3, '2027-02-15'],
    ['2026-12-31', 12, '2027-12-31'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('repaymentSchedule', () => {
  it('等额本息: 100万 at 4.35% over 12 months, by hand', () => {
    const schedule = repaymentSchedule({ principalFen: 100_000_000, rateBp: 435, termMonths: 12, method: 'equal_instalment', disbursedOn: '2026-03-10' });
    expect(schedule).toHaveLength(12);
    // r = 0.003625; P = 1e8 · r · (1+r)^12 / ((1+r)^12 − 1) ≈ 8,530,990.x fen → 8,530,991 (rounded up)
    expect(annuityPaymentFen(100_000_000, 435, 12)).toBe(8_530_991);
    expect(schedule[0]).toEqual({ seq: 1, dueOn: '2026-04-10', principalFen: 8_530_991 - 362_500, interestFen: 362_500 });
    expect(sum(schedule.map((i) => i.principalFen))).toBe(100_000_000);
    for (const i of schedule.slice(0, 11)) expect(i.principalFen + i.interestFen).toBe(8_530_991);
    expect(schedule[11].dueOn).toBe('2027-03-10');
  });

  it('先息后本: the same interest every month and the principal with the last', () => {
    const schedule = repaymentSchedule({ principalFen: 50_000_000, rateBp: 480, termMonths: 6, method: 'interest_first', disbursedOn: '2026-01-31' });
    expect(schedule.map((i) => i.interestFen)).toEqual(Array(6).fill(200_000));
    expect(schedule.map((i) => i.principalFen)).toEqual([0, 0, 0, 0, 0, 50_000_000]);
    expect(schedule.map((i) => i.dueOn)).toEqual(['2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30', '2026-07-31']);
  });

  it('到期一次还本付息: one instalment, simple interest for the term', () => {
    const schedule = repaymentSchedule({ principalFen: 30_000_000, rateBp: 365, termMonths: 12, method: 'bullet', disbursedOn: '2026-05-20' });
    expect(schedule).toEqual([{ seq: 1, dueOn: '2027-05-20', principalFen: 30_000_000, interestFen: 1_095_000 }]);
  });

  it('refuses impossible terms', () => {
    expect(() => repaymentSchedule({ principalFen: 0, rateBp: 400, termMonths: 12, method: 'bullet', disbursedOn: '2026-01-01' })).toThrow(ScheduleError);
    expect(() => repaymentSchedule({ principalFen: 100, rateBp: 400, termMonths: 0, method: 'bullet', disbursedOn: '2026-01-01' })).toThrow(ScheduleError);
    expect(() => repaymentSchedule({ principalFen: 1.5, rateBp: 400, termMonths: 1, method: 'bullet', disbursedOn: '2026-01-01' })).toThrow(ScheduleError);
  });

  it('property: principal sums exactly, nothing negative, integers, one instalment per month, balance never grows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000_000_000 }),
        fc.integer({ min: 0, max: 3_600 }),
        fc.integer({ min: 1, max: 360 }),
        fc.constantFrom(...methods),
        (principalFen, rateBp, termMonths, method) => {
          const schedule = repaymentSchedule({ principalFen, rateBp, termMonths, method, disbursedOn: '2026-01-31' });
          expect(sum(schedule.map((i) => i.principalFen))).toBe(principalFen);
          expect(schedule.length).toBe(method === 'bullet' ? 1 : termMonths);
          let balance = principalFen;
          for (const i of schedule) {
            expect(Number.isSafeInteger(i.principalFen) && Number.isSafeInteger(i.interestFen)).toBe(true);
            expect(i.principalFen).toBeGreaterThanOrEqual(0);
            expect(i.interestFen).toBeGreaterThanOrEqual(0);
            balance -= i.principalFen;
            expect(balance).toBeGreaterThanOrEqual(0);
          }
          if (method === 'equal_instalment' && rateBp > 0 && termMonths > 1 && principalFen >= 100_000) {
            // every payment but the last is the annuity; the last covers the remainder: the payment is rounded
            // up, so only the half-fen roundings of interest, compounded at the monthly rate, can make it larger
            const payment = schedule[0].principalFen + schedule[0].interestFen;
            for (const i of schedule.slice(0, -1)) expect(i.principalFen + i.interestFen).toBe(payment);
            const last = schedule[schedule.length - 1];
            const r = rateBp / 120_000;
            const roundingDrift = Math.ceil((0.5 * (Math.pow(1 + r, termMonths) - 1)) / r) + 1;
            expect(last.principalFen + last.interestFen).toBeLessThanOrEqual(payment + roundingDrift);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('allocateRepayment', () => {
  const open = [
    { seq: 2, dueOn: '2026-03-10', principalDueFen: 1_000, interestDueFen: 100 },
    { seq: 1, dueOn: '2026-02-10', principalDueFen: 900, interestDueFen: 200 },
  ];
  it('pays the oldest instalment first, interest before principal', () => {
    expect(allocateRepayment(open, 1_300)).toEqual({
      allocations: [
        { seq: 1, principalFen: 900, interestFen: 200, settles: true },
        { seq: 2, principalFen: 100, interestFen: 100, settles: false },
      ],
      unallocatedFen: 0,
    });
  });
  it('reports what is more than owed', () => {
    expect(allocateRepayment(open, 5_000).unallocatedFen).toBe(5_000 - 2_200);
  });
  it('property: allocated + unallocated = paid, never more than owed', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ p: fc.integer({ min: 0, max: 1e9 }), i: fc.integer({ min: 0, max: 1e7 }) }), { minLength: 1, maxLength: 24 }), fc.integer({ min: 1, max: 3e10 }), (rows, amount) => {
        const inst = rows.map((r, k) => ({ seq: k + 1, dueOn: '2026-01-01', principalDueFen: r.p, interestDueFen: r.i }));
        const { allocations, unallocatedFen } = allocateRepayment(inst, amount);
        expect(sum(allocations.map((a) => a.principalFen + a.interestFen)) + unallocatedFen).toBe(amount);
        for (const a of allocations) {
          const i = inst[a.seq - 1];
          expect(a.principalFen).toBeLessThanOrEqual(i.principalDueFen);
          expect(a.interestFen).toBeLessThanOrEqual(i.interestDueFen);
        }
      }),
    );
  });
});
