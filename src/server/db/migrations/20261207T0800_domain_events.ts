import { sql, type Kysely } from 'kysely';

/**
 * The outbox of domain events (src/server/events): one row per published event, written in the transaction
 * of the change it reports, dispatched to its subscribers by a job. Kept as the platform's log of what
 * happened; `dispatched_at` says when the subscribers' jobs were queued. Frozen in time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table domain_events (
      id bigint generated always as identity primary key,
      type text not null,
      payload jsonb not null,
      created_at timestamptz not null default now(),
      dispatched_at timestamptz
    )`.execute(db);
  await sql`create index domain_events_type on domain_events (type, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists domain_events`.execute(db);
}
