import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { CreditModelKind, CreditTrainingState } from '../../db/schema.ts';

const MODEL_COLUMNS = [
  'id',
  'kind',
  'version',
  'name',
  'status',
  'training_state',
  'progress_bp',
  'training_error',
  'definition',
  'report',
  'created_by',
  'created_at',
  'activated_at',
] as const;

export async function findModels(db: Executor) {
  return db.selectFrom('credit_models').select(MODEL_COLUMNS).orderBy('version', 'desc').execute();
}

export async function findModel(db: Executor, id: number) {
  return db.selectFrom('credit_models').where('id', '=', id).select(MODEL_COLUMNS).executeTakeFirst();
}

export async function findActiveModel(db: Executor) {
  return db.selectFrom('credit_models').where('status', '=', 'active').select(MODEL_COLUMNS).executeTakeFirst();
}

export async function lockModel(db: Executor, id: number) {
  return db.selectFrom('credit_models').where('id', '=', id).select(MODEL_COLUMNS).forUpdate().executeTakeFirst();
}

export type ModelRow = NonNullable<Awaited<ReturnType<typeof findModel>>>;

/**
 * Inserts a model with the next version number. Versions are handed out under a transaction-scoped advisory
 * lock, so two finance officers saving at once get two versions, not a conflict. Call inside a transaction.
 */
export async function insertModel(
  trx: Executor,
  row: { kind: CreditModelKind; name: string; status: 'draft' | 'active'; definition: unknown | null; report: unknown | null; trainingState: CreditTrainingState | null; createdBy: number | null },
): Promise<{ id: number; version: number }> {
  await sql`select pg_advisory_xact_lock(hashtext('credit_models.version'))`.execute(trx);
  const next = await sql<{ version: number }>`select coalesce(max(version), 0) + 1 as version from credit_models`.execute(trx);
  const version = Number(next.rows[0].version);
  const inserted = await trx
    .insertInto('credit_models')
    .values({
      kind: row.kind,
      version,
      name: row.name,
      status: row.status,
      training_state: row.trainingState,
      training_error: null,
      definition: row.definition === null ? null : JSON.stringify(row.definition),
      report: row.report === null ? null : JSON.stringify(row.report),
      created_by: row.createdBy,
      activated_at: row.status === 'active' ? new Date() : null,
      activated_by: row.status === 'active' ? row.createdBy : null,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  return inserted;
}

export async function updateTraining(db: Executor, id: number, set: { state?: CreditTrainingState; progressBp?: number; error?: string | null; definition?: unknown; report?: unknown }): Promise<void> {
  await db
    .updateTable('credit_models')
    .set({
      ...(set.state !== undefined && { training_state: set.state }),
      ...(set.progressBp !== undefined && { progress_bp: set.progressBp }),
      ...(set.error !== undefined && { training_error: set.error }),
      ...(set.definition !== undefined && { definition: JSON.stringify(set.definition) }),
      ...(set.report !== undefined && { report: JSON.stringify(set.report) }),
    })
    .where('id', '=', id)
    .execute();
}

export async function updateDraft(db: Executor, id: number, set: { name?: string; definition?: unknown }): Promise<void> {
  await db
    .updateTable('credit_models')
    .set({ ...(set.name !== undefined && { name: set.name }), ...(set.definition !== undefined && { definition: JSON.stringify(set.definition) }) })
    .where('id', '=', id)
    .execute();
}

/** Retires the active model (if any) and activates `id`; the partial unique index makes a race end in one active. */
export async function activateModel(trx: Executor, id: number, userId: number, now: Date): Promise<void> {
  await trx.updateTable('credit_models').set({ status: 'retired' }).where('status', '=', 'active').where('id', '<>', id).execute();
  await trx.updateTable('credit_models').set({ status: 'active', activated_at: now, activated_by: userId }).where('id', '=', id).execute();
}

export async function insertAssessment(
  db: Executor,
  row: {
    enterpriseId: number;
    modelId: number;
    modelVersion: number;
    purpose: 'self' | 'lead';
    applicationId: number | null;
    requestedBy: number | null;
    inputs: unknown;
    score: number;
    grade: string;
    dimensions: unknown;
    reasons: unknown;
    suggestedLimitFen: number;
  },
): Promise<number> {
  const inserted = await db
    .insertInto('credit_assessments')
    .values({
      enterprise_id: row.enterpriseId,
      model_id: row.modelId,
      model_version: row.modelVersion,
      purpose: row.purpose,
      application_id: row.applicationId,
      requested_by: row.requestedBy,
      inputs: JSON.stringify(row.inputs),
      score: row.score,
      grade: row.grade,
      dimensions: JSON.stringify(row.dimensions),
      reasons: JSON.stringify(row.reasons),
      suggested_limit_fen: row.suggestedLimitFen,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/**
 * Registration dates of enterprises (a registry fact, visible with any access), for the years-in-business
 * feature. A narrow read of the enterprises registry, set-based for training and county-wide scoring.
 */
export async function findRegistrationDates(db: Executor, ids: readonly number[]): Promise<Map<number, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await sql<{ id: number; registered_on: string | null }>`
    select id, to_char(registered_on, 'YYYY-MM-DD') as registered_on from enterprises where id = any(${ids as number[]}::int[])`.execute(db);
  return new Map(rows.rows.map((row) => [row.id, row.registered_on]));
}

/** Every enterprise id in the registry (for the county-wide PSI), ascending. */
export async function findAllEnterpriseIds(db: Executor): Promise<number[]> {
  const rows = await db.selectFrom('enterprises').select('id').orderBy('id').execute();
  return rows.map((row) => row.id);
}
