import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web app lives in src/web and is built into dist/web, which the Fastify server serves with an SPA
// fallback. In development `npx vite` serves the app and proxies /api to the server on :3000, so the
// session and CSRF cookies stay same-origin exactly as in production.
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
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
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
