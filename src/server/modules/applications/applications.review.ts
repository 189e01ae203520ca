/**
 * The department's work on an application (受理 → 审核 → 公示) and the enterprise's answers (补正, 撤回):
 * each action is one transition in its own transaction; the notice job ends the notices that are due.
 */
import type { Kysely, Updateable } from 'kysely';
import { decideApprovedAmount } from '../../../core/applications/amounts.ts';
import type { ApplicationAction } from '../../../core/applications/workflow.ts';
import type { ApplicationsTable, DB } from '../../db/schema.ts';
import { hasReason } from '../../../core/applications/workflow.ts';
import { reviewNodesOf } from '../../../core/rules/review.ts';
import { evidenceKey, missingEvidence } from './applications.declared.ts';
import type { RuleNode } from '../../../core/rules/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../../request-context.ts';
import { boundOfApplication } from './applications.bounds.ts';
import { checkEnterpriseData, type PolicyFormField } from './applications.form.ts';
import { sideOf } from './applications.policy.ts';
import { getApplication } from './applications.read.ts';
import * as repo from './applications.repository.ts';
import type { ApplicationDetail, ApproveStepInput } from './applications.schemas.ts';
import { transitionApplication, type TransitionOptions } from './applications.transition.ts';

/** Runs one simple action (no extra input) in its own transaction and returns the new detail. */
async function act(db: Kysely<DB>, actor: Actor, id: number, action: ApplicationAction, options: TransitionOptions = {}): Promise<ApplicationDetail> {
  await db.transaction().execute((trx) => transitionApplication(trx, { kind: 'user', actor }, id, action, options));
  return getApplication(db, actor, id, options.now);
}

/**
 * 受理: accepts a submitted application. Refused (422) while a required attachment of the policy's form
 * is missing: the department returns it for completion (退回补正) instead.
 */
export async function acceptApplication(db: Kysely<DB>, actor: Actor, id: number, now: Date = new Date()): Promise<ApplicationDetail> {
  return db.transaction().execute(async (trx) => {
    if (!(await repo.lockApplication(trx, id))) throw notFound('Application');
    const row = (await repo.findApplication(trx, id))!;
    if (sideOf(actor, row) === 'staff' && row.status === 'submitted') {
      const version = await trx.selectFrom('policy_versions').where('id', '=', row.policy_version_id).select(['form_fields', 'declared_facts']).executeTakeFirstOrThrow();
      const present = new Set((await repo.findFiles(trx, id)).map((f) => f.field_key));
      const missing = (version.form_fields as PolicyFormField[]).filter((f) => f.type === 'file' && f.required && !present.has(f.key)).map((f) => ({ path: f.key, reason: 'attachment_missing', message: f.labelZh }));
      // The evidence a declaration requires (申报时声明 with 证明材料) counts as a required attachment.
      for (const d of missingEvidence(version, row.declarations ?? {}, present)) missing.push({ path: evidenceKey(d.key), reason: 'evidence_missing', message: `${d.labelZh}（证明材料）` });
      if (missing.length > 0) {
        throw new AppError('unprocessable', 'Required attachments are missing: return the application for completion (退回补正)', missing);
      }
    }
    await transitionApplication(trx, { kind: 'user', actor }, id, 'accept', { now });
    return null;
  }).then(() => getApplication(db, actor, id, now));
}

/**
 * Approves the current review step; on the last one, fixes the approved amount (default: the amount
 * applied for; any other amount needs a reason — see core/applications/amounts.ts).
 */
export async function approveStep(db: Kysely<DB>, actor: Actor, id: number, input: ApproveStepInput, now: Date = new Date()): Promise<ApplicationDetail> {
  return act(db, actor, id, 'approve_step', {
    now,
    reason: input.reason ?? null,
    refine: (row, next) => {
      if (next.status !== 'approved') {
        if (input.judgements !== undefined) {
          throw new AppError('validation_failed', 'Reviewer-judged criteria are decided on the last review step', [{ path: 'body/judgements', message: `step ${row.current_step} is not the last review step` }]);
        }
        if (input.approvedAmountFen !== undefined) {
          throw new AppError('validation_failed', 'The amount is approved on the last review step', [{ path: 'body/approvedAmountFen', message: `step ${row.current_step} is not the last review step` }]);
        }
        return;
      }
      const judgements = judgeReviewCriteria(row.rule as RuleNode, input.judgements);
      // Judged against the bound kept when applying (the matching case's, issue 12), else the benefit's.
      const boundFen = boundOfApplication(row);
      if (boundFen === 0) {
        // Eligibility only ({none: true}, or the matching case pays nothing): approved without an amount,
        // recorded as such and never paid (applications_eligibility_only_unpaid).
        if (input.approvedAmountFen !== undefined && input.approvedAmountFen !== null && input.approvedAmountFen !== 0) {
          throw new AppError('validation_failed', 'The policy is eligibility only: there is no amount to approve', [{ path: 'body/approvedAmountFen', reason: 'eligibility_only', message: 'no amount is approved for an eligibility-only policy', boundFen }]);
        }
        return {
          patch: { approved_amount_fen: null, amount_bound_fen: 0, amount_reason: null, eligibility_only: true },
          details: { ...(judgements.length > 0 && { judgements }), eligibilityOnly: true, approvedAmountFen: null, boundFen: 0 },
        };
      }
      const amount = decideApprovedAmount(row.estimated_amount_fen, input.approvedAmountFen, input.reason, boundFen);
      if (!amount.ok) {
        const path = amount.code === 'amount_reason_required' ? 'body/reason' : 'body/approvedAmountFen';
        // Nothing bounds the amount: not the reviewer's typing but the application's data (409).
        throw new AppError(amount.code === 'amount_unbounded' ? 'conflict' : 'validation_failed', amount.message, [{ path, reason: amount.code, message: amount.message, ...(boundFen !== null && { boundFen }) }]);
      }
      const reason = amount.isAdjusted ? input.reason!.trim() : null;
      return {
        patch: { approved_amount_fen: amount.amountFen, amount_bound_fen: boundFen, amount_reason: reason, eligibility_only: false },
        details: { ...(judgements.length > 0 && { judgements }), approvedAmountFen: amount.amountFen, requestedAmountFen: row.estimated_amount_fen, boundFen, isAdjusted: amount.isAdjusted, ...(amount.isAdjusted && { differenceFen: amount.amountFen - (row.estimated_amount_fen ?? 0) }) },
      };
    },
  });
}

/**
 * The reviewer's judgements of the rule's reviewer-judged criteria (core/rules/review.ts), checked on the
 * last step: each criterion judged once, with a reason; approving needs every one judged met (a criterion
 * not met is a rejection, with its reason). Kept in the approval's event (timeline) and audit details.
 */
function judgeReviewCriteria(rule: RuleNode, input: ApproveStepInput['judgements']): { path: string; criterion: string; met: boolean; reason: string }[] {
  const nodes = reviewNodesOf(rule);
  const given = new Map((input ?? []).map((j) => [j.path, j]));
  const problems: { path: string; reason: string; message: string }[] = [];
  for (const j of input ?? []) if (!nodes.some((n) => n.path === j.path)) problems.push({ path: 'body/judgements', reason: 'unknown_criterion', message: `no reviewer-judged criterion at ${j.path}` });
  for (const node of nodes) {
    const j = given.get(node.path);
    if (!j) problems.push({ path: 'body/judgements', reason: 'judgement_required', message: `judge "${node.review}" (${node.path}) with a reason` });
    else if (!j.met) problems.push({ path: 'body/judgements', reason: 'criterion_not_met', message: `"${node.review}" is judged not met: reject the application with this reason instead` });
    else if (!hasReason(j.reason)) problems.push({ path: 'body/judgements', reason: 'reason_required', message: `say why "${node.review}" is met` });
  }
  if (problems.length > 0) throw new AppError('validation_failed', 'The reviewer-judged criteria must each be judged met, with a reason', problems);
  return nodes.map((node) => ({ path: node.path, criterion: node.review, met: true, reason: given.get(node.path)!.reason.trim() }));
}

/** 退回补正 / 不予通过 / 异议 / 撤回 / 公示: actions with at most a reason. */
export async function applicationAction(db: Kysely<DB>, actor: Actor, id: number, action: 'return' | 'reject' | 'withdraw' | 'start_notice' | 'end_notice' | 'object', reason: string | null, now: Date = new Date()): Promise<ApplicationDetail> {
  return act(db, actor, id, action, { reason, now });
}

/** The enterprise resubmits after 退回补正, optionally correcting what it typed. */
export async function resubmitApplication(db: Kysely<DB>, actor: Actor, id: number, formData: Record<string, unknown> | undefined, now: Date = new Date()): Promise<ApplicationDetail> {
  return db.transaction().execute(async (trx) => {
    if (!(await repo.lockApplication(trx, id))) throw notFound('Application');
    const row = (await repo.findApplication(trx, id))!;
    let patch: Updateable<ApplicationsTable> | undefined;
    let details: Record<string, unknown> | undefined;
    if (formData && sideOf(actor, row) === 'enterprise' && row.status === 'returned') {
      const version = await trx.selectFrom('policy_versions').where('id', '=', row.policy_version_id).select('form_fields').executeTakeFirstOrThrow();
      const enterprise = await trx.selectFrom('enterprises').where('id', '=', row.enterprise_id).select('name').executeTakeFirstOrThrow();
      const { values, problems } = checkEnterpriseData(version.form_fields as PolicyFormField[], formData, enterprise.name);
      if (problems.length > 0) throw new AppError('validation_failed', 'The form is incomplete or invalid', problems);
      const stored = (row.form_data ?? {}) as Record<string, unknown>;
      patch = { form_data: JSON.stringify({ ...stored, entered: values }) };
      details = { changedFields: Object.keys(values).filter((k) => JSON.stringify((stored.entered as Record<string, unknown> | undefined)?.[k]) !== JSON.stringify(values[k])) };
    }
    await transitionApplication(trx, { kind: 'user', actor }, id, 'resubmit', { now, refine: () => ({ patch, details }) });
    return null;
  }).then(() => getApplication(db, actor, id, now));
}

// Notices (公示) ----------------------------------------------------------------------------------

/**
 * Moves every application whose notice period is over to notice_passed (the job; also safe to call from
 * anywhere). Idempotent: rows already moved are not found again, rows another instance is moving are
 * skipped (SKIP LOCKED), so running it twice changes nothing the second time.
 * @returns how many applications moved
 */
export async function passDueApplicationNotices(db: Kysely<DB>, now: Date = new Date()): Promise<number> {
  let moved = 0;
  for (;;) {
    const count = await db.transaction().execute(async (trx) => {
      const ids = await repo.lockDueNotices(trx, now, 100);
      for (const id of ids) await transitionApplication(trx, { kind: 'system' }, id, 'end_notice', { now });
      return ids.length;
    });
    moved += count;
    if (count < 100) return moved;
  }
}
