import type { JobHandler } from '../../jobs/worker.ts';
import type { DatabaseKind } from '../../db/database.ts';
import { bilingual, chunkSizeFor, failBatch, processImportBatch } from './imports.processor.ts';
import { findBatchById, setBatchMessage } from './imports.repository.ts';

/** Job kind: process one import batch (payload `{ batchId }`). */
export const IMPORT_JOB = 'imports.process';

/**
 * The handler of {@link IMPORT_JOB}. Processing is idempotent (see processImportBatch), so a retried or
 * taken-over job simply runs the batch again. When the queue gives up (last attempt failed) the batch is
 * marked failed, so the page does not show it running forever.
 */
export function createImportJobHandler(options: { storageDir: string; dbKind?: DatabaseKind; chunkSize?: number }): JobHandler {
  const chunkSize = options.chunkSize ?? (options.dbKind ? chunkSizeFor(options.dbKind) : undefined);
  return async (payload, context) => {
    const batchId = Number(payload.batchId);
    try {
      return await processImportBatch(context.db, batchId, { storageDir: options.storageDir, chunkSize, heartbeat: context.heartbeat });
    } catch (error) {
      const batch = await findBatchById(context.db, batchId).catch(() => undefined);
      if (batch) {
        if (context.job.attempts >= context.job.max_attempts) {
          await failBatch(context.db, batch, bilingual('导入因系统错误中止，请稍后重新导入', 'the import stopped on an internal error; import the file again later')).catch(() => undefined);
        } else {
          const message = bilingual(`第${context.job.attempts}次处理中断，将自动重试`, `attempt ${context.job.attempts} was interrupted and will be retried`);
          await setBatchMessage(context.db, batchId, message).catch(() => undefined);
        }
      }
      throw error;
    }
  };
}
