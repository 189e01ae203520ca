/**
 * `npm run bench:web`: the JavaScript a browser downloads to show the login page, gzipped — measured by
 * loading /login in Chromium and gzipping every script it fetched. Builds the web app first if needed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import { chromium } from 'playwright-core';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';

const config = loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', PGLITE_DIR: 'memory', JOBS_ENABLED: 'false', DATABASE_URL: '' });
if (!fs.existsSync(path.join(config.webDir, 'index.html'))) execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });

const database = await openDatabase({ databaseUrl: null, pgliteDir: null });
await migrateToLatest(database.db as Kysely<unknown>);
const app = await buildApp({ config, database });
const url = await app.listen({ host: '127.0.0.1', port: 0 });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage();
const scripts: string[] = [];
page.on('response', (response) => {
  if (response.request().resourceType() === 'script') scripts.push(new URL(response.url()).pathname);
});
await page.goto(`${url}/login`, { waitUntil: 'networkidle' });
await page.getByTestId('login-form').waitFor();
await browser.close();
await app.close();
await database.close();

let raw = 0;
let gzipped = 0;
for (const script of scripts) {
  const content = fs.readFileSync(path.join(config.webDir, script));
  const size = gzipSync(content, { level: 9 }).length;
  raw += content.length;
  gzipped += size;
  console.log(`${script.padEnd(48)} ${(content.length / 1024).toFixed(1).padStart(7)} kB  gzip ${(size / 1024).toFixed(1).padStart(6)} kB`);
}
console.log(`login page JavaScript: ${scripts.length} files, ${(raw / 1024).toFixed(1)} kB, gzipped ${(gzipped / 1024).toFixed(1)} kB`);
console.log(JSON.stringify({ loginPageScripts: scripts.length, rawKiB: Number((raw / 1024).toFixed(1)), gzipKiB: Number((gzipped / 1024).toFixed(1)) }));
