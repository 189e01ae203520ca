/**
 * Applying (申报): the enterprise's form, pre-filled from its profile with the facts the policy's rule read,
 * and the submission, refused while the window is closed, the enterprise is not eligible, already applied
 * or was granted the policy another way (免申即享).
 */
import type { Kysely } from 'kysely';
import { decide } from '../../../core/applications/workflow.ts';
import { shanghaiDate } from '../../../core/sla/calendar.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { isUniqueViolation } from '../../platform/unique-violation.ts';
import { refusalError } from '../../platform/workflow-refusal.ts';
import { loadWorkingCalendar } from '../../platform/working-calendar.ts';
import { auditContextOfActor, type Actor } from '../../request-context.ts';
import { recordAudit } from '../audit/index.ts';
import { findEnterpriseById, readIndicatorValues, requireOwnEnterprise } from '../enterprises/index.ts';
import { notifyEnterprise, notifyOrg } from '../notifications/index.ts';
import { evaluatePolicy, loadRuleRegistry, type Evaluation } from '../policies/index.ts';
import { checkEnterpriseData, enterpriseFields, explainedInputs, factFields, registryFields, type PolicyFormField } from './applications.form.ts';
import { findExclusiveConflicts, type ExclusiveConflict } from './applications.exclusivity.ts';
import { assertDeclarations, declaredFactViews, definitionsOf, failingDeclarations } from './applications.declared.ts';
import type { DeclaredValue } from '../../../core/rules/declared.ts';
import type { Explanation } from '../../../core/rules/index.ts';
import { isGrantedOtherwise } from './applications.grant-routes.ts';
import { statusNotification, submittedNotification } from './applications.notify.ts';
import { planOf } from './applications.presenter.ts';
import { getApplication } from './applications.read.ts';
import * as repo from './applications.repository.ts';
import type { ApplicationDetail, ApplicationForm, CreateApplicationInput, FormFieldView } from './applications.schemas.ts';

interface Applicability {
  version: repo.PublishedVersionRow;
  enterprise: { id: number; orgId: number | null; name: string; uscc: string };
  evaluation: Evaluation;
  blockedBy: 'window_closed' | 'ineligible' | 'already_applied' | 'already_granted' | 'exclusive_group' | null;
  blockDetails: Record<string, unknown>[];
  /** The benefit of the policy's exclusion group the enterprise holds already, when that blocks it. */
  exclusive: ExclusiveConflict | null;
  /** The declarations the evaluation used (empty on the form). */
  declarations: Record<string, DeclaredValue>;
}

/** Whether the application window of a version is open at `now` (and the policy in force that day). */
function windowProblem(version: repo.PublishedVersionRow, now: Date): Record<string, unknown> | null {
  const today = shanghaiDate(now);
  const window = { applyFrom: version.apply_from?.toISOString() ?? null, applyUntil: version.apply_until?.toISOString() ?? null, validFrom: version.valid_from, validUntil: version.valid_until };
  if (version.apply_from && now < version.apply_from) return { reason: 'not_open_yet', ...window };
  if (version.apply_until && now > version.apply_until) return { reason: 'window_closed', ...window };
  if (today < version.valid_from || (version.valid_until && today > version.valid_until)) return { reason: 'policy_not_in_force', ...window };
  return null;
}

/**
 * Loads what deciding an application needs and says what, if anything, stands in the way. `declare` gives
 * the enterprise's declarations (checked against the version it is applying under) for the evaluation;
 * without it, declarations are open and a rule that needs them counts as pending (the form asks for them).
 */
async function assessApplicability(
  db: Kysely<DB>,
  actor: Actor,
  policyId: number,
  now: Date,
  declare?: (version: repo.PublishedVersionRow) => Record<string, DeclaredValue>,
): Promise<Applicability> {
  const enterprise = await requireOwnEnterprise(db, actor);
  const version = await repo.findPublishedVersion(db, policyId);
  if (!version) {
    if (await repo.policyExists(db, policyId)) throw new AppError('unprocessable', 'This policy is not open for applications (no published version)', [{ reason: 'not_published' }]);
    throw notFound('Policy');
  }
  // The policies module's evaluation: the same engine, explanation and estimate the enterprise was shown.
  const declarations = declare?.(version);
  const evaluation = await evaluatePolicy(db, actor, policyId, enterprise.id, declarations);
  const blockDetails: Record<string, unknown>[] = [];
  let blockedBy: Applicability['blockedBy'] = null;
  let activeId: number | null;
  let exclusive: ExclusiveConflict | null = null;
  const window = windowProblem(version, now);
  if (window) {
    blockedBy = 'window_closed';
    blockDetails.push(window);
  } else if (evaluation.outcome !== 'eligible' && !evaluation.pendingReview && !evaluation.pendingDeclaration) {
    blockedBy = 'ineligible';
    const failing = declarations ? failingDeclarations(evaluation.explanation as Explanation, definitionsOf(version)) : [];
    // A declaration that does not meet the policy's condition refuses the application with that reason.
    if (failing.length > 0) blockDetails.push({ reason: 'declaration_fails', declarations: failing, message: `the declaration does not meet the policy’s conditions: ${failing.map((f) => f.labelZh).join('、')}` });
    else blockDetails.push({
      reason: evaluation.outcome === 'unknown' ? 'eligibility_unknown' : 'ineligible',
      outcome: evaluation.outcome,
      missingFacts: evaluation.missingFacts.map((m) => ({ fact: m.fact, period: m.period })),
      message: evaluation.outcome === 'unknown' ? 'the platform lacks facts to decide: report them first (POST /api/enterprises/{id}/indicators)' : 'the enterprise does not meet the policy’s conditions',
    });
  } else if ((activeId = await repo.findActiveApplicationId(db, policyId, enterprise.id)) !== null) {
    blockedBy = 'already_applied';
    blockDetails.push({ reason: 'already_applied', applicationId: activeId });
  } else if (await isGrantedOtherwise(db, policyId, enterprise.id)) {
    blockedBy = 'already_granted';
    blockDetails.push({ reason: 'already_granted', message: 'granted without application (免申即享)' });
  } else if ((exclusive = (await findExclusiveConflicts(db, enterprise.id, [{ policyId, group: version.exclusion_group }]))[0] ?? null)) {
    blockedBy = 'exclusive_group';
    blockDetails.push({ reason: 'exclusive_group', group: exclusive.group, heldPolicyId: exclusive.heldPolicyId, heldTitle: exclusive.heldTitle, via: exclusive.via, status: exclusive.status });
  }
  return { version, enterprise, evaluation, blockedBy, blockDetails, exclusive, declarations: declarations ?? {} };
}

/** The profile part of the form: registry fields and the facts the rule read, with sources. */
async function profileFields(db: Kysely<DB>, actor: Actor, enterpriseId: number, evaluation: Evaluation): Promise<FormFieldView[]> {
  const detail = await findEnterpriseById(db, enterpriseId);
  const registry = await loadRuleRegistry(db);
  const inputs = explainedInputs(evaluation.explanation as Parameters<typeof explainedInputs>[0]);
  // The source of each value the platform used: the indicators service marks the effective one.
  const sources = new Map<string, { code: string; nameZh: string; nameEn: string }>();
  if (inputs.length > 0) {
    const { items } = await readIndicatorValues(db, actor, enterpriseId, {});
    for (const item of items) if (item.isEffective) sources.set(`${item.code}|${item.period}`, { code: item.source, nameZh: item.sourceNameZh, nameEn: item.sourceNameEn });
  }
  return [
    ...registryFields({ name: detail!.name, uscc: detail!.uscc, legalRepresentative: detail!.legal_representative, address: detail!.address }),
    ...factFields(inputs, registry.catalogue, sources),
  ];
}

/**
 * The application form of a policy for the signed-in enterprise: registry facts and the facts the rule
 * uses, read-only with their values, periods and sources, then the policy's own fields to fill in; and
 * whether applying now would be accepted.
 */
export async function getApplicationForm(db: Kysely<DB>, actor: Actor, policyId: number, now: Date = new Date()): Promise<ApplicationForm> {
  const assessed = await assessApplicability(db, actor, policyId, now);
  const { version, enterprise, evaluation } = assessed;
  return {
    policyId,
    versionId: version.version_id,
    title: version.title,
    enterpriseId: enterprise.id,
    outcome: evaluation.outcome,
    estimatedAmountFen: evaluation.estimatedAmountFen,
    applyFrom: version.apply_from?.toISOString() ?? null,
    applyUntil: version.apply_until?.toISOString() ?? null,
    canApply: assessed.blockedBy === null,
    blockedBy: assessed.blockedBy,
    exclusiveWith: assessed.exclusive && { policyId: assessed.exclusive.heldPolicyId, title: assessed.exclusive.heldTitle, group: assessed.exclusive.group },
    fields: [...(await profileFields(db, actor, enterprise.id, evaluation)), ...enterpriseFields(version.form_fields as PolicyFormField[])],
    declaredFacts: declaredFactViews(version),
  };
}

// Applying ---------------------------------------------------------------------------------------

/**
 * Applies for a policy (申报) as the signed-in enterprise. Refused 409 when it has an application in
 * progress (or paid) for the policy or was granted it without application; 422 outside the application
 * window or unless the rule finds it eligible now (an 'unknown' outcome too: the missing facts are listed,
 * to be reported first). The form keeps a snapshot of the profile facts as they were when it applied.
 */
export async function submitApplication(db: Kysely<DB>, actor: Actor, input: CreateApplicationInput, now: Date = new Date()): Promise<ApplicationDetail> {
  const assessed = await assessApplicability(db, actor, input.policyId, now, (version) => assertDeclarations(version, input.declarations));
  const { version, enterprise, evaluation, declarations } = assessed;
  if (assessed.blockedBy === 'already_applied' || assessed.blockedBy === 'already_granted') {
    throw new AppError('conflict', assessed.blockedBy === 'already_applied' ? 'The enterprise already has an application for this policy' : 'The enterprise was granted this policy without application (免申即享)', assessed.blockDetails);
  }
  if (assessed.blockedBy === 'exclusive_group') throw new AppError('conflict', `The enterprise holds "${assessed.exclusive!.heldTitle}" of the same exclusion group (择优享受, one per group)`, assessed.blockDetails);
  if (assessed.blockedBy === 'window_closed') throw new AppError('unprocessable', 'The policy is not open for applications now', assessed.blockDetails);
  if (assessed.blockedBy === 'ineligible') throw new AppError('unprocessable', 'The enterprise is not eligible for this policy', assessed.blockDetails);
  if (evaluation.versionId !== version.version_id) throw new AppError('conflict', 'The policy changed while applying; try again');

  const fields = version.form_fields as PolicyFormField[];
  const { values, problems } = checkEnterpriseData(fields, input.formData ?? {}, enterprise.name);
  if (problems.length > 0) throw new AppError('validation_failed', 'The form is incomplete or invalid', problems);
  const profile = await profileFields(db, actor, enterprise.id, evaluation);
  const formData = { profile: profile.map((f) => ({ key: f.key, labelZh: f.labelZh, labelEn: f.labelEn, value: f.value, period: f.period, source: f.dataSource?.code ?? null, unit: f.unit })), entered: values, evaluationDate: evaluation.evaluationDate };

  const id = await db
    .transaction()
    .execute(async (trx) => {
      const decision = decide(
        { status: null, stepKey: null, returnedFrom: null, noticeUntil: null, payment: null },
        { action: 'submit', actor: { kind: 'enterprise', userId: actor.userId }, now },
        planOf(version),
        await loadWorkingCalendar(trx),
      );
      if (!decision.ok) throw refusalError(decision.refusal);
      // The official number comes from the applications_number trigger (a counter row per department and year).
      const { id: applicationId, number: applicationNumber } = await repo.insertApplication(trx, {
        policy_id: version.policy_id,
        policy_version_id: version.version_id,
        enterprise_id: enterprise.id,
        status: decision.next.status,
        current_step: decision.next.stepKey,
        step_due_at: decision.next.stepDueAt,
        returned_from_status: null,
        returned_from_step: null,
        notice_started_at: null,
        notice_until: null,
        form_data: JSON.stringify(formData),
        declarations: JSON.stringify(declarations),
        estimated_amount_fen: evaluation.estimatedAmountFen,
        // The bound of the case that matched when applying (issue 12): the approval is judged against it.
        amount_bound_fen: evaluation.benefit.boundFen,
        approved_amount_fen: null,
        submitted_by: actor.userId,
        submitted_at: now,
      });
      const eventId = await repo.insertEvent(trx, {
        application_id: applicationId,
        at: now,
        actor_user_id: actor.userId,
        action: 'submit',
        from_status: null,
        to_status: 'submitted',
        step_key: null,
        reason: null,
        details: JSON.stringify({ estimatedAmountFen: evaluation.estimatedAmountFen, declarations, policyVersionId: version.version_id, dueAt: decision.next.stepDueAt?.toISOString() ?? null, nextStep: decision.next.stepKey }),
      });
      await recordAudit(trx, {
        ...auditContextOfActor(actor),
        action: 'application.submit',
        targetType: 'application',
        targetId: applicationId,
        details: { number: applicationNumber, policyId: version.policy_id, versionId: version.version_id, enterpriseId: enterprise.id, estimatedAmountFen: evaluation.estimatedAmountFen, eventId, ...(Object.keys(declarations).length > 0 && { declarations }) },
      });
      await notifyEnterprise(trx, enterprise.id, statusNotification({ applicationId, applicationNumber, eventId, policyId: version.policy_id, policyTitle: version.title, action: 'submit', status: 'submitted', reason: null, amountFen: evaluation.estimatedAmountFen, noticeUntil: null }));
      await notifyOrg(trx, version.department_org_id, submittedNotification({ applicationId, applicationNumber, eventId, policyId: version.policy_id, policyTitle: version.title, enterpriseName: enterprise.name, enterpriseId: enterprise.id, isResubmission: false, dueAt: decision.next.stepDueAt }), { roles: ['department_staff'] });
      return applicationId;
    })
    .catch((error: unknown) => {
      // Two submissions racing past the check above: the unique index lets one through.
      if (isUniqueViolation(error)) throw new AppError('conflict', 'The enterprise already has an application for this policy', [{ reason: 'already_applied' }]);
      throw error;
    });
  return getApplication(db, actor, id, now);
}
