import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { historicalLoanOutcomes } from '../loans/index.ts';
import { ensureDefaultModel } from './credit-models.service.ts';
import * as repo from './credit.repository.ts';
import { runModelTraining } from './credit.training.ts';

/**
 * The demo county's registry: the default expert scorecard, active (version 1), and — when the finance seed
 * left historical loans — a scorecard trained on them, in the seed itself (a few seconds at most), as a draft
 * the finance office can compare and activate.
 */
export async function seedCreditModels(db: Kysely<DB>): Promise<{ trainedModelId: number | null; trainingState: string | null }> {
  await ensureDefaultModel(db);
  const loans = await historicalLoanOutcomes(db);
  if (loans.length === 0) return { trainedModelId: null, trainingState: null };
  const created = await db.transaction().execute((trx) =>
    repo.insertModel(trx, { kind: 'trained', name: '历史贷款训练评分卡（演示）', status: 'draft', definition: null, report: null, trainingState: 'queued', createdBy: null }),
  );
  await runModelTraining(db, created.id, {});
  const model = await repo.findModel(db, created.id);
  return { trainedModelId: created.id, trainingState: model?.training_state ?? null };
}
