import fs from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Writes a .br and a .gz beside every text file of the build (from 1 KB), once at build time at the best
 * ratio; the server sends them to browsers that accept them (@fastify/static preCompressed), so serving
 * costs no CPU. The login page's ~960 KB of JavaScript crosses the wire as about a quarter of that.
 */
function precompress(): Plugin {
  return {
    name: 'dxe-precompress',
    apply: 'build',
    writeBundle(options) {
      const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      for (const file of walk(options.dir!)) {
        if (!/\.(js|mjs|css|html|svg|json|txt|map)$/.test(file)) continue;
        const bytes = fs.readFileSync(file);
        if (bytes.length < 1024) continue;
        fs.writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
        fs.writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

// The web app lives in src/web and is built into dist/web, which the Fastify server serves with an SPA
// fallback. In development `npx vite` serves the app and proxies /api to the server on :3000, so the
// session and CSRF cookies stay same-origin exactly as in production. API_PROXY_TARGET points the proxy at
// another server (e.g. a second instance on another port).
const apiTarget = process.env.API_PROXY_TARGET || 'http://127.0.0.1:3000';

// The app's own src/web/api/*.ts modules are also under /api/ in development: serve those, proxy the rest.
const apiProxy: ProxyOptions = {
  target: apiTarget,
  changeOrigin: false,
  bypass: (req) => (/^\/api\/[^?]*\.tsx?(\?|$)/.test(req.url ?? '') ? req.url : undefined),
};

export default defineConfig({
  root: 'src/web',
  plugins: [react(), precompress()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // Areas are lazy chunks; report sizes so a heavy import on the login path is noticed.
    reportCompressedSize: true,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      output: {
        // Libraries every page needs, login included, in chunks of their own: they change less often than
        // the app, so browsers keep them across deployments. antd is left to automatic splitting so each
        // lazy page carries only the components it uses.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'lib', test: /node_modules[\\/](i18next|react-i18next|@tanstack|html-parse-stringify|void-elements)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': apiProxy,
    },
  },
  preview: {
    proxy: {
      '/api': apiProxy,
    },
  },
});
