/**
 * The model registry (金融办): list, create an expert scorecard, train one from the historical loans (a job
 * with progress), activate one. Exactly one model is active at a time; the first start of a county gets the
 * default expert scorecard as version 1, active, so an assessment always names a model.
 */
import type { Kysely } from 'kysely';
import { compileExpertScorecard, compileTrainedScorecard, validateExpertScorecard, type CompiledScorecard, type ExpertScorecard } from '../../../core/credit/assessment.ts';
import { DEFAULT_EXPERT_SCORECARD } from '../../../core/credit/expert-default.ts';
import { assertScorecardModel } from '../../../core/credit/scorecard.ts';
import type { Executor } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { isUniqueViolation } from '../../platform/unique-violation.ts';
import { auditContextOfActor, type Actor } from '../../request-context.ts';
import { recordAudit } from '../audit/index.ts';
import { requireModelRegistryAccess } from './credit.policy.ts';
import { presentModel } from './credit.presenter.ts';
import * as repo from './credit.repository.ts';
import type { CreateExpertModelInput, CreditModel, TrainModelInput, UpdateExpertModelInput } from './credit.schemas.ts';
import { CREDIT_TRAIN_JOB, runModelTraining, type TrainSettings } from './credit.training.ts';

export const DEFAULT_MODEL_NAME = '县金融办专家评分卡（默认）';

export async function listModels(db: Kysely<DB>, actor: Actor): Promise<CreditModel[]> {
  await requireModelRegistryAccess(db, actor);
  await ensureDefaultModel(db);
  return (await repo.findModels(db)).map(presentModel);
}

export async function getModel(db: Executor, actor: Actor, id: number): Promise<CreditModel> {
  await requireModelRegistryAccess(db, actor);
  const row = await repo.findModel(db, id);
  if (!row) throw notFound('Credit model');
  return presentModel(row);
}

function assertValidCard(card: ExpertScorecard): void {
  const problems = validateExpertScorecard(card);
  if (problems.length > 0) {
    throw new AppError('validation_failed', 'The expert scorecard is not valid', problems.map((message) => ({ path: `body/definition/${message.split(':')[0]}`, message })));
  }
}

export async function createExpertModel(db: Kysely<DB>, actor: Actor, input: CreateExpertModelInput): Promise<CreditModel> {
  await requireModelRegistryAccess(db, actor);
  const card = input.definition as ExpertScorecard;
  assertValidCard(card);
  try {
    const id = await db.transaction().execute(async (trx) => {
      const created = await repo.insertModel(trx, { kind: 'expert', name: input.name, status: 'draft', definition: card, report: null, trainingState: null, createdBy: actor.userId });
      await recordAudit(trx, { ...auditContextOfActor(actor), action: 'credit_model.create', targetType: 'credit_model', targetId: created.id, details: { version: created.version, name: input.name } });
      if (input.activate) await activateInTransaction(trx, actor, created.id);
      return created.id;
    });
    return presentModel((await repo.findModel(db, id))!);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 'Another model was activated at the same time; try again');
    throw error;
  }
}

/**
 * Edits a draft expert scorecard (its name or its bins and points). An active or retired model is frozen: every
 * assessment names its version, so a version that scored anyone never changes; a new version is created instead.
 */
export async function updateExpertModel(db: Kysely<DB>, actor: Actor, id: number, input: UpdateExpertModelInput): Promise<CreditModel> {
  await requireModelRegistryAccess(db, actor);
  if (input.definition) assertValidCard(input.definition as ExpertScorecard);
  await db.transaction().execute(async (trx) => {
    const model = await repo.lockModel(trx, id);
    if (!model) throw notFound('Credit model');
    if (model.kind !== 'expert') throw new AppError('conflict', 'A trained scorecard is edited by training a new version');
    if (model.status !== 'draft') throw new AppError('conflict', `Version ${model.version} is ${model.status}: it is frozen; create a new version instead`);
    await repo.updateDraft(trx, id, { name: input.name, definition: input.definition });
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'credit_model.update', targetType: 'credit_model', targetId: id, details: { version: model.version, fields: Object.keys(input) } });
  });
  return presentModel((await repo.findModel(db, id))!);
}

/** Registers a trained model as a draft and queues its training; the registry shows its progress. */
export async function startTraining(db: Kysely<DB>, actor: Actor, input: TrainModelInput): Promise<CreditModel> {
  await requireModelRegistryAccess(db, actor);
  if (input.from && input.to && input.from > input.to) throw new AppError('validation_failed', 'The period is invalid', [{ path: 'body/to', message: 'must not be before from' }]);
  const settings: TrainSettings = { from: input.from, to: input.to, holdoutShare: input.holdoutShare, pdo: input.pdo };
  const id = await db.transaction().execute(async (trx) => {
    const created = await repo.insertModel(trx, {
      kind: 'trained',
      name: input.name ?? '历史贷款训练评分卡',
      status: 'draft',
      definition: null,
      report: null,
      trainingState: 'queued',
      createdBy: actor.userId,
    });
    await enqueueJob(trx, CREDIT_TRAIN_JOB, { modelId: created.id, settings }, { dedupeKey: `credit-train:${created.id}`, maxAttempts: 2 });
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'credit_model.train', targetType: 'credit_model', targetId: created.id, details: { version: created.version, settings } });
    return created.id;
  });
  return presentModel((await repo.findModel(db, id))!);
}

/** The job: trains the model (idempotent: a finished training is not redone). */
export async function handleTrainingJob(db: Kysely<DB>, payload: Record<string, unknown>): Promise<{ modelId: number }> {
  const modelId = Number(payload.modelId);
  await runModelTraining(db, modelId, (payload.settings ?? {}) as TrainSettings);
  return { modelId };
}

async function activateInTransaction(trx: Executor, actor: Actor, id: number): Promise<void> {
  const model = await repo.lockModel(trx, id);
  if (!model) throw notFound('Credit model');
  if (model.status === 'active') return;
  if (model.definition === null) throw new AppError('conflict', `Model version ${model.version} has no scorecard yet (training ${model.training_state ?? 'not started'})`);
  compiledOf(model); // a model that cannot score is never activated
  await repo.activateModel(trx, id, actor.userId, new Date());
  await recordAudit(trx, { ...auditContextOfActor(actor), action: 'credit_model.activate', targetType: 'credit_model', targetId: id, details: { version: model.version, kind: model.kind } });
}

export async function activateModel(db: Kysely<DB>, actor: Actor, id: number): Promise<CreditModel> {
  await requireModelRegistryAccess(db, actor);
  try {
    await db.transaction().execute((trx) => activateInTransaction(trx, actor, id));
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 'Another model was activated at the same time; try again');
    throw error;
  }
  return presentModel((await repo.findModel(db, id))!);
}

/** The scorecard of a stored model, compiled; throws when the stored definition is unusable. */
export function compiledOf(model: Pick<repo.ModelRow, 'kind' | 'definition' | 'version'>): CompiledScorecard {
  if (model.kind === 'expert') return compileExpertScorecard(model.definition as ExpertScorecard);
  assertScorecardModel(model.definition);
  return compileTrainedScorecard(model.definition);
}

/**
 * The active model, compiled. A county with no model at all gets the default expert scorecard as version 1,
 * active (a race between two first requests ends in one insert: the unique version).
 */
export async function loadActiveModel(db: Kysely<DB>): Promise<{ id: number; version: number; card: CompiledScorecard }> {
  let model = await repo.findActiveModel(db);
  if (!model) {
    await ensureDefaultModel(db);
    model = await repo.findActiveModel(db);
    if (!model) throw new AppError('unavailable', 'No credit model is active: the finance office must activate one');
  }
  return { id: model.id, version: model.version, card: compiledOf(model) };
}

/** Inserts the default expert scorecard as the active version 1 when the registry is empty. */
export async function ensureDefaultModel(db: Kysely<DB>): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      const any = await trx.selectFrom('credit_models').select('id').limit(1).executeTakeFirst();
      if (any) return;
      await repo.insertModel(trx, { kind: 'expert', name: DEFAULT_MODEL_NAME, status: 'active', definition: DEFAULT_EXPERT_SCORECARD, report: null, trainingState: null, createdBy: null });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}
