import { sql, type Kysely } from 'kysely';

/**
 * The date an enterprise left the register (注销、吊销 or 迁出): the cockpit's monthly change of market
 * entities counts closures by this date, as it counts new entities by `registered_on`. Null while the
 * firm operates or is suspended, and for closed firms whose source did not give the date.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table enterprises add column closed_on date`.execute(db);
  await sql`alter table enterprises add constraint enterprises_closed_on_status
    check (closed_on is null or status in ('cancelled', 'revoked', 'moved_out'))`.execute(db);
  await sql`alter table enterprises add constraint enterprises_closed_after_registered
    check (closed_on is null or registered_on is null or closed_on >= registered_on)`.execute(db);
  await sql`create index enterprises_closed_on on enterprises (closed_on) where closed_on is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists enterprises_closed_on`.execute(db);
  await sql`alter table enterprises drop constraint if exists enterprises_closed_after_registered`.execute(db);
  await sql`alter table enterprises drop constraint if exists enterprises_closed_on_status`.execute(db);
  await sql`alter table enterprises drop column if exists closed_on`.execute(db);
}
