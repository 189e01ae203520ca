import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IdParams, PageQuery } from '../../http/schemas.ts';
import { pageOf } from '../../platform/pagination.ts';
import { actorOf, auditContextOf } from '../../request-context.ts';
import { presentActor } from './auth.presenter.ts';
import {
  CsrfResponse,
  LockoutList,
  LoginBody,
  PasswordChangeBody,
  PasswordExpiryList,
  PasswordPolicyPatch,
  PasswordPolicyView,
  SessionList,
  SessionListQuery,
  UnlockBody,
  UserEnvelope,
  UserIdParams,
  UserView,
} from './auth.schemas.ts';
import { endSession, endUserSessions, listLockouts, listPasswordExpiry, listSessions, readPasswordPolicy, unlock, updatePasswordPolicy } from './auth.security.ts';
import { changePassword, login, logout } from './auth.service.ts';

/** @fastify/csrf-protection's secret cookie (its default name). */
const CSRF_COOKIE = '_csrf';

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { config } = app;
  app.addSchema(UserView);

  app.get('/api/auth/csrf', {
    schema: { tags: ['auth'], summary: 'Get a CSRF token to send as x-csrf-token on state-changing requests', response: { 200: CsrfResponse } },
  }, async (_request, reply) => ({ token: reply.generateCsrf() }));

  app.post('/api/auth/login', {
    schema: { tags: ['auth'], summary: 'Sign in; sets the session cookie', body: LoginBody, response: { 200: UserEnvelope, ...errorResponses(400, 401, 403, 423, 429) } },
    config: { rateLimit: { max: config.login.ratePerMinute, timeWindow: 60_000 } },
  }, async (request, reply) => {
    const { token, user } = await login(app.db, config, { ...request.body, userAgent: request.headers['user-agent'] ?? null }, auditContextOf(request));
    const secure = config.session.cookieSecure === 'auto' ? request.protocol === 'https' : config.session.cookieSecure;
    reply.setCookie(config.session.cookieName, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
    // A new CSRF secret at sign-in: a token learnt before (e.g. planted in a shared browser) is worthless after.
    delete request.cookies[CSRF_COOKIE];
    reply.generateCsrf();
    return { user };
  });

  app.get('/api/auth/me', {
    schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: UserEnvelope, ...errorResponses(401) } },
  }, async (request) => ({ user: presentActor(actorOf(request)) }));

  app.post('/api/auth/logout', {
    schema: { tags: ['auth'], summary: 'Sign out; ends the session', response: { 204: { type: 'null' }, ...errorResponses(401, 403) } },
  }, async (request, reply) => {
    await logout(app.db, app.sessionCache, actorOf(request));
    reply.clearCookie(config.session.cookieName, { path: '/' });
    return reply.status(204).send(null);
  });

  app.post('/api/auth/password', {
    schema: { tags: ['auth'], summary: 'Change your own password; ends your other sessions', body: PasswordChangeBody, response: { 204: { type: 'null' }, ...errorResponses(400, 401, 403) } },
    config: { rateLimit: { max: config.login.ratePerMinute, timeWindow: 60_000 } },
  }, async (request, reply) => {
    await changePassword(app.db, app.sessionCache, actorOf(request), request.body.currentPassword, request.body.newPassword);
    return reply.status(204).send(null);
  });

  // The security administrator (安全管理员) ----------------------------------------------------------
  const security = ['security'];

  app.get('/api/security/password-policy', {
    schema: { tags: security, summary: 'The password policy in force (security admin)', response: { 200: PasswordPolicyView, ...errorResponses(401, 403) } },
  }, async (request) => readPasswordPolicy(app.db, config, actorOf(request)));

  app.patch('/api/security/password-policy', {
    schema: { tags: security, summary: 'Set the password lifetime and the session limit; null restores the configured value (security admin)', body: PasswordPolicyPatch, response: { 200: PasswordPolicyView, ...errorResponses(400, 401, 403) } },
  }, async (request) => updatePasswordPolicy(app.db, config, actorOf(request), request.body));

  app.get('/api/security/password-expiry', {
    schema: { tags: security, summary: 'Active accounts whose password has expired or expires soon (security admin)', response: { 200: PasswordExpiryList, ...errorResponses(401, 403) } },
  }, async (request) => listPasswordExpiry(app.db, config, actorOf(request)));

  app.get('/api/security/lockouts', {
    schema: { tags: security, summary: 'Sign-in locks in force, by name and source address (security admin)', querystring: Type.Object({ ...PageQuery }), response: { 200: LockoutList, ...errorResponses(400, 401, 403) } },
  }, async (request) => listLockouts(app.db, actorOf(request), pageOf(request.query)));

  app.post('/api/security/lockouts/unlock', {
    schema: { tags: security, summary: 'Lift the locks of a name, from one address or all (security admin)', body: UnlockBody, response: { 204: { type: 'null' }, ...errorResponses(400, 401, 403, 404) } },
  }, async (request, reply) => {
    await unlock(app.db, actorOf(request), request.body);
    return reply.status(204).send(null);
  });

  app.get('/api/security/sessions', {
    schema: { tags: security, summary: 'Live sessions, newest activity first (security admin)', querystring: SessionListQuery, response: { 200: SessionList, ...errorResponses(400, 401, 403) } },
  }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return listSessions(app.db, actorOf(request), filter, pageOf({ page, pageSize }));
  });

  app.post('/api/security/sessions/:id/end', {
    schema: { tags: security, summary: 'End one session on every instance at once (security admin)', params: IdParams, response: { 204: { type: 'null' }, ...errorResponses(400, 401, 403, 404) } },
  }, async (request, reply) => {
    await endSession(app.db, app.sessionCache, actorOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  app.post('/api/security/users/:userId/end-sessions', {
    schema: { tags: security, summary: 'End every session of an account (security admin)', params: UserIdParams, response: { 204: { type: 'null' }, ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => {
    await endUserSessions(app.db, app.sessionCache, actorOf(request), request.params.userId);
    return reply.status(204).send(null);
  });
};
