import { planWorkflow, STAFF_PENDING_STATUSES, type ApplicationAction, type StepDefinition, type WorkflowPlan } from '../../../core/applications/workflow.ts';
import { boundOfApplication } from './applications.bounds.ts';
import { presentDeclarations } from './applications.declared.ts';
import type { DisbursementRow } from '../../db/schema.ts';
import type { ApplicationListRow, ApplicationRow, EventRow, findFiles } from './applications.repository.ts';
import type { ApplicationDetail, ApplicationFileView, ApplicationSummary } from './applications.schemas.ts';

type FileRow = Awaited<ReturnType<typeof findFiles>>[number];

/** The workflow plan of the version an application was made under. */
export function planOf(row: { review_steps: readonly StepDefinition[]; public_notice_days: number }): WorkflowPlan {
  return planWorkflow(row.review_steps, row.public_notice_days);
}

export function stepsOf(plan: WorkflowPlan): StepDefinition[] {
  return [plan.acceptance, ...plan.reviews, plan.notice, plan.disbursement];
}

/** Overdue: the department has a step to do and its deadline has passed. */
export function isOverdue(row: { status: ApplicationListRow['status']; step_due_at: Date | null }, now: Date): boolean {
  return STAFF_PENDING_STATUSES.includes(row.status) && row.step_due_at !== null && row.step_due_at.getTime() < now.getTime();
}

export function presentApplicationSummary(row: ApplicationListRow, now: Date): ApplicationSummary {
  const step = row.current_step ? (stepsOf(planOf(row)).find((s) => s.key === row.current_step) ?? null) : null;
  return {
    id: row.id,
    number: row.number,
    policy: { id: row.policy_id, code: row.policy_code, title: row.policy_title, departmentOrgId: row.department_org_id, departmentName: row.department_name },
    policyVersionId: row.policy_version_id,
    enterprise: { id: row.enterprise_id, name: row.enterprise_name, uscc: row.enterprise_uscc },
    status: row.status,
    currentStep: step && { key: step.key, nameZh: step.nameZh, nameEn: step.nameEn, deadlineWorkingDays: step.deadlineWorkingDays },
    stepDueAt: row.step_due_at?.toISOString() ?? null,
    isOverdue: isOverdue(row, now),
    noticeUntil: row.notice_until?.toISOString() ?? null,
    estimatedAmountFen: row.estimated_amount_fen,
    approvedAmountFen: row.approved_amount_fen,
    submittedAt: row.submitted_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function presentEvent(row: EventRow): ApplicationDetail['events'][number] {
  const kind = row.actor_org_type === null ? 'system' : row.actor_org_type === 'enterprise' ? 'enterprise' : 'department';
  return {
    id: row.id,
    at: row.at.toISOString(),
    action: row.action,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    stepKey: row.step_key,
    reason: row.reason,
    actor: { kind, displayName: row.actor_name, orgName: row.actor_org_name },
    details: row.details ?? {},
  };
}

export function presentFile(row: FileRow): ApplicationFileView {
  return {
    id: row.id,
    fieldKey: row.field_key,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    uploadedAt: row.uploaded_at.toISOString(),
  };
}

export function presentApplicationDetail(
  row: ApplicationRow,
  parts: { events: EventRow[]; files: FileRow[]; disbursements: DisbursementRow[]; availableActions: ApplicationAction[] },
  now: Date,
): ApplicationDetail {
  const plan = planOf(row);
  return {
    ...presentApplicationSummary(row, now),
    formData: row.form_data ?? {},
    declarations: presentDeclarations(row, row.declarations, parts.files),
    amountBoundFen: boundOfApplication(row),
    amountReason: row.amount_reason,
    steps: stepsOf(plan).map((s) => ({ key: s.key, nameZh: s.nameZh, nameEn: s.nameEn, deadlineWorkingDays: s.deadlineWorkingDays })),
    publicNoticeDays: plan.publicNoticeDays,
    events: parts.events.map(presentEvent),
    files: parts.files.map(presentFile),
    disbursements: parts.disbursements.map((d) => ({
      id: d.id,
      status: d.status,
      amountFen: d.amount_fen,
      preparedAt: d.prepared_at.toISOString(),
      paidAt: d.paid_at?.toISOString() ?? null,
      paymentRef: d.payment_ref,
    })),
    availableActions: parts.availableActions,
  };
}
