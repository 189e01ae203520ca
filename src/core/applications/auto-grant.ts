/**
 * 免申即享 (grants without application): the department proposes a grant list from the stored eligible
 * matches, removes enterprises it must not pay (with a reason), confirms — which publishes the list for
 * public notice — and after the notice pays every included item by maker–checker (payment.ts).
 *
 * | action      | by            | from          | to            |
 * |-------------|---------------|---------------|---------------|
 * | propose     | staff         | (none)        | proposed      |
 * | remove_item | staff (reason)| proposed      | proposed      |
 * | confirm     | staff         | proposed, ≥ 1 item included | in_notice |
 * | end_notice  | staff, system | in_notice, period over | notice_passed |
 * | complete    | system        | notice_passed, every included item paid | paid |
 *
 * 'confirmed' of the contract is not a resting state: confirming publishes the notice at once.
 * Item payments (prepare / approve / cancel) happen while the grant is notice_passed.
 */
import type { ActorKind } from './workflow.ts';
import { hasReason } from './workflow.ts';
import type { Refusal } from './payment.ts';

export const AUTO_GRANT_STATUSES = ['proposed', 'in_notice', 'notice_passed', 'paid'] as const;
export type AutoGrantStatus = (typeof AUTO_GRANT_STATUSES)[number];
export const AUTO_GRANT_ACTIONS = ['propose', 'remove_item', 'confirm', 'end_notice', 'complete'] as const;
export type AutoGrantAction = (typeof AUTO_GRANT_ACTIONS)[number];

interface AutoGrantRule {
  by: readonly ActorKind[];
  from: readonly (AutoGrantStatus | null)[];
  to: AutoGrantStatus;
  reasonRequired: boolean;
}

export const AUTO_GRANT_TRANSITIONS: Readonly<Record<AutoGrantAction, AutoGrantRule>> = Object.freeze({
  propose: { by: ['staff'], from: [null], to: 'proposed', reasonRequired: false },
  remove_item: { by: ['staff'], from: ['proposed'], to: 'proposed', reasonRequired: true },
  confirm: { by: ['staff'], from: ['proposed'], to: 'in_notice', reasonRequired: false },
  end_notice: { by: ['staff', 'system'], from: ['in_notice'], to: 'notice_passed', reasonRequired: false },
  complete: { by: ['system'], from: ['notice_passed'], to: 'paid', reasonRequired: false },
});

export interface AutoGrantState {
  status: AutoGrantStatus | null;
  includedItems: number;
  paidItems: number;
  noticeUntil: Date | null;
}

/** Decides an action on an auto grant: the status it leads to, or why not. Pure. */
export function decideAutoGrant(
  state: AutoGrantState,
  command: { action: AutoGrantAction; actor: ActorKind; reason?: string | null; now: Date },
): { ok: true; status: AutoGrantStatus } | { ok: false; refusal: Refusal } {
  const rule = AUTO_GRANT_TRANSITIONS[command.action];
  const refuse = (code: Refusal['code'], message: string) => ({ ok: false as const, refusal: { code, message } });
  if (!rule) return refuse('illegal_transition', `unknown action ${String(command.action)}`);
  if (!rule.from.includes(state.status)) return refuse('illegal_transition', `cannot ${command.action} an auto grant that is ${state.status ?? 'not proposed'}`);
  if (!rule.by.includes(command.actor)) return refuse('not_permitted', `${command.action} is done by ${rule.by.join(' or ')}`);
  if (rule.reasonRequired && !hasReason(command.reason)) return refuse('reason_required', `${command.action} needs a reason`);
  if (command.action === 'confirm' && state.includedItems === 0) return refuse('illegal_transition', 'nothing to grant: every item was removed');
  if (command.action === 'end_notice' && (!state.noticeUntil || command.now.getTime() <= state.noticeUntil.getTime())) {
    return refuse('notice_not_over', `the public notice runs until ${state.noticeUntil?.toISOString() ?? '?'}`);
  }
  if (command.action === 'complete' && state.paidItems < state.includedItems) return refuse('illegal_transition', `${state.includedItems - state.paidItems} items are not paid yet`);
  return { ok: true, status: rule.to };
}
