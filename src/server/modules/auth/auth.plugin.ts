import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { authRoutes } from './auth.routes.ts';
import { resolveSession } from './auth.service.ts';
import { SessionCache } from './session-cache.ts';

declare module 'fastify' {
  interface FastifyInstance {
    sessionCache: SessionCache;
  }
}

/**
 * The auth module: resolves the session cookie of every API request into `request.user` (or null), and
 * the sign-in, sign-out, CSRF and password routes. Whether the user may do what they ask is decided later,
 * by the service, for the object concerned.
 */
export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorate('sessionCache', new SessionCache(app.config.session.cacheSeconds * 1000));
  app.decorateRequest('user', null);

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[app.config.session.cookieName];
    if (!token) return;
    // A forged or malformed value is simply not a session; it gets the same treatment as none.
    if (token.length > 100) return;
    const user = await resolveSession(app.db, app.config, app.sessionCache, token);
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
      sessionHash: user.sessionHash,
      requestId: request.id,
      ip: request.ip,
    };
  });
  await app.register(authRoutes);
});
