import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../http/schemas.ts';
import { actorOf, auditContextOf } from '../../request-context.ts';
import { presentActor } from './auth.presenter.ts';
import { CsrfResponse, LoginBody, PasswordChangeBody, UserEnvelope, UserView } from './auth.schemas.ts';
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
};
