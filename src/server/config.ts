import path from 'node:path';
import { DEFAULT_OFFICE_HOURS, parseOfficeHours, type OfficeHours } from '../core/sla/working-hours.ts';

/**
 * Configuration, read and validated once from the environment into a frozen object.
 * Nothing else in the code reads process.env (DESIGN §5.12). Every variable is listed in the README.
 */
export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  /** Demo mode seeds a demo county into an empty database and allows the demo password. */
  isDemo: boolean;
  host: string;
  port: number;
  /** PostgreSQL connection string; when empty the embedded PGlite database is used. */
  databaseUrl: string | null;
  /**
   * PostgreSQL connection of the schema's owner, for migrations (MIGRATION_DATABASE_URL); DATABASE_URL is then
   * the application's restricted login. Null: DATABASE_URL is the owner's and the server creates the
   * application's role itself when it may (src/server/db/roles.ts).
   */
  migrationDatabaseUrl: string | null;
  /** The restricted role created in one-URL mode (DATABASE_APP_ROLE, DATABASE_APP_PASSWORD). */
  appRole: { name: string; password: string | null };
  dataDir: string;
  /** Directory of the embedded database (PGlite); null means in-memory (tests). */
  pgliteDir: string | null;
  /** Uploaded and generated files (import sources, reports, attachments). */
  storageDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** maxPerUser: concurrent sessions of one account (the oldest ends beyond it). */
  session: { idleMinutes: number; absoluteHours: number; cookieName: string; cookieSecure: 'auto' | boolean; cacheSeconds: number; maxPerUser: number };
  /** Days a password lives before it must be changed (0: never); the security administrator may override it. */
  password: { maxAgeDays: number; warnDays: number };
  login: { maxFailures: number; lockMinutes: number; ratePerMinute: number };
  /** Secret for signing cookies; when empty a random secret is generated once and kept in the database. */
  cookieSecret: string | null;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  trustProxy: boolean;
  /** Serve the OpenAPI document and its browsable UI (/api/openapi.json, /api/docs). */
  apiDocs: boolean;
  /**
   * GET /metrics (Prometheus): with a token, only a scrape sending `Authorization: Bearer <token>` reads it;
   * without one it is open in development and test and off (404) in production.
   */
  metrics: { token: string | null };
  jobs: { isEnabled: boolean; pollMs: number; leaseSeconds: number };
  /** Outbound webhook of notifications (signed POSTs); null when WEBHOOK_URL is unset: the channel is off. */
  webhook: { url: string; secret: string } | null;
  /** How often an instance with open notification streams looks for new notifications. */
  notifications: { pollMs: number };
  seed: { enterprises: number; seed: number };
  /** The county offices' hours on working days, for deadlines in working minutes (OFFICE_HOURS). */
  officeHours: OfficeHours;
  /** Demands (诉求): claim acceptance time, claim limit, rectification and follow-up periods, deadline warnings. */
  demands: {
    claimAcceptMinutes: number;
    maxOpenClaims: number;
    rectificationDays: number;
    followUpDays: number;
    warningMinutes: number;
    escalateAfterMinutes: number;
    attachmentMaxBytes: number;
  };
  /** Where the built web app lives. */
  webDir: string;
}

type Env = Record<string, string | undefined>;

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the configuration from `env` (process.env by default) and validates every value. */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Readonly<Config> {
  const problems: string[] = [];

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    problems.push(`${name} must be true or false, got "${env[name]}"`);
    return fallback;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
      return fallback;
    }
    return raw as T;
  };

  const nodeEnv = oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const isDemo = bool('DEMO', nodeEnv !== 'production');
  const dataDir = path.resolve(env.DATA_DIR || 'data');
  const databaseUrl = env.DATABASE_URL || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  const migrationDatabaseUrl = env.MIGRATION_DATABASE_URL || null;
  if (migrationDatabaseUrl && !/^postgres(ql)?:\/\//.test(migrationDatabaseUrl)) problems.push('MIGRATION_DATABASE_URL must start with postgres:// or postgresql://');
  if (migrationDatabaseUrl && !databaseUrl) problems.push('MIGRATION_DATABASE_URL needs DATABASE_URL (the application\'s own login)');
  const appRoleName = env.DATABASE_APP_ROLE || 'dxe_app';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(appRoleName)) problems.push(`DATABASE_APP_ROLE must be a lower-case identifier (letters, digits, _), got "${appRoleName}"`);
  const appRolePassword = env.DATABASE_APP_PASSWORD || null;
  if (appRolePassword && appRolePassword.length < 16) problems.push('DATABASE_APP_PASSWORD must be at least 16 characters');
  const pgliteRaw = env.PGLITE_DIR;
  const pgliteDir = pgliteRaw === 'memory' ? null : path.resolve(pgliteRaw || path.join(dataDir, 'pglite'));
  const cookieSecureRaw = env.COOKIE_SECURE;
  const cookieSecure: 'auto' | boolean = !cookieSecureRaw || cookieSecureRaw === 'auto' ? 'auto' : bool('COOKIE_SECURE', false);
  const cookieSecret = env.COOKIE_SECRET || null;
  if (cookieSecret && cookieSecret.length < 32) problems.push('COOKIE_SECRET must be at least 32 characters');
  const metricsToken = env.METRICS_TOKEN || null;
  if (metricsToken && metricsToken.length < 32) problems.push('METRICS_TOKEN must be at least 32 characters');
  const webhookUrl = env.WEBHOOK_URL || null;
  const webhookSecret = env.WEBHOOK_SECRET || null;
  if (webhookUrl && !isHttpUrl(webhookUrl)) problems.push('WEBHOOK_URL must be an http:// or https:// URL');
  if (webhookSecret && webhookSecret.length < 32) problems.push('WEBHOOK_SECRET must be at least 32 characters');
  // An unsigned webhook would let anyone who finds the receiver forge notifications: no URL without a secret.
  if (webhookUrl && !webhookSecret) problems.push('WEBHOOK_SECRET is required when WEBHOOK_URL is set');
  let officeHours = DEFAULT_OFFICE_HOURS;
  if (env.OFFICE_HOURS) {
    try {
      officeHours = parseOfficeHours(env.OFFICE_HOURS);
    } catch (error) {
      problems.push(`OFFICE_HOURS must be HH:MM-HH:MM intervals separated by commas, in order (e.g. 09:00-12:00,13:30-17:30): ${(error as Error).message}`);
    }
  }

  const config: Config = {
    nodeEnv,
    isDemo,
    host: env.HOST || '127.0.0.1',
    port: int('PORT', 3000, 0, 65535),
    databaseUrl,
    migrationDatabaseUrl,
    appRole: { name: appRoleName, password: appRolePassword },
    dataDir,
    pgliteDir,
    storageDir: path.resolve(env.STORAGE_DIR || path.join(dataDir, 'files')),
    logLevel: oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, nodeEnv === 'test' ? 'silent' : 'info'),
    session: {
      idleMinutes: int('SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
      absoluteHours: int('SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
      cookieName: 'dxe_session',
      cookieSecure,
      cacheSeconds: int('SESSION_CACHE_SECONDS', 5, 0, 300),
      maxPerUser: int('MAX_SESSIONS_PER_USER', 5, 1, 100),
    },
    password: {
      maxAgeDays: int('PASSWORD_MAX_AGE_DAYS', 90, 0, 3650),
      warnDays: int('PASSWORD_WARN_DAYS', 14, 0, 365),
    },
    login: {
      maxFailures: int('LOGIN_MAX_FAILURES', 5, 1, 100),
      lockMinutes: int('LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
      ratePerMinute: int('LOGIN_RATE_PER_MINUTE', 20, 1, 10_000),
    },
    cookieSecret,
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    uploadLimitBytes: int('UPLOAD_LIMIT_BYTES', 50 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    trustProxy: bool('TRUST_PROXY', false),
    apiDocs: bool('API_DOCS', true),
    metrics: { token: metricsToken },
    jobs: {
      isEnabled: bool('JOBS_ENABLED', true),
      pollMs: int('JOBS_POLL_MS', 1000, 10, 60_000),
      leaseSeconds: int('JOBS_LEASE_SECONDS', 300, 5, 24 * 3600),
    },
    webhook: webhookUrl && webhookSecret ? { url: webhookUrl, secret: webhookSecret } : null,
    notifications: { pollMs: int('NOTIFY_POLL_MS', 2000, 50, 60_000) },
    seed: {
      enterprises: int('SEED_ENTERPRISES', 5000, 0, 2_000_000),
      seed: int('SEED', 20260101, 0, 2 ** 31 - 1),
    },
    officeHours,
    demands: {
      claimAcceptMinutes: int('DEMAND_CLAIM_ACCEPT_MINUTES', 120, 1, 7 * 24 * 60),
      maxOpenClaims: int('DEMAND_MAX_OPEN_CLAIMS', 5, 1, 1000),
      rectificationDays: int('DEMAND_RECTIFICATION_DAYS', 3, 1, 60),
      followUpDays: int('DEMAND_FOLLOW_UP_DAYS', 10, 1, 250),
      warningMinutes: int('DEMAND_WARNING_MINUTES', 240, 1, 10_000),
      escalateAfterMinutes: int('DEMAND_ESCALATE_AFTER_MINUTES', 480, 1, 100_000),
      attachmentMaxBytes: int('DEMAND_ATTACHMENT_MAX_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    },
    webDir: path.resolve(env.WEB_DIR || 'dist/web'),
    ...overrides,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
