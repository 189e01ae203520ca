/**
 * County-wide matching (政策找企业): every live policy version against every operating enterprise.
 *
 *   load     county facts → columns, only the facts the rules and formulas read (the catalogue's loader,
 *            policies/county-facts.ts, the same one its evaluate and preview use)
 *   match    compiled rules over the columns, all versions in one pass (matchCounty, vector engine)
 *   amounts  estimateBenefit for eligible rows, read back from the columns (no database call per row)
 *   store    per version, in one transaction holding the version's row lock: the eligible and unknown rows
 *            replace the stored ones as a diff (delete gone, insert new, update changed; unnest, chunks);
 *            then pushes for newly eligible enterprises
 *
 * A run is idempotent: it replaces the version's rows, and pushes are `insert … on conflict do nothing`
 * on (policy, enterprise) with a notification only for rows actually inserted, so re-running a match,
 * re-publishing a policy or matching a new version never pushes an enterprise the same policy twice.
 *
 * When a few enterprises' data change (≤ INCREMENTAL_REMATCH_LIMIT), they are re-evaluated with the
 * scalar engine across all live versions (rematchEnterprise) instead of rebuilding the county.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { formatFen } from '../../../core/money/money.ts';
import { compilePrepared, estimateBenefit, matchCounty, prepareRule, rematchEnterprise } from '../../../core/rules/index.ts';
import type { DatabaseKind, Executor } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import { notifyEnterprises } from '../notifications/index.ts';
import {
  estimateAmounts,
  expireLapsedVersions,
  factNeedsOf,
  findLiveVersions,
  loadChunkSizeFor,
  loadCountyColumns,
  loadEnterpriseFacts,
  loadRuleRegistry,
  lockPublishedVersions,
  mergeNeeds,
  prepareOptionsOf,
  type FactNeeds,
  type LiveVersion,
} from '../policies/index.ts';

/** Enterprises re-matched one by one with the scalar engine; more than this re-runs the full match. */
export const INCREMENTAL_REMATCH_LIMIT = 200;
/** Rows per insert statement of a store. */
const STORE_CHUNK = 5_000;

/** One stored match row. */
export interface MatchRow {
  versionId: number;
  enterpriseId: number;
  outcome: 'eligible' | 'unknown';
  amountFen: number | null;
  /**
   * [{fact, period}] of an unknown outcome. Matching stores null: like explanations, missing facts are
   * computed on demand with the scalar engine (the calculator, evaluate, preview), never for the county —
   * at county scale they cost more than the match itself and nothing reads them from the table.
   */
  missingFacts: { fact: string; period: string | null }[] | null;
}

export interface MatchTimings {
  loadMs: number;
  matchMs: number;
  amountsMs: number;
  storeMs: number;
}

export interface VersionMatchSummary {
  versionId: number;
  policyId: number;
  eligible: number;
  unknown: number;
  pushed: number;
  stored: boolean;
}

export interface MatchRunResult {
  enterprises: number;
  versions: VersionMatchSummary[];
  timings: MatchTimings;
}

export interface MatchRunOptions {
  /** YYYY-MM-DD; today in the county by default. */
  evaluationDate?: string;
  dbKind?: DatabaseKind;
  /** Called between load chunks and stores (a job extends its lease). */
  heartbeat?: () => Promise<void>;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The facts a version reads: its rule and its benefit formula. */
function needsOfVersions(versions: readonly { rule: unknown; benefit: unknown }[], evaluationDate: string): FactNeeds {
  return versions.reduce<FactNeeds>((acc, v) => mergeNeeds(acc, factNeedsOf([v.rule, v.benefit], evaluationDate)), { indicators: new Set(), sizeClassYears: new Set(), certifications: false });
}

/** The notification of a push, in both languages. */
export function pushNotification(version: { policy_id: number; title: string; is_auto_grant: boolean }, amountFen: number | null) {
  const zhAmount = amountFen === null ? '金额待核定' : `预计 ${formatFen(amountFen, 'zh-CN')}`;
  const enAmount = amountFen === null ? 'amount to be confirmed' : `estimated ${formatFen(amountFen, 'en-US')}`;
  const auto = version.is_auto_grant;
  return {
    kind: 'policy.pushed',
    params: { policyId: version.policy_id, title: version.title, amountFen, isAutoGrant: auto },
    titleZh: auto ? `免申即享：${version.title}` : `政策推送：${version.title}`,
    titleEn: auto ? `Granted without applying: ${version.title}` : `A policy for you: ${version.title}`,
    bodyZh: auto
      ? `无需申报，符合条件即可享受。根据贵企业画像，贵企业符合《${version.title}》的条件，${zhAmount}。`
      : `根据贵企业画像，贵企业符合《${version.title}》的享受条件，${zhAmount}。请在申报期内提交申请。`,
    bodyEn: auto
      ? `No application needed: enterprises that qualify receive it. Your profile meets the conditions of “${version.title}”, ${enAmount}.`
      : `Your profile meets the conditions of “${version.title}”, ${enAmount}. Apply within the application window.`,
    link: `/portal/policies/${version.policy_id}`,
    dedupeKey: `policy.pushed:${version.policy_id}`,
  };
}

/**
 * Replaces stored matches and pushes the newly eligible. `scope` 'all' replaces every row of the versions
 * (a full match); a list of enterprises replaces only theirs (incremental). The replacement is a diff
 * computed against the rows stored — rows gone are deleted, new ones inserted, changed ones updated, all
 * via unnest in chunks — so a re-run over unchanged data writes nothing (on the embedded database a
 * rewrite of a county's rows costs seconds and leaves dead rows behind).
 *
 * Locks the version rows in id order (no deadlock between runs) and skips versions no longer published:
 * a run that raced a new version's publication stores nothing for the superseded one and pushes nothing
 * from it.
 * @returns per version: whether its rows were stored, and how many enterprises were pushed
 */
export async function storeMatches(
  trx: Executor,
  versions: readonly LiveVersion[],
  rows: readonly MatchRow[],
  scope: 'all' | readonly number[],
): Promise<Map<number, { stored: boolean; pushed: number }>> {
  const out = new Map<number, { stored: boolean; pushed: number }>();
  const ids = [...versions.map((v) => v.id)].sort((a, b) => a - b);
  if (ids.length === 0) return out;
  const live = await lockPublishedVersions(trx, ids);
  for (const id of ids) out.set(id, { stored: live.has(id), pushed: 0 });
  const liveIds = ids.filter((id) => live.has(id));
  if (liveIds.length === 0) return out;
  const scopeIds = scope === 'all' ? null : [...scope];
  if (scopeIds && scopeIds.length === 0) return out;

  const existing = await sql<{ v: number; e: number; o: string; a: number | null }>`
    select policy_version_id as v, enterprise_id as e, outcome as o, amount_fen as a from policy_matches
    where policy_version_id = any(${liveIds}::int[]) ${scopeIds ? sql`and enterprise_id = any(${scopeIds}::int[])` : sql``}`.execute(trx);
  const key = (v: number, e: number) => `${v}:${e}`;
  const before = new Map(existing.rows.map((r) => [key(r.v, r.e), r]));
  const inserts: MatchRow[] = [];
  const updates: MatchRow[] = [];
  for (const row of rows) {
    if (!live.has(row.versionId)) continue;
    const k = key(row.versionId, row.enterpriseId);
    const old = before.get(k);
    if (!old) inserts.push(row);
    else if (old.o !== row.outcome || old.a !== row.amountFen) updates.push(row);
    before.delete(k);
  }
  const deletes = [...before.values()];

  const columns = (chunk: readonly MatchRow[]) => [
    chunk.map((r) => r.versionId),
    chunk.map((r) => r.enterpriseId),
    chunk.map((r) => r.outcome),
    chunk.map((r) => r.amountFen),
    chunk.map((r) => (r.missingFacts ? JSON.stringify(r.missingFacts) : null)),
  ] as const;
  for (let start = 0; start < deletes.length; start += STORE_CHUNK) {
    const chunk = deletes.slice(start, start + STORE_CHUNK);
    await sql`
      delete from policy_matches m using unnest(${chunk.map((r) => r.v)}::int[], ${chunk.map((r) => r.e)}::int[]) as d(v, e)
      where m.policy_version_id = d.v and m.enterprise_id = d.e`.execute(trx);
  }
  for (let start = 0; start < inserts.length; start += STORE_CHUNK) {
    const [v, e, o, a, m] = columns(inserts.slice(start, start + STORE_CHUNK));
    await sql`
      insert into policy_matches (policy_version_id, enterprise_id, outcome, amount_fen, missing_facts)
      select v, e, o, a, m::jsonb from unnest(${v}::int[], ${e}::int[], ${o}::text[], ${a}::int8[], ${m}::text[]) as t(v, e, o, a, m)`.execute(trx);
  }
  for (let start = 0; start < updates.length; start += STORE_CHUNK) {
    const [v, e, o, a, m] = columns(updates.slice(start, start + STORE_CHUNK));
    await sql`
      update policy_matches p set outcome = u.o, amount_fen = u.a, missing_facts = u.m::jsonb, matched_at = now()
      from unnest(${v}::int[], ${e}::int[], ${o}::text[], ${a}::int8[], ${m}::text[]) as u(v, e, o, a, m)
      where p.policy_version_id = u.v and p.enterprise_id = u.e`.execute(trx);
  }

  // Pushes: every eligible (version, enterprise) of the scope; the unique (policy, enterprise) keeps those
  // pushed before, by this version or an earlier one. Only the rows actually inserted notify.
  // The versions' policies come from memory, not from a join on the catalogue's table.
  const scopeFilter = scopeIds ? sql`and m.enterprise_id = any(${scopeIds}::int[])` : sql``;
  const policyOf = new Map(versions.map((v) => [v.id, v.policy_id]));
  const pushed = await sql<{ policy_id: number; enterprise_id: number; policy_version_id: number }>`
    insert into policy_pushes (policy_id, policy_version_id, enterprise_id)
    select v.policy_id, v.id, m.enterprise_id
    from policy_matches m join unnest(${liveIds}::int[], ${liveIds.map((id) => policyOf.get(id)!)}::int[]) as v(id, policy_id) on v.id = m.policy_version_id
    where m.policy_version_id = any(${liveIds}::int[]) and m.outcome = 'eligible' ${scopeFilter}
    order by v.policy_id, m.enterprise_id
    on conflict (policy_id, enterprise_id) do nothing
    returning policy_id, enterprise_id, policy_version_id`.execute(trx);
  if (pushed.rows.length > 0) {
    const byVersion = new Map(versions.map((v) => [v.id, v]));
    const amount = new Map(rows.map((r) => [key(r.versionId, r.enterpriseId), r.amountFen]));
    await notifyEnterprises(
      trx,
      pushed.rows.map((p) => ({ enterpriseId: p.enterprise_id, notification: pushNotification(byVersion.get(p.policy_version_id)!, amount.get(key(p.policy_version_id, p.enterprise_id)) ?? null) })),
    );
    for (const p of pushed.rows) out.get(p.policy_version_id)!.pushed++;
  }
  return out;
}

/**
 * Matches live versions (all, or `versionIds`) against the whole county and stores the results: one load
 * of the facts they read, one vectorised pass, then one store transaction per version. Returns the counts
 * and the time of each stage.
 */
export async function matchVersions(db: Kysely<DB>, versionIds: readonly number[] | 'all', options: MatchRunOptions = {}): Promise<MatchRunResult> {
  const evaluationDate = options.evaluationDate ?? todayInCounty();
  await expireLapsedVersions(db, evaluationDate);
  const versions = await findLiveVersions(db, evaluationDate, versionIds === 'all' ? undefined : versionIds);
  const timings: MatchTimings = { loadMs: 0, matchMs: 0, amountsMs: 0, storeMs: 0 };
  if (versions.length === 0) return { enterprises: 0, versions: [], timings };
  const registry = await loadRuleRegistry(db);
  const between = async () => {
    await options.heartbeat?.();
    await yieldToEventLoop();
  };

  let t = performance.now();
  const county = await loadCountyColumns(db, registry, needsOfVersions(versions, evaluationDate), {
    chunkSize: loadChunkSizeFor(options.dbKind ?? 'pglite'),
    between,
  });
  timings.loadMs = performance.now() - t;

  t = performance.now();
  const prepared = versions.map((v) => prepareRule(v.rule, prepareOptionsOf(v, registry.catalogue, evaluationDate)));
  const results = matchCounty(prepared.map(compilePrepared), county.columns);
  timings.matchMs = performance.now() - t;

  const summaries: VersionMatchSummary[] = [];
  for (let k = 0; k < versions.length; k++) {
    const version = versions[k];
    const result = results[k];
    t = performance.now();
    const eligibleRows: number[] = [];
    const unknownRows: number[] = [];
    for (let i = 0; i < result.length; i++) {
      if (result[i] === 1) eligibleRows.push(i);
      else if (result[i] === 2) unknownRows.push(i);
    }
    const options = prepareOptionsOf(version, registry.catalogue, evaluationDate);
    const { amounts } = estimateAmounts(version.benefit, options, county, eligibleRows, registry);
    const rows: MatchRow[] = [];
    eligibleRows.forEach((row, j) => rows.push({ versionId: version.id, enterpriseId: county.enterpriseIds[row], outcome: 'eligible', amountFen: amounts[j], missingFacts: null }));
    for (const row of unknownRows) {
      rows.push({ versionId: version.id, enterpriseId: county.enterpriseIds[row], outcome: 'unknown', amountFen: null, missingFacts: null });
    }
    timings.amountsMs += performance.now() - t;

    t = performance.now();
    const stored = await db.transaction().execute((trx) => storeMatches(trx, [version], rows, 'all'));
    timings.storeMs += performance.now() - t;
    const s = stored.get(version.id)!;
    summaries.push({ versionId: version.id, policyId: version.policy_id, eligible: eligibleRows.length, unknown: unknownRows.length, pushed: s.pushed, stored: s.stored });
    await between();
  }
  return { enterprises: county.columns.size, versions: summaries, timings };
}

/**
 * Re-matches a few enterprises after their data changed: each is evaluated with the scalar engine against
 * every live version (no county load), and its rows are replaced in one transaction; a newly eligible
 * enterprise is pushed. Enterprises no longer operating lose their rows.
 */
export async function rematchEnterprises(db: Kysely<DB>, enterpriseIds: readonly number[], options: { evaluationDate?: string } = {}): Promise<{ enterprises: number; rows: number; pushed: number; ms: number }> {
  const started = performance.now();
  const ids = [...new Set(enterpriseIds)].sort((a, b) => a - b);
  const evaluationDate = options.evaluationDate ?? todayInCounty();
  await expireLapsedVersions(db, evaluationDate);
  const versions = await findLiveVersions(db, evaluationDate);
  if (ids.length === 0 || versions.length === 0) return { enterprises: ids.length, rows: 0, pushed: 0, ms: performance.now() - started };
  const registry = await loadRuleRegistry(db);
  const facts = await loadEnterpriseFacts(db, registry, ids, needsOfVersions(versions, evaluationDate));
  const prepared = versions.map((v) => prepareRule(v.rule, prepareOptionsOf(v, registry.catalogue, evaluationDate)));
  const rows: MatchRow[] = [];
  for (const id of ids) {
    const record = facts.get(id);
    if (!record) continue;
    const outcomes = rematchEnterprise(prepared, record);
    outcomes.forEach((outcome, k) => {
      if (outcome === 'ineligible') return;
      const version = versions[k];
      rows.push(
        outcome === 'eligible'
          ? { versionId: version.id, enterpriseId: id, outcome, amountFen: estimateBenefit(version.benefit, record, prepareOptionsOf(version, registry.catalogue, evaluationDate)).amountFen, missingFacts: null }
          : { versionId: version.id, enterpriseId: id, outcome, amountFen: null, missingFacts: null },
      );
    });
  }
  const stored = await db.transaction().execute((trx) => storeMatches(trx, versions, rows, ids));
  let pushed = 0;
  for (const s of stored.values()) pushed += s.pushed;
  return { enterprises: ids.length, rows: rows.length, pushed, ms: performance.now() - started };
}
