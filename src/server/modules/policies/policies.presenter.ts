import type { DeclaredFactDefinition } from '../../../core/rules/declared.ts';
import { missingFactName, renderBenefit, renderRule, type Benefit, type FactCatalogue, type MissingFact, type RuleNode } from '../../../core/rules/index.ts';
import type { PolicyVersionStatus } from '../../db/schema.ts';
import type { GoldenCaseRow, PolicyRef, VersionRow } from './policies.repository.ts';
import { declaredFactsOf, parametersOf } from './policies.rules.ts';
import type { Funnel, GoldenCase, PolicyDetail, PolicySummary } from './policies.schemas.ts';

/** A published version past its validity reads as expired at once, before the sweep stores it. */
export function effectiveStatus(version: Pick<VersionRow, 'status' | 'valid_until'>, today: string): PolicyVersionStatus {
  return version.status === 'published' && version.valid_until !== null && version.valid_until < today ? 'expired' : version.status;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function presentPolicySummary(policy: Pick<PolicyRef, 'id' | 'code' | 'department_org_id' | 'department_name' | 'department_code'>, version: VersionRow, today: string): PolicySummary {
  return {
    id: policy.id,
    code: policy.code,
    department: { id: policy.department_org_id, name: policy.department_name, code: policy.department_code },
    versionId: version.id,
    version: version.version,
    status: effectiveStatus(version, today),
    title: version.title,
    documentNo: version.document_no,
    summary: version.summary,
    validFrom: version.valid_from,
    validUntil: version.valid_until,
    applyFrom: iso(version.apply_from),
    applyUntil: iso(version.apply_until),
    tags: version.tags,
    exclusionGroup: version.exclusion_group,
    isAutoGrant: version.is_auto_grant,
    publishedAt: iso(version.published_at),
    updatedAt: version.updated_at.toISOString(),
  };
}

export interface DetailExtras {
  versions: readonly VersionRow[];
  canManage: boolean;
  catalogue: FactCatalogue;
  matchCounts: PolicyDetail['matchCounts'];
  funnel: Funnel | null;
  /** The caller's user id, for the review block (whether they may approve: not the submitter). */
  viewerId?: number;
}

/** The rule and benefit in words; a stored rule that no longer renders (a registry change) shows why. */
function renderings(version: VersionRow, catalogue: FactCatalogue, today: string) {
  const params = parametersOf(version.params as never);
  const options = { catalogue, params, evaluationDate: today, declared: declaredFactsOf(version) };
  const safe = <T>(render: () => T, fallback: T): T => {
    try {
      return render();
    } catch {
      return fallback;
    }
  };
  const line = (text: string) => [{ path: '', depth: 0, text }];
  return {
    rendered: {
      zh: safe(() => renderRule(version.rule as RuleNode, { ...options, locale: 'zh-CN' }), line('（规则无法显示）')),
      en: safe(() => renderRule(version.rule as RuleNode, { ...options, locale: 'en-US' }), line('(the rule cannot be shown)')),
    },
    benefitText: {
      zh: safe(() => renderBenefit(version.benefit as Benefit, { ...options, locale: 'zh-CN' }), '（无法显示）'),
      en: safe(() => renderBenefit(version.benefit as Benefit, { ...options, locale: 'en-US' }), '(cannot be shown)'),
    },
  };
}

export function presentPolicyDetail(policy: PolicyRef, version: VersionRow, today: string, extras: DetailExtras): PolicyDetail {
  return {
    ...presentPolicySummary(policy, version, today),
    regionCode: version.region_code,
    sourceText: version.source_text,
    interpretation: version.interpretation,
    qa: version.qa,
    rule: version.rule,
    benefit: version.benefit,
    params: version.params,
    declaredFacts: version.declared_facts,
    reviewSteps: version.review_steps,
    publicNoticeDays: version.public_notice_days,
    formFields: version.form_fields,
    ...renderings(version, extras.catalogue, today),
    versions: [...extras.versions]
      .sort((a, b) => b.version - a.version)
      .map((v) => ({ id: v.id, version: v.version, status: effectiveStatus(v, today), createdAt: v.created_at.toISOString(), publishedAt: iso(v.published_at), closedAt: iso(v.closed_at) })),
    canManage: extras.canManage,
    review: extras.canManage
      ? {
          submittedBy: version.submitted_by ?? null,
          submittedAt: iso(version.submitted_at),
          returnReason: version.return_reason ?? null,
          returnedAt: iso(version.returned_at ?? null),
          canReview: version.status === 'in_review' && version.submitted_by !== null && version.submitted_by !== extras.viewerId,
        }
      : null,
    matchCounts: extras.matchCounts,
    funnel: extras.funnel,
  };
}

export function presentGoldenCase(row: GoldenCaseRow): GoldenCase {
  return {
    id: row.id,
    versionId: row.policy_version_id,
    name: row.name,
    enterpriseId: row.enterprise_id,
    facts: row.facts,
    expectedOutcome: row.expected_outcome,
    expectedAmountFen: row.expected_amount_fen,
    createdAt: row.created_at.toISOString(),
  };
}

/** A missing fact with its name as the portal asks for it, in both languages. */
export function presentMissingFact(fact: MissingFact, catalogue: FactCatalogue, declared?: readonly DeclaredFactDefinition[]) {
  return {
    fact: fact.fact,
    period: fact.period,
    name: { zh: missingFactName(fact, { catalogue, declared, locale: 'zh-CN' }), en: missingFactName(fact, { catalogue, declared, locale: 'en-US' }) },
  };
}
