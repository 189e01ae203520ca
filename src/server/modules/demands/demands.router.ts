/**
 * The routing suggestion of a demand (DESIGN §9): keyword rules first (demand_routing_rules, edited by the
 * dispatcher), then the text classifier of src/core/routing trained in-process from labelled history (the
 * final category of resolved demands — the dispatchers' decisions), then the enterprise's declared category;
 * the competent department of the category; the responsible leader (the enterprise's linked cadre when
 * they belong to that department, else the department's head); and the most similar past demands with
 * how they were resolved.
 *
 * Models are versioned rows of `router_models`; each instance keeps the newest it has loaded (with an index
 * of past resolved demands for the similar cases) and loads a newer version when one appears. Training runs
 * as a job: on demand (dispatcher), nightly, at start-up when no model exists, and after the demo seed.
 * The training itself runs in a worker thread (demands.router-worker.ts): the seconds of TF-IDF and SGD on
 * tens of thousands of demands never block the event loop, and until the new version is stored every
 * suggestion comes from the rules and the previous model.
 */
import { Worker } from 'node:worker_threads';
import { sql, type Kysely } from 'kysely';
import { loadRouter, RouterTrainingError, SimilarCaseIndex, type LabelledText, type RouterTrainOptions, type Router } from '../../../core/routing/router.ts';
import { charNgrams, normalizeText } from '../../../core/routing/text.ts';
import { shanghaiDate, addCalendarDays } from '../../../core/sla/calendar.ts';
import type { Executor } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import type { JobHandler } from '../../jobs/worker.ts';
import * as repo from './demands.repository.ts';
import type { RouterWorkerInput, RouterWorkerOutput } from './demands.router-worker.ts';
import type { DemandSuggestion } from './demands.schemas.ts';
import { jiebaTokenizer } from './demands.tokenizer.ts';

export { jiebaTokenizer } from './demands.tokenizer.ts';

export const ROUTER_TRAIN_JOB = 'demands.router-train';
/** Fewest labelled demands (and at least two categories) worth training on. */
export const MIN_TRAINING_EXAMPLES = 20;
/** Most labelled demands one training reads (the newest). */
const MAX_TRAINING_EXAMPLES = 50_000;
/** Past resolved demands searched for similar cases (the newest). */
const SIMILAR_INDEX_SIZE = 5_000;
/** The similar-case index is rebuilt at most this often (new resolutions join it then). */
const INDEX_REFRESH_MS = 10 * 60_000;

interface Loaded {
  version: number;
  router: Router;
  index: SimilarCaseIndex<number>;
  indexBuiltAt: number;
}

/** Per database (tests run several apps in one process). */
const cache = new WeakMap<object, Loaded>();

async function buildIndex(db: Executor, router: Router): Promise<SimilarCaseIndex<number>> {
  const index = new SimilarCaseIndex<number>(router);
  const rows = await db
    .selectFrom('demands')
    .where('state', 'in', ['resolved', 'rated', 'closed'])
    .where('resolution', 'is not', null)
    .select(['id', 'title', 'description', 'category_code'])
    .orderBy('id', 'desc')
    .limit(SIMILAR_INDEX_SIZE)
    .execute();
  for (const row of rows) index.add(row.id, [row.title, row.description], row.category_code ?? undefined);
  return index;
}

/** The newest model, loaded and cached; null when none was trained yet. */
export async function currentRouter(db: Kysely<DB>): Promise<Loaded | null> {
  const newest = await db.selectFrom('router_models').select((eb) => eb.fn.max('version').as('version')).executeTakeFirst();
  const version = newest?.version ?? null;
  if (version === null) return null;
  const cached = cache.get(db);
  if (cached && cached.version === version) {
    if (Date.now() - cached.indexBuiltAt > INDEX_REFRESH_MS) {
      cached.index = await buildIndex(db, cached.router);
      cached.indexBuiltAt = Date.now();
    }
    return cached;
  }
  const row = await db.selectFrom('router_models').where('version', '=', version).select(['version', 'model']).executeTakeFirstOrThrow();
  const router = loadRouter(JSON.parse(row.model), jiebaTokenizer());
  const loaded: Loaded = { version: row.version, router, index: await buildIndex(db, router), indexBuiltAt: Date.now() };
  cache.set(db, loaded);
  return loaded;
}

/** Forgets the loaded model of this database (tests that rebuild history). */
export function forgetRouter(db: Kysely<DB>): void {
  cache.delete(db);
}

export interface SuggestionInput {
  title: string;
  description: string;
  declaredCategoryCode: string | null;
  enterpriseTownCode: string | null;
  onBehalfCadreId: number | null;
  /** A demand to leave out of the similar cases (itself). */
  excludeId?: number;
}

const cadreRef = (c: repo.CadreInfo) => ({ id: c.id, name: c.name, position: c.position, orgId: c.org_id, orgName: c.org_name });

type CategoryChoice = { code: string; nameZh: string; nameEn: string; confidence: number };

/**
 * The categories a text means: the longest active keyword rule it contains (of an active category), and
 * the router model's top 3. Shared by the stored suggestion and the hint while a demand is written.
 */
async function matchCategories(db: Kysely<DB>, title: string, description: string) {
  const categories = await repo.findCategories(db);
  const byCode = new Map(categories.filter((c) => c.is_active).map((c) => [c.code, c]));
  const ref = (code: string, confidence: number) => {
    const c = byCode.get(code)!;
    return { code, nameZh: c.name_zh, nameEn: c.name_en, confidence: Math.round(confidence * 10_000) / 10_000 };
  };
  const text = `${title}\n${description}`;

  const rules = await db
    .selectFrom('demand_routing_rules')
    .where('is_active', '=', true)
    .where(sql<boolean>`position(lower(keyword) in lower(${text})) > 0`)
    .select(['id', 'keyword', 'category_code', 'handler_org_id'])
    .orderBy(sql`length(keyword)`, 'desc')
    .orderBy('id')
    .execute();
  const rule = rules.find((r) => byCode.has(r.category_code)) ?? null;

  const loaded = await currentRouter(db);
  const alternatives: CategoryChoice[] = loaded
    ? loaded.router
        .predict([title, description], loaded.router.model.labels.length)
        .filter((r) => byCode.has(r.label))
        .slice(0, 3)
        .map((r) => ref(r.label, r.confidence))
    : [];
  return { byCode, ref, rule, alternatives, loaded };
}

/** The category hint while a demand is written: the rule's category, else the model's top 3. */
export async function suggestCategories(db: Kysely<DB>, title: string, description: string): Promise<{ source: 'rule' | 'model' | 'none'; items: CategoryChoice[] }> {
  const { ref, rule, alternatives } = await matchCategories(db, title, description);
  if (rule) return { source: 'rule', items: [ref(rule.category_code, 1)] };
  return alternatives.length > 0 ? { source: 'model', items: alternatives } : { source: 'none', items: [] };
}

/** Computes the routing suggestion of a demand's text (rules, model, declared category, cadres, similar cases). */
export async function computeSuggestion(db: Kysely<DB>, input: SuggestionInput, now = new Date()): Promise<DemandSuggestion> {
  const { byCode, ref, rule, alternatives, loaded } = await matchCategories(db, input.title, input.description);
  let similar: DemandSuggestion['similar'] = [];
  if (loaded) {
    const fields = [input.title, input.description];
    const hits = loaded.index.search(fields, 6).filter((h) => h.id !== input.excludeId && h.score > 0.05).slice(0, 5);
    if (hits.length > 0) {
      const rows = await db
        .selectFrom('demands')
        .leftJoin('organizations', 'organizations.id', 'demands.handler_org_id')
        .where('demands.id', 'in', hits.map((h) => h.id))
        .select(['demands.id', 'demands.title', 'demands.category_code', 'demands.handler_org_id', 'organizations.name as org_name', 'demands.resolution', 'demands.resolution_mode', 'demands.rating'])
        .execute();
      const rowById = new Map(rows.map((r) => [r.id, r]));
      similar = hits.flatMap((hit) => {
        const r = rowById.get(hit.id);
        if (!r) return [];
        const c = r.category_code ? byCode.get(r.category_code) : undefined;
        return [{
          id: r.id,
          title: r.title,
          category: c ? { code: c.code, nameZh: c.name_zh, nameEn: c.name_en } : null,
          handlerOrg: r.handler_org_id !== null ? { id: r.handler_org_id, name: r.org_name ?? '' } : null,
          resolution: r.resolution,
          resolutionMode: r.resolution_mode,
          rating: r.rating,
          score: Math.round(hit.score * 10_000) / 10_000,
        }];
      });
    }
  }

  let source: DemandSuggestion['source'] = 'none';
  let category: DemandSuggestion['category'] = null;
  if (rule) {
    source = 'rule';
    category = ref(rule.category_code, 1);
  } else if (alternatives.length > 0) {
    source = 'model';
    category = alternatives[0];
  } else if (input.declaredCategoryCode && byCode.has(input.declaredCategoryCode)) {
    source = 'declared';
    category = ref(input.declaredCategoryCode, 0);
  }

  let department: DemandSuggestion['department'] = null;
  if (rule?.handler_org_id) {
    const org = await repo.findOrg(db, rule.handler_org_id);
    if (org) department = { id: org.id, name: org.name };
  }
  if (!department && category) {
    const [org] = await repo.findOrgsByCodes(db, [byCode.get(category.code)!.department_code]);
    if (org) department = { id: org.id, name: org.name };
  }

  let linked: repo.CadreInfo | undefined;
  if (input.onBehalfCadreId !== null) linked = (await repo.findCadres(db, [input.onBehalfCadreId])).get(input.onBehalfCadreId);
  if (!linked && input.enterpriseTownCode) linked = await repo.findTownLeader(db, input.enterpriseTownCode);
  let leader: repo.CadreInfo | undefined;
  if (department) leader = linked && linked.org_id === department.id ? linked : (await repo.findOrgLeaders(db, [department.id]))[0];

  return {
    modelVersion: loaded?.version ?? null,
    source,
    category,
    alternatives,
    department,
    leader: leader ? cadreRef(leader) : null,
    linkedCadre: linked ? cadreRef(linked) : null,
    rule: rule ? { id: rule.id, keyword: rule.keyword } : null,
    similar,
    computedAt: now.toISOString(),
  };
}

// Near duplicates ------------------------------------------------------------------------------

/** Character 1–3-gram sets' cosine (binary): robust for short Chinese titles, no model needed. */
export function textSimilarity(a: string, b: string): number {
  const grams = (text: string) => new Set(charNgrams(normalizeText(text), 2, 3));
  const x = grams(a);
  const y = grams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return common / Math.sqrt(x.size * y.size);
}

// Training --------------------------------------------------------------------------------------

export type TrainTrigger = 'startup' | 'schedule' | 'manual' | 'seed';

export interface TrainOutcome {
  status: 'trained' | 'skipped';
  version?: number;
  examples: number;
  labels?: number;
  trainSeconds?: number;
  heldOutAccuracy?: number | null;
  reason?: string;
}

/** A model trained by the worker: its JSON text and the figures stored beside it. */
interface TrainedModel {
  json: string;
  labels: string[];
  heldOutAccuracy: number | null;
}

/** Observers of a training run (tests). */
export interface TrainHooks {
  /** Called once the worker thread is started, before it has trained. */
  onWorkerStarted?: () => void;
  /** Awaited once the worker has answered, before the model is stored. */
  beforeStore?: () => Promise<void>;
}

/**
 * The worker's file next to this one: `.js` when the server runs built (dist/node); `.ts` when it runs from
 * source (tsx, vitest), where a worker cannot load TypeScript by itself on Node 20 (the loader of the main
 * thread does not reach it), so demands.router-worker.dev.mjs registers tsx in the worker and imports it.
 */
function startWorker(input: RouterWorkerInput): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  return new Worker(new URL(fromSource ? './demands.router-worker.dev.mjs' : './demands.router-worker.js', import.meta.url), { workerData: input });
}

/** Trains a router in a worker thread; rejects with `RouterTrainingError` when there is nothing to learn. */
export function trainInWorker(examples: LabelledText[], options: RouterTrainOptions, hooks: TrainHooks = {}): Promise<TrainedModel> {
  return new Promise((resolve, reject) => {
    const worker = startWorker({ examples, options });
    let answered = false;
    worker.once('message', (output: RouterWorkerOutput) => {
      answered = true;
      if (output.ok) resolve({ json: output.json, labels: output.labels, heldOutAccuracy: output.heldOutAccuracy });
      else {
        const error = output.isTrainingError ? new RouterTrainingError(output.message) : new Error(`router training failed: ${output.name}: ${output.message}`);
        reject(error);
      }
    });
    worker.once('error', (error) => {
      answered = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`router training worker exited with code ${code} before answering`));
    });
    hooks.onWorkerStarted?.();
  });
}

/** Trains a router from the labelled history (in a worker thread) and stores it as the next version. */
export async function trainFromHistory(db: Kysely<DB>, trigger: TrainTrigger, trainedBy: number | null = null, hooks: TrainHooks = {}): Promise<TrainOutcome> {
  const rows = await db
    .selectFrom('demands')
    .where('state', 'in', ['resolved', 'rated', 'closed'])
    .where('category_code', 'is not', null)
    .select(['title', 'description', 'category_code'])
    .orderBy('id', 'desc')
    .limit(MAX_TRAINING_EXAMPLES)
    .execute();
  const examples = rows.map((r) => ({ fields: [r.title, r.description], label: r.category_code! }));
  const labels = new Set(examples.map((e) => e.label));
  if (examples.length < MIN_TRAINING_EXAMPLES || labels.size < 2) {
    return { status: 'skipped', examples: examples.length, reason: `needs at least ${MIN_TRAINING_EXAMPLES} resolved demands in two or more categories` };
  }
  const started = performance.now();
  let model: TrainedModel;
  try {
    model = await trainInWorker(examples, { created: new Date().toISOString() }, hooks);
  } catch (error) {
    if (error instanceof RouterTrainingError) return { status: 'skipped', examples: examples.length, reason: error.message };
    throw error;
  }
  const trainSeconds = Math.round((performance.now() - started) / 10) / 100;
  await hooks.beforeStore?.();
  for (let attempt = 0; attempt < 3; attempt++) {
    const newest = await db.selectFrom('router_models').select((eb) => eb.fn.max('version').as('version')).executeTakeFirst();
    const version = (newest?.version ?? 0) + 1;
    const inserted = await db
      .insertInto('router_models')
      .values({
        version,
        model: model.json,
        labels: model.labels,
        examples: examples.length,
        held_out_accuracy: model.heldOutAccuracy,
        train_seconds: trainSeconds,
        trigger,
        trained_by: trainedBy,
      })
      .onConflict((oc) => oc.column('version').doNothing())
      .returning('version')
      .executeTakeFirst();
    if (inserted) return { status: 'trained', version, examples: examples.length, labels: model.labels.length, trainSeconds, heldOutAccuracy: model.heldOutAccuracy };
  }
  throw new Error('could not store the router model: the version was taken three times');
}

/** Queues a training run (deduplicated per trigger and minute, so a double click trains once). */
export async function enqueueRouterTraining(db: Executor, trigger: TrainTrigger, trainedBy: number | null = null, now = new Date()): Promise<number | null> {
  // Starts queue one run per county day, however often and whenever in the day instances (re)start (the run
  // itself does nothing once a model exists); a person asking again within the minute is one request too.
  const slot = trigger === 'startup' ? shanghaiDate(now) : now.toISOString().slice(0, 16);
  return enqueueJob(db, ROUTER_TRAIN_JOB, { trigger, trainedBy }, { dedupeKey: `${ROUTER_TRAIN_JOB}:${trigger}:${slot}`, maxAttempts: 2 });
}

/** 02:00 county time of the next day: the nightly retraining. */
function nextNight(now: Date): { runAt: Date; date: string } {
  const date = addCalendarDays(shanghaiDate(now), 1);
  return { runAt: new Date(`${date}T02:00:00+08:00`), date };
}

/** Queues the nightly retraining of the coming night (once per night, whoever asks). */
export async function scheduleNightlyTraining(db: Executor, now = new Date()): Promise<void> {
  const { runAt, date } = nextNight(now);
  await enqueueJob(db, ROUTER_TRAIN_JOB, { trigger: 'schedule', trainedBy: null }, { dedupeKey: `${ROUTER_TRAIN_JOB}:nightly:${date}`, runAt, maxAttempts: 2 });
}

export const routerTrainJobHandler: JobHandler = async (payload, { db }) => {
  const trigger = (['startup', 'schedule', 'manual', 'seed'] as const).find((t) => t === payload.trigger) ?? 'manual';
  const trainedBy = typeof payload.trainedBy === 'number' ? payload.trainedBy : null;
  // A start-up run is only for a database without a model: another instance may have trained one meanwhile.
  if (trigger === 'startup') {
    const existing = await db.selectFrom('router_models').select('id').limit(1).executeTakeFirst();
    if (existing) return { status: 'skipped', reason: 'a model exists' };
  }
  const outcome = await trainFromHistory(db, trigger, trainedBy);
  if (trigger === 'schedule') await scheduleNightlyTraining(db);
  return outcome;
};
