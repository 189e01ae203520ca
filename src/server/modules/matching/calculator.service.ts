/**
 * The enterprise's policy calculator (政策计算器): "您可享受 N 项政策，预计 ¥X". Every live policy is
 * evaluated for this one enterprise with the scalar engine — cheap for one enterprise, always current
 * (no waiting for a re-match), and it gives the explanations the list shows.
 */
import type { Kysely } from 'kysely';
import { formatFen } from '../../../core/money/money.ts';
import {
  estimateBenefit,
  evaluatePrepared,
  prepareRule,
  rankMissingFacts,
  renderExplanation,
  renderBenefit,
  resolveStacking,
  type Benefit,
  type RuleNode,
} from '../../../core/rules/index.ts';
import { amountKindOf } from '../../../core/rules/amounts.ts';
import { DECLARED_PREFIX, declaredLabel } from '../../../core/rules/declared.ts';
import { pendingOnApplication } from '../../../core/rules/pending.ts';
import { reviewNodesOf } from '../../../core/rules/review.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../../request-context.ts';
import { requireOwnEnterprise } from '../enterprises/index.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import { findCurrentApplicationsOfEnterprise, findExclusiveConflicts } from '../applications/index.ts';
import { ALL_FACTS, declaredFactsOf, expireLapsedVersions, findLivePolicies, loadEnterpriseFacts, loadRuleRegistry, prepareOptionsOf, presentMissingFact } from '../policies/index.ts';
import * as repo from './matching.repository.ts';
import type { MyPolicyMatches } from './matching.schemas.ts';

type Item = MyPolicyMatches['items'][number];

/**
 * The signed-in enterprise's policies: eligible and undecided ones, ranked by amount, with explanations
 * and missing facts; the total counts the best-paying choice of each exclusion group (resolveStacking),
 * and conflicting policies are flagged; the single most decisive question across the undecided ones.
 */
export async function getMyPolicyMatches(db: Kysely<DB>, actor: Actor, now: Date = new Date()): Promise<MyPolicyMatches> {
  const enterprise = await requireOwnEnterprise(db, actor);
  const today = todayInCounty(now);
  await expireLapsedVersions(db, today);
  const [policies, registry, pushes, applications] = await Promise.all([
    findLivePolicies(db, today),
    loadRuleRegistry(db),
    repo.findPushesOfEnterprise(db, enterprise.id),
    findCurrentApplicationsOfEnterprise(db, enterprise.id),
  ]);
  // The one rule of exclusive groups (applications face): a policy whose group the enterprise holds by another policy.
  const held = new Map<number, Item['exclusiveHeld']>();
  for (const c of await findExclusiveConflicts(db, enterprise.id, policies.map((p) => ({ policyId: p.policy_id, group: p.exclusion_group })))) {
    if (!held.has(c.policyId)) held.set(c.policyId, { policyId: c.heldPolicyId, title: c.heldTitle, via: c.via, status: c.status });
  }
  const facts = (await loadEnterpriseFacts(db, registry, [enterprise.id], ALL_FACTS, { includeInactive: true })).get(enterprise.id) ?? { attributes: {}, indicators: {} };
  const pushedAt = new Map(pushes.map((p) => [p.policy_id, p.pushed_at]));

  const items: Item[] = [];
  const open: { id: string; outcome: 'unknown'; missingFacts: ReturnType<typeof evaluatePrepared>['missingFacts'] }[] = [];
  for (const policy of policies) {
    const options = prepareOptionsOf(policy, registry.catalogue, today);
    const rule = policy.rule as RuleNode;
    const prepared = prepareRule(rule, options);
    const result = evaluatePrepared(prepared, facts);
    if (result.outcome === 'ineligible') continue;
    // Reviewer-judged criteria (待评审) and declarations (需在申报时声明): unknown for the calculator; when
    // every condition it can check is met, the policy is eligible once the reviewer agrees and the
    // enterprise declares on the form, and it says so instead of asking a question.
    const declared = declaredFactsOf(policy);
    const pending = pendingOnApplication(prepared, facts, result);
    const pendingReview = pending.pendingReview ? reviewNodesOf(rule).map((node) => ({ zh: node.review, en: node.reviewEn ?? node.review })) : [];
    const pendingDeclaration = pending.pendingDeclaration.map((key) => ({ key, zh: declaredLabel(key, declared, true), en: declaredLabel(key, declared, false) }));
    const pendingOnApply = pending.pendingReview || pendingDeclaration.length > 0;
    const estimate = result.outcome === 'eligible' || pendingOnApply ? estimateBenefit(policy.benefit as Benefit, facts, options) : null;
    const render = { catalogue: registry.catalogue, params: options.params, declared };
    // Declarations are made on the form, not reported to the profile: never the next question.
    if (result.outcome === 'unknown') open.push({ id: String(policy.policy_id), outcome: 'unknown', missingFacts: result.missingFacts.filter((m) => !m.fact.startsWith(DECLARED_PREFIX)) });
    items.push({
      policyId: policy.policy_id,
      versionId: policy.id,
      title: policy.title,
      documentNo: policy.document_no,
      department: { id: policy.department_org_id, name: policy.department_name, code: policy.department_code },
      outcome: result.outcome,
      estimatedAmountFen: estimate?.amountFen ?? null,
      amountKind: estimate?.kind ?? amountKindOf(policy.benefit as Benefit),
      upToFen: estimate?.upToFen ?? null,
      pendingReview,
      pendingDeclaration,
      formula: estimate
        ? estimate.formula
        : { zh: renderBenefit(policy.benefit as Benefit, { ...render, evaluationDate: today, locale: 'zh-CN' }), en: renderBenefit(policy.benefit as Benefit, { ...render, evaluationDate: today, locale: 'en-US' }) },
      explanation: { zh: renderExplanation(rule, result, { ...render, locale: 'zh-CN' }), en: renderExplanation(rule, result, { ...render, locale: 'en-US' }) },
      missingFacts: result.missingFacts.map((m) => presentMissingFact(m, registry.catalogue, declared)),
      exclusionGroup: policy.exclusion_group,
      isConflicting: false,
      isChosen: false,
      isAutoGrant: policy.is_auto_grant,
      applyFrom: policy.apply_from?.toISOString() ?? null,
      applyUntil: policy.apply_until?.toISOString() ?? null,
      pushedAt: pushedAt.get(policy.policy_id)?.toISOString() ?? null,
      application: applications.get(policy.policy_id) ?? null,
      isWindowClosed: policy.apply_until !== null && policy.apply_until < now,
      exclusiveHeld: held.get(policy.policy_id) ?? null,
    });
  }

  // Stacking over the eligible ones the enterprise can still get: exclusion groups as the live policies
  // define them; a policy whose application window has closed (unless it applied already) and one whose group
  // it holds by another policy are listed but not counted.
  const eligible = items.filter((i) => i.outcome === 'eligible');
  const attainable = eligible.filter((i) => i.exclusiveHeld === null && (!i.isWindowClosed || i.application !== null));
  const groups = new Map<string, string[]>();
  for (const policy of policies) if (policy.exclusion_group) groups.set(policy.exclusion_group, [...(groups.get(policy.exclusion_group) ?? []), String(policy.policy_id)]);
  const stacking = resolveStacking(
    attainable.map((i) => ({ policyId: String(i.policyId), amountFen: i.estimatedAmountFen })),
    [...groups].map(([id, policyIds]) => ({ id, policyIds })),
  );
  const chosen = new Set(stacking.chosen);
  const conflicting = new Set(stacking.conflicts.flatMap((c) => c.candidates));
  for (const item of eligible) {
    item.isChosen = chosen.has(String(item.policyId));
    item.isConflicting = conflicting.has(String(item.policyId));
  }

  const rank = (i: Item) => (i.outcome === 'eligible' ? 0 : 1);
  items.sort((a, b) => rank(a) - rank(b) || (b.estimatedAmountFen ?? -1) - (a.estimatedAmountFen ?? -1) || a.policyId - b.policyId);

  const next = rankMissingFacts(open)[0] ?? null;
  const count = eligible.filter((i) => i.isChosen).length;
  return {
    evaluationDate: today,
    summary: {
      count,
      totalFen: stacking.totalFen,
      conflicts: stacking.conflicts.map((c) => ({ group: c.groupId, policyIds: c.candidates.map(Number), chosenPolicyId: c.chosen === null ? null : Number(c.chosen) })),
      eligible: eligible.length,
      notCounted: eligible.length - attainable.length,
      unknown: items.length - eligible.length,
      upTo: eligible.filter((i) => i.amountKind === 'upTo').length,
      pendingReview: items.filter((i) => i.pendingReview.length > 0).length,
      pendingDeclaration: items.filter((i) => i.pendingDeclaration.length > 0).length,
      text: {
        zh: `您可享受 ${count} 项政策，预计 ${formatFen(stacking.totalFen, 'zh-CN')}`,
        en: `You can receive ${count} ${count === 1 ? 'policy' : 'policies'}, an estimated ${formatFen(stacking.totalFen, 'en-US')}`,
      },
    },
    nextQuestion: next && { ...presentMissingFact(next, registry.catalogue), settles: next.settles, neededBy: next.neededBy, policyIds: next.ids.map(Number) },
    items,
  };
}

/**
 * Records that the enterprise opened a pushed policy (the funnel's "opened"; opening implies read).
 * The first time counts; 404 when the policy was never pushed to it.
 */
export async function markPushOpened(db: Kysely<DB>, actor: Actor, policyId: number) {
  const enterprise = await requireOwnEnterprise(db, actor);
  const row = await repo.storePushOpened(db, policyId, enterprise.id, new Date());
  if (!row) throw notFound('Push');
  return { policyId: row.policy_id, pushedAt: row.pushed_at.toISOString(), readAt: row.read_at?.toISOString() ?? null, openedAt: row.opened_at?.toISOString() ?? null };
}
