import { MoneyError, wanToFen, yuanToFen } from '../../../../../core/money/money.ts';
import { normalizeAccountNumber, type BankAccount } from '../../../../../core/payee/bank-account.ts';
import type { ApplicationFormField } from '../../../../api/types.ts';

/** Money as typed: the text and its unit (万元 or 元). */
export interface TypedMoney {
  text: string;
  moneyUnit: 'wan' | 'yuan';
}

/** What a form item holds, by field type: text, number and date as strings ('YYYY-MM-DD'), money typed, files. */
export type EnteredValue = string | TypedMoney | File | Partial<BankAccount> | null | undefined;

export type ValueProblem = 'required' | 'not_a_number' | 'too_many_decimals' | 'negative' | 'too_large' | 'too_long' | 'not_a_date';

export interface CollectedForm {
  /** The body's `formData`: money in integer fen, numbers as numbers, dates 'YYYY-MM-DD', no files. */
  formData: Record<string, string | number | BankAccount | null>;
  files: { fieldKey: string; file: File }[];
  problems: { key: string; problem: ValueProblem }[];
  /** Declared facts (申报时声明), the body's `declarations`; set by the form when the policy has some. */
  declarations?: Record<string, boolean | number | string>;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads typed money into integer fen exactly (never through a float): "12.5" 万元 → 12500000. */
export function readMoney(typed: TypedMoney): { ok: true; fen: number } | { ok: false; problem: ValueProblem } {
  const text = typed.text.trim().replace(/[,，\s]/g, '');
  if (!DECIMAL.test(text)) return { ok: false, problem: 'not_a_number' };
  if (text.startsWith('-')) return { ok: false, problem: 'negative' };
  try {
    return { ok: true, fen: typed.moneyUnit === 'wan' ? wanToFen(text) : yuanToFen(text) };
  } catch (error) {
    if (error instanceof MoneyError) return { ok: false, problem: /decimals/.test(error.message) ? 'too_many_decimals' : 'too_large' };
    throw error;
  }
}

/** Integer fen as 万元 text, exactly: 125000000 → "125", 1234567 → "1.234567". */
export function fenToWanText(fen: number): string {
  const value = BigInt(fen);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  const whole = abs / 1_000_000n;
  const fraction = (abs % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

function isEmpty(value: EnteredValue): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (value instanceof File) return false;
  if ('text' in value) return value.text.trim() === '';
  return [value.bankName, value.accountName, value.accountNumber].every((part) => !part?.trim());
}

/**
 * The enterprise's fields of the form (source 'enterprise') read into the API's `formData` and the files
 * to upload, with a problem per field that cannot be read. `requireFiles` is false when resubmitting
 * (files already uploaded stay; only new ones are sent).
 */
export function collectForm(fields: readonly ApplicationFormField[], values: Record<string, EnteredValue>, options: { requireFiles?: boolean } = {}): CollectedForm {
  const out: CollectedForm = { formData: {}, files: [], problems: [] };
  for (const field of fields) {
    if (field.source !== 'enterprise') continue;
    const value = values[field.key];
    if (isEmpty(value)) {
      if (field.required && (field.type !== 'file' || options.requireFiles !== false)) out.problems.push({ key: field.key, problem: 'required' });
      else if (field.type !== 'file') out.formData[field.key] = null;
      continue;
    }
    switch (field.type) {
      case 'file':
        if (value instanceof File) out.files.push({ fieldKey: field.key, file: value });
        break;
      case 'bank_account': {
        const account = value as Partial<BankAccount>;
        out.formData[field.key] = { bankName: account.bankName?.trim() ?? '', accountName: account.accountName?.trim() ?? '', accountNumber: normalizeAccountNumber(account.accountNumber?.trim() ?? '') };
        break;
      }
      case 'money': {
        const read = readMoney(value as TypedMoney);
        if (read.ok) out.formData[field.key] = read.fen;
        else out.problems.push({ key: field.key, problem: read.problem });
        break;
      }
      case 'number': {
        const text = String(value).trim().replace(/[,，\s]/g, '');
        const number = Number(text);
        if (!DECIMAL.test(text) || !Number.isFinite(number)) out.problems.push({ key: field.key, problem: 'not_a_number' });
        else out.formData[field.key] = number;
        break;
      }
      case 'date': {
        const text = String(value);
        if (!DATE.test(text)) out.problems.push({ key: field.key, problem: 'not_a_date' });
        else out.formData[field.key] = text;
        break;
      }
      default: {
        const text = String(value).trim();
        if (text.length > 5000) out.problems.push({ key: field.key, problem: 'too_long' });
        else out.formData[field.key] = text;
      }
    }
  }
  return out;
}

/** What the enterprise entered before (a returned application's `formData.entered`) as form values to edit. */
export function initialValues(fields: readonly ApplicationFormField[], entered: Record<string, unknown> | null | undefined): Record<string, EnteredValue> {
  const values: Record<string, EnteredValue> = {};
  for (const field of fields) {
    if (field.source !== 'enterprise' || field.type === 'file') continue;
    const value = entered?.[field.key];
    if (value === null || value === undefined) {
      if (field.type === 'money') values[field.key] = { text: '', moneyUnit: 'wan' };
      continue;
    }
    if (field.type === 'bank_account') values[field.key] = typeof value === 'object' ? (value as Partial<BankAccount>) : { bankName: '', accountName: '', accountNumber: String(value) };
    else if (field.type === 'money') values[field.key] = typeof value === 'number' && Number.isSafeInteger(value) ? { text: fenToWanText(value), moneyUnit: 'wan' } : { text: '', moneyUnit: 'wan' };
    else values[field.key] = String(value);
  }
  return values;
}

/** The form field a server problem is about: `body/formData/bankAccount` (or `…/bankAccount/accountNumber`) → 'bankAccount'. */
export function fieldOfProblemPath(path: unknown): string | null {
  if (typeof path !== 'string') return null;
  return /^body\/formData\/([A-Za-z][A-Za-z0-9_]*)(\/[A-Za-z]+)?$/.exec(path)?.[1] ?? null;
}
