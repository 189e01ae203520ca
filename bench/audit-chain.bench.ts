/**
 * The hash chain's cost on concurrent writers: N clients each commit M transactions that write one audit
 * entry, with the chain trigger on and (as the owner) off. PostgreSQL (DATABASE_URL, default local) and PGlite.
 * Last line: one JSON object.
 */
import { sql, type Kysely } from 'kysely';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { recordAudit, verifyAuditChain } from '../src/server/modules/audit/index.ts';
import type { DB } from '../src/server/db/schema.ts';
import { openScratchDatabase } from './scratch-database.ts';

const CLIENTS = 16;
const PER_CLIENT = 150;

async function run(db: Kysely<DB>): Promise<number> {
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, async (_, c) => {
    for (let i = 0; i < PER_CLIENT; i++) {
      await db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        await recordAudit(trx, { actorUserId: c, actorUsername: `u${c}`, actorOrgId: null, requestId: `r${c}-${i}`, ip: '127.0.0.1', action: 'auth.login', details: { i } });
      });
    }
  }));
  return (CLIENTS * PER_CLIENT) / ((performance.now() - started) / 1000);
}

const figures: Record<string, number> = {};
for (const kind of ['postgres', 'pglite'] as const) {
  const scratch = await openScratchDatabase(kind === 'postgres' ? (process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres') : null, 'audit-chain');
  const db = scratch.database.db;
  await migrateToLatest(db as Kysely<unknown>);
  await run(db); // warm-up
  const chained = await run(db);
  await sql`alter table audit_log disable trigger audit_log_chain`.execute(db);
  const unchained = await run(db);
  await sql`alter table audit_log enable trigger audit_log_chain`.execute(db);
  const started = performance.now();
  const verified = await verifyAuditChain(db);
  console.log(`${kind}: ${chained.toFixed(0)} tx/s with the chain, ${unchained.toFixed(0)} tx/s without (${CLIENTS} clients); verify ${verified.checked} links in ${(performance.now() - started).toFixed(0)} ms`);
  figures[`${kind}ChainedTxPerS`] = Math.round(chained);
  figures[`${kind}UnchainedTxPerS`] = Math.round(unchained);
  await scratch.drop();
}
console.log(JSON.stringify(figures));
