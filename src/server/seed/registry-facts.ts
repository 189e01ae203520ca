/**
 * Demo data for the registry facts of issue 12 item 8: award levels of the technology centres, the
 * foreign-investment flag, the yes/no compliance facts (wage and social-insurance arrears, energy
 * standards) and quarterly revenue, so the calculator has something to show for rules that read them.
 * Deterministic from the enterprise and record ids (no randomness to keep in step with the seed's Prng).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export async function seedRegistryFacts(db: Kysely<DB>, options: { showcaseEnterpriseId: number; referenceDate: string }): Promise<void> {
  const lastYear = String(Number(options.referenceDate.slice(0, 4)) - 1);
  await db.transaction().execute(async (trx) => {
    // Most county firms' centres are county-level; some city, a few provincial. The showcase firm's is city-level.
    await sql`
      update certifications set level = case
        when enterprise_id = ${options.showcaseEnterpriseId} then 'city'
        when (id * 7919) % 100 < 4 then 'provincial'
        when (id * 7919) % 100 < 30 then 'city'
        else 'county' end
      where code = 'enterprise_tech_center'`.execute(trx);
    await sql`
      update enterprises set foreign_invested = case
        when type in ('limited_company', 'joint_stock_company') then (id * 2654435761::bigint) % 40 = 0 and id <> ${options.showcaseEnterpriseId}
        when type = 'other' then null
        else false end`.execute(trx);
    // Yes/no compliance facts of last year, from the social-insurance office and the power utility.
    // Known after the year ends (the offices report in January), never after the reference date.
    const reportedOn = `${Number(lastYear) + 1}-01-31`;
    const asOf = reportedOn < options.referenceDate ? reportedOn : options.referenceDate;
    await sql`
      insert into indicator_values (enterprise_id, indicator_code, period, source, value, as_of)
      select e.id, f.code, ${lastYear}, f.source,
        case f.code
          when 'wage_arrears' then case when (e.id * 48271) % 97 = 0 and e.id <> ${options.showcaseEnterpriseId} then 1 else 0 end
          when 'social_insurance_in_arrears' then case when (e.id * 16807) % 61 = 0 and e.id <> ${options.showcaseEnterpriseId} then 1 else 0 end
          else case when (e.id * 69621) % 23 = 0 and e.id <> ${options.showcaseEnterpriseId} then 0 else 1 end
        end,
        ${asOf}::date
      from enterprises e
      cross join (values ('wage_arrears', 'social_insurance'), ('social_insurance_in_arrears', 'social_insurance'), ('energy_standard_compliant', 'electricity')) as f(code, source)
      where e.status = 'operating' and e.industry_section is not null and e.registered_on <= ${`${lastYear}-12-31`}::date
      on conflict do nothing`.execute(trx);
    // Quarterly revenue: last year's figure split 22/24/26/28%, and this year's finished quarters at a firm-specific growth.
    const quarters: { label: string; share: number; growth: boolean; asOf: string }[] = [];
    const year = Number(lastYear);
    [22, 24, 26, 28].forEach((share, q) => quarters.push({ label: `${year}Q${q + 1}`, share, growth: false, asOf: quarterReportDate(year, q + 1) }));
    [22, 24, 26, 28].forEach((share, q) => quarters.push({ label: `${year + 1}Q${q + 1}`, share, growth: true, asOf: quarterReportDate(year + 1, q + 1) }));
    for (const q of quarters.filter((x) => x.asOf <= options.referenceDate)) {
      await sql`
        insert into indicator_values (enterprise_id, indicator_code, period, source, value, as_of)
        select v.enterprise_id, 'operating_revenue_q', ${q.label}, 'statistics',
          (v.value * ${q.share} / 100 * ${q.growth ? sql`(100 + (v.enterprise_id % 31) - 10)` : sql`100`} / 100)::bigint,
          ${q.asOf}::date
        from indicator_values v
        where v.indicator_code = 'operating_revenue' and v.period = ${lastYear} and v.source = 'statistics' and v.value is not null
        on conflict do nothing`.execute(trx);
    }
  });
}

/** Quarterly returns are in by the 20th of the month after the quarter. */
function quarterReportDate(year: number, quarter: number): string {
  const month = quarter * 3 + 1;
  return month > 12 ? `${year + 1}-01-20` : `${year}-${String(month).padStart(2, '0')}-20`;
}
