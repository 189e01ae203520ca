import { sql, type Kysely } from 'kysely';

/**
 * The county leader (县领导) and the cockpit's read side:
 *
 *   - users.roles accepts 'leader' (read-only over the whole county; the role fits department and platform
 *     organisations, see accounts.policy.ts);
 *   - indexes on the dates the cockpit summary filters by, so a period over 100,000 enterprises with three
 *     years of activity is read by range rather than by scanning every row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users drop constraint users_roles_check`.execute(db);
  await sql`
    alter table users add constraint users_roles_check check (
      cardinality(roles) > 0 and roles <@ array['enterprise_user','department_staff','dispatcher','cadre',
        'provider_staff','bank_staff','data_admin','admin','auditor','leader']::text[]
      and not (roles @> array['admin','auditor']::text[])
    )`.execute(db);

  await sql`create index enterprises_registered_on on enterprises (registered_on)`.execute(db);
  await sql`create index demands_created_at on demands (created_at)`.execute(db);
  await sql`create index demands_resolved_at on demands (resolved_at) where resolved_at is not null`.execute(db);
  await sql`create index policy_pushes_pushed_at on policy_pushes (pushed_at)`.execute(db);
  await sql`create index applications_submitted_at on applications (submitted_at)`.execute(db);
  await sql`create index disbursements_paid_at on disbursements (paid_at) where status = 'paid'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of ['enterprises_registered_on', 'demands_created_at', 'demands_resolved_at', 'policy_pushes_pushed_at', 'applications_submitted_at', 'disbursements_paid_at']) {
    await sql`drop index if exists ${sql.ref(index)}`.execute(db);
  }
  await sql`delete from users where 'leader' = any(roles)`.execute(db);
  await sql`alter table users drop constraint users_roles_check`.execute(db);
  await sql`
    alter table users add constraint users_roles_check check (
      cardinality(roles) > 0 and roles <@ array['enterprise_user','department_staff','dispatcher','cadre',
        'provider_staff','bank_staff','data_admin','admin','auditor']::text[]
      and not (roles @> array['admin','auditor']::text[])
    )`.execute(db);
}
