import { randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The cookie-signing secret: from COOKIE_SECRET, or generated once and kept in the database so that
 * every instance of the app signs and checks cookies alike with no configuration.
 */
export async function loadCookieSecret(db: Kysely<DB>, configured: string | null): Promise<string> {
  if (configured) return configured;
  await db
    .insertInto('server_secrets')
    .values({ name: 'cookie_secret', value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('server_secrets').where('name', '=', 'cookie_secret').select('value').executeTakeFirstOrThrow();
  return row.value;
}

/** Cookies, security headers, CSRF protection of every state-changing API call, and rate limiting. */
export const securityPlugin = fp(async (app: FastifyInstance, options: { cookieSecret: string; cookieSecure: 'auto' | boolean }) => {
  await app.register(fastifyCookie, { secret: options.cookieSecret });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its CSS-in-JS into <style> tags at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // Served over plain http on a laptop in demo mode; behind https in production the proxy adds HSTS.
    hsts: false,
  });

  await app.register(fastifyRateLimit, { global: false });

  await app.register(fastifyCsrf, {
    // Secure as the session cookie is: 'auto' follows the request's protocol (X-Forwarded-Proto under TRUST_PROXY).
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, signed: true, secure: options.cookieSecure },
    getToken: (request) => request.headers['x-csrf-token'] as string | undefined,
  });

  // Every state-changing request needs the token, login included (no login CSRF either), whatever its path:
  // the router decodes paths (`/%61pi/auth/login` is /api/auth/login), so a check on the raw URL string could
  // be walked around. Checked before the body is read, after the session is known (onRequest), so a refusal
  // can be audited.
  app.addHook('preParsing', (request, reply, payload, done) => {
    if (SAFE_METHODS.has(request.method)) return done(null, payload);
    app.csrfProtection(request, reply, () => done(null, payload));
  });

  // API answers are about one user at one moment: no browser or proxy keeps them (a shared computer's back
  // button, a county proxy). Files that set their own caching (exports, photos) keep it.
  app.addHook('onSend', async (request, reply, payload) => {
    if ((request.routeOptions.url ?? request.url).startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
});
