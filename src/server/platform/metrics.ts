/**
 * The process-wide Prometheus metrics that code below the app (modules) reports into, without knowing
 * about HTTP or the /metrics route: `metrics.loginFailures.inc()`. The app's own metrics (requests,
 * queue, streams, pool) are made per app instance by src/server/plugins/metrics.ts, which exposes both
 * registries on GET /metrics.
 *
 * Names follow Prometheus conventions: `dxe_` prefix, `_total` for counters, base units (seconds, bytes).
 */
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

/** The shared registry: process metrics (memory, CPU, event-loop lag, GC) and the counters below. */
export const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry, prefix: 'dxe_' });

export const metrics = {
  /** A sign-in refused: unknown user, wrong password, disabled account, or a locked name. */
  loginFailures: new Counter({
    name: 'dxe_login_failures_total',
    help: 'Sign-ins refused (unknown user, wrong password, disabled or locked account)',
    registers: [processRegistry],
  }),
  /** A name (or name and address) locked after too many failures. */
  loginLockouts: new Counter({
    name: 'dxe_login_lockouts_total',
    help: 'Sign-in lockouts started after too many failures',
    registers: [processRegistry],
  }),
};
