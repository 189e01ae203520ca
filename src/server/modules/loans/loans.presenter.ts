/** Loans rows → API shapes, and the names of the codes in both languages. */
import { renderRuleText, type FactCatalogue, type RuleNode } from '../../../core/rules/index.ts';
import type { LoanProductVersionsTable } from '../../db/schema.ts';
import type { Selectable } from 'kysely';
import type { LoanEventView, ProductVersionView } from './loans.schemas.ts';
import type { NOTE_KINDS, REFUSAL_REASONS } from './loans.schemas.ts';

export const REFUSAL_LABELS: Record<(typeof REFUSAL_REASONS)[number], { zh: string; en: string }> = {
  insufficient_credit: { zh: '信用状况不足', en: 'Insufficient credit standing' },
  high_leverage: { zh: '负债水平过高', en: 'Debt level too high' },
  weak_cash_flow: { zh: '经营现金流不足以覆盖还款', en: 'Cash flow does not cover repayments' },
  incomplete_materials: { zh: '资料不完整或不真实', en: 'Incomplete or inaccurate materials' },
  outside_target: { zh: '不符合产品准入条件', en: 'Outside the product’s target customers' },
  negative_records: { zh: '存在不良记录（逾期、被执行、失信等）', en: 'Negative records (overdue loans, enforcement, dishonesty)' },
  collateral_insufficient: { zh: '抵押或担保不足', en: 'Insufficient collateral or guarantee' },
  enterprise_unreachable: { zh: '无法联系企业或企业未配合核实', en: 'Enterprise unreachable or did not cooperate with verification' },
  other: { zh: '其他原因', en: 'Other reason' },
};

export const NOTE_LABELS: Record<(typeof NOTE_KINDS)[number], { zh: string; en: string }> = {
  site_visit: { zh: '实地走访', en: 'Site visit' },
  phone_call: { zh: '电话核实', en: 'Phone call' },
  document_check: { zh: '资料核验', en: 'Document check' },
  other: { zh: '其他', en: 'Other' },
};

export const PRODUCT_TYPE_LABELS = {
  credit: { zh: '信用', en: 'Credit' },
  collateral: { zh: '抵押', en: 'Collateral' },
  guarantee: { zh: '担保', en: 'Guarantee' },
  policy: { zh: '政策性', en: 'Policy' },
} as const;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The rule in words; a rule that no longer validates (a removed indicator) is shown as its JSON. */
export function ruleText(rule: unknown, catalogue: FactCatalogue): { zh: string; en: string } {
  try {
    return { zh: renderRuleText(rule as RuleNode, { catalogue, locale: 'zh-CN' }), en: renderRuleText(rule as RuleNode, { catalogue, locale: 'en-US' }) };
  } catch {
    const text = JSON.stringify(rule);
    return { zh: text, en: text };
  }
}

export function presentVersion(v: Selectable<LoanProductVersionsTable>, catalogue: FactCatalogue): ProductVersionView {
  return {
    id: v.id,
    productId: v.product_id,
    version: v.version,
    status: v.status,
    name: v.name,
    productType: v.product_type,
    summary: v.summary,
    amountMinFen: v.amount_min_fen,
    amountMaxFen: v.amount_max_fen,
    rateMinBp: v.rate_min_bp,
    rateMaxBp: v.rate_max_bp,
    termMinMonths: v.term_min_months,
    termMaxMonths: v.term_max_months,
    repaymentMethods: v.repayment_methods,
    dataCategories: v.data_categories as ProductVersionView['dataCategories'],
    tags: v.tags,
    targetRule: v.target_rule,
    targetRuleText: ruleText(v.target_rule, catalogue),
    responseDays: v.response_days,
    createdAt: v.created_at.toISOString(),
    submittedAt: iso(v.submitted_at),
    decidedAt: iso(v.decided_at),
    rejectReason: v.reject_reason,
    publishedAt: iso(v.published_at),
  };
}

export function presentEvent(e: {
  id: number;
  at: Date;
  action: string;
  actor_user_id: number | null;
  actor_name: string | null;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  details: unknown;
}): LoanEventView {
  return {
    id: Number(e.id),
    at: e.at.toISOString(),
    action: e.action,
    actor: e.actor_user_id !== null ? { id: e.actor_user_id, displayName: e.actor_name ?? '' } : null,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    note: e.note,
    details: (e.details ?? {}) as Record<string, unknown>,
  };
}
