/**
 * The payee account (收款账户) an enterprise gives on an application: the bank (开户银行, down to the
 * branch), the account name (户名) and the account number (账号). Public funds go to the enterprise's own
 * corporate account, so the account name must be its registered name; the number is what Chinese banks
 * print on an account-opening licence: digits only (spaces and hyphens as typed are dropped), 8 to 30 of
 * them (corporate accounts run from 12 to 22 digits at the large banks and rural banks use up to 30; no
 * single check-digit scheme covers them all, so none is applied). One function for the server and the form.
 */

export interface BankAccount {
  bankName: string;
  accountName: string;
  accountNumber: string;
}

export type BankAccountProblem = 'bank_name' | 'account_name_mismatch' | 'account_number_digits' | 'account_number_length' | 'required';

export const ACCOUNT_NUMBER_MIN = 8;
export const ACCOUNT_NUMBER_MAX = 30;
/** What names a bank: a bank, a credit cooperative or the postal savings bank. */
const BANK_WORD = /银行|信用社|信用合作|农商行|邮政储蓄|储蓄银行|Bank/i;

/** A name compared as registered: no spaces, brackets of either width alike. */
export function normalizeName(name: string): string {
  return name.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

/** The account number as stored: the digits typed, without spaces or hyphens. */
export function normalizeAccountNumber(text: string): string {
  return text.replace(/[\s-]+/g, '');
}

/**
 * Checks an account against the enterprise's registered name: the account normalised, or the problem of
 * each part (keyed by bankName / accountName / accountNumber).
 */
export function checkBankAccount(input: Partial<Record<keyof BankAccount, unknown>>, registeredName: string): { ok: true; account: BankAccount } | { ok: false; problems: Partial<Record<keyof BankAccount, BankAccountProblem>> } {
  const problems: Partial<Record<keyof BankAccount, BankAccountProblem>> = {};
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const bankName = text(input.bankName);
  const accountName = text(input.accountName);
  const accountNumber = normalizeAccountNumber(text(input.accountNumber));
  if (bankName === '') problems.bankName = 'required';
  else if (bankName.length < 4 || bankName.length > 60 || !BANK_WORD.test(bankName)) problems.bankName = 'bank_name';
  if (accountName === '') problems.accountName = 'required';
  else if (normalizeName(accountName) !== normalizeName(registeredName)) problems.accountName = 'account_name_mismatch';
  if (accountNumber === '') problems.accountNumber = 'required';
  else if (!/^\d+$/.test(accountNumber)) problems.accountNumber = 'account_number_digits';
  else if (accountNumber.length < ACCOUNT_NUMBER_MIN || accountNumber.length > ACCOUNT_NUMBER_MAX) problems.accountNumber = 'account_number_length';
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, account: { bankName, accountName: normalizeName(accountName), accountNumber } };
}

/** An account on one line: "中国工商银行垫江支行 · 重庆某某有限公司 · 3100 0212 3456 7890 123". */
export function formatBankAccount(account: BankAccount): string {
  return `${account.bankName} · ${account.accountName} · ${account.accountNumber.replace(/(\d{4})(?=\d)/g, '$1 ')}`;
}

/** Whether a stored form value is an account (the shape checkBankAccount returns). */
export function isBankAccount(value: unknown): value is BankAccount {
  return typeof value === 'object' && value !== null && typeof (value as BankAccount).bankName === 'string' && typeof (value as BankAccount).accountName === 'string' && typeof (value as BankAccount).accountNumber === 'string';
}
