/**
 * GET /metrics: Prometheus text format, for the county's monitoring to scrape.
 *
 * - HTTP: `dxe_http_requests_total` and `dxe_http_request_duration_seconds` by method, route pattern
 *   (`/api/enterprises/:id`, never the raw URL, so ids do not make a series each; `unmatched` for 404s
 *   outside any route) and status code.
 * - Jobs, read from the database at scrape time (so any instance reports the shared queue):
 *   `dxe_job_queue_depth` (queued and due) and `dxe_job_queue_oldest_age_seconds` (how long the oldest due
 *   job has waited) by kind, `dxe_jobs_running` and `dxe_jobs_dead` by kind. Kinds this instance runs
 *   report 0 when they have nothing.
 * - `dxe_notification_streams_open`: SSE notification streams open on this instance.
 * - Database: `dxe_db_pool_connections{state=total|idle|max}` and `dxe_db_pool_waiting` (PostgreSQL's pg
 *   Pool); on PGlite one in-process connection (total = max = 1) and no waiting figure, since queries there
 *   run one after the other in this process.
 * - From src/server/platform/metrics.ts: sign-in failures and lockouts, and the process (memory, CPU,
 *   event-loop lag, GC) under `dxe_`.
 *
 * Access (METRICS_TOKEN): with a token set, a scrape must send `Authorization: Bearer <token>` (401
 * otherwise, compared in constant time); without one the route is open in development and test and
 * answers 404 in production, so a production deployment never shows its metrics on the public port by
 * accident. The route is not in the OpenAPI document (it is not part of the API).
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sql } from 'kysely';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/database.ts';
import { processRegistry } from '../platform/metrics.ts';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Bearer token check in constant time (digests, so the lengths never leak either). */
function hasToken(header: string | undefined, token: string): boolean {
  if (!header?.startsWith('Bearer ')) return false;
  return timingSafeEqual(digest(header.slice('Bearer '.length).trim()), digest(token));
}

export const metricsPlugin = fp(async (app: FastifyInstance, options: { database: Database }) => {
  const registry = new Registry();
  const requests = new Counter({
    name: 'dxe_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'dxe_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    // The route's pattern; a request no route matched (404) is one series, whatever its URL.
    const route = request.routeOptions.url ?? 'unmatched';
    const labels = { method: request.method, route, status: String(reply.statusCode) };
    requests.inc(labels);
    durations.observe(labels, reply.elapsedTime / 1000);
  });

  const depth = new Gauge({ name: 'dxe_job_queue_depth', help: 'Jobs queued and due, by kind', labelNames: ['kind'] as const, registers: [registry] });
  const oldest = new Gauge({
    name: 'dxe_job_queue_oldest_age_seconds',
    help: 'How long the oldest queued and due job has waited since it was due, by kind (0 when none)',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const running = new Gauge({ name: 'dxe_jobs_running', help: 'Jobs running (leased by a worker), by kind', labelNames: ['kind'] as const, registers: [registry] });
  const dead = new Gauge({ name: 'dxe_jobs_dead', help: 'Jobs that failed their last attempt, by kind', labelNames: ['kind'] as const, registers: [registry] });
  const streams = new Gauge({ name: 'dxe_notification_streams_open', help: 'Notification streams (SSE) open on this instance', registers: [registry] });
  const poolConnections = new Gauge({
    name: 'dxe_db_pool_connections',
    help: 'Database connections of this instance by state (total open, idle, max); PGlite: one in-process connection',
    labelNames: ['db', 'state'] as const,
    registers: [registry],
  });
  const poolWaiting = new Gauge({ name: 'dxe_db_pool_waiting', help: 'Queries waiting for a PostgreSQL pool connection', registers: [registry] });

  /** Reads what is measured at scrape time. */
  async function collect(): Promise<void> {
    const rows = await sql<{ kind: string; status: string; n: number; oldest_seconds: number | null }>`
      select kind, case when status = 'queued' then 'due' else status end as status, count(*)::int as n,
        extract(epoch from now() - min(run_at))::float8 as oldest_seconds
      from jobs
      where (status = 'queued' and run_at <= now()) or status in ('running', 'dead')
      group by 1, 2`.execute(app.db);
    for (const gauge of [depth, oldest, running, dead]) gauge.reset();
    for (const kind of app.jobs.kinds) {
      depth.set({ kind }, 0);
      oldest.set({ kind }, 0);
      running.set({ kind }, 0);
      dead.set({ kind }, 0);
    }
    for (const row of rows.rows) {
      if (row.status === 'due') {
        depth.set({ kind: row.kind }, row.n);
        oldest.set({ kind: row.kind }, Math.max(0, Number(row.oldest_seconds ?? 0)));
      } else if (row.status === 'running') running.set({ kind: row.kind }, row.n);
      else if (row.status === 'dead') dead.set({ kind: row.kind }, row.n);
    }
    streams.set(app.notificationHub?.streamCount ?? 0);
    const pool = options.database.poolStats();
    poolConnections.reset();
    if (pool) {
      poolConnections.set({ db: 'postgres', state: 'total' }, pool.total);
      poolConnections.set({ db: 'postgres', state: 'idle' }, pool.idle);
      poolConnections.set({ db: 'postgres', state: 'max' }, pool.max);
      poolWaiting.set(pool.waiting);
    } else {
      poolConnections.set({ db: options.database.kind, state: 'total' }, 1);
      poolConnections.set({ db: options.database.kind, state: 'max' }, 1);
    }
  }

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const token = app.config.metrics.token;
    if (token === null && app.config.nodeEnv === 'production') {
      return reply.status(404).send({ error: { code: 'not_found', message: 'Metrics are off: set METRICS_TOKEN to scrape them', details: [] } });
    }
    if (token !== null && !hasToken(request.headers.authorization, token)) {
      return reply.status(401).header('www-authenticate', 'Bearer realm="metrics"').send({ error: { code: 'unauthenticated', message: 'A Bearer token is required', details: [] } });
    }
    await collect();
    const merged = Registry.merge([processRegistry, registry]);
    return reply.header('content-type', merged.contentType).header('cache-control', 'no-store').send(await merged.metrics());
  });
});
