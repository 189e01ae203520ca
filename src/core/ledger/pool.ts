/**
 * Risk-compensation pool (风险补偿资金池) arithmetic on the ledger of ledger.ts.
 *
 * A pool's accounts:
 *   cash                 the money the pool holds (asset: never below zero)
 *   capital:<source>     capital contributed by a source (county, national, …): credited by contributions
 *   claims_paid          the government share of losses paid out to banks
 *   recoveries           the government share of recoveries flowing back
 * Entries: a contribution debits cash and credits capital:<source>; a claim payout debits claims_paid and
 * credits cash; a recovery debits cash and credits recoveries.
 *
 * Lending capacity = leverage × contributed capital (contributions are never withdrawn, so capacity never
 * falls under loans already covered). A covered loan is registered only while covered outstanding plus
 * the loan stays within capacity. Losses and recoveries are split between the bank and the government by
 * shares in basis points that sum to 10000, exactly to the fen (allocateFen: the remainder goes to the
 * government, the last share); recoveries are split cumulatively so that, over any number of recoveries,
 * the government's part of the total is exactly its share of the total.
 */
import { allocateFen, BP_PER_UNIT, multiplyFen, sumFen, type Fen } from '../money/money.ts';
import { balances, type LedgerEntry } from './ledger.ts';

export const CASH = 'cash';
export const CLAIMS_PAID = 'claims_paid';
export const RECOVERIES = 'recoveries';
export const CAPITAL_PREFIX = 'capital:';

/** The sources capital comes from (county fiscal funds, national special funds, city, province, bank deposits). */
export const CAPITAL_SOURCES = ['county', 'city', 'province', 'national', 'bank', 'other'] as const;
export type CapitalSource = (typeof CAPITAL_SOURCES)[number];

export const capitalAccount = (source: CapitalSource) => `${CAPITAL_PREFIX}${source}`;
/** Only the pool's cash is an asset that may not be overdrawn. */
export const isPoolAsset = (account: string) => account === CASH;

export interface PoolShares {
  bankShareBp: number;
  governmentShareBp: number;
}

export class PoolError extends Error {
  constructor(
    readonly reason: 'invalid_shares' | 'invalid_leverage' | 'capacity_exceeded' | 'claim_exceeds_loss' | 'claim_exists' | 'recovery_exceeds_loss' | 'insufficient_cash',
    message: string,
  ) {
    super(message);
    this.name = 'PoolError';
  }
}

/** Throws unless the shares are integer bp in 0..10000 that sum to exactly 10000. */
export function checkShares(shares: PoolShares): void {
  const { bankShareBp, governmentShareBp } = shares;
  const valid = [bankShareBp, governmentShareBp].every((bp) => Number.isSafeInteger(bp) && bp >= 0 && bp <= BP_PER_UNIT);
  if (!valid || bankShareBp + governmentShareBp !== BP_PER_UNIT) {
    throw new PoolError('invalid_shares', `bank and government shares must be whole basis points summing to ${BP_PER_UNIT}, got ${bankShareBp} + ${governmentShareBp}`);
  }
}

export function checkLeverage(leverage: number): void {
  if (!Number.isSafeInteger(leverage) || leverage < 1 || leverage > 100) throw new PoolError('invalid_leverage', `leverage must be a whole number from 1 to 100, got ${leverage}`);
}

/** Splits an amount by the shares, exactly: bank + government = amount. */
export function splitByShares(amountFen: Fen, shares: PoolShares): { bankFen: Fen; governmentFen: Fen } {
  checkShares(shares);
  const [bankFen, governmentFen] = allocateFen(amountFen, [shares.bankShareBp, shares.governmentShareBp]);
  return { bankFen, governmentFen };
}

/** The figures of a pool derived from its entries. */
export interface PoolBalances {
  cashFen: Fen;
  /** Contributed capital by source (positive). */
  capitalBySource: Record<string, Fen>;
  capitalFen: Fen;
  claimsPaidFen: Fen;
  recoveredFen: Fen;
}

export function poolBalances(entries: readonly LedgerEntry[]): PoolBalances {
  const all = balances(entries);
  const capitalBySource: Record<string, Fen> = {};
  for (const [account, balance] of all) {
    if (account.startsWith(CAPITAL_PREFIX)) capitalBySource[account.slice(CAPITAL_PREFIX.length)] = -balance;
  }
  return {
    cashFen: all.get(CASH) ?? 0,
    capitalBySource,
    capitalFen: sumFen(Object.values(capitalBySource)),
    claimsPaidFen: all.get(CLAIMS_PAID) ?? 0,
    recoveredFen: -(all.get(RECOVERIES) ?? 0),
  };
}

/** Lending capacity: leverage × contributed capital. */
export function capacityFen(capitalFen: Fen, leverage: number): Fen {
  checkLeverage(leverage);
  return multiplyFen(capitalFen, leverage);
}

/** Refuses a covered loan that would take covered outstanding above capacity. */
export function checkRegistration(state: { capitalFen: Fen; leverage: number; coveredOutstandingFen: Fen }, amountFen: Fen): void {
  const capacity = capacityFen(state.capitalFen, state.leverage);
  if (state.coveredOutstandingFen + amountFen > capacity) {
    throw new PoolError('capacity_exceeded', `The pool covers at most ${capacity} fen; ${state.coveredOutstandingFen} fen are covered and ${amountFen} fen more do not fit`);
  }
}

/** The net loss of a default: the loss (principal outstanding at default, at most the amount covered) minus the recoveries recorded before the payout. */
export function netLossFen(lossFen: Fen, deductedFen: Fen): Fen {
  return Math.max(0, lossFen - deductedFen);
}

/**
 * A claim after a recovery recorded before its payout: it asks at most the new net loss, split again by the
 * shares (exact to the fen). Null when nothing is left to claim (the loss was recovered in full).
 */
export function recomputeClaim(claim: { lossFen: Fen; deductedFen: Fen; claimedFen: Fen; shares: PoolShares }): { claimedFen: Fen; bankFen: Fen; governmentFen: Fen } | null {
  const claimedFen = Math.min(claim.claimedFen, netLossFen(claim.lossFen, claim.deductedFen));
  if (claimedFen <= 0) return null;
  return { claimedFen, ...splitByShares(claimedFen, claim.shares) };
}

/** Refuses a claim larger than the loss, or a second live claim on the same default. */
export function checkClaim(claim: { claimedFen: Fen; lossFen: Fen; hasLiveClaim: boolean }): void {
  if (claim.hasLiveClaim) throw new PoolError('claim_exists', 'A claim for this default exists already');
  if (claim.claimedFen > claim.lossFen) throw new PoolError('claim_exceeds_loss', `The claim (${claim.claimedFen} fen) is larger than the loss (${claim.lossFen} fen)`);
}

export const contributionEntries = (source: CapitalSource, amountFen: Fen): LedgerEntry[] => [{ debit: CASH, credit: capitalAccount(source), amountFen }];

/** The government's share of a claim, paid out of the pool's cash (refused when the cash does not hold it). */
export function payoutEntries(cashFen: Fen, governmentFen: Fen): LedgerEntry[] {
  if (governmentFen > cashFen) throw new PoolError('insufficient_cash', `The pool holds ${cashFen} fen, the payout of ${governmentFen} fen does not fit`);
  return governmentFen > 0 ? [{ debit: CLAIMS_PAID, credit: CASH, amountFen: governmentFen }] : [];
}

/**
 * A recovery on a claimed loss: split in the claim's shares, cumulatively (the government's part of all
 * recoveries so far is exactly its share of their total). Refused when the recoveries would exceed the
 * amount claimed. Returns the split of this recovery and the entry bringing the government's part back.
 */
export function recoverySplit(claim: { claimedFen: Fen; recoveredBeforeFen: Fen; shares: PoolShares }, recoveredFen: Fen): { bankFen: Fen; governmentFen: Fen; entries: LedgerEntry[] } {
  const total = claim.recoveredBeforeFen + recoveredFen;
  if (total > claim.claimedFen) throw new PoolError('recovery_exceeds_loss', `Recoveries would total ${total} fen, more than the ${claim.claimedFen} fen claimed`);
  const before = splitByShares(claim.recoveredBeforeFen, claim.shares).governmentFen;
  const after = splitByShares(total, claim.shares).governmentFen;
  const governmentFen = after - before;
  return { bankFen: recoveredFen - governmentFen, governmentFen, entries: governmentFen > 0 ? [{ debit: CASH, credit: RECOVERIES, amountFen: governmentFen }] : [] };
}
