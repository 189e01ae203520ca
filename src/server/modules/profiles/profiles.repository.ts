import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';

/**
 * Locks the enterprises of a chunk (in id order, so two recomputes never deadlock) and reads the
 * attributes the derivation needs. The lock makes a recompute that read older facts wait for, or be
 * followed by, one that read newer facts, never overwrite it.
 */
export async function lockProfileSubjects(db: Executor, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const [low, high] = boundsOf(ids);
  // A profile cleared by hand (or its computation time) has no digest worth comparing: it is written again.
  const result = await sql<{ id: number; industry_code: string | null; registered_on: string | null; type: string; profile_hash: string | null }>`
    select id, industry_code, registered_on, type, case when profile is null or profile_computed_at is null then null else profile_hash end as profile_hash from enterprises
    where id between ${low} and ${high} and id = any(${ids}::int[]) order by id for update`.execute(db);
  return result.rows;
}

/** What explaining one enterprise's profile reads of its row (no lock: a read). */
export async function findProfileSubject(db: Executor, id: number) {
  const result = await sql<{ id: number; industry_code: string | null; registered_on: string | null; type: string; evaluation_date: string | null }>`
    select id, industry_code, registered_on, type, profile ->> 'evaluationDate' as evaluation_date from enterprises where id = ${id}`.execute(db);
  return result.rows[0];
}

/**
 * The bounds of a chunk's ids. Queries filter on `id between first and last` besides `= any(ids)`: the
 * range is what makes the planner walk the primary key even when the table has no statistics yet (the
 * embedded database runs no autovacuum), instead of scanning the whole county for every chunk.
 */
function boundsOf(ids: readonly number[]): [number, number] {
  let low = ids[0];
  let high = ids[0];
  for (const id of ids) {
    if (id < low) low = id;
    if (id > high) high = id;
  }
  return [low, high];
}

/** One effective value: [enterprise id, indicator code, period, value, text value]. */
export type EffectiveValue = [number, string, string, number | null, string | null];

/**
 * The effective value of every indicator and period of the chunk's enterprises: where several sources
 * report the same fact, the one with the lowest rank (see source-precedence.ts) wins. Set-based: one
 * statement per chunk; the rank table travels as three arrays. The chunk's rows are read first through
 * the primary key (a materialised CTE, so the planner cannot trade that for an ordered scan of the whole
 * table), and come back as one JSON array, because decoding hundreds of thousands of rows one by one is
 * what costs most on the embedded database.
 */
export async function findEffectiveValues(db: Executor, ids: readonly number[], ranks: { codes: string[]; sources: string[]; ranks: number[] }): Promise<EffectiveValue[]> {
  if (ids.length === 0) return [];
  const [low, high] = boundsOf(ids);
  const result = await sql<{ values: string }>`
    with v as materialized (
      select enterprise_id, indicator_code, period, source, value, value_text from indicator_values
      where enterprise_id between ${low} and ${high} and enterprise_id = any(${ids}::int[])
    )
    select coalesce(json_agg(json_build_array(x.enterprise_id, x.indicator_code, x.period, x.value, x.value_text))::text, '[]') as values
    from (
      select distinct on (v.enterprise_id, v.indicator_code, v.period)
        v.enterprise_id, v.indicator_code, v.period, v.value, v.value_text
      from v
      left join unnest(${ranks.codes}::text[], ${ranks.sources}::text[], ${ranks.ranks}::int[]) as r(code, source, rank)
        on r.code = v.indicator_code and r.source = v.source
      order by v.enterprise_id, v.indicator_code, v.period, coalesce(r.rank, 1000000), v.source
    ) x`.execute(db);
  // value is int8: json_build_array writes it as a JSON number; amounts stay below 2^53 (see database.ts).
  return JSON.parse(result.rows[0].values) as EffectiveValue[];
}

type RankTable = { codes: string[]; sources: string[]; ranks: number[] };
const rankMaps = new WeakMap<RankTable, Map<string, number>>();
/** The rank table as a map `code \0 source` → rank, made once per table. */
function rankMapOf(ranks: RankTable): Map<string, number> {
  let map = rankMaps.get(ranks);
  if (!map) {
    map = new Map(ranks.codes.map((code, i) => [`${code}\0${ranks.sources[i]}`, ranks.ranks[i]]));
    rankMaps.set(ranks, map);
  }
  return map;
}

/**
 * The same effective values as findEffectiveValues (same precedence: lowest rank, unknown pairs last, then
 * the source's name), in no particular order, for the recompute's chunks: the database only reads the
 * chunk's rows through the primary key's range and hands them over as one JSON text, and the precedence
 * is resolved here — half the time of sorting and ranking in SQL on the embedded database, where every
 * statement holds the server's thread. A test holds the two to agreeing (profiles.test.ts).
 */
export async function findEffectiveValuesOfChunk(db: Executor, ids: readonly number[], ranks: RankTable): Promise<EffectiveValue[]> {
  if (ids.length === 0) return [];
  const [low, high] = boundsOf(ids);
  // A county walk's chunk is every id of its range: the range alone selects it.
  const isWholeRange = high - low + 1 === new Set(ids).size;
  const result = await sql<{ values: string }>`
    select coalesce(json_agg(json_build_array(enterprise_id, indicator_code, period, source, value, value_text))::text, '[]') as values
    from indicator_values where enterprise_id between ${low} and ${high}${isWholeRange ? sql`` : sql` and enterprise_id = any(${ids}::int[])`}`.execute(db);
  const rows = JSON.parse(result.rows[0].values) as [number, string, string, string, number | null, string | null][];
  const rankOf = rankMapOf(ranks);
  const best = new Map<string, { row: (typeof rows)[number]; rank: number }>();
  for (const row of rows) {
    const key = `${row[0]}\0${row[1]}\0${row[2]}`;
    const rank = rankOf.get(`${row[1]}\0${row[3]}`) ?? 1_000_000;
    const current = best.get(key);
    if (!current || rank < current.rank || (rank === current.rank && row[3] < current.row[3])) best.set(key, { row, rank });
  }
  const values: EffectiveValue[] = [];
  for (const { row } of best.values()) values.push([row[0], row[1], row[2], row[4], row[5]]);
  return values;
}

/** Certifications held on `onDate`: awarded by then and not expired (expiry day excluded). */
export async function findCertificationsHeld(db: Executor, ids: readonly number[], onDate: string) {
  if (ids.length === 0) return [];
  const [low, high] = boundsOf(ids);
  const result = await sql<{ enterprise_id: number; code: string }>`
    select distinct enterprise_id, code from certifications
    where enterprise_id between ${low} and ${high} and enterprise_id = any(${ids}::int[]) and awarded_on <= ${onDate}::date
      and (expires_on is null or expires_on > ${onDate}::date)`.execute(db);
  return result.rows;
}

/** A computed profile ready to store: its document as JSON text and the digest of that text. */
export interface ProfileWrite {
  id: number;
  /** JSON of {sizeClass, isAboveScale, lifecycleStage, tags, completenessBp, profile}. */
  json: string;
  hash: string;
}

/**
 * Writes the changed profiles of a chunk in one statement. The rows travel as one JSON document built from
 * each profile's JSON text (already made for its digest), which the database parses once.
 */
export async function writeProfiles(db: Executor, profiles: readonly ProfileWrite[], computedAt: Date): Promise<void> {
  if (profiles.length === 0) return;
  const [low, high] = boundsOf(profiles.map((p) => p.id));
  const rows = `[${profiles.map((p) => `{"id":${p.id},"hash":${JSON.stringify(p.hash)},"doc":${p.json}}`).join(',')}]`;
  await sql`
    update enterprises as e set
      size_class = u.doc ->> 'sizeClass',
      is_above_scale = (u.doc ->> 'isAboveScale')::boolean,
      lifecycle_stage = u.doc ->> 'lifecycleStage',
      tags = array(select jsonb_array_elements_text(u.doc -> 'tags')),
      profile = u.doc -> 'profile',
      completeness_bp = (u.doc ->> 'completenessBp')::int,
      profile_hash = u.hash,
      profile_computed_at = ${computedAt}
    from jsonb_to_recordset(${rows}::jsonb) as u(id int, hash text, doc jsonb)
    where e.id between ${low} and ${high} and e.id = u.id`.execute(db);
}

/** The next `limit` enterprise ids after `afterId`, for walking the county in chunks (keyset, not offset). */
export async function findEnterpriseIdsAfter(db: Executor, afterId: number, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('enterprises').where('id', '>', afterId).orderBy('id').limit(limit).select('id').execute();
  return rows.map((r) => r.id);
}

export async function countEnterprises(db: Executor): Promise<number> {
  const row = await db.selectFrom('enterprises').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
