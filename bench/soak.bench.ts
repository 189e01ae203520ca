/**
 * `npm run bench:soak -- --minutes 10`: two server instances on one PostgreSQL database under mixed reads
 * and writes as six roles, for a while; counts errors, latency and each instance's memory.
 *
 * - A scratch database on the PostgreSQL server of DATABASE_URL (or --postgres URL; default
 *   postgres://postgres@127.0.0.1:5432/postgres) is created, seeded with the demo county (--enterprises,
 *   500 by default, a smaller county than the demo's 5,000 to start fast) by the first instance, and
 *   dropped at the end.
 * - Two instances (`node --import tsx src/server/main.ts`, job workers on) share it; each virtual user
 *   (--users per role, 2 by default) signs in as a demo account of its role — enterprise_user `ent`,
 *   department_staff `dept`, dispatcher `dispatch`, bank_staff `bank`, cadre `cadre`, leader `leader` —
 *   and sends its requests to the two instances in turn (a session made on one is used on the other).
 * - Mix: the role's pages (lists, details, home, cockpit), with writes: the enterprise files a demand,
 *   the cadre records a visit, everybody marks notifications read; every 40 requests a user signs out and
 *   in again (sessions are writes too, and logout must hold on both instances).
 * - An error is any answer other than the expected status (2xx; 401 right after a logout), or a failed
 *   connection. Memory: each instance's RSS (/proc/<pid>/status) after a warm-up (the first 10% of the
 *   run, at least 15 s) and at the end, summed over the two.
 *
 * Options: --minutes N (10)  --users N per role (2)  --think-ms N pause between a user's requests (20)
 *          --enterprises N (500)  --postgres URL
 * Prints per-route figures; the last line is one JSON object {"requests","errors","p99Ms","rssStartMb","rssEndMb"}.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openScratchDatabase } from './scratch-database.ts';
import { DEMO_PASSWORD } from '../src/server/modules/auth/index.ts';
import { todayInCounty } from '../src/server/platform/county-date.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    users: { type: 'string', default: '2' },
    'think-ms': { type: 'string', default: '20' },
    enterprises: { type: 'string', default: '500' },
    postgres: { type: 'string' },
  },
});
const minutes = Number(values.minutes);
const usersPerRole = Number(values.users);
const thinkMs = Number(values['think-ms']);
const enterprises = Number(values.enterprises);
if (!(minutes > 0 && minutes <= 24 * 60)) throw new Error('--minutes must be a number above 0');
if (!Number.isInteger(usersPerRole) || usersPerRole < 1 || usersPerRole > 50) throw new Error('--users must be an integer from 1 to 50');
if (!Number.isInteger(thinkMs) || thinkMs < 0) throw new Error('--think-ms must be a non-negative integer');
if (!Number.isInteger(enterprises) || enterprises < 50) throw new Error('--enterprises must be an integer of at least 50');
const serverUrl = values.postgres ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

// ---------------------------------------------------------------------------------------------------------
// The two instances.

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Instance {
  child: ChildProcess;
  baseUrl: string;
  output: string[];
}

async function startInstance(databaseUrl: string, label: string): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('src', 'server', 'main.ts')], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DEMO: 'true',
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SEED_ENTERPRISES: String(enterprises),
      // Every virtual user signs in from 127.0.0.1, again and again: the per-address limit would refuse them.
      LOGIN_RATE_PER_MINUTE: '10000',
      DATA_DIR: fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', `dxe-soak-${label}-`)),
      WEB_DIR: '/nonexistent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) output.push(`[${label}] ${line}`);
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance ${label} exited (${child.exitCode}):\n${output.join('\n')}`);
    try {
      const response = await fetch(`${baseUrl}/api/health/ready`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`instance ${label} not ready after 10 minutes:\n${output.join('\n')}`);
    await sleep(500);
  }
  return { child, baseUrl, output };
}

async function stopInstance(instance: Instance): Promise<void> {
  if (instance.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => instance.child.once('exit', () => resolve()));
  instance.child.kill('SIGTERM');
  const timer = setTimeout(() => instance.child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

function rssMb(instance: Instance): number {
  const status = fs.readFileSync(`/proc/${instance.child.pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

// ---------------------------------------------------------------------------------------------------------
// Virtual users.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Sample {
  route: string;
  ms: number;
  isError: boolean;
}
const samples: Sample[] = [];
const errorExamples = new Map<string, string>();

/** A browser-like session: cookies and the CSRF token. */
class User {
  private cookies = new Map<string, string>();
  private csrf: string | null = null;
  private turn = 0;
  constructor(
    readonly username: string,
    private readonly instances: Instance[],
  ) {}

  private base(): string {
    this.turn++;
    return this.instances[this.turn % this.instances.length].baseUrl;
  }

  private keep(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1);
      const isCleared = value === '' || attributes.some((a) => /^\s*max-age=0/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (isCleared) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** One request, timed and judged; returns the parsed JSON body (or null). */
  async call(method: string, url: string, route: string, body?: unknown, expected: readonly number[] = [200, 201, 202, 204]): Promise<unknown> {
    if (method !== 'GET' && this.csrf === null) await this.refreshCsrf();
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf!;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const started = performance.now();
    let status = 0;
    let parsed: unknown = null;
    try {
      const response = await fetch(`${this.base()}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      status = response.status;
      this.keep(response);
      const text = await response.text();
      if ((response.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
      if (!expected.includes(status) && !errorExamples.has(`${method} ${route} ${status}`)) errorExamples.set(`${method} ${route} ${status}`, `${this.username}: ${text.slice(0, 300)}`);
    } catch (error) {
      if (!errorExamples.has(`${method} ${route} network`)) errorExamples.set(`${method} ${route} network`, `${this.username}: ${(error as Error).message}`);
    }
    samples.push({ route: `${method} ${route}`, ms: performance.now() - started, isError: !expected.includes(status) });
    return parsed;
  }

  private async refreshCsrf(): Promise<void> {
    const token = (await this.call('GET', '/api/auth/csrf', '/api/auth/csrf')) as { token: string } | null;
    this.csrf = token?.token ?? null;
  }

  async signIn(): Promise<void> {
    this.cookies.clear();
    this.csrf = null;
    await this.call('POST', '/api/auth/login', '/api/auth/login', { username: this.username, password: DEMO_PASSWORD });
    // Signing in rotates the CSRF secret: the token that goes with the new cookie.
    this.csrf = null;
  }

  async signOut(): Promise<void> {
    await this.call('POST', '/api/auth/logout', '/api/auth/logout', {});
    // The session is over on BOTH instances at once (next request goes to the other one).
    const cookies = new Map(this.cookies);
    await this.call('GET', '/api/auth/me', '/api/auth/me (after logout)', undefined, [401]);
    this.cookies = cookies;
  }
}

type Action = (user: User, random: () => number) => Promise<void>;

const pick = <T>(items: readonly T[], random: () => number): T | undefined => items[Math.floor(random() * items.length)];
const itemsOf = (page: unknown): { id: number }[] => ((page as { items?: { id: number }[] } | null)?.items ?? []);

const get = (url: string, route = url): Action => async (user) => {
  await user.call('GET', url, route);
};
/** A list, then one of its items' detail. */
const listThenDetail = (list: string, detail: (id: number) => string, route: string): Action => async (user, random) => {
  const page = await user.call('GET', list, list.split('?')[0]);
  const item = pick(itemsOf(page), random);
  if (item) await user.call('GET', detail(item.id), route);
};
const readAll: Action = async (user) => {
  await user.call('POST', '/api/me/notifications/read-all', '/api/me/notifications/read-all', {});
};

let demandCount = 0;
const fileDemand: Action = async (user) => {
  demandCount++;
  await user.call('POST', '/api/demands', '/api/demands', {
    title: `企业扩大生产急需流动资金贷款（压测 ${demandCount}）`,
    description: '我公司订单增加，需要流动资金贷款500万元用于采购原材料，银行要求抵押物不足，希望协调银行提供信用贷款或政府担保。',
    categoryCode: 'financing',
  });
};
const recordVisit: Action = async (user, random) => {
  const page = await user.call('GET', '/api/me/cadre/enterprises', '/api/me/cadre/enterprises');
  const enterprise = pick(((page as { items?: { enterpriseId?: number; id?: number }[] } | null)?.items ?? []).map((e) => e.enterpriseId ?? e.id!), random);
  if (enterprise === undefined) return;
  await user.call('POST', '/api/visits', '/api/visits', { enterpriseId: enterprise, visitedOn: todayInCounty(), peopleMet: '总经理', findings: '生产经营正常，订单饱满。' });
};

/** The role's requests, weighted by repetition. */
const ROLES: Record<string, { username: string; actions: Action[] }> = {
  enterprise_user: {
    username: 'ent',
    actions: [
      get('/api/me/home'),
      get('/api/me/enterprise'),
      get('/api/me/policy-matches'),
      get('/api/me/notifications'),
      listThenDetail('/api/demands', (id) => `/api/demands/${id}`, '/api/demands/:id'),
      listThenDetail('/api/policies', (id) => `/api/policies/${id}`, '/api/policies/:id'),
      fileDemand,
      readAll,
    ],
  },
  department_staff: {
    username: 'dept',
    actions: [
      get('/api/me/home'),
      listThenDetail('/api/enterprises?page=2', (id) => `/api/enterprises/${id}`, '/api/enterprises/:id'),
      get('/api/enterprises?sizeClass=small', '/api/enterprises'),
      get('/api/applications'),
      listThenDetail('/api/policies', (id) => `/api/policies/${id}`, '/api/policies/:id'),
      get('/api/demands'),
      readAll,
    ],
  },
  dispatcher: {
    username: 'dispatch',
    actions: [
      get('/api/me/home'),
      listThenDetail('/api/demands', (id) => `/api/demands/${id}`, '/api/demands/:id'),
      get('/api/demands/summary'),
      get('/api/demands/overdue'),
      get('/api/cadres/leaderboard'),
      get('/api/me/notifications'),
      readAll,
    ],
  },
  bank_staff: {
    username: 'bank',
    actions: [
      get('/api/me/home'),
      get('/api/finance/workbench'),
      listThenDetail('/api/finance/applications', (id) => `/api/finance/applications/${id}`, '/api/finance/applications/:id'),
      get('/api/finance/loans'),
      get('/api/consents/received'),
      get('/api/finance/products'),
      readAll,
    ],
  },
  cadre: {
    username: 'cadre',
    actions: [get('/api/me/home'), get('/api/me/cadre/enterprises'), get('/api/visits'), get('/api/me/notifications'), recordVisit, readAll],
  },
  leader: {
    username: 'leader',
    actions: [
      get('/api/me/home'),
      get('/api/dashboard/summary'),
      get('/api/enterprises'),
      get('/api/demands/summary'),
      get('/api/demands'),
      listThenDetail('/api/policies', (id) => `/api/policies/${id}`, '/api/policies/:id'),
    ],
  },
};

/** A small deterministic generator per user (mulberry32). */
function randomFor(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function runUser(user: User, actions: Action[], seed: number, until: number): Promise<void> {
  const random = randomFor(seed);
  await user.signIn();
  let count = 0;
  while (Date.now() < until) {
    await pick(actions, random)!(user, random);
    count++;
    if (count % 40 === 0) {
      await user.signOut();
      await user.signIn();
    }
    if (thinkMs > 0) await sleep(thinkMs);
  }
  await user.signOut();
}

// ---------------------------------------------------------------------------------------------------------

function percentile(sorted: number[], q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const scratch = await openScratchDatabase(serverUrl, 'soak');
// The instances open their own pools on the scratch database; this handle only names and drops it.
const scratchUrl = new URL(serverUrl);
scratchUrl.pathname = `/dxe_bench_soak_${process.pid}`;
const instances: Instance[] = [];
try {
  const seedStarted = performance.now();
  instances.push(await startInstance(scratchUrl.toString(), 'a'));
  console.log(`instance a ready on ${instances[0].baseUrl} (demo county of ${enterprises} enterprises seeded) in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
  instances.push(await startInstance(scratchUrl.toString(), 'b'));
  console.log(`instance b ready on ${instances[1].baseUrl}`);

  const durationMs = minutes * 60_000;
  const started = Date.now();
  const until = started + durationMs;
  const users: Promise<void>[] = [];
  let seed = 1;
  for (const role of Object.values(ROLES)) {
    for (let i = 0; i < usersPerRole; i++) users.push(runUser(new User(role.username, instances), role.actions, seed++, until));
  }
  console.log(`soak: ${users.length} users (${usersPerRole} per role × ${Object.keys(ROLES).length} roles), ${minutes} min, think ${thinkMs} ms`);

  const warmUpMs = Math.max(15_000, durationMs / 10);
  let rssStart: number[] = [];
  const warmUp = sleep(Math.min(warmUpMs, durationMs / 2)).then(() => {
    rssStart = instances.map(rssMb);
    console.log(`  after warm-up (${Math.round(Math.min(warmUpMs, durationMs / 2) / 1000)} s): RSS ${rssStart.join(' MB, ')} MB, ${samples.length} requests so far`);
  });
  const progress = setInterval(() => {
    const errors = samples.filter((s) => s.isError).length;
    console.log(`  ${Math.round((Date.now() - started) / 1000)} s: ${samples.length} requests, ${errors} errors, RSS ${instances.map(rssMb).join(' MB, ')} MB`);
  }, 60_000);
  await Promise.all([...users, warmUp]);
  clearInterval(progress);
  const rssEnd = instances.map(rssMb);

  const byRoute = new Map<string, number[]>();
  const errorsByRoute = new Map<string, number>();
  for (const s of samples) {
    if (!byRoute.has(s.route)) byRoute.set(s.route, []);
    byRoute.get(s.route)!.push(s.ms);
    if (s.isError) errorsByRoute.set(s.route, (errorsByRoute.get(s.route) ?? 0) + 1);
  }
  console.log('  route                                          requests  errors    p50 ms    p99 ms');
  for (const [route, times] of [...byRoute].sort((a, b) => a[0].localeCompare(b[0]))) {
    const sorted = times.sort((a, b) => a - b);
    console.log(
      `  ${route.padEnd(46)} ${String(times.length).padStart(8)} ${String(errorsByRoute.get(route) ?? 0).padStart(7)} ${percentile(sorted, 0.5).toFixed(1).padStart(9)} ${percentile(sorted, 0.99).toFixed(1).padStart(9)}`,
    );
  }
  for (const [key, example] of errorExamples) console.log(`  error ${key}: ${example}`);
  const all = samples.map((s) => s.ms).sort((a, b) => a - b);
  const errors = samples.filter((s) => s.isError).length;
  console.log(`  RSS per instance: start ${rssStart.join(' MB, ')} MB → end ${rssEnd.join(' MB, ')} MB; ${(samples.length / (minutes * 60)).toFixed(1)} requests/s`);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  console.log(JSON.stringify({ requests: samples.length, errors, p99Ms: Number(percentile(all, 0.99).toFixed(1)), rssStartMb: sum(rssStart), rssEndMb: sum(rssEnd) }));
} catch (error) {
  for (const instance of instances) console.error(instance.output.slice(-30).join('\n'));
  throw error;
} finally {
  await Promise.all(instances.map(stopInstance));
  await scratch.drop();
}
