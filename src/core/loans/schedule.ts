/**
 * Repayment schedules of a loan in integer fen, exact to the fen: the principal of the instalments sums to
 * the loan's principal, no amount is negative, and every rounding remainder lands in the last instalment.
 *
 *   equal_instalment  等额本息: the same payment every month (the annuity), interest on the balance, the last
 *                     instalment takes what is left of the principal;
 *   interest_first    先息后本: interest every month, the whole principal with the last;
 *   bullet            到期一次还本付息: principal and simple interest for the whole term, once at maturity.
 *
 * Interest of a month is balance × annual rate (bp) / 120000, rounded half up, computed in BigInt so a loan
 * of any size in fen stays exact. Due dates are monthly from the disbursement day, clamped to the end of a
 * shorter month (disbursed 01-31 → due 02-28, 03-31 …).
 */
export type RepaymentMethod = 'equal_instalment' | 'interest_first' | 'bullet';

export interface Installment {
  seq: number;
  dueOn: string;
  principalFen: number;
  interestFen: number;
}

export interface LoanTerms {
  principalFen: number;
  /** Annual rate in basis points (435 = 4.35%). */
  rateBp: number;
  termMonths: number;
  method: RepaymentMethod;
  /** The disbursement day, 'YYYY-MM-DD'. */
  disbursedOn: string;
}

export class ScheduleError extends Error {}

const MONTH_DIVISOR = 120_000n; // 12 months × 10,000 bp

/** a / b rounded half up, for non-negative BigInts. */
function divRound(a: bigint, b: bigint): bigint {
  return (a * 2n + b) / (2n * b);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** The date `months` months after `date` ('YYYY-MM-DD'), clamped to the end of a shorter month. */
export function addMonths(date: string, months: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new ScheduleError(`not a date: ${date}`);
  const total = Number(match[1]) * 12 + (Number(match[2]) - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const day = Math.min(Number(match[3]), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function checkTerms(terms: LoanTerms): void {
  if (!Number.isSafeInteger(terms.principalFen) || terms.principalFen <= 0) throw new ScheduleError('the principal is a positive whole number of fen');
  if (!Number.isInteger(terms.rateBp) || terms.rateBp < 0 || terms.rateBp > 10_000) throw new ScheduleError('the rate is 0 to 10000 bp');
  if (!Number.isInteger(terms.termMonths) || terms.termMonths < 1 || terms.termMonths > 360) throw new ScheduleError('the term is 1 to 360 months');
}

/**
 * The annuity payment of 等额本息, rounded up to the fen so the balance never grows: P = L·r·(1+r)^n / ((1+r)^n − 1)
 * with r = rateBp / 120000, computed exactly in BigInt as L·bp·A^n / (120000·(A^n − B^n)), A = 120000 + bp,
 * B = 120000 (floating point loses fen on large loans and tiny rates).
 */
export function annuityPaymentFen(principalFen: number, rateBp: number, termMonths: number): number {
  if (rateBp === 0) return Math.ceil(principalFen / termMonths);
  const a = MONTH_DIVISOR + BigInt(rateBp);
  const an = a ** BigInt(termMonths);
  const bn = MONTH_DIVISOR ** BigInt(termMonths);
  const numerator = BigInt(principalFen) * BigInt(rateBp) * an;
  const denominator = MONTH_DIVISOR * (an - bn);
  return Number((numerator + denominator - 1n) / denominator);
}

/** The repayment schedule of a loan (see the header). */
export function repaymentSchedule(terms: LoanTerms): Installment[] {
  checkTerms(terms);
  const principal = BigInt(terms.principalFen);
  const rate = BigInt(terms.rateBp);
  const n = terms.termMonths;
  const out: Installment[] = [];
  const due = (seq: number) => addMonths(terms.disbursedOn, seq);
  if (terms.method === 'bullet') {
    out.push({ seq: 1, dueOn: due(n), principalFen: terms.principalFen, interestFen: Number(divRound(principal * rate * BigInt(n), MONTH_DIVISOR)) });
    return out;
  }
  if (terms.method === 'interest_first') {
    const interest = Number(divRound(principal * rate, MONTH_DIVISOR));
    for (let seq = 1; seq <= n; seq++) out.push({ seq, dueOn: due(seq), principalFen: seq === n ? terms.principalFen : 0, interestFen: interest });
    return out;
  }
  const payment = BigInt(annuityPaymentFen(terms.principalFen, terms.rateBp, n));
  let balance = principal;
  for (let seq = 1; seq <= n; seq++) {
    const interest = divRound(balance * rate, MONTH_DIVISOR);
    let part = seq === n ? balance : payment - interest;
    if (part < 0n) part = 0n;
    if (part > balance) part = balance;
    balance -= part;
    out.push({ seq, dueOn: due(seq), principalFen: Number(part), interestFen: Number(interest) });
  }
  return out;
}

/** What is still owed on an instalment. */
export interface OpenInstallment {
  seq: number;
  dueOn: string;
  principalDueFen: number;
  interestDueFen: number;
}

export interface Allocation {
  seq: number;
  principalFen: number;
  interestFen: number;
  /** Whether this payment settles the instalment. */
  settles: boolean;
}

/**
 * Allocates a repayment to the open instalments, oldest first, interest before principal (the usual order of
 * a bank's ledger). Returns the allocations and what could not be allocated (more than is owed).
 */
export function allocateRepayment(open: readonly OpenInstallment[], amountFen: number): { allocations: Allocation[]; unallocatedFen: number } {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw new ScheduleError('a repayment is a positive whole number of fen');
  let left = amountFen;
  const allocations: Allocation[] = [];
  for (const inst of [...open].sort((a, b) => a.seq - b.seq)) {
    if (left === 0) break;
    const interest = Math.min(left, inst.interestDueFen);
    left -= interest;
    const principal = Math.min(left, inst.principalDueFen);
    left -= principal;
    if (interest > 0 || principal > 0 || (inst.interestDueFen === 0 && inst.principalDueFen === 0)) {
      allocations.push({ seq: inst.seq, principalFen: principal, interestFen: interest, settles: interest === inst.interestDueFen && principal === inst.principalDueFen });
    }
  }
  return { allocations, unallocatedFen: left };
}

/** Days between two county dates ('YYYY-MM-DD'), b − a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
