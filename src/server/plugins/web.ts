import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Serves the built web app. Any non-API GET that is not a file gets index.html, so client-side routes
 * such as /gov/admin/users survive a reload. Hashed assets are cached for a year (immutable); index.html
 * never. The build writes .br and .gz beside each text file (vite.config.ts): they are sent to browsers that
 * accept them (preCompressed), with no compression at run time.
 */
export const webPlugin = fp(async (app: FastifyInstance, options: { webDir: string }) => {
  const indexFile = path.join(options.webDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    app.log.warn(`web app not built (${indexFile} missing): run "npm run build"; serving the API only`);
    return;
  }
  await app.register(fastifyStatic, {
    root: options.webDir,
    wildcard: false,
    index: false,
    preCompressed: true,
    setHeaders: (res, filePath) => {
      if (filePath.includes(`${path.sep}assets${path.sep}`)) res.header('cache-control', 'public, max-age=31536000, immutable');
      else res.header('cache-control', 'no-cache');
    },
  });
  // Files were registered one by one above (wildcard: false); what reaches here is a client-side route,
  // unless it looks like a file (has an extension) or is under /api, which are real 404s.
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const pathname = request.url.split('?')[0];
    if (pathname.startsWith('/api/') || path.extname(pathname) !== '') return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
});
