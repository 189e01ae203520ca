import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { DatabaseKind } from './db/database.ts';
import type { DB, OrgType, Role } from './db/schema.ts';
import { AppError } from './errors.ts';

/** The signed-in user as every service sees it: who, in which organisation, with which roles. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  roles: readonly Role[];
  orgId: number;
  orgType: OrgType;
  orgName: string;
  /** The organisation's code (e.g. 'jrb', 县政府金融工作办公室); absent for actors not built from a session. */
  orgCode?: string | null;
  mustChangePassword: boolean;
  /** Whole days until the password expires, null when it does not (absent for actors not built from a session). */
  passwordExpiresInDays?: number | null;
  /** Hash of the session token, to end this session or keep it on password change. */
  sessionHash: string;
  /** Of the request acting: every audit entry carries them. */
  requestId: string;
  ip: string;
}

/** Who did something, from where: the fields every audit entry carries. */
export interface AuditContext {
  actorUserId: number | null;
  actorUsername: string | null;
  actorOrgId: number | null;
  requestId: string | null;
  ip: string | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<DB>;
    dbKind: DatabaseKind;
    config: Readonly<Config>;
  }
  interface FastifyRequest {
    user: Actor | null;
  }
}

export function auditContextOf(request: FastifyRequest): AuditContext {
  return {
    actorUserId: request.user?.userId ?? null,
    actorUsername: request.user?.username ?? null,
    actorOrgId: request.user?.orgId ?? null,
    requestId: request.id,
    ip: request.ip,
  };
}

/** The audit fields of an actor (services receive the actor, not the HTTP request). */
export function auditContextOfActor(actor: Actor): AuditContext {
  return { actorUserId: actor.userId, actorUsername: actor.username, actorOrgId: actor.orgId, requestId: actor.requestId, ip: actor.ip };
}

/** The actor of an authenticated request, or 401. Authorisation of objects happens in services. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.user) throw new AppError('unauthenticated', 'Sign in first');
  return request.user;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((role) => actor.roles.includes(role));
}

/** Throws 403 unless the actor holds one of the roles. */
export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!hasRole(actor, ...roles)) throw new AppError('forbidden', `Requires one of the roles: ${roles.join(', ')}`);
}
