import { randomUUID } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { Type } from 'typebox';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { pendingMigrations } from './db/migrate.ts';
import { ErrorResponse } from './http/schemas.ts';
import { validatorCompilers } from './http/validation.ts';
import { EventBus } from './events/index.ts';
import { JobWorker } from './jobs/worker.ts';
import { accountsPlugin } from './modules/accounts/accounts.plugin.ts';
import { applicationsPlugin } from './modules/applications/applications.plugin.ts';
import { auditPlugin } from './modules/audit/audit.plugin.ts';
import { authPlugin } from './modules/auth/auth.plugin.ts';
import { autoGrantsPlugin } from './modules/auto-grants/auto-grants.plugin.ts';
import { consentsPlugin } from './modules/consents/consents.plugin.ts';
import { demandsPlugin } from './modules/demands/demands.plugin.ts';
import { disputesPlugin } from './modules/disputes/disputes.plugin.ts';
import { enterprisesPlugin } from './modules/enterprises/enterprises.plugin.ts';
import { indicatorsPlugin } from './modules/indicators/indicators.plugin.ts';
import { profilesPlugin } from './modules/profiles/profiles.plugin.ts';
import { notificationsPlugin } from './modules/notifications/notifications.plugin.ts';
import { paymentsPlugin } from './modules/payments/payments.plugin.ts';
import { outboundPlugin } from './modules/outbound/outbound.plugin.ts';
import { importsPlugin } from './modules/imports/imports.plugin.ts';
import { loansPlugin } from './modules/loans/index.ts';
import { creditPlugin } from './modules/credit/index.ts';
import { riskPoolsPlugin } from './modules/risk-pools/index.ts';
import { loanProgramsPlugin } from './modules/loan-programs/index.ts';
import { cadresPlugin } from './modules/cadres/index.ts';
import { recordsPlugin } from './modules/records/index.ts';
import { matchingPlugin } from './modules/matching/index.ts';
import { policiesPlugin } from './modules/policies/index.ts';
import { readPolicyInsights, reportingPlugin } from './modules/reporting/index.ts';
import { errorsPlugin } from './plugins/errors.ts';
import { metricsPlugin } from './plugins/metrics.ts';
import { strictInputPlugin } from './plugins/strict-input.ts';
import { openapiPlugin } from './plugins/openapi.ts';
import { loadCookieSecret, securityPlugin } from './plugins/security.ts';
import { webPlugin } from './plugins/web.ts';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobWorker;
    events: EventBus;
  }
}

export interface AppDependencies {
  config: Readonly<Config>;
  database: Database;
  /** Serve the built web app (off in API tests). */
  serveWeb?: boolean;
  /** Where logs go (stdout by default; tests capture them). */
  logStream?: { write(line: string): void };
}

/**
 * Builds the whole HTTP application on an open, migrated database. The app holds no state of its own:
 * sessions, jobs and files' metadata live in the database, so any number of instances can serve.
 */
export async function buildApp({ config, database, serveWeb = true, logStream }: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
      ...(logStream && { stream: logStream }),
    },
    // Keep a caller's request id (a gateway's, say) so one id follows the request across systems.
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true } },
    // JSON bodies are validated without coercion (http/validation.ts).
    schemaController: validatorCompilers(),
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('db', database.db);
  app.decorate('dbKind', database.kind);
  app.decorate('config', config);
  app.decorate('jobs', new JobWorker(database.db, config.jobs, app.log));
  app.decorate('events', new EventBus(database.db, app.jobs));
  app.addSchema(ErrorResponse);
  // The API speaks JSON (and multipart for uploads); a text/plain body is refused with 415, not guessed at.
  app.removeContentTypeParser('text/plain');

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(errorsPlugin);
  // Before every route, so each request is counted under its route pattern.
  await app.register(metricsPlugin, { database });
  await app.register(strictInputPlugin);
  await app.register(securityPlugin, { cookieSecret: await loadCookieSecret(database.db, config.cookieSecret), cookieSecure: config.session.cookieSecure });
  // Before any module, so the OpenAPI document sees every route.
  await app.register(openapiPlugin);
  await app.register(authPlugin);

  app.get('/api/health', {
    schema: {
      tags: ['platform'],
      summary: 'Liveness and database check',
      security: [],
      response: { 200: Type.Object({ status: Type.Literal('ok'), db: Type.Enum(['pglite', 'postgres']) }) },
    },
  }, async () => {
    await sql`select 1`.execute(app.db);
    return { status: 'ok' as const, db: app.dbKind };
  });

  // Liveness: the process answers (a load balancer restarts it when this fails); it touches nothing else,
  // so a slow database never gets a healthy process killed.
  app.get('/api/health/live', {
    schema: { tags: ['platform'], summary: 'Liveness: the process answers', security: [], response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
  }, async () => ({ status: 'ok' as const }));

  // Readiness: send traffic here only when the database answers and runs this build's schema.
  app.get('/api/health/ready', {
    schema: {
      tags: ['platform'],
      summary: 'Readiness: the database answers and its migrations are current',
      security: [],
      response: {
        200: Type.Object({ status: Type.Literal('ready'), db: Type.Enum(['pglite', 'postgres']) }),
        503: Type.Object({ status: Type.Literal('not_ready'), reason: Type.String(), pendingMigrations: Type.Array(Type.String()) }),
      },
    },
  }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(app.db);
    } catch (error) {
      return reply.status(503).send({ status: 'not_ready' as const, reason: `database: ${(error as Error).message}`, pendingMigrations: [] });
    }
    const pending = await pendingMigrations(app.db as unknown as Kysely<unknown>);
    if (pending.length > 0) return reply.status(503).send({ status: 'not_ready' as const, reason: 'migrations pending', pendingMigrations: pending });
    return { status: 'ready' as const, db: app.dbKind };
  });

  await app.register(accountsPlugin);
  await app.register(auditPlugin);
  await app.register(notificationsPlugin);
  await app.register(outboundPlugin);
  // The enterprise profile: indicators, consents, derived profiles, the registry, disputes, imports.
  await app.register(indicatorsPlugin);
  await app.register(consentsPlugin);
  await app.register(profilesPlugin);
  await app.register(enterprisesPlugin);
  await app.register(disputesPlugin);
  await app.register(importsPlugin);
  // Policy direct access: the catalogue, county matching, applications, 免申即享 grants, payments.
  await app.register(policiesPlugin, { readInsights: readPolicyInsights });
  await app.register(matchingPlugin);
  await app.register(applicationsPlugin);
  await app.register(autoGrantsPlugin);
  await app.register(paymentsPlugin);
  // Demands (诉求): intake, routing, 派单/点单/抢单, deadlines, feedback; the service catalogue.
  await app.register(demandsPlugin);
  await app.register(loansPlugin);
  await app.register(creditPlugin);
  await app.register(riskPoolsPlugin);
  await app.register(loanProgramsPlugin);
  await app.register(cadresPlugin);
  // Records (台账记录): record types as data, an enterprise's records, the records import kind.
  await app.register(recordsPlugin);
  // The read side over every capability.
  await app.register(reportingPlugin);

  if (serveWeb) await app.register(webPlugin, { webDir: config.webDir });

  // Graceful shutdown: requests in flight finish, and their keep-alive connections are closed after the
  // answer instead of idling until the keep-alive timeout, which would hold the shutdown for a minute.
  let isClosing = false;
  app.addHook('preClose', async () => {
    isClosing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (isClosing) reply.header('connection', 'close');
  });
  app.addHook('onClose', async () => {
    await app.jobs.stop();
  });
  return app;
}
