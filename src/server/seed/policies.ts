/**
 * Seeds the demo county's policies (policies-content.ts): validated like a department's save, golden
 * cases run like a publish, then stored published (one with a superseded earlier edition, one with a draft
 * revision in preparation) and matched against the county, so the demo starts with matches and pushes.
 */
import type { Kysely } from 'kysely';
import { runGoldenCases } from '../../core/rules/index.ts';
import type { DB } from '../db/schema.ts';
import { matchVersions, type MatchRunResult } from '../modules/matching/index.ts';
import { checkPolicyRules, loadRuleRegistry, parametersOf } from '../modules/policies/index.ts';
import { todayInShanghai } from './enterprises.ts';
import { demoPolicies, type DemoPolicy, type DemoVersion } from './policies-content.ts';

export interface SeedPoliciesOptions {
  /** Department organisation ids by department code (county-data.ts DEPARTMENTS). */
  departmentOrgIds: ReadonlyMap<string, number>;
  /** Today as the demo sees it; defaults to today in the county. */
  referenceDate?: string;
  /** The demo department account (经信委), recorded as author and publisher of its department's policies. */
  departmentUser?: { id: number; orgId: number } | null;
  /** Match the county right away (default true; the bench times the match on its own). */
  match?: boolean;
}

export interface SeedPoliciesResult {
  policies: number;
  versions: number;
  goldenCases: number;
  match: MatchRunResult | null;
}

/** Refuses demo content that a department could not save or publish: invalid rules or failing golden cases. */
function checkVersion(policy: DemoPolicy, version: DemoVersion, registry: Awaited<ReturnType<typeof loadRuleRegistry>>, evaluationDate: string): void {
  const problems = checkPolicyRules({ rule: version.rule, benefit: version.benefit, params: version.params ?? [] }, registry.catalogue);
  if (problems.length > 0) throw new Error(`demo policy "${version.title}" (${policy.department}) is invalid: ${JSON.stringify(problems)}`);
  for (const golden of version.golden) {
    if (golden.expectedOutcome === 'eligible' && golden.expectedAmountFen === undefined) throw new Error(`demo policy "${version.title}": golden case "${golden.name}" must state its amount`);
  }
  const run = runGoldenCases(version.rule, version.benefit, version.golden, { evaluationDate, catalogue: registry.catalogue, params: parametersOf(version.params) });
  if (!run.passed) {
    const failures = run.results.filter((r) => !r.passed).map((r) => `${r.name}: ${r.diff.join('; ')}\n${r.explanation ?? ''}`);
    throw new Error(`demo policy "${version.title}" (${policy.department}): golden cases fail\n${failures.join('\n')}`);
  }
  const outcomes = new Set(version.golden.map((g) => g.expectedOutcome));
  if (!outcomes.has('eligible') || !outcomes.has('ineligible')) throw new Error(`demo policy "${version.title}" needs an eligible and an ineligible golden case`);
}

/** A publication time: the validity's first morning, or today's start when that lies ahead. */
function publishedAt(version: DemoVersion, referenceDate: string): Date {
  const day = version.validFrom <= referenceDate ? version.validFrom : referenceDate;
  return new Date(`${day}T09:00:00+08:00`);
}

export const versionRow = (policyId: number, number: number, version: DemoVersion, status: 'published' | 'superseded' | 'draft' | 'closed', referenceDate: string, createdBy: number | null) => ({
  policy_id: policyId,
  version: number,
  status,
  title: version.title,
  document_no: version.documentNo,
  summary: version.summary,
  source_text: version.sourceText,
  interpretation: version.interpretation,
  qa: JSON.stringify(version.qa),
  valid_from: version.validFrom,
  valid_until: version.validUntil,
  apply_from: version.applyFrom,
  apply_until: version.applyUntil,
  tags: version.tags,
  rule: JSON.stringify(version.rule),
  benefit: JSON.stringify(version.benefit),
  params: JSON.stringify(version.params ?? []),
  exclusion_group: version.exclusionGroup ?? null,
  is_auto_grant: version.isAutoGrant ?? false,
  ...(version.reviewSteps && { review_steps: JSON.stringify(version.reviewSteps) }),
  ...(version.publicNoticeDays !== undefined && { public_notice_days: version.publicNoticeDays }),
  form_fields: JSON.stringify(version.formFields ?? []),
  created_by: createdBy,
  submitted_at: status === 'draft' ? null : publishedAt(version, referenceDate),
  published_at: status === 'draft' ? null : publishedAt(version, referenceDate),
  published_by: status === 'draft' ? null : createdBy,
});

/**
 * One policy document of a department, stored as the department would have saved and published it: its
 * rule and benefit checked against the indicator registry like a save (throws otherwise). `closed` keeps it
 * out of applications and matching — e.g. the finance office's 风险补偿 regulation the risk pools pay under.
 * Returns the policy's id.
 */
export async function seedPolicyDocument(
  db: Kysely<DB>,
  options: { departmentOrgId: number; code: string; createdBy: number | null; referenceDate: string; status: 'published' | 'closed'; version: DemoVersion },
): Promise<number> {
  const registry = await loadRuleRegistry(db);
  const { version } = options;
  const problems = checkPolicyRules({ rule: version.rule, benefit: version.benefit, params: version.params ?? [] }, registry.catalogue);
  if (problems.length > 0) throw new Error(`demo policy "${version.title}" is invalid: ${JSON.stringify(problems)}`);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('policies').values({ department_org_id: options.departmentOrgId, code: options.code, created_by: options.createdBy }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('policy_versions').values(versionRow(id, 1, version, options.status, options.referenceDate, options.createdBy)).execute();
    return id;
  });
}

/**
 * Stores the demo policies and matches them against the county. Runs after the enterprises and their
 * profiles exist; throws if any demo policy would be refused by the service (invalid rule, failing golden
 * case). Returns the counts and the match's figures.
 */
export async function seedPolicies(db: Kysely<DB>, options: SeedPoliciesOptions): Promise<SeedPoliciesResult> {
  const referenceDate = options.referenceDate ?? todayInShanghai();
  const year = referenceDate.slice(0, 4);
  const registry = await loadRuleRegistry(db);
  const policies = demoPolicies(referenceDate);
  for (const policy of policies) {
    checkVersion(policy, policy, registry, referenceDate);
    if (policy.previous) checkVersion(policy, policy.previous, registry, referenceDate.replace(/^\d{4}/, String(Number(year) - 1)));
  }

  const counts = await db.transaction().execute(async (trx) => {
    const sequence = new Map<string, number>();
    let versions = 0;
    let goldenCases = 0;
    for (const policy of policies) {
      const departmentId = options.departmentOrgIds.get(policy.department);
      if (departmentId === undefined) throw new Error(`unknown department ${policy.department}`);
      const n = (sequence.get(policy.department) ?? 0) + 1;
      sequence.set(policy.department, n);
      const author = options.departmentUser && options.departmentUser.orgId === departmentId ? options.departmentUser.id : null;
      const { id: policyId } = await trx
        .insertInto('policies')
        .values({ department_org_id: departmentId, code: `${policy.department.toUpperCase()}-${year}-${String(n).padStart(3, '0')}`, created_by: author })
        .returning('id')
        .executeTakeFirstOrThrow();
      const rows: { version: DemoVersion; status: 'published' | 'superseded' | 'draft' }[] = [
        ...(policy.previous ? [{ version: policy.previous, status: 'superseded' as const }] : []),
        { version: policy, status: 'published' },
        ...(policy.draft ? [{ version: { ...policy, ...policy.draft }, status: 'draft' as const }] : []),
      ];
      for (let i = 0; i < rows.length; i++) {
        const { id: versionId } = await trx.insertInto('policy_versions').values(versionRow(policyId, i + 1, rows[i].version, rows[i].status, referenceDate, author)).returning('id').executeTakeFirstOrThrow();
        versions++;
        const golden = rows[i].version.golden;
        await trx
          .insertInto('policy_golden_cases')
          .values(
            golden.map((g) => ({
              policy_version_id: versionId,
              name: g.name,
              enterprise_id: null,
              facts: JSON.stringify(g.facts),
              expected_outcome: g.expectedOutcome,
              expected_amount_fen: g.expectedAmountFen ?? null,
              created_by: author,
            })),
          )
          .execute();
        goldenCases += golden.length;
      }
    }
    // A revision waiting for the two-person review (待我审核 for dept2): the department's first fixed-sum
    // policy without a draft, raised by 5万元 with its golden cases' amounts raised alike, submitted by dept.
    const reviewed = options.departmentUser ? policies.find((p) => !p.draft && !p.previous && options.departmentOrgIds.get(p.department) === options.departmentUser!.orgId && 'fixed' in p.benefit.amount && 'wan' in (p.benefit.amount as { fixed: object }).fixed) : undefined;
    if (reviewed && options.departmentUser) {
      const { id: policyId } = await trx
        .selectFrom('policy_versions as v')
        .innerJoin('policies as p', 'p.id', 'v.policy_id')
        .where('v.title', '=', reviewed.title)
        .where('p.department_org_id', '=', options.departmentUser.orgId)
        .select('p.id')
        .executeTakeFirstOrThrow();
      const oldWan = Number((reviewed.benefit.amount as { fixed: { wan: number | string } }).fixed.wan);
      const newWan = oldWan + 5;
      const revision: DemoVersion = {
        ...reviewed,
        summary: `（修订送审）${reviewed.summary}`.slice(0, 2000),
        benefit: { ...reviewed.benefit, amount: { fixed: { wan: newWan } } },
        golden: reviewed.golden.map((g) => (g.expectedOutcome === 'eligible' ? { ...g, expectedAmountFen: newWan * 1_000_000 } : g)),
      };
      const submittedAt = new Date(`${referenceDate}T09:30:00+08:00`);
      const { id: versionId } = await trx
        .insertInto('policy_versions')
        .values({ ...versionRow(policyId, 2, revision, 'draft', referenceDate, options.departmentUser.id), status: 'in_review', submitted_at: submittedAt, submitted_by: options.departmentUser.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      versions++;
      await trx
        .insertInto('policy_golden_cases')
        .values(revision.golden.map((g) => ({ policy_version_id: versionId, name: g.name, enterprise_id: null, facts: JSON.stringify(g.facts), expected_outcome: g.expectedOutcome, expected_amount_fen: g.expectedAmountFen ?? null, created_by: options.departmentUser!.id })))
        .execute();
      goldenCases += revision.golden.length;
    }
    return { versions, goldenCases };
  });

  const match = options.match === false ? null : await matchVersions(db, 'all', { evaluationDate: referenceDate, dbKind: 'pglite' });
  return { policies: policies.length, ...counts, match };
}
