import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.ts';
import { testDatabaseUrl } from '../db.ts';

const PASSWORD = 'crash-test-pass-1';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dxe-crash-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function startServer(): Promise<{ child: ChildProcess; url: string; exited: Promise<unknown> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/crash-server.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, CRASH_PASSWORD: PASSWORD },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Listened for from the start: after SIGKILL the exit event can fire before the writer notices the
  // refused connection, and a listener attached then would wait forever.
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /listening (\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return { child, url, exited };
}

/** A minimal browser: CSRF token, cookies, JSON. */
async function signIn(url: string): Promise<(path: string, body: unknown) => Promise<Response>> {
  const csrf = await fetch(`${url}/api/auth/csrf`);
  let cookies = csrf.headers.getSetCookie().map((c) => c.split(';')[0]);
  let { token } = (await csrf.json()) as { token: string };
  const post = (p: string, body: unknown) =>
    fetch(`${url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: cookies.join('; ') }, body: JSON.stringify(body) });
  const login = await post('/api/auth/login', { username: 'crash-admin', password: PASSWORD });
  expect(login.status).toBe(200);
  // Sign-in sets the session and a new CSRF secret: the token that goes with it is fetched again.
  cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]);
  token = ((await (await fetch(`${url}/api/auth/csrf`, { headers: { cookie: cookies.join('; ') } })).json()) as { token: string }).token;
  return post;
}

describe.skipIf(testDatabaseUrl())('killing the server during writes (embedded database)', () => {
  it('loses no write that was answered as committed', { timeout: 180_000 }, async () => {
    const { child, url, exited } = await startServer();
    const post = await signIn(url);
    const confirmed: string[] = [];
    // Writes keep flowing while the process is killed with SIGKILL (no shutdown hook can run).
    const writer = (async () => {
      for (let i = 0; i < 500; i++) {
        try {
          const response = await post('/api/admin/orgs', { type: 'bank', name: `银行 ${i}`, code: `crash-${i}` });
          if (response.status === 201) confirmed.push(`crash-${i}`);
          else throw new Error(`write refused: ${response.status} ${await response.text()}`);
        } catch (error) {
          if (error instanceof Error && error.message.startsWith('write refused')) throw error;
          return; // connection refused: the process is gone
        }
      }
    })();
    const writing = writer.then(() => 'done');
    while (confirmed.length < 25) {
      if ((await Promise.race([writing, new Promise((resolve) => setTimeout(resolve, 10, 'wait'))])) === 'done') break;
    }
    child.kill('SIGKILL');
    await writer;
    await exited;
    expect(confirmed.length).toBeGreaterThanOrEqual(25);

    const database = await openDatabase({ databaseUrl: null, pgliteDir: path.join(dataDir, 'pglite') });
    try {
      const stored = await database.db.selectFrom('organizations').where('code', 'like', 'crash-%').select('code').execute();
      const storedCodes = new Set(stored.map((row) => row.code));
      for (const code of confirmed) expect(storedCodes.has(code), `${code} was confirmed but is missing`).toBe(true);
      // Each org write is audited in the same transaction: no org without its audit entry.
      const audited = await database.db.selectFrom('audit_log').where('action', '=', 'org.create').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(audited.n)).toBe(stored.length);
    } finally {
      await database.close();
    }
  });
});
