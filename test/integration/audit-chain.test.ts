import { sql, type Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrateToLatest } from '../../src/server/db/migrate.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { recordAudit, recordAudits, verifyAuditChain } from '../../src/server/modules/audit/index.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';

let database: TestDatabase;
let db: Kysely<DB>;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(async () => {
  await database.destroy();
});

const entry = (n: number, details: Record<string, unknown> = {}) => ({
  actorUserId: n,
  actorUsername: `用户${n}`,
  actorOrgId: null,
  requestId: `req-${n}`,
  ip: '127.0.0.1',
  action: 'org.create' as const,
  targetType: 'organization',
  targetId: n,
  details,
});

/** Runs `work` as the owner with the audit log's refusal triggers off (what the chain must catch). */
async function asOwnerWithoutProtection(work: () => Promise<unknown>, triggers = ['audit_log_no_update_delete']) {
  for (const t of triggers) await sql`alter table audit_log disable trigger ${sql.id(t)}`.execute(db);
  try {
    await work();
  } finally {
    for (const t of triggers) await sql`alter table audit_log enable trigger ${sql.id(t)}`.execute(db);
  }
}

describe(`the audit log's hash chain (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('links every committed entry once, in commit order, and verifies', async () => {
    await recordAudit(db, entry(1, { 名称: '测试', emoji: '𠮷😀', nested: { b: 1, a: [1.5, null, 'x|y:z'] } }));
    await db.transaction().execute((trx) => recordAudits(trx, [entry(2), entry(3), entry(4)]));
    // A rolled-back entry leaves no link and no gap.
    await expect(db.transaction().execute(async (trx) => {
      await recordAudit(trx, entry(5));
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    const links = await db.selectFrom('audit_chain').select(['seq', 'audit_id']).orderBy('seq').execute();
    const entries = await db.selectFrom('audit_log').select('id').orderBy('id').execute();
    expect(links.map((l) => l.seq)).toEqual(links.map((_, i) => i + 1));
    expect(links.map((l) => l.audit_id).sort((a, b) => a - b)).toEqual(entries.map((e) => e.id));
    const progress: number[] = [];
    const result = await verifyAuditChain(db, { batchSize: 2, onProgress: (done) => progress.push(done) });
    expect(result).toMatchObject({ ok: true, firstBreak: null, checked: links.length, total: links.length });
    expect(progress.at(-1)).toBe(links.length);
    expect(progress.length).toBeGreaterThan(2);
  });

  it('forms one chain from concurrent transactions', async () => {
    const before = await db.selectFrom('audit_chain_head').select('seq').executeTakeFirstOrThrow();
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          await recordAudit(trx, entry(100 + i));
          await sql`select pg_sleep(0.01)`.execute(trx);
          await recordAudit(trx, entry(200 + i));
        }),
      ),
    );
    const head = await db.selectFrom('audit_chain_head').select('seq').executeTakeFirstOrThrow();
    expect(head.seq).toBe(before.seq + 48);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('finds an entry edited with owner rights (trigger disabled) at that entry', async () => {
    const target = await db.selectFrom('audit_log').select(['id', 'action']).where('request_id', '=', 'req-3').executeTakeFirstOrThrow();
    await asOwnerWithoutProtection(() => sql`update audit_log set action = 'auth.login' where id = ${target.id}`.execute(db));
    const result = await verifyAuditChain(db, { batchSize: 3 });
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toMatchObject({ problem: 'hash_mismatch', auditId: target.id });
    expect(result.firstBreak?.expected).not.toBe(result.firstBreak?.found);
    // Put back exactly as it was, the chain holds again.
    await asOwnerWithoutProtection(() => sql`update audit_log set action = ${target.action} where id = ${target.id}`.execute(db));
    expect((await verifyAuditChain(db)).ok).toBe(true);

    // A change inside details (jsonb) is found too.
    const nested = await db.selectFrom('audit_log').select(['id', 'details']).where('request_id', '=', 'req-1').executeTakeFirstOrThrow();
    await asOwnerWithoutProtection(() => sql`update audit_log set details = jsonb_set(details, '{nested,b}', '2') where id = ${nested.id}`.execute(db));
    expect((await verifyAuditChain(db)).firstBreak).toMatchObject({ problem: 'hash_mismatch', auditId: nested.id });
    await asOwnerWithoutProtection(() => sql`update audit_log set details = ${JSON.stringify(nested.details)}::jsonb where id = ${nested.id}`.execute(db));
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('finds a deleted entry, a cut tail and an entry slipped in around the chain', async () => {
    const victim = await db.selectFrom('audit_log').selectAll().where('request_id', '=', 'req-2').executeTakeFirstOrThrow();
    const link = await db.selectFrom('audit_chain').select('seq').where('audit_id', '=', victim.id).executeTakeFirstOrThrow();
    await asOwnerWithoutProtection(() => sql`delete from audit_log where id = ${victim.id}`.execute(db));
    expect((await verifyAuditChain(db)).firstBreak).toMatchObject({ problem: 'missing_entry', auditId: victim.id, seq: link.seq });
    // Deleting its link as well leaves a gap in the chain.
    await sql`alter table audit_chain disable trigger audit_chain_no_update_delete`.execute(db);
    await sql`delete from audit_chain where seq = ${link.seq}`.execute(db);
    expect((await verifyAuditChain(db)).firstBreak).toMatchObject({ problem: 'missing_link', seq: link.seq });
    // Cutting the last link (and its entry): the head no longer matches.
    const last = await db.selectFrom('audit_chain').selectAll().orderBy('seq', 'desc').executeTakeFirstOrThrow();
    const fresh = await createTestDatabase();
    try {
      const fdb = fresh.db;
      for (let i = 0; i < 3; i++) await recordAudit(fdb, entry(i));
      await sql`alter table audit_chain disable trigger audit_chain_no_update_delete`.execute(fdb);
      await sql`delete from audit_chain where seq = (select max(seq) from audit_chain)`.execute(fdb);
      expect((await verifyAuditChain(fdb)).firstBreak).toMatchObject({ problem: 'missing_link' });
      await sql`update audit_chain_head set seq = seq - 1, hash = (select hash from audit_chain order by seq desc limit 1)`.execute(fdb);
      // Now the entry without its link is the finding.
      expect((await verifyAuditChain(fdb)).firstBreak).toMatchObject({ problem: 'unchained_entry' });
      await sql`alter table audit_log disable trigger audit_log_chain`.execute(fdb);
      await recordAudit(fdb, entry(9));
      await sql`alter table audit_log enable trigger audit_log_chain`.execute(fdb);
      expect((await verifyAuditChain(fdb)).firstBreak).toMatchObject({ problem: 'unchained_entry' });
    } finally {
      await fresh.destroy();
    }
    expect(last.seq).toBeGreaterThan(0);
    await sql`alter table audit_chain enable trigger audit_chain_no_update_delete`.execute(db);
  });

  it('the migration chains the entries written before it, in id order', async () => {
    const fresh = await createTestDatabase();
    try {
      const fdb = fresh.db as Kysely<unknown>;
      const migrator = new Migrator({ db: fdb, provider: { getMigrations: async () => MIGRATIONS } });
      expect((await migrator.migrateTo('20261208T1010_cockpit_rollups')).error).toBeUndefined();
      for (let i = 0; i < 5; i++) await sql`insert into audit_log (action, outcome, details) values ('org.create', 'success', ${JSON.stringify({ i, t: '链' })}::jsonb)`.execute(fdb);
      await migrateToLatest(fdb);
      const links = await sql<{ seq: number; audit_id: number }>`select seq, audit_id from audit_chain order by seq`.execute(fdb);
      const ids = await sql<{ id: number }>`select id from audit_log order by id`.execute(fdb);
      expect(links.rows.map((l) => l.audit_id)).toEqual(ids.rows.map((r) => r.id));
      expect(await verifyAuditChain(fresh.db)).toMatchObject({ ok: true, checked: 5 });
    } finally {
      await fresh.destroy();
    }
  });
});
