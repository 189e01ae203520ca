/**
 * The life cycle of an enterprise demand (诉求), as data. The server asks `nextState` whether an action may
 * happen to a demand in its current state and gets the next state, or null (refused). Who may act on which
 * demand is the server's policy (demands.policy.ts); this table is only the order of the steps.
 *
 * | action      | by                         | from                                   | to           |
 * |-------------|----------------------------|----------------------------------------|--------------|
 * | submit      | enterprise, cadre, import, API | (none)                             | submitted    |
 * | triage      | dispatcher                 | submitted, triaged                     | triaged      |
 * | assign 派单  | dispatcher                 | submitted, triaged, offered            | assigned     |
 * | pick 点单    | enterprise                 | submitted, triaged                     | assigned     |
 * | offer 抢单   | dispatcher                 | submitted, triaged                     | offered      |
 * | claim       | eligible provider          | offered                                | assigned     |
 * | expire      | system (accept time over)  | assigned (claimed → offered again; otherwise → triaged) | offered, triaged |
 * | accept 接单  | the assignee               | assigned                               | accepted     |
 * | start       | the assignee               | accepted                               | in_progress  |
 * | wait        | the assignee (reason)      | accepted, in_progress                  | waiting (clock paused) |
 * | resume      | enterprise or assignee     | waiting                                | in_progress (clock resumed) |
 * | transfer 移交 | the assignee or dispatcher (reason) | assigned, accepted, in_progress, waiting | assigned (another org) |
 * | return 退回  | the assignee (reason)      | assigned, accepted, in_progress, waiting | triaged (back to the dispatcher) |
 * | resolve 办结 | the assignee               | accepted, in_progress                  | resolved     |
 * | rate 好差评  | enterprise, once per resolution | resolved                          | rated (≥3) or in_progress (≤2, rectification) |
 * | close       | dispatcher, system          | resolved, rated                       | closed (follow-up scheduled) |
 * | reopen      | enterprise or dispatcher (reason) | rated, closed                   | in_progress (rectification) |
 * | follow_up 跟踪问效 | dispatcher            | closed                                 | closed (outcome recorded) |
 */

export const DEMAND_STATES = [
  'submitted',
  'triaged',
  'offered',
  'assigned',
  'accepted',
  'in_progress',
  'waiting',
  'resolved',
  'rated',
  'closed',
] as const;
export type DemandState = (typeof DEMAND_STATES)[number];

export const DEMAND_ACTIONS = [
  'submit',
  'triage',
  'assign',
  'pick',
  'offer',
  'claim',
  'expire',
  'accept',
  'start',
  'wait',
  'resume',
  'transfer',
  'return',
  'resolve',
  'rate',
  'close',
  'reopen',
  'follow_up',
] as const;
export type DemandAction = (typeof DEMAND_ACTIONS)[number];

/** Timeline entries that are not state changes (they keep the state): files, warnings, escalations. */
export const DEMAND_NOTES = ['attach_file', 'warn', 'escalate', 'suggest'] as const;
export type DemandNote = (typeof DEMAND_NOTES)[number];

/** States in which the demand is with a handler and its resolution clock runs (or is paused). */
export const HANDLING_STATES: readonly DemandState[] = ['assigned', 'accepted', 'in_progress', 'waiting'];
/** States that still need someone to act (not resolved, rated or closed). */
export const OPEN_STATES: readonly DemandState[] = ['submitted', 'triaged', 'offered', 'assigned', 'accepted', 'in_progress', 'waiting'];

const FROM: Record<Exclude<DemandAction, 'submit' | 'expire' | 'rate'>, readonly DemandState[]> = {
  triage: ['submitted', 'triaged'],
  assign: ['submitted', 'triaged', 'offered'],
  pick: ['submitted', 'triaged'],
  offer: ['submitted', 'triaged'],
  claim: ['offered'],
  accept: ['assigned'],
  start: ['accepted'],
  wait: ['accepted', 'in_progress'],
  resume: ['waiting'],
  transfer: ['assigned', 'accepted', 'in_progress', 'waiting'],
  return: ['assigned', 'accepted', 'in_progress', 'waiting'],
  resolve: ['accepted', 'in_progress'],
  close: ['resolved', 'rated'],
  reopen: ['rated', 'closed'],
  follow_up: ['closed'],
};

const TO: Record<Exclude<DemandAction, 'submit' | 'expire' | 'rate'>, DemandState> = {
  triage: 'triaged',
  assign: 'assigned',
  pick: 'assigned',
  offer: 'offered',
  claim: 'assigned',
  accept: 'accepted',
  start: 'in_progress',
  wait: 'waiting',
  resume: 'in_progress',
  transfer: 'assigned',
  return: 'triaged',
  resolve: 'resolved',
  close: 'closed',
  reopen: 'in_progress',
  follow_up: 'closed',
};

/** A rating at or below this asks for rectification (整改) and returns the demand to the handler. */
export const UNSATISFIED_RATING = 2;

/**
 * The state after `action` on a demand in `state`, or null when the action is not allowed there.
 * `rating` decides where a rating leads; `wasClaimed` where an expired acceptance returns to.
 */
export function nextState(state: DemandState, action: DemandAction, context: { rating?: number; wasClaimed?: boolean } = {}): DemandState | null {
  if (action === 'submit') return null;
  if (action === 'rate') {
    if (state !== 'resolved') return null;
    return (context.rating ?? 0) <= UNSATISFIED_RATING ? 'in_progress' : 'rated';
  }
  if (action === 'expire') return state === 'assigned' ? (context.wasClaimed ? 'offered' : 'triaged') : null;
  return FROM[action].includes(state) ? TO[action] : null;
}

/** The actions the table allows from a state (who may take them is the server's policy). */
export function actionsFrom(state: DemandState): DemandAction[] {
  return DEMAND_ACTIONS.filter((action) => action !== 'submit' && action !== 'expire' && nextState(state, action, { rating: 5 }) !== null);
}
