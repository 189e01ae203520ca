/**
 * The application form: what the platform already knows (registry facts and the facts the policy's rule
 * read, with their values, periods and sources) comes pre-filled and read-only; the enterprise adds only
 * the policy's own form fields. The enterprise's additions are checked here against the field types.
 */
import { checkBankAccount, type BankAccount } from '../../../core/payee/bank-account.ts';
import type { Explanation, ExplainedInput, FactCatalogue, Operand } from '../../../core/rules/index.ts';
import type { ErrorDetail } from '../../errors.ts';
import type { FormFieldView } from './applications.schemas.ts';

export interface PolicyFormField {
  key: string;
  labelZh: string;
  labelEn: string;
  /** bank_account: the payee account (收款账户), an object { bankName, accountName, accountNumber }. */
  type: 'text' | 'number' | 'money' | 'date' | 'file' | 'bank_account';
  required: boolean;
}

const REGISTRY_SOURCE = { code: 'registry', nameZh: '市场主体登记', nameEn: 'Business registry' };
const DERIVED_SOURCE = { code: 'derived', nameZh: '平台画像', nameEn: 'Platform profile' };

/** The registry facts every form shows. */
export function registryFields(enterprise: { name: string; uscc: string; legalRepresentative: string | null; address: string | null }): FormFieldView[] {
  const field = (key: string, labelZh: string, labelEn: string, value: string | null): FormFieldView => ({
    key,
    label: labelZh,
    labelZh,
    labelEn,
    value,
    source: 'profile',
    required: false,
    type: 'text',
    period: null,
    dataSource: REGISTRY_SOURCE,
    unit: null,
  });
  return [
    field('enterpriseName', '企业名称', 'Enterprise name', enterprise.name),
    field('uscc', '统一社会信用代码', 'Unified social credit code', enterprise.uscc),
    field('legalRepresentative', '法定代表人', 'Legal representative', enterprise.legalRepresentative),
    field('address', '住所', 'Registered address', enterprise.address),
  ];
}

/** Every fact reference the explanation read, once per fact and period, in the order of the rule. */
export function explainedInputs(explanation: Explanation): ExplainedInput[] {
  const out = new Map<string, ExplainedInput>();
  const add = (input: ExplainedInput) => {
    const key = `${input.fact}|${input.period ?? ''}`;
    if (!out.has(key)) out.set(key, input);
  };
  const operand = (o: Operand | null | undefined) => o?.inputs.forEach(add);
  const visit = (node: Explanation) => {
    switch (node.kind) {
      case 'all':
      case 'any':
      case 'not':
      case 'atLeast':
        node.children.forEach(visit);
        break;
      case 'compare':
        operand(node.left);
        operand(node.right);
        break;
      case 'between':
        operand(node.operand);
        break;
      case 'bands':
        operand(node.by);
        operand(node.operand);
        break;
      case 'in':
      case 'is':
      case 'industry':
        add(node.input);
        break;
      default:
        // history and certification nodes read series and records, not one value: the explanation
        // (GET /api/policies/:id/evaluate) shows them; the form lists single facts.
        break;
    }
  };
  visit(explanation);
  return [...out.values()];
}

function keyOf(fact: string, period: string | null): string {
  return `fact_${fact}${period ? `_${period.replace(/[^A-Za-z0-9]/g, '_')}` : ''}`.slice(0, 64);
}

function ymd(value: number): string {
  const text = String(value);
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}

/**
 * The facts the rule read as read-only form fields: value in the fact's unit (fen for money, a date as
 * YYYY-MM-DD), the period and the source of the value the platform used.
 */
export function factFields(
  inputs: readonly ExplainedInput[],
  catalogue: FactCatalogue,
  effectiveSources: ReadonlyMap<string, { code: string; nameZh: string; nameEn: string }>,
): FormFieldView[] {
  return inputs.map((input) => {
    const definition = catalogue.facts.get(input.fact);
    const unit = definition?.unit ?? null;
    const type: FormFieldView['type'] = unit === 'fen' ? 'money' : unit === 'date' ? 'date' : unit === 'code' || unit === 'grade' ? 'text' : unit === 'boolean' ? 'boolean' : 'number';
    let value: FormFieldView['value'] = input.value;
    if (type === 'date' && typeof input.value === 'number') value = ymd(input.value);
    if (type === 'boolean' && typeof input.value === 'number') value = input.value === 1;
    const nameZh = definition?.nameZh ?? input.fact;
    const nameEn = definition?.nameEn ?? input.fact;
    const labelZh = input.period ? `${nameZh}（${input.period}）` : nameZh;
    const dataSource =
      definition?.origin === 'indicator'
        ? (effectiveSources.get(`${input.fact}|${input.period ?? ''}`) ?? null)
        : definition?.origin === 'derived'
          ? DERIVED_SOURCE
          : REGISTRY_SOURCE;
    return {
      key: keyOf(input.fact, input.period),
      label: labelZh,
      labelZh,
      labelEn: input.period ? `${nameEn} (${input.period})` : nameEn,
      value,
      source: 'profile',
      required: false,
      type,
      period: input.period,
      dataSource,
      unit,
    };
  });
}

/** The policy's own fields, for the enterprise to fill in. */
export function enterpriseFields(fields: readonly PolicyFormField[]): FormFieldView[] {
  return fields.map((f) => ({
    key: f.key,
    label: f.labelZh,
    labelZh: f.labelZh,
    labelEn: f.labelEn,
    value: null,
    source: 'enterprise',
    required: f.required,
    type: f.type,
    period: null,
    dataSource: null,
    unit: f.type === 'money' ? 'fen' : null,
  }));
}

/** What the enterprise entered in one field, as stored. */
export type EnteredData = string | number | boolean | BankAccount | null;

const BANK_ACCOUNT_MESSAGES: Record<string, string> = {
  required: 'required',
  bank_name: 'the bank that keeps the account, e.g. 中国工商银行垫江支行',
  account_name_mismatch: 'the account name must be the enterprise’s registered name',
  account_number_digits: 'an account number is digits only',
  account_number_length: 'an account number has 8 to 30 digits',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar date: Date.parse alone would take 2026-02-30 for 2026-03-02. */
const isDate = (text: string) => DATE.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;

/**
 * Checks what the enterprise typed against the policy's fields: only its own fields (profile facts are
 * not the enterprise's to overwrite here — it corrects them through self-reported indicators or a
 * dispute), the right types (money in integer fen), the required ones present. File fields are uploaded
 * separately and are not part of the form data. A payee account (bank_account) is checked part by part
 * (core/payee/bank-account.ts): a bank, the enterprise's registered name, 8–30 digits.
 */
export function checkEnterpriseData(fields: readonly PolicyFormField[], data: Record<string, unknown>, registeredName: string, path = 'body/formData'): { values: Record<string, EnteredData>; problems: ErrorDetail[] } {
  const problems: ErrorDetail[] = [];
  const values: Record<string, EnteredData> = {};
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const [key, value] of Object.entries(data)) {
    const field = byKey.get(key);
    if (!field) {
      problems.push({ path: `${path}/${key}`, message: 'not a field the enterprise fills in for this policy' });
      continue;
    }
    if (field.type === 'file') {
      problems.push({ path: `${path}/${key}`, message: 'upload files with POST /api/applications/{id}/files' });
      continue;
    }
    if (value === null || value === '') continue;
    if (field.type === 'bank_account') {
      if (typeof value !== 'object' || Array.isArray(value) || Object.keys(value).some((k) => !['bankName', 'accountName', 'accountNumber'].includes(k))) {
        problems.push({ path: `${path}/${key}`, message: 'an account is { bankName, accountName, accountNumber }' });
        continue;
      }
      const checked = checkBankAccount(value as Record<string, unknown>, registeredName);
      if (checked.ok) values[key] = checked.account;
      else for (const [part, problem] of Object.entries(checked.problems)) problems.push({ path: `${path}/${key}/${part}`, message: BANK_ACCOUNT_MESSAGES[problem] });
      continue;
    }
    if (field.type === 'money' && !(typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)) {
      problems.push({ path: `${path}/${key}`, message: 'an amount is a whole number of fen (分), not negative' });
    } else if (field.type === 'number' && !(typeof value === 'number' && Number.isFinite(value))) {
      problems.push({ path: `${path}/${key}`, message: 'must be a number' });
    } else if (field.type === 'date' && !(typeof value === 'string' && isDate(value))) {
      problems.push({ path: `${path}/${key}`, message: 'must be a date YYYY-MM-DD' });
    } else if (field.type === 'text' && !(typeof value === 'string' && value.length <= 5000)) {
      problems.push({ path: `${path}/${key}`, message: 'must be text of at most 5000 characters' });
    } else {
      values[key] = value as string | number | boolean;
    }
  }
  for (const field of fields) {
    if (field.required && field.type !== 'file' && (values[field.key] === undefined || values[field.key] === null)) {
      if (!problems.some((p) => p.path === `${path}/${field.key}` || p.path?.startsWith(`${path}/${field.key}/`))) problems.push({ path: `${path}/${field.key}`, message: 'required' });
    }
  }
  return { values, problems };
}
