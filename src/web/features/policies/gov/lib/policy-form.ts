/**
 * The policy editor's values and the API's: dates of the application window as whole days in the county's
 * time zone, the review process as 受理 + the configurable review steps + 公示 + 兑付, and the rule, benefit
 * and parameters as JSON text the department edits. Pure, so the conversions are unit-tested.
 */
import type { CreatePolicyInput, PolicyDetail, PolicyFormField, PolicyReviewStep } from '../../../../api/types.ts';
import { locateJson } from './json-locate.ts';
import { countyDate } from '../../../../lib/format.ts';
import { declaredFactsFromForm, declaredFactsToForm, declaredFieldOfPath, type DeclaredFactFormValue } from './declared-form.ts';

export interface QaValue {
  q: string;
  a: string;
}

/** What the editor's form holds (dates as 'YYYY-MM-DD'; the page converts them to and from dayjs). */
export interface PolicyFormValues {
  title: string;
  documentNo: string;
  summary: string;
  sourceText: string;
  interpretation: string;
  qa: QaValue[];
  validFrom: string;
  validUntil: string;
  applyFrom: string | null;
  applyUntil: string | null;
  tags: string[];
  isAutoGrant: boolean;
  exclusionGroup: string;
  acceptDays: number;
  reviewSteps: PolicyReviewStep[];
  publicNoticeDays: number;
  disburseDays: number;
  formFields: PolicyFormField[];
  /** 申报时声明: the facts the applicant declares on the form (declared-form.ts). */
  declaredFacts: DeclaredFactFormValue[];
  ruleText: string;
  benefitText: string;
  paramsText: string;
}

export const ACCEPT_KEY = 'accept';
export const NOTICE_KEY = 'notice';
export const DISBURSE_KEY = 'disburse';

const ACCEPT_STEP: PolicyReviewStep = { key: ACCEPT_KEY, nameZh: '受理', nameEn: 'Acceptance', deadlineWorkingDays: 3 };
const NOTICE_STEP: PolicyReviewStep = { key: NOTICE_KEY, nameZh: '公示', nameEn: 'Public notice', deadlineWorkingDays: 5 };
const DISBURSE_STEP: PolicyReviewStep = { key: DISBURSE_KEY, nameZh: '兑付', nameEn: 'Disbursement', deadlineWorkingDays: 10 };
export const DEFAULT_REVIEW_STEP: PolicyReviewStep = { key: 'review', nameZh: '审核', nameEn: 'Review', deadlineWorkingDays: 10 };

/** The county's clock: a window opens at 00:00 and closes at 23:59:59 of its days in Asia/Shanghai. */
const COUNTY_OFFSET = '+08:00';

/** 'YYYY-MM-DD' → the ISO instant the application window opens that day (00:00 in the county). */
export function windowStartIso(date: string): string {
  return new Date(`${date}T00:00:00${COUNTY_OFFSET}`).toISOString();
}

/** 'YYYY-MM-DD' → the ISO instant the application window closes that day (23:59:59 in the county). */
export function windowEndIso(date: string): string {
  return new Date(`${date}T23:59:59${COUNTY_OFFSET}`).toISOString();
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** A new policy's starting point: no condition and no benefit yet, the default process. */
export function blankPolicyValues(today: string): PolicyFormValues {
  const year = Number(today.slice(0, 4));
  return {
    title: '',
    documentNo: '',
    summary: '',
    sourceText: '',
    interpretation: '',
    qa: [],
    validFrom: today,
    validUntil: `${year}-12-31`,
    applyFrom: null,
    applyUntil: null,
    tags: [],
    isAutoGrant: false,
    exclusionGroup: '',
    acceptDays: ACCEPT_STEP.deadlineWorkingDays,
    reviewSteps: [DEFAULT_REVIEW_STEP],
    publicNoticeDays: 5,
    disburseDays: DISBURSE_STEP.deadlineWorkingDays,
    formFields: [],
    declaredFacts: [],
    // No sample rule: the official adds the conditions and chooses the benefit (an empty draft cannot be saved).
    ruleText: pretty({ all: [] }),
    benefitText: '',
    paramsText: '[]',
  };
}

/** Splits a stored process into its parts: 受理, the review steps between, 公示, 兑付. */
export function splitReviewSteps(steps: readonly PolicyReviewStep[]) {
  const list = [...steps];
  const take = (key: string) => {
    const index = list.findIndex((step) => step.key === key);
    return index >= 0 ? list.splice(index, 1)[0] : null;
  };
  const disburse = take(DISBURSE_KEY) ?? DISBURSE_STEP;
  const notice = take(NOTICE_KEY) ?? NOTICE_STEP;
  const accept = list[0]?.key === ACCEPT_KEY ? list.shift()! : ACCEPT_STEP;
  return { accept, reviews: list.length ? list : [DEFAULT_REVIEW_STEP], notice, disburse };
}

/** The editor's values of a stored version. */
export function formValuesFromDetail(detail: PolicyDetail): PolicyFormValues {
  const { accept, reviews, disburse } = splitReviewSteps(detail.reviewSteps);
  return {
    title: detail.title,
    documentNo: detail.documentNo ?? '',
    summary: detail.summary,
    sourceText: detail.sourceText ?? '',
    interpretation: detail.interpretation ?? '',
    qa: detail.qa.map((item) => ({ ...item })),
    validFrom: detail.validFrom,
    validUntil: detail.validUntil ?? detail.validFrom,
    applyFrom: detail.applyFrom ? countyDate(detail.applyFrom) : null,
    applyUntil: detail.applyUntil ? countyDate(detail.applyUntil) : null,
    tags: [...detail.tags],
    isAutoGrant: detail.isAutoGrant,
    exclusionGroup: detail.exclusionGroup ?? '',
    acceptDays: accept.deadlineWorkingDays,
    reviewSteps: reviews.map((step) => ({ ...step })),
    publicNoticeDays: detail.publicNoticeDays,
    disburseDays: disburse.deadlineWorkingDays,
    formFields: detail.formFields.map((field) => ({ ...field, type: field.type as PolicyFormField['type'] })),
    declaredFacts: declaredFactsToForm(detail.declaredFacts),
    ruleText: pretty(detail.rule),
    benefitText: pretty(detail.benefit),
    paramsText: pretty(detail.params ?? []),
  };
}

/** The JSON fields of the editor, in the order problems are listed. */
export const JSON_FIELDS = ['rule', 'benefit', 'params'] as const;
export type JsonField = (typeof JSON_FIELDS)[number];

export type PolicyInputResult = { ok: true; input: CreatePolicyInput } | { ok: false; syntax: JsonField[] };

/**
 * The API body of the editor's values. The JSON texts must parse (the editor shows where they do not);
 * whether they make a valid rule is the server's save-time check.
 */
export function inputFromFormValues(values: PolicyFormValues): PolicyInputResult {
  const parsed: Partial<Record<JsonField, unknown>> = {};
  const syntax: JsonField[] = [];
  for (const field of JSON_FIELDS) {
    const text = field === 'rule' ? values.ruleText : field === 'benefit' ? values.benefitText : values.paramsText.trim() || '[]';
    const located = locateJson(text);
    if (located.ok) parsed[field] = located.value;
    else syntax.push(field);
  }
  if (syntax.length) return { ok: false, syntax };
  const text = (value: string) => value.trim() || null;
  const accept = { ...ACCEPT_STEP, deadlineWorkingDays: values.acceptDays };
  const notice = { ...NOTICE_STEP, deadlineWorkingDays: Math.max(1, values.publicNoticeDays) };
  const disburse = { ...DISBURSE_STEP, deadlineWorkingDays: values.disburseDays };
  return {
    ok: true,
    input: {
      title: values.title.trim(),
      documentNo: text(values.documentNo),
      summary: values.summary.trim(),
      sourceText: text(values.sourceText),
      interpretation: text(values.interpretation),
      qa: values.qa.filter((item) => item.q.trim() && item.a.trim()).map((item) => ({ q: item.q.trim(), a: item.a.trim() })),
      validFrom: values.validFrom,
      validUntil: values.validUntil,
      applyFrom: values.applyFrom ? windowStartIso(values.applyFrom) : null,
      applyUntil: values.applyUntil ? windowEndIso(values.applyUntil) : null,
      tags: [...new Set(values.tags.map((tag) => tag.trim()).filter(Boolean))],
      rule: parsed.rule,
      benefit: parsed.benefit,
      params: parsed.params,
      declaredFacts: declaredFactsFromForm(values.declaredFacts),
      exclusionGroup: text(values.exclusionGroup),
      isAutoGrant: values.isAutoGrant,
      reviewSteps: [accept, ...values.reviewSteps.map((step) => ({ ...step, key: step.key.trim(), nameZh: step.nameZh.trim(), nameEn: step.nameEn.trim() })), notice, disburse],
      publicNoticeDays: values.publicNoticeDays,
      formFields: values.formFields.map((field) => ({ ...field, key: field.key.trim(), labelZh: field.labelZh.trim(), labelEn: field.labelEn.trim() })),
    },
  };
}

/**
 * Where a server problem path points in the editor: a JSON field with a pointer inside it, or a form
 * field (`body/reviewSteps/1/key` → ['reviewSteps', 1, 'key'] of the form list, shifted past 受理).
 */
export function formFieldOfPath(path: string): (string | number)[] | null {
  const parts = path.replace(/^\/?body\/?/, '').split('/').filter(Boolean);
  if (parts.length === 0) return null;
  const [head, ...rest] = parts;
  if (head === 'reviewSteps') {
    const index = Number(rest[0]);
    // The form lists only the middle steps; 受理 is index 0 of the body.
    return Number.isInteger(index) && index >= 1 ? ['reviewSteps', index - 1, ...rest.slice(1)] : ['acceptDays'];
  }
  if (head === 'declaredFacts') return declaredFieldOfPath(rest);
  if (head === 'formFields' || head === 'qa') return [head, ...rest.map((part) => (/^\d+$/.test(part) ? Number(part) : part))];
  if (['title', 'documentNo', 'summary', 'sourceText', 'interpretation', 'validFrom', 'validUntil', 'applyFrom', 'applyUntil', 'tags', 'exclusionGroup', 'publicNoticeDays'].includes(head)) return [head];
  return null;
}
