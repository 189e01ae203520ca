import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceOf, balances, LedgerError, post, type LedgerEntry } from './ledger.ts';
import {
  CAPITAL_SOURCES,
  capacityFen,
  checkClaim,
  checkRegistration,
  checkShares,
  contributionEntries,
  isPoolAsset,
  netLossFen,
  payoutEntries,
  PoolError,
  poolBalances,
  recomputeClaim,
  recoverySplit,
  splitByShares,
  type CapitalSource,
  type PoolShares,
} from './pool.ts';

describe('ledger', () => {
  it('derives balances from entries; every entry sums to zero over all accounts', () => {
    const entries: LedgerEntry[] = [
      { debit: 'cash', credit: 'capital:county', amountFen: 1000 },
      { debit: 'claims_paid', credit: 'cash', amountFen: 300 },
    ];
    expect(balanceOf(entries, 'cash')).toBe(700);
    expect([...balances(entries).values()].reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('refuses non-integer, zero, negative amounts and an entry within one account', () => {
    for (const amountFen of [0, -5, 1.5, Number.NaN]) {
      expect(() => post(new Map(), [{ debit: 'cash', credit: 'capital:county', amountFen }], isPoolAsset)).toThrow(LedgerError);
    }
    expect(() => post(new Map(), [{ debit: 'cash', credit: 'cash', amountFen: 1 }], isPoolAsset)).toThrow(/two accounts/);
  });

  it('refuses to overdraw an asset account, and posts nothing of the batch', () => {
    const existing = balances([{ debit: 'cash', credit: 'capital:county', amountFen: 100 }]);
    expect(() => post(existing, [{ debit: 'claims_paid', credit: 'cash', amountFen: 60 }, { debit: 'claims_paid', credit: 'cash', amountFen: 41 }], isPoolAsset)).toThrow(
      expect.objectContaining({ reason: 'overdrawn' }),
    );
    expect(post(existing, [{ debit: 'claims_paid', credit: 'cash', amountFen: 100 }], isPoolAsset)).toHaveLength(1);
  });
});

describe('pool arithmetic', () => {
  it('splits 30/70 exactly, the odd fen to the government', () => {
    expect(splitByShares(1_000_001, { bankShareBp: 3000, governmentShareBp: 7000 })).toEqual({ bankFen: 300_000, governmentFen: 700_001 });
    expect(() => checkShares({ bankShareBp: 3000, governmentShareBp: 6999 })).toThrow(PoolError);
  });

  it('capacity is leverage × capital: 1000万 + 5000万 at 1:10 = 6亿', () => {
    const entries = [...contributionEntries('county', 10_000_000_00), ...contributionEntries('national', 50_000_000_00)];
    const figures = poolBalances(entries);
    expect(figures.capitalBySource).toEqual({ county: 10_000_000_00, national: 50_000_000_00 });
    expect(capacityFen(figures.capitalFen, 10)).toBe(600_000_000_00);
  });

  it('refuses a loan beyond capacity, a claim above the loss, a second claim', () => {
    expect(() => checkRegistration({ capitalFen: 100, leverage: 10, coveredOutstandingFen: 900 }, 101)).toThrow(expect.objectContaining({ reason: 'capacity_exceeded' }));
    checkRegistration({ capitalFen: 100, leverage: 10, coveredOutstandingFen: 900 }, 100);
    expect(() => checkClaim({ claimedFen: 11, lossFen: 10, hasLiveClaim: false })).toThrow(expect.objectContaining({ reason: 'claim_exceeds_loss' }));
    expect(() => checkClaim({ claimedFen: 1, lossFen: 10, hasLiveClaim: true })).toThrow(expect.objectContaining({ reason: 'claim_exists' }));
  });

  it('recoveries split cumulatively never go beyond the claim', () => {
    const shares = { bankShareBp: 3000, governmentShareBp: 7000 };
    const first = recoverySplit({ claimedFen: 10, recoveredBeforeFen: 0, shares }, 3);
    const second = recoverySplit({ claimedFen: 10, recoveredBeforeFen: 3, shares }, 3);
    expect(first.governmentFen + second.governmentFen).toBe(splitByShares(6, shares).governmentFen);
    expect(() => recoverySplit({ claimedFen: 10, recoveredBeforeFen: 6, shares }, 5)).toThrow(expect.objectContaining({ reason: 'recovery_exceeds_loss' }));
  });
});

// A pool driven by random operations through the same functions the service uses; the invariants hold
// after every operation, whatever is refused.
type Op =
  | { kind: 'contribute'; source: CapitalSource; amountFen: number }
  | { kind: 'register'; amountFen: number }
  | { kind: 'release'; index: number }
  | { kind: 'default'; index: number; lossPart: number }
  | { kind: 'claim'; index: number; claimPart: number }
  | { kind: 'pay'; index: number }
  | { kind: 'recover'; index: number; amountFen: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('contribute' as const), source: fc.constantFrom(...CAPITAL_SOURCES), amountFen: fc.integer({ min: 1, max: 5_000_000 }) }),
  fc.record({ kind: fc.constant('register' as const), amountFen: fc.integer({ min: 1, max: 20_000_000 }) }),
  fc.record({ kind: fc.constant('release' as const), index: fc.nat(30) }),
  fc.record({ kind: fc.constant('default' as const), index: fc.nat(30), lossPart: fc.integer({ min: 1, max: 10_000 }) }),
  fc.record({ kind: fc.constant('claim' as const), index: fc.nat(30), claimPart: fc.integer({ min: 1, max: 12_000 }) }),
  fc.record({ kind: fc.constant('pay' as const), index: fc.nat(30) }),
  fc.record({ kind: fc.constant('recover' as const), index: fc.nat(30), amountFen: fc.integer({ min: 1, max: 5_000_000 }) }),
);

interface Loan {
  amountFen: number;
  status: 'active' | 'released' | 'defaulted' | 'settled';
  lossFen: number;
}
interface Claim {
  loan: number;
  claimedFen: number;
  paid: boolean;
  governmentFen: number;
  recoveredFen: number;
  governmentRecoveredFen: number;
}

function run(shares: PoolShares, leverage: number, ops: Op[]) {
  const entries: LedgerEntry[] = [];
  const loans: Loan[] = [];
  const claims: Claim[] = [];
  const append = (more: LedgerEntry[]) => entries.push(...post(balances(entries), more, isPoolAsset));
  for (const op of ops) {
    try {
      const figures = poolBalances(entries);
      const covered = loans.filter((loan) => loan.status === 'active' || loan.status === 'defaulted').reduce((sum, loan) => sum + loan.amountFen, 0);
      if (op.kind === 'contribute') append(contributionEntries(op.source, op.amountFen));
      else if (op.kind === 'register') {
        checkRegistration({ capitalFen: figures.capitalFen, leverage, coveredOutstandingFen: covered }, op.amountFen);
        loans.push({ amountFen: op.amountFen, status: 'active', lossFen: 0 });
      } else if (op.kind === 'release') {
        const loan = loans[op.index];
        if (loan?.status === 'active') loan.status = 'released';
      } else if (op.kind === 'default') {
        const loan = loans[op.index];
        if (loan?.status === 'active') Object.assign(loan, { status: 'defaulted', lossFen: Math.max(1, Math.floor((loan.amountFen * op.lossPart) / 10_000)) });
      } else if (op.kind === 'claim') {
        const loan = loans[op.index];
        if (loan?.status !== 'defaulted') continue;
        const claimedFen = Math.max(1, Math.floor((loan.lossFen * op.claimPart) / 10_000));
        checkClaim({ claimedFen, lossFen: loan.lossFen, hasLiveClaim: claims.some((claim) => claim.loan === op.index) });
        claims.push({ loan: op.index, claimedFen, paid: false, governmentFen: 0, recoveredFen: 0, governmentRecoveredFen: 0 });
      } else if (op.kind === 'pay') {
        const claim = claims[op.index];
        if (!claim || claim.paid) continue;
        const { governmentFen } = splitByShares(claim.claimedFen, shares);
        append(payoutEntries(figures.cashFen, governmentFen));
        Object.assign(claim, { paid: true, governmentFen });
        loans[claim.loan].status = 'settled';
      } else {
        const claim = claims[op.index];
        if (!claim?.paid) continue;
        const split = recoverySplit({ claimedFen: claim.claimedFen, recoveredBeforeFen: claim.recoveredFen, shares }, op.amountFen);
        append(split.entries);
        claim.recoveredFen += op.amountFen;
        claim.governmentRecoveredFen += split.governmentFen;
      }
    } catch (error) {
      if (!(error instanceof PoolError) && !(error instanceof LedgerError)) throw error;
    }
    // Invariants after every operation.
    const figures = poolBalances(entries);
    expect(figures.cashFen).toBeGreaterThanOrEqual(0);
    const covered = loans.filter((loan) => loan.status === 'active' || loan.status === 'defaulted').reduce((sum, loan) => sum + loan.amountFen, 0);
    expect(covered).toBeLessThanOrEqual(leverage * figures.capitalFen);
    expect(new Set(claims.map((claim) => claim.loan)).size).toBe(claims.length);
    expect(figures.cashFen).toBe(figures.capitalFen - figures.claimsPaidFen + figures.recoveredFen);
    expect([...balances(entries).values()].reduce((a, b) => a + b, 0)).toBe(0);
  }
  return { entries, claims };
}

describe('pool invariants (property-based)', () => {
  const sharesArb = fc.integer({ min: 0, max: 10_000 }).map((bank) => ({ bankShareBp: bank, governmentShareBp: 10_000 - bank }));

  it('no negative balance, covered outstanding ≤ leverage × capital, one claim per default — under any sequence', () => {
    fc.assert(
      fc.property(sharesArb, fc.integer({ min: 1, max: 20 }), fc.array(opArb, { maxLength: 80 }), (shares, leverage, ops) => {
        run(shares, leverage, ops);
      }),
      { numRuns: 300 },
    );
  });

  it('shares sum exactly to any amount', () => {
    fc.assert(
      fc.property(sharesArb, fc.integer({ min: 0, max: 100_000_000_000 }), (shares, amount) => {
        const { bankFen, governmentFen } = splitByShares(amount, shares);
        expect(bankFen + governmentFen).toBe(amount);
        expect(bankFen).toBeGreaterThanOrEqual(0);
        expect(governmentFen).toBeGreaterThanOrEqual(0);
        // Each part is within one fen of its exact share.
        expect(Math.abs(governmentFen * 10_000 - amount * shares.governmentShareBp)).toBeLessThan(10_000 + 1);
      }),
    );
  });

  it('recoveries flow back in the claim’s shares: the government’s total is its share of the total recovered', () => {
    fc.assert(
      fc.property(sharesArb, fc.integer({ min: 1, max: 10_000_000 }), fc.array(fc.integer({ min: 1, max: 3_000_000 }), { maxLength: 12 }), (shares, claimedFen, amounts) => {
        let recovered = 0;
        let government = 0;
        for (const amount of amounts) {
          try {
            const split = recoverySplit({ claimedFen, recoveredBeforeFen: recovered, shares }, amount);
            expect(split.bankFen + split.governmentFen).toBe(amount);
            expect(split.bankFen).toBeGreaterThanOrEqual(0);
            recovered += amount;
            government += split.governmentFen;
          } catch (error) {
            expect(error).toBeInstanceOf(PoolError);
          }
        }
        expect(recovered).toBeLessThanOrEqual(claimedFen);
        expect(government).toBe(splitByShares(recovered, shares).governmentFen);
      }),
    );
  });

  it('recoveries before the payout: the claim never asks more than the net loss, shrinks only, and ends when nothing is left', () => {
    fc.assert(
      fc.property(
        sharesArb,
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.integer({ min: 1, max: 3_000_000 }), { maxLength: 10 }),
        (shares, lossFen, claimedPart, recoveries) => {
          let claimedFen = Math.max(1, Math.floor(lossFen * claimedPart));
          let deductedFen = 0;
          for (const amount of recoveries) {
            if (deductedFen + amount > lossFen) continue; // the loan refuses recoveries beyond its loss
            deductedFen += amount;
            const next = recomputeClaim({ lossFen, deductedFen, claimedFen, shares });
            const net = netLossFen(lossFen, deductedFen);
            if (next === null) {
              expect(net === 0 || claimedFen === 0).toBe(true);
              return;
            }
            expect(next.claimedFen).toBeLessThanOrEqual(claimedFen);
            expect(next.claimedFen).toBeLessThanOrEqual(net);
            expect(next.claimedFen + deductedFen).toBeLessThanOrEqual(lossFen);
            expect(next.claimedFen).toBe(Math.min(claimedFen, net));
            expect(next.bankFen + next.governmentFen).toBe(next.claimedFen);
            expect(next.governmentFen).toBe(splitByShares(next.claimedFen, shares).governmentFen);
            claimedFen = next.claimedFen;
          }
        },
      ),
    );
  });

  it('a claim above the net loss is refused; at the net loss it passes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), (lossFen, deductedFen) => {
        const net = netLossFen(lossFen, deductedFen);
        expect(() => checkClaim({ claimedFen: net + 1, lossFen: net, hasLiveClaim: false })).toThrow(PoolError);
        if (net > 0) expect(() => checkClaim({ claimedFen: net, lossFen: net, hasLiveClaim: false })).not.toThrow();
      }),
    );
  });
});
