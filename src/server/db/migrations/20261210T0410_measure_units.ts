import { sql, type Kysely } from 'kysely';

/**
 * Units of measure for indicators (issue 12 item 7): area (1/10000 ㎡), weight (kg) and energy in kg of
 * standard coal (kgce), beside the existing ones. Values stay integers in the unit (see core/rules/measures.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table indicators drop constraint indicators_unit_check`.execute(db);
  await sql`alter table indicators add constraint indicators_unit_check check (unit in ('fen','person','bp','count','kwh','boolean','grade','area','kg','kgce'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Indicators in the new units (and what refers to them) cannot live under the old check.
  const measured = sql`(select code from indicators where unit in ('area','kg','kgce'))`;
  await sql`delete from data_disputes where indicator_code in ${measured}`.execute(db);
  await sql`delete from indicator_values where indicator_code in ${measured}`.execute(db);
  await sql`delete from indicators where unit in ('area','kg','kgce')`.execute(db);
  await sql`alter table indicators drop constraint indicators_unit_check`.execute(db);
  await sql`alter table indicators add constraint indicators_unit_check check (unit in ('fen','person','bp','count','kwh','boolean','grade'))`.execute(db);
}
