import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_STATUSES, TRANSITIONS } from '../../src/core/applications/workflow.ts';
import { checkBankAccount } from '../../src/core/payee/bank-account.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { seedDemoCounty } from '../../src/server/seed/demo-county.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';

let database: TestDatabase;
let db: Kysely<DB>;
const stageStarts: { stage: string; at: number }[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await seedDemoCounty(db, {
    enterprises: 600,
    seed: 20261207,
    onProgress: (stage) => {
      if (stageStarts.at(-1)?.stage !== stage) stageStarts.push({ stage, at: performance.now() });
    },
  });
  stageStarts.push({ stage: 'end', at: performance.now() });
  const i = stageStarts.findIndex((s) => s.stage.startsWith('policy applications'));
  console.log(`[applications seed] ${((stageStarts[i + 1].at - stageStarts[i].at) / 1000).toFixed(2)} s for 600 enterprises`);
}, 600_000);
afterAll(async () => {
  await database.destroy();
});

const userId = async (username: string) => (await db.selectFrom('users').where('username', '=', username).select(['id', 'org_id']).executeTakeFirstOrThrow());

describe('the demo county’s policy applications and payments', () => {
  it('carries a valid payee account (收款账户) in the enterprise’s registered name wherever the policy asks for one', async () => {
    const rows = await db
      .selectFrom('applications')
      .innerJoin('policy_versions', 'policy_versions.id', 'applications.policy_version_id')
      .innerJoin('enterprises', 'enterprises.id', 'applications.enterprise_id')
      .select(['applications.id', 'applications.form_data', 'policy_versions.form_fields', 'enterprises.name'])
      .execute();
    let accounts = 0;
    for (const row of rows) {
      const entered = (row.form_data as { entered?: Record<string, unknown> }).entered ?? {};
      for (const field of row.form_fields as unknown as { key: string; type: string }[]) {
        if (field.type !== 'bank_account') continue;
        const checked = checkBankAccount(entered[field.key] as Record<string, unknown>, row.name);
        expect(checked, `application ${row.id}`).toMatchObject({ ok: true });
        accounts++;
      }
    }
    expect(accounts).toBeGreaterThan(50);
  });

  it('numbers applications per department and year in order of submission (经信申〔2026〕0001号)', async () => {
    const rows = await sql<{ number: string; org: number; year: number; submitted_at: Date }>`
      select a.number, p.department_org_id as org, extract(year from (a.submitted_at at time zone 'Asia/Shanghai'))::int as year, a.submitted_at
      from applications a join policies p on p.id = a.policy_id order by a.submitted_at, a.id`.execute(db);
    const next = new Map<string, number>();
    for (const row of rows.rows) {
      const key = `${row.org}:${row.year}`;
      const seq = (next.get(key) ?? 0) + 1;
      next.set(key, seq);
      expect(row.number).toMatch(new RegExp(`^[^申]+申〔${row.year}〕${String(seq).padStart(4, '0')}号$`));
    }
    expect(rows.rows.some((r) => r.number.startsWith('经信申'))).toBe(true);
  });

  it('has three years of history: paid, refused with a reason, withdrawn; past editions stored expired', async () => {
    const byYear = await sql<{ year: string; status: string; n: string }>`
      select to_char(submitted_at at time zone 'Asia/Shanghai', 'YYYY') as year, status, count(*) as n from applications group by 1, 2`.execute(db);
    const years = new Set(byYear.rows.filter((r) => r.status === 'paid').map((r) => r.year));
    expect(years.size).toBe(3);
    for (const status of ['paid', 'rejected', 'withdrawn']) expect(byYear.rows.some((r) => r.status === status), status).toBe(true);
    const expired = await db.selectFrom('policy_versions').where('status', '=', 'expired').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(expired.n)).toBeGreaterThan(40);
    // Every refusal says why.
    const silent = await sql<{ id: number }>`
      select a.id from applications a where a.status = 'rejected'
        and not exists (select 1 from application_events e where e.application_id = a.id and e.action = 'reject' and length(e.reason) > 5)`.execute(db);
    expect(silent.rows).toEqual([]);
  });

  it('pays every paid application exactly its approved amount in fen, once, by a checker who is not the maker', async () => {
    const mismatched = await sql<{ id: number }>`
      select a.id from applications a
      left join disbursements d on d.target_kind = 'application' and d.target_id = a.id and d.status = 'paid'
      where a.status = 'paid' and (d.id is null or d.amount_fen <> a.approved_amount_fen or d.approved_by = d.prepared_by)`.execute(db);
    expect(mismatched.rows).toEqual([]);
    const twice = await sql<{ target_id: number }>`
      select target_kind, target_id from disbursements where status <> 'cancelled' group by 1, 2 having count(*) > 1`.execute(db);
    expect(twice.rows).toEqual([]);
    // Payments only of applications past their notice; paid ones only of paid applications.
    const stray = await sql<{ id: number }>`
      select d.id from disbursements d join applications a on a.id = d.application_id
      where (d.status = 'paid' and a.status <> 'paid') or (d.status = 'prepared' and a.status <> 'notice_passed')`.execute(db);
    expect(stray.rows).toEqual([]);
    const totals = await sql<{ n: string; fen: string }>`select count(*) as n, sum(amount_fen) as fen from disbursements where status = 'paid'`.execute(db);
    expect(Number(totals.rows[0].n)).toBeGreaterThan(300);
    expect(Number.isSafeInteger(Number(totals.rows[0].fen))).toBe(true);
  });

  it('keeps every application in a state its timeline leads to, through legal transitions', async () => {
    const apps = await db.selectFrom('applications').select(['id', 'status']).execute();
    const events = await db.selectFrom('application_events').select(['application_id', 'action', 'from_status', 'to_status', 'at']).orderBy('application_id').orderBy('id').execute();
    const timeline = new Map<number, typeof events>();
    for (const e of events) timeline.set(e.application_id, [...(timeline.get(e.application_id) ?? []), e]);
    const now = Date.now();
    for (const app of apps) {
      expect(APPLICATION_STATUSES).toContain(app.status);
      const list = timeline.get(app.id) ?? [];
      expect(list[0]?.action, `application ${app.id}`).toBe('submit');
      let status: string | null = null;
      for (const e of list) {
        const rule = TRANSITIONS[e.action as keyof typeof TRANSITIONS];
        expect(rule, e.action).toBeDefined();
        expect(e.from_status).toBe(status);
        expect((rule.from as readonly (string | null)[]).includes(status), `${app.id}: ${e.action} from ${status}`).toBe(true);
        expect(e.at.getTime()).toBeLessThanOrEqual(now);
        status = e.to_status;
      }
      expect(status, `application ${app.id}`).toBe(app.status);
    }
  });

  it('gives 经信委 (dept, dept2) work: a dozen to accept, reviews, notices ending soon, payments each can check', async () => {
    const dept = await userId('dept');
    const dept2 = await userId('dept2');
    const counts = await sql<{ status: string; n: string }>`
      select a.status, count(*) as n from applications a join policies p on p.id = a.policy_id
      where p.department_org_id = ${dept.org_id} group by 1`.execute(db);
    const of = (s: string) => Number(counts.rows.find((r) => r.status === s)?.n ?? 0);
    expect(of('submitted')).toBeGreaterThanOrEqual(12);
    expect(of('accepted') + of('in_review')).toBeGreaterThanOrEqual(4);
    expect(of('notice_passed')).toBeGreaterThanOrEqual(4);
    const soon = await sql<{ n: string }>`
      select count(*) as n from applications a join policies p on p.id = a.policy_id
      where p.department_org_id = ${dept.org_id} and a.status = 'in_notice' and a.notice_until > now() and a.notice_until < now() + interval '10 days'`.execute(db);
    expect(Number(soon.rows[0].n)).toBeGreaterThanOrEqual(2);
    const prepared = await db.selectFrom('disbursements').where('status', '=', 'prepared').select(['prepared_by']).execute();
    expect(prepared.filter((p) => p.prepared_by === dept.id).length).toBeGreaterThan(0);
    expect(prepared.filter((p) => p.prepared_by === dept2.id).length).toBeGreaterThan(0);
  });

  it('pays 免申即享 policies through grants whose items are each paid once', async () => {
    const auto = await db.selectFrom('auto_grants as g').innerJoin('policy_versions as v', 'v.id', 'g.policy_version_id').select(['g.id', 'g.status', 'v.is_auto_grant']).execute();
    expect(auto.length).toBeGreaterThan(5);
    expect(auto.every((g) => g.is_auto_grant && g.status === 'paid')).toBe(true);
    const unpaid = await sql<{ id: number }>`
      select i.id from auto_grant_items i left join disbursements d on d.auto_grant_item_id = i.id and d.status = 'paid'
      where d.id is null or d.amount_fen <> i.amount_fen`.execute(db);
    expect(unpaid.rows).toEqual([]);
  });

  it('gives the showcase enterprise applications in different states, and the data admin imports and disputes', async () => {
    const ent = await db.selectFrom('users').where('username', '=', 'ent').select('org_id').executeTakeFirstOrThrow();
    const firm = await db.selectFrom('enterprises').where('org_id', '=', ent.org_id).select('id').executeTakeFirstOrThrow();
    const own = await db.selectFrom('applications').where('enterprise_id', '=', firm.id).select('status').execute();
    expect(new Set(own.map((a) => a.status)).size).toBeGreaterThanOrEqual(2);
    const imports = await db.selectFrom('import_batches').select(['id', 'error_rows']).execute();
    expect(imports.length).toBeGreaterThanOrEqual(3);
    const failed = imports.find((b) => b.error_rows > 0)!;
    const errors = await db.selectFrom('import_errors').where('batch_id', '=', failed.id).select('row_no').execute();
    expect(errors).toHaveLength(failed.error_rows);
    const disputes = await db.selectFrom('data_disputes').select(['status']).execute();
    expect(new Set(disputes.map((d) => d.status))).toEqual(new Set(['open', 'accepted', 'rejected']));
  });
});
