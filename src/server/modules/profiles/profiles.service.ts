import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { IndicatorValue } from '../../../core/profile/derived.ts';
import type { DatabaseKind, Executor } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import type { JobContext, JobHandler } from '../../jobs/worker.ts';
import { loadIndicatorCatalogue, sourceRankTable } from '../indicators/index.ts';
import { computeProfile, makeCatalogue, type Catalogue, type ComputedProfile, type ProfileExplanation, type ProfileFacts } from './profiles.compute.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import * as repo from './profiles.repository.ts';
import { publish } from '../../events/index.ts';

/**
 * Enterprises per chunk: one read of facts, one write, one transaction. On the embedded database a chunk's
 * statements run without giving the server a turn (PGlite's queries run on the event loop and never wait
 * for I/O), so chunks stay small there; on PostgreSQL the statements wait on the server, the computation
 * yields every COMPUTE_SLICE enterprises, and bigger chunks mean fewer round trips.
 * Sizes chosen with `npm run bench:profile -- --part recompute --chunk-size N`.
 */
export function recomputeChunkSizeFor(kind: DatabaseKind): number {
  return kind === 'pglite' ? 250 : 1000;
}
/**
 * Chunks in flight at once. PostgreSQL computes in its own processes: while one chunk's facts are read or
 * its profiles written, the next chunk's are computed here. PGlite has one connection in this thread.
 */
export function recomputeConcurrencyFor(kind: DatabaseKind): number {
  return kind === 'pglite' ? 1 : 2;
}
/** When the caller does not say which database: the size safe for both. */
export const RECOMPUTE_CHUNK_SIZE = 250;

export interface RecomputeOptions {
  /** ISO date the profile is evaluated on; today in the county (Asia/Shanghai) by default. */
  evaluationDate?: string;
  chunkSize?: number;
  /** Chunks in flight at once in a county-wide recompute (recomputeConcurrencyFor); 1 by default. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  /** Called between chunks (a job extends its lease). */
  heartbeat?: () => Promise<void>;
}

interface RunContext {
  catalogue: Catalogue;
  ranks: { codes: string[]; sources: string[]; ranks: number[] };
  evaluationDate: string;
}

async function prepare(db: Executor, evaluationDate: string | undefined): Promise<RunContext> {
  const catalogue = makeCatalogue(await loadIndicatorCatalogue(db));
  return { catalogue, ranks: sourceRankTable(catalogue.list), evaluationDate: evaluationDate ?? todayInCounty() };
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Enterprises computed between two turns of the event loop (about 1 ms each). */
const COMPUTE_SLICE = 50;
/** Profiles written by one statement: each statement holds the event loop on PGlite (13 indexes a row). */
const WRITE_SLICE = 125;

/** The facts of the given enterprises (registry rows already read), as the computation takes them. */
async function readFacts(db: Executor, subjects: readonly { id: number; industry_code: string | null; registered_on: string | null; type: string }[], run: RunContext) {
  const ids = subjects.map((s) => s.id);
  const [values, certifications] = await Promise.all([repo.findEffectiveValuesOfChunk(db, ids, run.ranks), repo.findCertificationsHeld(db, ids, run.evaluationDate)]);
  const facts = new Map<number, ProfileFacts>();
  for (const s of subjects) {
    facts.set(s.id, { id: s.id, industryCode: s.industry_code, registeredOn: s.registered_on, type: s.type, indicators: {}, certifications: [] });
  }
  for (const [enterpriseId, code, period, value, valueText] of values) {
    const indicators = facts.get(enterpriseId)!.indicators as Record<string, Record<string, IndicatorValue>>;
    (indicators[code] ??= {})[period] = value ?? valueText;
  }
  for (const c of certifications) (facts.get(c.enterprise_id)!.certifications as string[]).push(c.code);
  return facts;
}

/** Reads, computes and writes one chunk inside the given transaction. */
async function recomputeChunk(trx: Executor, ids: readonly number[], run: RunContext): Promise<ComputedProfile[]> {
  const subjects = await repo.lockProfileSubjects(trx, ids);
  if (subjects.length === 0) return [];
  await yieldToEventLoop();
  const facts = await readFacts(trx, subjects, run);
  // Only profiles whose digest changed are rewritten; the others are marked computed now. The computation
  // gives the event loop a turn every COMPUTE_SLICE enterprises, so a chunk's JavaScript never holds the
  // server for long whatever the chunk size (on PostgreSQL it was most of the longest pause).
  const computed: ComputedProfile[] = [];
  const changed: repo.ProfileWrite[] = [];
  const unchanged: number[] = [];
  for (let i = 0; i < subjects.length; i++) {
    if (i > 0 && i % COMPUTE_SLICE === 0) await yieldToEventLoop();
    const profile = computeProfile(facts.get(subjects[i].id)!, run.catalogue, run.evaluationDate);
    computed.push(profile);
    // The explanation is not stored (explainProfile renders it on read): only the figures are.
    const { id, explanation: _explanation, ...document } = profile;
    const json = JSON.stringify(document);
    const hash = createHash('sha256').update(json).digest('base64url');
    if (hash === subjects[i].profile_hash) unchanged.push(id);
    else changed.push({ id, json, hash });
  }
  const now = new Date();
  // Unchanged profiles are left alone: rewriting a row only to move its profile_computed_at rewrote every
  // index of the table (13) for each enterprise, most of a county-wide recompute's time. The changed ones
  // are written WRITE_SLICE at a time with a turn of the event loop between (PGlite's statements hold it).
  for (let start = 0; start < changed.length; start += WRITE_SLICE) {
    if (start > 0) await yieldToEventLoop();
    await repo.writeProfiles(trx, changed.slice(start, start + WRITE_SLICE), now);
  }
  return computed;
}


/**
 * The explanation of an enterprise's stored profile (each derived figure with its reason and inputs, and
 * completeness), rendered now from its current facts by the same computation the recompute stores, on the
 * date the stored figures were evaluated on. Null when the profile was never computed. Reads one
 * enterprise's facts: for the one enterprise shown, not for lists.
 */
export async function explainProfile(db: Executor, enterpriseId: number): Promise<ProfileExplanation | null> {
  const subject = await repo.findProfileSubject(db, enterpriseId);
  if (!subject?.evaluation_date) return null;
  const run = await prepare(db, subject.evaluation_date);
  const facts = await readFacts(db, [subject], run);
  return computeProfile(facts.get(subject.id)!, run.catalogue, run.evaluationDate).explanation;
}

/**
 * Recomputes the derived profile (size class, 四上, life cycle, tags, completeness) of the given
 * enterprises from their effective indicator values and certifications, in chunks: one read and one
 * write per chunk, never one query per enterprise. Idempotent: running it twice stores the same profile
 * (only profile_computed_at moves).
 *
 * Given a transaction (a request that just changed facts) it runs inside it, so the new facts and their
 * profile commit together; given the database, each chunk is its own short transaction and the event loop
 * gets a turn between chunks so the server keeps answering.
 */
export async function recomputeProfiles(db: Executor, enterpriseIds: readonly number[], options: RecomputeOptions = {}): Promise<number> {
  const ids = [...new Set(enterpriseIds)].sort((a, b) => a - b);
  if (ids.length === 0) return 0;
  const run = await prepare(db, options.evaluationDate);
  const chunkSize = options.chunkSize ?? RECOMPUTE_CHUNK_SIZE;
  let done = 0;
  for (let start = 0; start < ids.length; start += chunkSize) {
    const chunk = ids.slice(start, start + chunkSize);
    const computed = db.isTransaction
      ? await recomputeChunk(db, chunk, run)
      : await (db as Kysely<DB>).transaction().execute((trx) => recomputeChunk(trx, chunk, run));
    done += computed.length;
    options.onProgress?.(Math.min(start + chunk.length, ids.length), ids.length);
    if (!db.isTransaction && start + chunkSize < ids.length) {
      await options.heartbeat?.();
      await yieldToEventLoop();
    }
  }
  return done;
}

/**
 * What a change of facts sets off: the derived profiles of these enterprises are recomputed now (in the
 * caller's transaction when given one) and `profile.recomputed` is published in the same transaction, so
 * whoever depends on profiles (policy matching re-matches and pushes a new eligibility) reacts without
 * anyone asking — and without profiles knowing who they are.
 */
export async function recomputeProfilesAndPublish(db: Executor, enterpriseIds: readonly number[], options: RecomputeOptions = {}): Promise<number> {
  const recomputed = await recomputeProfiles(db, enterpriseIds, options);
  if (enterpriseIds.length > 0) await publish(db, 'profile.recomputed', { enterpriseIds: [...new Set(enterpriseIds)].sort((a, b) => a - b) });
  return recomputed;
}

/**
 * Recomputes every enterprise of the county, walking ids in order (keyset chunks), so enterprises added
 * meanwhile are picked up and memory stays flat whatever the county's size. Returns how many were computed.
 */
export async function recomputeAllProfiles(db: Kysely<DB>, options: RecomputeOptions = {}): Promise<number> {
  const run = await prepare(db, options.evaluationDate);
  const chunkSize = options.chunkSize ?? RECOMPUTE_CHUNK_SIZE;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const total = await repo.countEnterprises(db);
  let lastId = 0;
  let done = 0;
  options.onProgress?.(0, total);
  // Chunks are disjoint id ranges, each its own transaction locking its rows in id order: chunks in flight
  // at once never wait for each other.
  const inFlight = new Set<Promise<void>>();
  for (;;) {
    const ids = await repo.findEnterpriseIdsAfter(db, lastId, chunkSize);
    if (ids.length === 0) break;
    lastId = ids[ids.length - 1];
    const chunk = db
      .transaction()
      .execute((trx) => recomputeChunk(trx, ids, run))
      .then((computed) => {
        done += computed.length;
        options.onProgress?.(Math.min(done, Math.max(total, done)), Math.max(total, done));
      });
    const settle = () => void inFlight.delete(chunk);
    chunk.then(settle, settle);
    inFlight.add(chunk);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
    await options.heartbeat?.();
    await yieldToEventLoop();
  }
  await Promise.all(inFlight);
  return done;
}

function parseJobPayload(payload: Record<string, unknown>): { all: true } | { enterpriseIds: number[] } {
  if (payload.all === true) return { all: true };
  const ids = payload.enterpriseIds;
  if (Array.isArray(ids) && ids.every((id) => Number.isSafeInteger(id) && (id as number) > 0)) return { enterpriseIds: ids as number[] };
  throw new Error('profiles.recompute: payload must be {all: true} or {enterpriseIds: [positive integers]}');
}

/**
 * Job handler of PROFILE_RECOMPUTE_JOB (see profiles.queue.ts). Safe to run twice: a recompute only
 * rewrites the profile from the current facts. Extends its lease between chunks.
 */
export async function handleProfileRecomputeJob(
  payload: Record<string, unknown>,
  context: Pick<JobContext, 'db' | 'heartbeat'>,
  options: { chunkSize?: number; concurrency?: number } = {},
): Promise<{ recomputed: number }> {
  const request = parseJobPayload(payload);
  const runOptions: RecomputeOptions = { heartbeat: context.heartbeat, chunkSize: options.chunkSize, concurrency: options.concurrency };
  if ('all' in request) {
    const recomputed = await recomputeAllProfiles(context.db, runOptions);
    await publish(context.db, 'profile.recomputed', { all: true });
    return { recomputed };
  }
  return { recomputed: await recomputeProfilesAndPublish(context.db, request.enterpriseIds, runOptions) };
}

/** The job handler for a database kind (its chunk size and concurrency), as profiles.plugin.ts registers it. */
export function createProfileRecomputeJobHandler(kind: DatabaseKind): JobHandler {
  const options = { chunkSize: recomputeChunkSizeFor(kind), concurrency: recomputeConcurrencyFor(kind) };
  return (payload, context) => handleProfileRecomputeJob(payload, context, options);
}
