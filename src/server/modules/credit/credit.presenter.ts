import type { CreditModel } from './credit.schemas.ts';
import type { ModelRow } from './credit.repository.ts';

export function presentModel(row: ModelRow): CreditModel {
  return {
    id: row.id,
    kind: row.kind,
    version: row.version,
    name: row.name,
    status: row.status,
    trainingState: row.training_state,
    progressBp: row.progress_bp,
    trainingError: row.training_error,
    definition: row.definition ?? null,
    report: (row.report ?? null) as CreditModel['report'],
    createdAt: row.created_at.toISOString(),
    activatedAt: row.activated_at ? row.activated_at.toISOString() : null,
  };
}
