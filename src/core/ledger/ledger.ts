/**
 * A double-entry ledger in integer fen. An entry moves an amount from one account (credit) to another
 * (debit); entries are never changed or removed, and every balance is derived from them: the balance of
 * an account is the sum of its debits minus the sum of its credits. Because each entry debits and
 * credits the same amount, the balances of all accounts always sum to zero.
 *
 * Accounts are strings. Asset accounts (money the pool holds) may never go below zero: `post` refuses an
 * entry that would overdraw one. Other accounts (capital by source, losses paid, recoveries) carry the
 * opposite side and may be negative by nature.
 */
import { assertFen, type Fen } from '../money/money.ts';

export interface LedgerEntry {
  /** The account that receives the amount (its balance rises). */
  debit: string;
  /** The account the amount comes from (its balance falls). */
  credit: string;
  /** Positive integer fen. */
  amountFen: Fen;
}

export class LedgerError extends Error {
  constructor(
    readonly reason: 'invalid_amount' | 'same_account' | 'overdrawn',
    message: string,
    readonly account?: string,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}

/** Balances of every account the entries touch (debits − credits), exact integers. */
export function balances(entries: readonly LedgerEntry[]): Map<string, Fen> {
  const result = new Map<string, Fen>();
  for (const entry of entries) {
    result.set(entry.debit, (result.get(entry.debit) ?? 0) + entry.amountFen);
    result.set(entry.credit, (result.get(entry.credit) ?? 0) - entry.amountFen);
  }
  return result;
}

/** The balance of one account. */
export function balanceOf(entries: readonly LedgerEntry[], account: string): Fen {
  let total = 0;
  for (const entry of entries) {
    if (entry.debit === account) total += entry.amountFen;
    if (entry.credit === account) total -= entry.amountFen;
  }
  return total;
}

/** Checks one entry in isolation: positive safe integer amount, two different accounts. */
export function checkEntry(entry: LedgerEntry): void {
  try {
    assertFen(entry.amountFen);
  } catch {
    throw new LedgerError('invalid_amount', `amount must be an integer number of fen, got ${entry.amountFen}`);
  }
  if (entry.amountFen <= 0) throw new LedgerError('invalid_amount', `amount must be positive, got ${entry.amountFen}`);
  if (entry.debit === entry.credit) throw new LedgerError('same_account', `an entry moves money between two accounts, not within ${entry.debit}`);
}

/**
 * Posts new entries after the existing ones: each is checked, and none may leave an asset account
 * (`isAsset`) below zero at any point. Returns the new entries (the caller appends them); throws a
 * LedgerError and posts nothing otherwise.
 */
export function post(existing: ReadonlyMap<string, Fen>, entries: readonly LedgerEntry[], isAsset: (account: string) => boolean): LedgerEntry[] {
  const running = new Map(existing);
  for (const entry of entries) {
    checkEntry(entry);
    running.set(entry.debit, (running.get(entry.debit) ?? 0) + entry.amountFen);
    const after = (running.get(entry.credit) ?? 0) - entry.amountFen;
    if (isAsset(entry.credit) && after < 0) {
      throw new LedgerError('overdrawn', `${entry.credit} holds ${after + entry.amountFen} fen, ${entry.amountFen} cannot be taken from it`, entry.credit);
    }
    running.set(entry.credit, after);
  }
  return [...entries];
}
