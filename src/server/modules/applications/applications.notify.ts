/**
 * What enterprises and departments are told about applications, in both languages. The web renders from
 * `params`; the texts are for channels that cannot render (the webhook → SMS, WeChat …).
 */
import { formatFen } from '../../../core/money/money.ts';
import type { ApplicationStatus } from '../../../core/applications/workflow.ts';
import type { NotificationInput } from '../notifications/index.ts';

export const STATUS_NAMES: Readonly<Record<ApplicationStatus, { zh: string; en: string }>> = Object.freeze({
  submitted: { zh: '已提交', en: 'submitted' },
  accepted: { zh: '已受理', en: 'accepted' },
  in_review: { zh: '审核中', en: 'in review' },
  returned: { zh: '退回补正', en: 'returned for completion' },
  approved: { zh: '审核通过', en: 'approved' },
  in_notice: { zh: '公示中', en: 'in public notice' },
  notice_passed: { zh: '公示期满', en: 'public notice passed' },
  paid: { zh: '已兑付', en: 'paid' },
  rejected: { zh: '未通过', en: 'rejected' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
});

export interface StatusChange {
  applicationId: number;
  /** The official number (经信申〔2026〕0001号). */
  applicationNumber: string;
  eventId: number;
  policyId: number;
  policyTitle: string;
  action: string;
  status: ApplicationStatus;
  reason: string | null;
  amountFen: number | null;
  noticeUntil: Date | null;
}

function yuan(fen: number, locale: 'zh' | 'en'): string {
  return formatFen(fen, locale === 'zh' ? 'zh-CN' : 'en-US');
}

/** The enterprise's message for a status change of its application (one per event). */
export function statusNotification(change: StatusChange): NotificationInput {
  const name = STATUS_NAMES[change.status];
  const bodies: { zh: string[]; en: string[] } = {
    zh: [`您申报的《${change.policyTitle}》（${change.applicationNumber}）${name.zh}。`],
    en: [`Your application ${change.applicationNumber} for "${change.policyTitle}" is ${name.en}.`],
  };
  if (change.status === 'approved' && change.amountFen !== null) {
    bodies.zh.push(`核定金额 ${yuan(change.amountFen, 'zh')}。`);
    bodies.en.push(`Approved amount: ${yuan(change.amountFen, 'en')}.`);
  }
  if (change.status === 'paid' && change.amountFen !== null) {
    bodies.zh.push(`已拨付 ${yuan(change.amountFen, 'zh')}。`);
    bodies.en.push(`${yuan(change.amountFen, 'en')} has been paid.`);
  }
  if (change.status === 'in_notice' && change.noticeUntil) {
    bodies.zh.push(`公示至 ${change.noticeUntil.toISOString().slice(0, 10)}。`);
    bodies.en.push(`The public notice runs until ${change.noticeUntil.toISOString().slice(0, 10)}.`);
  }
  if (change.reason) {
    bodies.zh.push(`原因：${change.reason}`);
    bodies.en.push(`Reason: ${change.reason}`);
  }
  return {
    kind: 'application.status',
    params: { applicationId: change.applicationId, applicationNumber: change.applicationNumber, policyId: change.policyId, status: change.status, action: change.action, reason: change.reason, amountFen: change.amountFen },
    titleZh: `申报${name.zh}：${change.policyTitle}`.slice(0, 500),
    titleEn: `Application ${name.en}: ${change.policyTitle}`.slice(0, 500),
    bodyZh: bodies.zh.join('').slice(0, 4000),
    bodyEn: bodies.en.join(' ').slice(0, 4000),
    link: `/portal/applications/${change.applicationId}`,
    dedupeKey: `application.status:${change.applicationId}:${change.eventId}`,
  };
}

/** The department's message: an application (or a resubmission) is waiting for it. */
export function submittedNotification(input: { applicationId: number; applicationNumber: string; eventId: number; policyId: number; policyTitle: string; enterpriseName: string; enterpriseId: number; isResubmission: boolean; dueAt: Date | null }): NotificationInput {
  const what = input.isResubmission ? { zh: '补正后重新提交', en: 'resubmitted' } : { zh: '提交了申报', en: 'applied' };
  const due = input.dueAt ? input.dueAt.toISOString().slice(0, 10) : null;
  return {
    kind: 'application.submitted',
    params: { applicationId: input.applicationId, applicationNumber: input.applicationNumber, policyId: input.policyId, enterpriseId: input.enterpriseId, isResubmission: input.isResubmission, dueAt: input.dueAt?.toISOString() ?? null },
    titleZh: `${input.enterpriseName}${what.zh}：${input.policyTitle}`.slice(0, 500),
    titleEn: `${input.enterpriseName} ${what.en}: ${input.policyTitle}`.slice(0, 500),
    bodyZh: `申报编号 ${input.applicationNumber}。${due ? `请在 ${due} 前办理。` : ''}`,
    bodyEn: `Application ${input.applicationNumber}.${due ? ` Due by ${due}.` : ''}`,
    link: `/gov/applications/${input.applicationId}`,
    dedupeKey: `application.submitted:${input.applicationId}:${input.eventId}`,
    enterpriseId: input.enterpriseId,
  };
}
