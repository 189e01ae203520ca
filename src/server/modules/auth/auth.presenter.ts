import type { Actor } from '../../request-context.ts';
import type { SessionUser } from './auth.service.ts';

export function presentActor(actor: Actor): SessionUser {
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    roles: [...actor.roles],
    org: { id: actor.orgId, type: actor.orgType, name: actor.orgName, code: actor.orgCode ?? null },
    mustChangePassword: actor.mustChangePassword,
    passwordExpiresInDays: actor.passwordExpiresInDays ?? null,
  };
}
