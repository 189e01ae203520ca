/**
 * Notices of the demands workflow, each inside the transaction of the step that causes it: the order
 * notice (接单提醒) to the assignee, offers to providers, status changes to the enterprise, warnings and
 * escalations. Kinds: demand.order, demand.offer, demand.status, demand.rectify, demand.warning,
 * demand.overdue, demand.escalated. Links are app paths `/demands/<id>`.
 */
import type { Executor } from '../../db/database.ts';
import { notifyEnterprise, notifyOrg, notifyUsers } from '../notifications/index.ts';

const HANDLER_ROLES = ['department_staff', 'provider_staff', 'cadre'] as const;

const STATE_ZH: Record<string, string> = {
  submitted: '已提交',
  triaged: '已分拣',
  offered: '待抢单',
  assigned: '已派单',
  accepted: '已接单',
  in_progress: '办理中',
  waiting: '待补充材料',
  resolved: '已办结，请评价',
  rated: '已评价',
  closed: '已关闭',
};
const STATE_EN: Record<string, string> = {
  submitted: 'submitted',
  triaged: 'triaged',
  offered: 'offered for claiming',
  assigned: 'assigned',
  accepted: 'accepted',
  in_progress: 'in progress',
  waiting: 'waiting for your information',
  resolved: 'resolved — please rate it',
  rated: 'rated',
  closed: 'closed',
};

/** 接单提醒: to the assigned user, or to the handling organisation's staff. */
export async function notifyOrder(trx: Executor, demand: { id: number; title: string; enterprise_id: number }, handler: { orgId: number; userId: number | null }, eventId: number): Promise<void> {
  const notification = {
    kind: 'demand.order',
    params: { demandId: demand.id, title: demand.title },
    titleZh: '接单提醒：您有一条新的企业诉求',
    titleEn: 'New order: an enterprise demand is assigned to you',
    bodyZh: `诉求“${demand.title}”已派给您，请及时接单办理。`,
    bodyEn: `The demand "${demand.title}" is assigned to you: please accept and handle it.`,
    link: `/demands/${demand.id}`,
    dedupeKey: `demand-order:${demand.id}:${eventId}`,
    enterpriseId: demand.enterprise_id,
  };
  if (handler.userId !== null) await notifyUsers(trx, [handler.userId], notification);
  else await notifyOrg(trx, handler.orgId, notification, { roles: HANDLER_ROLES });
}

/** 抢单: each eligible provider's staff learns of the offer. */
export async function notifyOffer(trx: Executor, demand: { id: number; title: string }, orgIds: readonly number[], eventId: number): Promise<void> {
  for (const orgId of orgIds) {
    await notifyOrg(trx, orgId, {
      kind: 'demand.offer',
      params: { demandId: demand.id, title: demand.title },
      titleZh: '抢单提醒：有新的企业诉求可接',
      titleEn: 'A demand is open for claiming',
      bodyZh: `诉求“${demand.title}”开放抢单，先到先得。`,
      bodyEn: `The demand "${demand.title}" is open for claiming: first come, first served.`,
      link: `/demands/${demand.id}`,
      dedupeKey: `demand-offer:${demand.id}:${eventId}`,
    }, { roles: ['provider_staff'] });
  }
}

/** A step the enterprise should know of. */
export async function notifyEnterpriseOfState(trx: Executor, demand: { id: number; title: string; enterprise_id: number }, state: string, eventId: number): Promise<void> {
  await notifyEnterprise(trx, demand.enterprise_id, {
    kind: 'demand.status',
    params: { demandId: demand.id, state },
    titleZh: `您的诉求${STATE_ZH[state] ?? state}`,
    titleEn: `Your demand is ${STATE_EN[state] ?? state}`,
    bodyZh: `诉求“${demand.title}”${STATE_ZH[state] ?? state}。`,
    bodyEn: `The demand "${demand.title}" is ${STATE_EN[state] ?? state}.`,
    link: `/demands/${demand.id}`,
    dedupeKey: `demand-status:${demand.id}:${eventId}`,
  });
}

/** A notice to a handler (rectification after a bad rating, a warning, a breach). */
export async function notifyHandler(
  trx: Executor,
  demand: { id: number; title: string; handler_org_id: number | null; handler_user_id: number | null },
  kind: 'demand.rectify' | 'demand.warning' | 'demand.overdue',
  key: string,
): Promise<void> {
  const texts = {
    'demand.rectify': ['诉求评价不满意，请限期整改', 'Unsatisfied rating: rectify within the deadline', `企业对诉求“${demand.title}”的办理不满意，已退回整改。`, `The enterprise is not satisfied with "${demand.title}": it is back with you for rectification.`],
    'demand.warning': ['诉求即将超期', 'A demand is due soon', `诉求“${demand.title}”即将到期，请尽快办结。`, `The demand "${demand.title}" is due soon.`],
    'demand.overdue': ['诉求已超期', 'A demand is overdue', `诉求“${demand.title}”已超过办理时限，已督办。`, `The demand "${demand.title}" is past its deadline and has been escalated.`],
  }[kind];
  const notification = { kind, params: { demandId: demand.id, title: demand.title }, titleZh: texts[0], titleEn: texts[1], bodyZh: texts[2], bodyEn: texts[3], link: `/demands/${demand.id}`, dedupeKey: `${kind}:${demand.id}:${key}` };
  if (demand.handler_user_id !== null) await notifyUsers(trx, [demand.handler_user_id], notification);
  if (demand.handler_org_id !== null) await notifyOrg(trx, demand.handler_org_id, notification, { roles: HANDLER_ROLES });
}

/** Escalation up the chain: to the given users (a leader) or the dispatch centre's dispatchers. */
export async function notifyEscalation(trx: Executor, demand: { id: number; title: string }, target: { userIds?: number[]; orgIds?: number[] }, level: number): Promise<void> {
  const notification = {
    kind: 'demand.escalated',
    params: { demandId: demand.id, title: demand.title, level },
    titleZh: '超期诉求督办',
    titleEn: 'Overdue demand escalated',
    bodyZh: `诉求“${demand.title}”已超期，请督促办理（${level}级督办）。`,
    bodyEn: `The demand "${demand.title}" is overdue: please see that it is handled (escalation level ${level}).`,
    link: `/demands/${demand.id}`,
    dedupeKey: `demand-escalated:${demand.id}:${level}`,
  };
  if (target.userIds?.length) await notifyUsers(trx, target.userIds, notification);
  for (const orgId of target.orgIds ?? []) await notifyOrg(trx, orgId, notification, { roles: ['dispatcher'] });
}
