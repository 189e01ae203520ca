import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { authRoutes } from './auth.routes.ts';
import { resolveSession } from './auth.service.ts';
import { RevocationClock } from './revocation.ts';
import { SessionCache } from './session-cache.ts';
import { AppError } from '../../errors.ts';

declare module 'fastify' {
  interface FastifyInstance {
    sessionCache: SessionCache;
    revocationClock: RevocationClock;
  }
}

/**
 * What a user who must change their password (initial, reset or expired) may still reach: the change
 * itself, sign-out, who am I (so the web can send them to the change form) and the CSRF token. Every other
 * route answers 403 password_change_required.
 */
const OPEN_WHILE_PASSWORD_CHANGE_REQUIRED = new Set(['/api/auth/password', '/api/auth/logout', '/api/auth/me', '/api/auth/csrf', '/api/auth/login']);

/**
 * The auth module: resolves the session cookie of every API request into `request.user` (or null), and
 * the sign-in, sign-out, CSRF and password routes. Whether the user may do what they ask is decided later,
 * by the service, for the object concerned.
 */
export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorate('sessionCache', new SessionCache(app.config.session.cacheSeconds * 1000));
  app.decorate('revocationClock', new RevocationClock(app.db));
  app.decorateRequest('user', null);

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[app.config.session.cookieName];
    if (!token) return;
    // A forged or malformed value is simply not a session; it gets the same treatment as none.
    if (token.length > 100) return;
    const user = await resolveSession(app.db, app.config, app.sessionCache, app.revocationClock, token);
    if (!user) {
      reply.clearCookie(app.config.session.cookieName, { path: '/' });
      return;
    }
    request.user = {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
      orgId: user.org.id,
      orgType: user.org.type,
      orgName: user.org.name,
      orgCode: user.org.code,
      mustChangePassword: user.mustChangePassword,
      passwordExpiresInDays: user.passwordExpiresInDays,
      sessionHash: user.sessionHash,
      requestId: request.id,
      ip: request.ip,
    };
    // Decided on the routed path (not the raw URL), so no encoding of a path slips past.
    if (user.mustChangePassword && !OPEN_WHILE_PASSWORD_CHANGE_REQUIRED.has(request.routeOptions.url ?? '')) {
      throw new AppError('password_change_required', 'Change your password first (POST /api/auth/password)');
    }
  });
  await app.register(authRoutes);
});
