import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the cockpit summary (reporting/dashboard.ts) over 100,000 enterprises:
 *
 *   - demands_rated_at: the demand figures are one scan of the demands filed, resolved OR rated in the
 *     period; with this index a short period reads the three date indexes (bitmap OR) instead of the table;
 *   - visits_enterprise_cadre: "was this linked firm visited by its cadre while linked, in the period" is one
 *     index-only probe (enterprise, cadre, date range) per link.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index demands_rated_at on demands (rated_at) where rating is not null`.execute(db);
  await sql`create index visits_enterprise_cadre on visits (enterprise_id, cadre_id, visited_on)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists visits_enterprise_cadre`.execute(db);
  await sql`drop index if exists demands_rated_at`.execute(db);
}
