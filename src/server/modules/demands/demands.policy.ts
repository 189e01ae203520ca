/**
 * Who may do what to which demand. A demand is seen by:
 *
 * | side        | who                                                                   | may |
 * |-------------|-----------------------------------------------------------------------|-----|
 * | dispatcher  | dispatcher (县工商联 dispatch centre)                                  | everything of every demand: triage, assign, offer, transfer, close, reopen, follow-up |
 * | enterprise  | enterprise_user of the demand's enterprise                            | read (timeline, not the suggestion), attach files, pick 点单, resume, rate once, reopen |
 * | handler     | staff (department_staff, provider_staff, cadre) of the handling org, or the assigned user | read, accept, start, wait, resume, transfer, return, resolve |
 * | candidate   | provider_staff of an org the 抢单 offer is open to, while offered     | read, claim |
 * | filer       | the cadre who filed it for the enterprise                             | read |
 * | leader      | the responsible leader (a cadre with a user account)                  | read |
 * | anyone else | another enterprise, another department or provider, banks, admins     | nothing (403) |
 */
import { nextState, type DemandAction, type DemandState } from '../../../core/demands/workflow.ts';
import { AppError } from '../../errors.ts';
import { hasRole, type Actor } from '../../request-context.ts';
import { DEMAND_ACTIONS } from '../../../core/demands/workflow.ts';

export type Side = 'dispatcher' | 'enterprise' | 'handler' | 'candidate' | 'filer' | 'leader' | 'observer';

export interface DemandAccessFacts {
  state: DemandState;
  enterprise_org_id: number | null;
  handler_org_id: number | null;
  handler_user_id: number | null;
  offer_org_ids: number[] | null;
  submitted_by: number | null;
  /** The user account of the responsible leader, when they have one. */
  leaderUserId?: number | null;
}

const HANDLER_ROLES = ['department_staff', 'provider_staff', 'cadre'] as const;

export function isDispatcher(actor: Actor): boolean {
  return hasRole(actor, 'dispatcher');
}

/** Every side the actor is on for this demand (empty: the actor has nothing to do with it). */
export function sidesOf(actor: Actor, demand: DemandAccessFacts): Set<Side> {
  const sides = new Set<Side>();
  if (isDispatcher(actor)) sides.add('dispatcher');
  if (hasRole(actor, 'enterprise_user') && demand.enterprise_org_id !== null && actor.orgId === demand.enterprise_org_id) sides.add('enterprise');
  if (demand.handler_user_id === actor.userId || (demand.handler_org_id !== null && demand.handler_org_id === actor.orgId && hasRole(actor, ...HANDLER_ROLES))) {
    sides.add('handler');
  }
  if (demand.state === 'offered' && hasRole(actor, 'provider_staff') && (demand.offer_org_ids ?? []).includes(actor.orgId)) sides.add('candidate');
  if (demand.submitted_by === actor.userId) sides.add('filer');
  if (demand.leaderUserId != null && demand.leaderUserId === actor.userId) sides.add('leader');
  // The county leader (role 'leader') sees every demand and takes no action on any: no action lists 'observer'.
  if (hasRole(actor, 'leader')) sides.add('observer');
  return sides;
}

/** 403 unless the actor is on some side of the demand. */
export function assertCanSeeDemand(actor: Actor, demand: DemandAccessFacts): Set<Side> {
  const sides = sidesOf(actor, demand);
  if (sides.size === 0) throw new AppError('forbidden', 'You have no part in this demand');
  return sides;
}

/** Which sides may take each action (the life-cycle table says from which states). */
const ACTORS: Record<DemandAction, readonly Side[]> = {
  submit: [],
  triage: ['dispatcher'],
  assign: ['dispatcher'],
  pick: ['enterprise'],
  offer: ['dispatcher'],
  claim: ['candidate'],
  expire: [],
  accept: ['handler'],
  start: ['handler'],
  wait: ['handler'],
  resume: ['handler', 'enterprise'],
  transfer: ['handler', 'dispatcher'],
  return: ['handler'],
  resolve: ['handler'],
  rate: ['enterprise'],
  close: ['dispatcher'],
  reopen: ['enterprise', 'dispatcher'],
  follow_up: ['dispatcher'],
};

export function mayTake(sides: Set<Side>, action: DemandAction): boolean {
  return ACTORS[action].some((side) => sides.has(side));
}

/** What the actor may do now: actions of its sides that the state allows (rating: once per resolution). */
export function allowedActions(sides: Set<Side>, demand: DemandAccessFacts & { follow_up_at: Date | null; rating: number | null }): DemandAction[] {
  return DEMAND_ACTIONS.filter((action) => {
    if (!mayTake(sides, action)) return false;
    if (nextState(demand.state, action, { rating: 5 }) === null) return false;
    if (action === 'follow_up' && demand.follow_up_at !== null) return false;
    return true;
  });
}

/**
 * 403 unless the actor may take `action` on this demand; 409 when its state does not allow it (a claimed
 * demand cannot be claimed again, a rated one cannot be rated twice).
 */
export function assertMayTake(actor: Actor, demand: DemandAccessFacts, action: DemandAction, context: { rating?: number } = {}): DemandState {
  const sides = sidesOf(actor, demand);
  if (action === 'claim' && demand.state !== 'offered' && hasRole(actor, 'provider_staff')) {
    throw new AppError('conflict', `This demand is not open for claiming (it is ${demand.state})`, [{ path: 'state', message: demand.state }]);
  }
  if (!mayTake(sides, action)) {
    if (sides.size === 0) throw new AppError('forbidden', 'You have no part in this demand');
    throw new AppError('forbidden', `You may not ${action.replace('_', ' ')} this demand`);
  }
  const next = nextState(demand.state, action, context);
  if (next === null) throw new AppError('conflict', `A demand that is ${demand.state} cannot be ${action.replace('_', ' ')}ed now`, [{ path: 'state', message: demand.state }]);
  return next;
}
