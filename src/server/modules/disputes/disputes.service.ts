import type { Kysely } from 'kysely';
import { SOURCES, type IndicatorDefinition } from '../../../core/profile/indicators.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { auditContextOfActor, requireRole, type Actor } from '../../request-context.ts';
import { recordAudit, recordRead } from '../audit/index.ts';
import { requireOwnEnterprise } from '../enterprises/index.ts';
import { checkPeriod, checkValue, findIndicatorValue, loadIndicatorCatalogue, upsertIndicatorValues } from '../indicators/index.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import type { PageRequest } from '../../platform/pagination.ts';
import { recomputeProfilesAndPublish } from '../profiles/index.ts';
import { presentAdminDispute, presentDispute } from './disputes.presenter.ts';
import * as repo from './disputes.repository.ts';
import type { AdminDispute, Dispute, FileDisputeInput, ResolveDisputeInput } from './disputes.schemas.ts';
import { parseProposedValue } from './proposed-value.ts';

async function catalogueByCode(db: Kysely<DB>): Promise<Map<string, IndicatorDefinition>> {
  return new Map((await loadIndicatorCatalogue(db)).map((d) => [d.code, d]));
}

const storedText = (row: { value: number | null; value_text: string | null }) => (row.value !== null ? String(row.value) : row.value_text);

/**
 * The enterprise disputes a fact a government source reported about it (数据纠错/异议) and proposes the
 * right value as typed ("2350万"). Self-reported facts are not disputed: the enterprise corrects them
 * itself. One open dispute per fact. Audited.
 */
export async function fileDispute(db: Kysely<DB>, actor: Actor, input: FileDisputeInput): Promise<Dispute> {
  const enterprise = await requireOwnEnterprise(db, actor);
  const catalogue = await catalogueByCode(db);
  const indicator = catalogue.get(input.indicatorCode);
  if (!indicator) throw new AppError('validation_failed', 'Unknown indicator', [{ path: 'body/indicatorCode', message: `unknown indicator "${input.indicatorCode}"` }]);
  if (input.source === 'self_reported') {
    throw new AppError('validation_failed', 'A self-reported figure is corrected directly, not disputed', [
      { path: 'body/source', message: 'self-reported facts are corrected with POST /api/enterprises/:id/indicators' },
    ]);
  }
  if (!(SOURCES as readonly string[]).includes(input.source)) throw new AppError('validation_failed', 'Unknown source', [{ path: 'body/source', message: `unknown source "${input.source}"` }]);
  const period = checkPeriod(indicator, input.period);
  if ('error' in period) throw new AppError('validation_failed', 'Bad period', [{ path: 'body/period', message: period.error }]);
  const proposed = parseProposedValue(indicator, input.proposedValue);
  if ('error' in proposed) throw new AppError('validation_failed', 'The proposed value cannot be read', [{ path: 'body/proposedValue', message: proposed.error }]);
  const key = { enterpriseId: enterprise.id, code: indicator.code, period: input.period, source: input.source };
  const current = await findIndicatorValue(db, key);
  if (!current) throw notFound(`A ${input.source} value of ${indicator.code} for ${input.period}`);

  const id = await db.transaction().execute(async (trx) => {
    if (await repo.hasOpenDispute(trx, key)) throw new AppError('conflict', 'This fact is already disputed and awaits a decision');
    const disputeId = await repo.insertDispute(trx, {
      ...key,
      currentValue: storedText(current),
      proposedValue: input.proposedValue.trim(),
      reason: input.reason.trim(),
      createdBy: actor.userId,
    });
    await recordAudit(trx, {
      ...auditContextOfActor(actor),
      action: 'dispute.file',
      targetType: 'dispute',
      targetId: disputeId,
      details: { enterpriseId: enterprise.id, code: indicator.code, period: input.period, source: input.source, currentValue: storedText(current), proposedValue: input.proposedValue },
    });
    return disputeId;
  });
  return presentDispute((await repo.findDisputeById(db, id))!, indicator);
}

/** The enterprise's disputes, newest first. */
export async function listMyDisputes(db: Kysely<DB>, actor: Actor): Promise<Dispute[]> {
  const enterprise = await requireOwnEnterprise(db, actor);
  const catalogue = await catalogueByCode(db);
  return (await repo.findDisputesOfEnterprise(db, enterprise.id)).map((row) => presentDispute(row, catalogue.get(row.indicator_code)));
}

/** Disputes of the county for the data admin (open ones oldest first). */
export async function listDisputes(db: Kysely<DB>, actor: Actor, filter: { status?: repo.DisputeStatus }, page: PageRequest): Promise<{ items: AdminDispute[]; total: number } & PageRequest> {
  requireRole(actor, 'data_admin');
  const catalogue = await catalogueByCode(db);
  const { rows, total } = await repo.findDisputes(db, filter, page);
  // Enterprises' disputes read by the platform's data admin: one audit entry for the list.
  await recordRead(db, actor, 'dispute.list', { type: 'dispute' }, { filter, page, count: rows.length, total });
  return { items: rows.map((row) => presentAdminDispute(row, catalogue.get(row.indicator_code))), total, ...page };
}

/**
 * A data admin decides a dispute, once (a second decision is 409). Accepting writes the corrected value —
 * the admin's `correctedValue`, else the enterprise's proposal — under the disputed source, as of today,
 * and recomputes the enterprise's profile; rejecting keeps the stored value. Audited with before and after.
 */
export async function resolveDispute(db: Kysely<DB>, actor: Actor, id: number, input: ResolveDisputeInput): Promise<AdminDispute> {
  requireRole(actor, 'data_admin');
  const dispute = await repo.findDisputeById(db, id);
  if (!dispute) throw notFound('Dispute');
  if (dispute.status !== 'open') throw new AppError('conflict', `The dispute was already ${dispute.status}`);
  const catalogue = await catalogueByCode(db);
  const indicator = catalogue.get(dispute.indicator_code);
  if (!indicator) throw new AppError('conflict', `The indicator ${dispute.indicator_code} is no longer in the registry`);

  let corrected: { value: number | null; valueText: string | null } | null = null;
  if (input.decision === 'accept') {
    const given = input.correctedValue;
    const parsed =
      given === undefined ? parseProposedValue(indicator, dispute.proposed_value) : typeof given === 'number' ? checkValue(indicator, given) : parseProposedValue(indicator, given);
    if ('error' in parsed) {
      throw new AppError('validation_failed', 'The corrected value cannot be read', [{ path: given === undefined ? 'dispute/proposedValue' : 'body/correctedValue', message: parsed.error }]);
    }
    corrected = parsed;
  } else if (input.correctedValue !== undefined) {
    throw new AppError('validation_failed', 'A rejection stores nothing', [{ path: 'body/correctedValue', message: 'only with decision accept' }]);
  }

  const key = { enterpriseId: dispute.enterprise_id, code: dispute.indicator_code, period: dispute.period, source: dispute.source };
  await db.transaction().execute(async (trx) => {
    const now = new Date();
    const decided = await repo.resolveOpenDispute(trx, id, { status: input.decision === 'accept' ? 'accepted' : 'rejected', userId: actor.userId, note: input.note.trim(), at: now });
    if (!decided) throw new AppError('conflict', 'The dispute was decided meanwhile');
    const before = await findIndicatorValue(trx, key);
    if (corrected) {
      await upsertIndicatorValues(trx, [{ ...key, value: corrected.value, valueText: corrected.valueText, asOf: todayInCounty(now), batchId: null }]);
      await recomputeProfilesAndPublish(trx, [dispute.enterprise_id]);
    }
    await recordAudit(trx, {
      ...auditContextOfActor(actor),
      action: 'dispute.resolve',
      targetType: 'dispute',
      targetId: id,
      details: {
        decision: input.decision,
        note: input.note,
        ...key,
        before: before ? storedText(before) : null,
        after: corrected ? (corrected.value !== null ? String(corrected.value) : corrected.valueText) : before ? storedText(before) : null,
      },
    });
  });
  return presentAdminDispute((await repo.findDisputeById(db, id))!, indicator);
}
