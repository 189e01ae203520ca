/**
 * Evaluating a policy without storing anything: for one enterprise with the explanation (and its audit
 * download), and over the whole county for the department's current rule (preview).
 */
import {
  compilePrepared,
  estimateBenefit,
  evaluatePrepared,
  exportExplanation,
  explanationText,
  matchCounty,
  prepareRule,
  renderExplanation,
  type Benefit,
  type RuleNode,
} from '../../../core/rules/index.ts';
import type { DeclaredValue } from '../../../core/rules/declared.ts';
import { pendingOnApplication } from '../../../core/rules/pending.ts';
import { estimateBound } from '../../../core/rules/benefit.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import type { Actor } from '../../request-context.ts';
import type { AuditAction } from '../audit/index.ts';
import { auditEnterpriseRead } from '../enterprises/index.ts';
import { estimateAmounts, factCodesOf } from './county-estimates.ts';
import { ALL_FACTS, ColumnFactsReader, factNeedsOf, loadChunkSizeFor, loadCountyColumns, loadEnterpriseFacts, loadRuleRegistry } from './county-facts.ts';
import { auditPolicy, loadManaged, loadVisible, type Db } from './policies.loading.ts';
import { authorizeEvaluation, requireAuthor } from './policies.policy.ts';
import { presentMissingFact } from './policies.presenter.ts';
import { assertPolicyRules, declaredFactsOf, prepareOptionsOf } from './policies.rules.ts';
import type { DraftRulesBody, Evaluation, Preview, UnsavedPreview } from './policies.schemas.ts';
import type { VersionRow } from './policies.repository.ts';

/** The evaluation both the API answer and the audit download start from: access checked, facts of today. */
async function evaluateFor(db: Db, actor: Actor, id: number, enterpriseId: number, action: AuditAction, declarations?: Readonly<Record<string, DeclaredValue>>) {
  const loaded = await loadVisible(db, actor, id);
  const access = await authorizeEvaluation(db, actor, enterpriseId, action);
  const registry = await loadRuleRegistry(db);
  const loadedFacts = (await loadEnterpriseFacts(db, registry, [enterpriseId], ALL_FACTS, { includeInactive: true })).get(enterpriseId) ?? { attributes: {}, indicators: {} };
  // Declarations (申报时声明) exist only on an application: the form passes what the enterprise declared.
  const facts = declarations ? { ...loadedFacts, declared: declarations } : loadedFacts;
  const options = prepareOptionsOf(loaded.version, registry.catalogue, todayInCounty());
  const prepared = prepareRule(loaded.version.rule as RuleNode, options);
  const result = evaluatePrepared(prepared, facts);
  return { loaded, access, registry, facts, options, prepared, result };
}

/** The bound of the enterprise's amount (the matching case's); null when the formula cannot be read. */
function boundOf(benefit: Benefit, estimate: Parameters<typeof estimateBound>[1]): number | null {
  try {
    return estimateBound(benefit, estimate);
  } catch {
    return null;
  }
}

/**
 * Evaluates a policy for one enterprise with the scalar engine: outcome, the explanation tree, its
 * rendering, the missing facts and the benefit estimate. Government staff evaluate any enterprise (the
 * read is audited), an enterprise user only its own; the issuing department evaluates its draft.
 */
export async function evaluatePolicy(db: Db, actor: Actor, id: number, enterpriseId: number, declarations?: Readonly<Record<string, DeclaredValue>>): Promise<Evaluation> {
  const { loaded, access, registry, facts, options, prepared, result } = await evaluateFor(db, actor, id, enterpriseId, 'policy.evaluate', declarations);
  const benefit = estimateBenefit(loaded.version.benefit as Benefit, facts, options);
  const declared = declaredFactsOf(loaded.version);
  const render = { catalogue: registry.catalogue, params: options.params, declared };
  const pending = pendingOnApplication(prepared, facts, result);
  const pendingReview = pending.pendingReview;
  const pendingDeclaration = pending.pendingDeclaration.length > 0;
  await auditEnterpriseRead(db, actor, access, 'policy.evaluate', { policyId: id, versionId: loaded.version.id, outcome: result.outcome });
  return {
    policyId: id,
    versionId: loaded.version.id,
    enterpriseId,
    evaluationDate: result.evaluationDate,
    outcome: result.outcome,
    explanation: result.explanation,
    estimatedAmountFen: result.outcome === 'eligible' || pendingReview || pendingDeclaration ? benefit.amountFen : null,
    pendingReview,
    pendingDeclaration,
    missingFacts: result.missingFacts.map((m) => ({ ...presentMissingFact(m, registry.catalogue, declared), canSettle: m.canSettle })),
    rendered: { zh: renderExplanation(loaded.version.rule as RuleNode, result, { ...render, locale: 'zh-CN' }), en: renderExplanation(loaded.version.rule as RuleNode, result, { ...render, locale: 'en-US' }) },
    benefit: { status: benefit.status, amountFen: benefit.amountFen, kind: benefit.kind ?? 'amount', upToFen: benefit.upToFen ?? null, boundFen: boundOf(loaded.version.benefit as Benefit, benefit), schedule: benefit.schedule, formula: benefit.formula },
  };
}

/**
 * The audit download of one evaluation: the rule, the explanation tree and its zh/en text
 * (exportExplanation), as JSON or as plain text. Same access as evaluate; audited.
 */
export async function exportPolicyExplanation(db: Db, actor: Actor, id: number, enterpriseId: number, format: 'json' | 'text'): Promise<{ fileName: string; contentType: string; body: string }> {
  const { loaded, access, registry, options, result } = await evaluateFor(db, actor, id, enterpriseId, 'policy.explanation_export');
  const document = exportExplanation(loaded.version.rule as RuleNode, result, { catalogue: registry.catalogue, params: options.params, declared: declaredFactsOf(loaded.version), policyId: String(id), enterpriseId: String(enterpriseId) });
  await auditEnterpriseRead(db, actor, access, 'policy.explanation_export', { policyId: id, versionId: loaded.version.id, outcome: result.outcome, format });
  const base = `policy-${loaded.policy.code}-v${loaded.version.version}-enterprise-${enterpriseId}-${result.evaluationDate}`;
  if (format === 'text') {
    const text = [
      `${loaded.version.title}（${loaded.policy.code} 第${loaded.version.version}版）`,
      explanationText(loaded.version.rule as RuleNode, result, { catalogue: registry.catalogue, params: options.params, declared: declaredFactsOf(loaded.version), locale: 'zh-CN' }),
      '',
      explanationText(loaded.version.rule as RuleNode, result, { catalogue: registry.catalogue, params: options.params, declared: declaredFactsOf(loaded.version), locale: 'en-US' }),
      '',
    ].join('\n');
    return { fileName: `${base}.txt`, contentType: 'text/plain; charset=utf-8', body: text };
  }
  return { fileName: `${base}.json`, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ ...document, policy: { id, code: loaded.policy.code, versionId: loaded.version.id, version: loaded.version.version, title: loaded.version.title } }, null, 2) };
}

/**
 * County-wide counts for the department's current (usually draft) rule without publishing or storing
 * anything: eligible, unknown, ineligible, the estimated total, and the facts most often missing among
 * the undecided ("52 more need data"). Runs the same pipeline as a match. Audited.
 */
export async function previewPolicy(db: Db, actor: Actor, id: number, dbKind: 'pglite' | 'postgres'): Promise<Preview> {
  const { versions } = await loadManaged(db, actor, id);
  const version = versions[0];
  const preview = await previewVersion(db, version, dbKind);
  await auditPolicy(db, actor, 'policy.preview', id, { versionId: version.id, eligible: preview.eligible, unknown: preview.unknown });
  return preview;
}

/**
 * The county reach of an unsaved rule and benefit (the builder's live figures): staff of the issuing
 * department; checked like a save (400 naming the node), evaluated with the current version's parameters;
 * writes nothing — no audit either, it is the department's own draft and is called on every pause in typing.
 */
export async function previewDraft(db: Db, actor: Actor, id: number, input: DraftRulesBody, dbKind: 'pglite' | 'postgres'): Promise<Preview> {
  const { versions } = await loadManaged(db, actor, id);
  const version = versions[0];
  const registry = await loadRuleRegistry(db);
  const checked = assertPolicyRules({ rule: input.rule, benefit: input.benefit, params: input.params ?? version.params, declaredFacts: version.declared_facts }, registry.catalogue);
  return { versionId: version.id, ...(await countyReach(db, checked, dbKind)) };
}

/**
 * The county reach of a rule and benefit that are no policy's yet (the new-policy page, before the first
 * save): department staff only (403 otherwise), checked like a save, parameters from the body (else none
 * of its own). Writes nothing; the route bounds how often it runs, as for preview-draft.
 */
export async function previewUnsaved(db: Db, actor: Actor, input: DraftRulesBody, dbKind: 'pglite' | 'postgres'): Promise<UnsavedPreview> {
  requireAuthor(actor);
  const registry = await loadRuleRegistry(db);
  const checked = assertPolicyRules({ rule: input.rule, benefit: input.benefit, params: input.params ?? [] }, registry.catalogue);
  return countyReach(db, checked, dbKind);
}

/** The county-wide counts of one version's rule and benefit (the caller authorises and audits). */
export async function previewVersion(db: Db, version: VersionRow, dbKind: 'pglite' | 'postgres'): Promise<Preview> {
  return { versionId: version.id, ...(await countyReach(db, version, dbKind)) };
}

/** The county-wide counts of a rule and benefit with their parameters, saved or not (the caller authorises). */
async function countyReach(db: Db, version: { rule: unknown; benefit: unknown; params: unknown }, dbKind: 'pglite' | 'postgres'): Promise<UnsavedPreview> {
  const registry = await loadRuleRegistry(db);
  const evaluationDate = todayInCounty();
  const options = prepareOptionsOf(version, registry.catalogue, evaluationDate);
  const prepared = prepareRule(version.rule as RuleNode, options);
  const county = await loadCountyColumns(db, registry, factNeedsOf([version.rule, version.benefit], evaluationDate), {
    chunkSize: loadChunkSizeFor(dbKind),
    between: () => new Promise((resolve) => setImmediate(resolve)),
  });
  const [result] = matchCounty([compilePrepared(prepared)], county.columns);
  const eligibleRows: number[] = [];
  const unknownRows: number[] = [];
  for (let i = 0; i < result.length; i++) {
    if (result[i] === 1) eligibleRows.push(i);
    else if (result[i] === 2) unknownRows.push(i);
  }
  const { amounts } = estimateAmounts(version.benefit as Benefit, options, county, eligibleRows, registry);
  const reader = new ColumnFactsReader(county.columns, factCodesOf(factNeedsOf([version.rule], evaluationDate), registry));
  const missing = new Map<string, { fact: string; period: string | null; count: number }>();
  for (const row of unknownRows) {
    for (const m of evaluatePrepared(prepared, reader.read(row)).missingFacts) {
      const key = `${m.fact}@${m.period ?? ''}`;
      const entry = missing.get(key) ?? { fact: m.fact, period: m.period, count: 0 };
      entry.count++;
      missing.set(key, entry);
    }
  }
  const total = amounts.reduce<number>((sum, a) => sum + (a ?? 0), 0);
  return {
    evaluationDate,
    eligible: eligibleRows.length,
    unknown: unknownRows.length,
    ineligible: county.columns.size - eligibleRows.length - unknownRows.length,
    estimatedTotalFen: total,
    amountUnknown: amounts.filter((a) => a === null).length,
    topMissingFacts: [...missing.values()]
      .sort((a, b) => b.count - a.count || a.fact.localeCompare(b.fact))
      .slice(0, 10)
      .map((m) => ({ ...presentMissingFact(m, registry.catalogue), count: m.count })),
  };
}
