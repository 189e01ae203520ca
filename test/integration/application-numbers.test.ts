import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../src/core/sla/calendar.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createOrg } from '../factories/accounts.ts';
import { signInApplicant } from '../factories/applications.ts';
import { signIn } from '../factories/enterprises.ts';
import { createPolicy } from '../factories/policies.ts';

let t: TestApp;
let db: Kysely<DB>;
let deptId: number;
let staff: Awaited<ReturnType<typeof signIn>>;
let policyId: number;
const year = Number(shanghaiDate(new Date()).slice(0, 4));

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  deptId = await createOrg(db, 'department', '县经济和信息化委员会');
  await db.updateTable('organizations').set({ short_name: '经信' }).where('id', '=', deptId).execute();
  staff = await signIn(t.app, ['department_staff'], deptId);
  policyId = (await createPolicy(t.app, { author: staff })).id;
});
afterAll(async () => {
  await t.close();
});

const NUMBER = new RegExp(`^经信申〔${year}〕(\\d{4})号$`);

describe(`official application numbers on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('two submissions at once get consecutive, different numbers of the department and year', async () => {
    const [a, b] = await Promise.all([signInApplicant(t.app), signInApplicant(t.app)]);
    const responses = await Promise.all([a.post('/api/applications', { policyId, formData: {} }), b.post('/api/applications', { policyId, formData: {} })]);
    for (const response of responses) expect(response.statusCode, response.body).toBe(201);
    const numbers = responses.map((r) => r.json<{ number: string }>().number);
    for (const number of numbers) expect(number).toMatch(NUMBER);
    expect(new Set(numbers).size).toBe(2);
    expect(numbers.map((n) => NUMBER.exec(n)![1]).sort()).toEqual(['0001', '0002']);
  });

  it('many concurrent inserts never share a number (the counter row serialises them)', async () => {
    const template = await db.selectFrom('applications').where('policy_id', '=', policyId).selectAll().executeTakeFirstOrThrow();
    const enterprises = await db.selectFrom('enterprises').select('id').orderBy('id').limit(8).execute();
    const policy2 = (await createPolicy(t.app, { author: staff })).id;
    const version2 = (await db.selectFrom('policy_versions').where('policy_id', '=', policy2).select('id').executeTakeFirstOrThrow()).id;
    const numbers = await Promise.all(
      enterprises.map((e) =>
        db.transaction().execute(async (trx) => {
          const row = await trx
            .insertInto('applications')
            .values(bareApplication(policy2, version2, e.id, 'submitted', template.submitted_by))
            .returning('number')
            .executeTakeFirstOrThrow();
          return row.number;
        }),
      ),
    );
    expect(new Set(numbers).size).toBe(enterprises.length);
    const sequences = numbers.map((n) => Number(NUMBER.exec(n)![1])).sort((x, y) => x - y);
    expect(sequences).toEqual(enterprises.map((_, i) => i + 3));
    const counter = await db.selectFrom('application_counters').where('org_id', '=', deptId).where('year', '=', year).select('last').executeTakeFirstOrThrow();
    expect(counter.last).toBe(2 + enterprises.length);
  });

  it('a rolled-back submission gives its number back', async () => {
    const before = (await db.selectFrom('application_counters').where('org_id', '=', deptId).select('last').executeTakeFirstOrThrow()).last;
    const template = await db.selectFrom('applications').where('policy_id', '=', policyId).selectAll().executeTakeFirstOrThrow();
    await expect(
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('applications')
          .values(bareApplication(template.policy_id, template.policy_version_id, template.enterprise_id, 'withdrawn', template.submitted_by))
          .execute();
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect((await db.selectFrom('application_counters').where('org_id', '=', deptId).select('last').executeTakeFirstOrThrow()).last).toBe(before);
  });

  it('a department without a short name numbers with its full name', async () => {
    const other = await createOrg(db, 'department', '县测试局');
    const otherStaff = await signIn(t.app, ['department_staff'], other);
    const otherPolicy = (await createPolicy(t.app, { author: otherStaff })).id;
    const applicant = await signInApplicant(t.app);
    const created = await applicant.post('/api/applications', { policyId: otherPolicy, formData: {} });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json<{ number: string }>().number).toBe(`县测试局申〔${year}〕0001号`);
  });

  it('shows the number in the list, the detail, the notification and finds it by search', async () => {
    const list = await staff.get('/api/applications?pageSize=100');
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json<{ items: { id: number; number: string }[] }>().items;
    const first = items.find((i) => i.number.endsWith('0001号'))!;
    expect(first).toBeDefined();
    const detail = await staff.get(`/api/applications/${first.id}`);
    expect(detail.json<{ number: string }>().number).toBe(first.number);

    const found = await staff.get(`/api/applications?q=${encodeURIComponent('0001号')}`);
    expect(found.json<{ items: { number: string }[] }>().items.map((i) => i.number)).toEqual([first.number]);
    const byFull = await staff.get(`/api/applications?q=${encodeURIComponent(first.number)}`);
    expect(byFull.json<{ total: number }>().total).toBe(1);
    // Literal: "%" matches no number.
    expect((await staff.get(`/api/applications?q=${encodeURIComponent('%')}`)).json<{ total: number }>().total).toBe(0);

    const notes = await db.selectFrom('notifications').where('kind', '=', 'application.submitted').select(['body_zh', 'params']).execute();
    expect(notes.some((n) => n.body_zh.includes(first.number))).toBe(true);
  });

  it('numbers existing applications in order of submission when migrating (backfill)', async () => {
    // The migration's backfill expression, run on what is here: the same numbers the trigger gave.
    const rows = await sql<{ id: number; number: string; expected: string }>`
      with numbered as (
        select a.id, a.number, coalesce(o.short_name, o.name) as prefix,
               extract(year from (a.submitted_at at time zone 'Asia/Shanghai'))::integer as year,
               row_number() over (partition by p.department_org_id, extract(year from (a.submitted_at at time zone 'Asia/Shanghai')) order by a.submitted_at, a.id)::integer as seq
        from applications a join policies p on p.id = a.policy_id join organizations o on o.id = p.department_org_id)
      select id, number, application_number_format(prefix, year, seq) as expected from numbered where prefix = '县测试局'`.execute(db);
    expect(rows.rows.length).toBe(1);
    for (const row of rows.rows) expect(row.number).toBe(row.expected);
  });
});

/** An application row as a direct insert needs it: no step, no amounts (the trigger gives its number). */
function bareApplication(policyId: number, policyVersionId: number, enterpriseId: number, status: 'submitted' | 'withdrawn', submittedBy: number) {
  return {
    policy_id: policyId,
    policy_version_id: policyVersionId,
    enterprise_id: enterpriseId,
    status,
    current_step: null,
    step_due_at: null,
    returned_from_status: null,
    returned_from_step: null,
    notice_started_at: null,
    notice_until: null,
    form_data: '{}',
    estimated_amount_fen: null,
    approved_amount_fen: null,
    submitted_by: submittedBy,
  };
}
