// `npm start`: build what is missing or out of date (the web app with Vite, the server with tsc), then run
// the compiled server. Later starts skip both builds and take seconds.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

/** Newest modification time under the given paths (files or folders). */
function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  paths.forEach((p) => visit(path.join(root, p)));
  return newest;
}

function isStale(stamp, inputs) {
  const stampPath = path.join(root, stamp);
  return !fs.existsSync(stampPath) || fs.statSync(stampPath).mtimeMs < newestMtime(inputs);
}

const shared = ['package-lock.json', 'src/core'];
if (isStale('dist/web/index.html', [...shared, 'src/web', 'vite.config.ts'])) {
  console.log('[dianxiaoer] building the web app …');
  run(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']);
}
if (isStale('dist/node/server/main.js', [...shared, 'src/server', 'src/cli', 'tsconfig.json', 'tsconfig.build.json'])) {
  console.log('[dianxiaoer] building the server …');
  run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
  fs.utimesSync(path.join(root, 'dist/node/server/main.js'), new Date(), new Date());
}

// Run in this very process, so Ctrl-C and SIGTERM reach the server's graceful shutdown directly.
process.setSourceMapsEnabled(true);
await import(new URL('../dist/node/server/main.js', import.meta.url).href);
