import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** OpenAPI generated from the route schemas, at /api/openapi.json, and a browsable UI at /api/docs (unless API_DOCS=false). */
export const openapiPlugin = fp(async (app: FastifyInstance) => {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '垫小二 · Enterprise Service Cloud API',
        version: '0.1.0',
        description:
          'Every state-changing request needs the header x-csrf-token (GET /api/auth/csrf; signing in rotates it, ' +
          'so fetch it again after POST /api/auth/login) and, except login, the session cookie that login sets. ' +
          'Errors: {"error":{"code","message","details"}}.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: app.config.session.cookieName } },
      },
      security: [{ session: [] }],
    },
  });
  // The document is always built (the tests read it); API_DOCS=false keeps it off the network in production.
  if (!app.config.apiDocs) return;
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { docExpansion: 'list' } });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
});
