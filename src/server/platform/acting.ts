import { auditContextOfActor, type Actor } from '../request-context.ts';

/** Who acts on a workflow: a signed-in person, or the platform itself (a job such as the end of a notice). */
export type Acting = { kind: 'user'; actor: Actor } | { kind: 'system' };

/** The audit entry's actor fields for whoever acts; the platform is recorded as the user "system". */
export function auditContextOfActing(acting: Acting) {
  return acting.kind === 'user' ? auditContextOfActor(acting.actor) : { actorUserId: null, actorUsername: 'system', actorOrgId: null, requestId: null, ip: null };
}
