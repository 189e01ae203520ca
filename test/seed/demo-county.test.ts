import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_INDICATORS } from '../../src/core/profile/indicators.ts';
import { parseIndustryCode } from '../../src/core/profile/industry-codes.ts';
import { classifySize } from '../../src/core/profile/size-class.ts';
import { checkUscc } from '../../src/core/profile/uscc.ts';
import { FEN_PER_WAN } from '../../src/core/money/money.ts';
import { Prng } from '../../src/core/random/prng.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { BANKS, DEPARTMENTS, TOWNS } from '../../src/server/seed/county-data.ts';
import { seedDemoCounty } from '../../src/server/seed/demo-county.ts';
import { SHOWCASE_ENTERPRISE_NAME, seedEnterprises, todayInShanghai } from '../../src/server/seed/enterprises.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';
import type { Kysely } from 'kysely';

const ENTERPRISES = 300;
const SEED = 20261127;
const WAN = FEN_PER_WAN;

const today = todayInShanghai();
const lastYear = Number(today.slice(0, 4)) - 1;

interface ValueRow {
  enterprise_id: number;
  indicator_code: string;
  period: string;
  source: string;
  value: number | null;
  value_text: string | null;
  as_of: string;
}

async function seeded(seed: number): Promise<TestDatabase> {
  const database = await createTestDatabase();
  await seedDemoCounty(database.db, { enterprises: ENTERPRISES, seed });
  return database;
}

/** A digest of everything the seed generates (ids included; timestamps excluded). */
async function digest(db: Kysely<DB>): Promise<string> {
  const hash = createHash('sha256');
  const enterprises = await db
    .selectFrom('enterprises')
    .select(['id', 'uscc', 'uscc_status', 'name', 'type', 'legal_representative', 'registered_on', 'registered_capital_fen', 'town_code', 'address', 'industry_code', 'industry_section', 'industry_division', 'status', 'org_id'])
    .orderBy('id')
    .execute();
  hash.update(JSON.stringify(enterprises));
  const values = await db
    .selectFrom('indicator_values')
    .select(['enterprise_id', 'indicator_code', 'period', 'source', 'value', 'value_text', 'as_of'])
    .orderBy('enterprise_id').orderBy('indicator_code').orderBy('period').orderBy('source')
    .execute();
  hash.update(JSON.stringify(values));
  const certifications = await db.selectFrom('certifications').select(['enterprise_id', 'code', 'awarded_on', 'expires_on', 'is_renewal', 'certificate_no', 'source']).orderBy('id').execute();
  hash.update(JSON.stringify(certifications));
  const cadres = await db.selectFrom('cadres').select(['name', 'position', 'org_id', 'town_code', 'user_id']).orderBy('id').execute();
  hash.update(JSON.stringify(cadres));
  return hash.digest('hex');
}

describe('demo county seed', () => {
  let database: TestDatabase;
  let db: Kysely<DB>;
  let values: ValueRow[];

  beforeAll(async () => {
    database = await seeded(SEED);
    db = database.db;
    values = await db.selectFrom('indicator_values').select(['enterprise_id', 'indicator_code', 'period', 'source', 'value', 'value_text', 'as_of']).execute();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  const showcase = () => db.selectFrom('enterprises').selectAll().where('name', '=', SHOWCASE_ENTERPRISE_NAME).executeTakeFirstOrThrow();
  const factsOf = (id: number, code: string, period: string) => values.filter((v) => v.enterprise_id === id && v.indicator_code === code && v.period === period);

  it('creates the county: 26 towns, 14 departments, 13 banks, the enterprises and 1,019 cadres', async () => {
    const count = async (table: 'towns' | 'enterprises' | 'cadres') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('towns')).toBe(26);
    expect(TOWNS).toHaveLength(26);
    expect(await count('enterprises')).toBe(ENTERPRISES);
    expect(await count('cadres')).toBe(1019);
    const orgs = await db.selectFrom('organizations').select(['type', 'code']).execute();
    expect(orgs.filter((o) => o.type === 'department').map((o) => o.code).sort()).toEqual(DEPARTMENTS.map((d) => d.code).sort());
    expect(orgs.filter((o) => o.type === 'bank')).toHaveLength(13);
    expect(BANKS).toHaveLength(13);
  });

  it('registers the built-in indicators the values refer to', async () => {
    const rows = await db.selectFrom('indicators').select(['code', 'is_built_in', 'unit']).execute();
    expect(rows.map((r) => r.code).sort()).toEqual(BUILT_IN_INDICATORS.map((d) => d.code).sort());
    expect(rows.every((r) => r.is_built_in)).toBe(true);
  });

  it('gives the demo accounts their roles and organisations', async () => {
    const users = await db
      .selectFrom('users')
      .innerJoin('organizations', 'organizations.id', 'users.org_id')
      .select(['users.username', 'users.roles', 'organizations.type', 'organizations.code', 'users.org_id'])
      .execute();
    const byName = new Map(users.map((u) => [u.username, u]));
    const expected: Record<string, { roles: string[]; type: string; code?: string }> = {
      admin: { roles: ['admin'], type: 'platform' },
      secadmin: { roles: ['security_admin'], type: 'platform' },
      auditor: { roles: ['auditor'], type: 'platform' },
      data: { roles: ['data_admin'], type: 'platform' },
      ent: { roles: ['enterprise_user'], type: 'enterprise' },
      dept: { roles: ['department_staff'], type: 'department', code: 'jxw' },
      dept2: { roles: ['department_staff'], type: 'department', code: 'jxw' },
      dispatch: { roles: ['dispatcher'], type: 'dispatch_centre' },
      cadre: { roles: ['cadre'], type: 'department', code: 'fgw' },
      bank: { roles: ['bank_staff'], type: 'bank', code: 'cqrcb' },
      finance: { roles: ['department_staff'], type: 'department', code: 'jrb' },
      provider: { roles: ['provider_staff'], type: 'service_provider', code: 'smepsc' },
    };
    for (const [username, want] of Object.entries(expected)) {
      const user = byName.get(username);
      expect(user, username).toBeDefined();
      expect(user!.roles, username).toEqual(want.roles);
      expect(user!.type, username).toBe(want.type);
      if (want.code) expect(user!.code, username).toBe(want.code);
    }
    // `ent` belongs to the showcase enterprise's organisation.
    const enterprise = await showcase();
    expect(enterprise.org_id).toBe(byName.get('ent')!.org_id);
    expect(byName.get('ent')!.code).toBe(enterprise.uscc);
  });

  it('links the demo cadre account and places every cadre in a department, town cadres in a town', async () => {
    const cadres = await db.selectFrom('cadres').select(['id', 'name', 'position', 'org_id', 'town_code', 'user_id']).orderBy('id').execute();
    const cadreUser = await db.selectFrom('users').select(['id', 'org_id']).where('username', '=', 'cadre').executeTakeFirstOrThrow();
    expect(cadres[0].user_id).toBe(cadreUser.id);
    expect(cadres[0].org_id).toBe(cadreUser.org_id);
    expect(cadres.filter((c) => c.user_id !== null)).toHaveLength(1);
    const departments = new Set((await db.selectFrom('organizations').select('id').where('type', '=', 'department').execute()).map((o) => o.id));
    expect(cadres.every((c) => departments.has(c.org_id))).toBe(true);
    const towns = new Set<string>(TOWNS.map((t) => t.code));
    for (const c of cadres) {
      const inTown = c.position.startsWith('镇街') || c.position === '驻村干部';
      expect(c.town_code === null ? !inTown : inTown && towns.has(c.town_code), `${c.name} ${c.position}`).toBe(true);
    }
    expect(new Set(cadres.map((c) => c.name)).size).toBe(cadres.length);
    expect(new Set(cadres.map((c) => c.position)).size).toBeGreaterThanOrEqual(6);
    // Every town has its leaders.
    expect(new Set(cadres.filter((c) => c.position === '镇街党政正职').map((c) => c.town_code)).size).toBe(26);
  });

  it('issues unique names and GB 32100 codes; only the pilot-era overrides fail the checksum', async () => {
    const rows = await db.selectFrom('enterprises').select(['uscc', 'uscc_status', 'name', 'type']).execute();
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.uscc)).size).toBe(rows.length);
    const overrides = rows.filter((r) => r.uscc_status === 'checksum_override');
    expect(overrides.length).toBeGreaterThanOrEqual(2);
    expect(overrides.length).toBeLessThanOrEqual(3);
    for (const r of rows) {
      const check = checkUscc(r.uscc);
      expect(check.status, r.uscc).toBe(r.uscc_status === 'checksum_override' ? 'checksum_mismatch' : 'valid');
      expect(check.organisationCodeValid, r.uscc).toBe(true);
      expect(check.parts!.registeringAuthority).toBe('9');
      expect(check.parts!.divisionCode).toBe('500231');
      expect(check.parts!.organisationType, r.name).toBe(r.type === 'individual_business' ? '2' : r.type === 'cooperative' ? '3' : '1');
    }
  });

  it('stores industry codes the GB/T 4754-2017 parser accepts, with matching 门类 and 大类', async () => {
    const rows = await db.selectFrom('enterprises').select(['industry_code', 'industry_section', 'industry_division']).execute();
    for (const r of rows) {
      const parsed = parseIndustryCode(r.industry_code!);
      expect(parsed.ok, r.industry_code!).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.level).toBe('class');
      expect(r.industry_section).toBe(parsed.section);
      expect(r.industry_division).toBe(parsed.division);
    }
    // The mix: many sections, retail and catering large, manufacturing present.
    const sections = new Set(rows.map((r) => r.industry_section));
    expect(sections.size).toBeGreaterThanOrEqual(12);
    const share = (division: string) => rows.filter((r) => r.industry_division === division).length / rows.length;
    expect(share('52')).toBeGreaterThan(0.12);
    expect(rows.filter((r) => r.industry_section === 'C').length / rows.length).toBeGreaterThan(0.06);
  });

  it('keeps the showcase manufacturer complete: 新增规上 in the last year, A grade, high-tech since the year before', async () => {
    const e = await showcase();
    expect(e.industry_section).toBe('C');
    expect(e.industry_division).toBe('34');
    const one = (code: string, year: number, source: string) => {
      const rows = factsOf(e.id, code, String(year)).filter((v) => v.source === source);
      expect(rows, `${code} ${year} ${source}`).toHaveLength(1);
      return rows[0];
    };
    for (const source of ['statistics', 'tax']) {
      expect(one('main_revenue', lastYear, source).value).toBe(2350 * WAN);
      expect(one('main_revenue', lastYear, source).value!).toBeGreaterThanOrEqual(2000 * WAN);
    }
    expect(one('main_revenue', lastYear - 1, 'tax').value!).toBeLessThan(2000 * WAN);
    expect(one('above_scale', lastYear, 'statistics').value).toBe(1);
    expect(one('above_scale', lastYear - 1, 'statistics').value).toBe(0);
    expect(one('above_scale', lastYear - 2, 'statistics').value).toBe(0);
    for (let year = lastYear - 2; year <= lastYear; year++) {
      expect(one('tax_credit_grade', year, 'tax').value_text).toBe('A');
      expect(one('admin_penalties', year, 'market_regulation').value).toBe(0);
      expect(one('major_admin_penalty', year, 'market_regulation').value).toBe(0);
      expect(one('dishonest_debtor', year, 'credit').value).toBe(0);
    }
    const revenue = one('operating_revenue', lastYear, 'tax').value!;
    const rd = one('rd_expense', lastYear, 'tax').value!;
    expect(rd / revenue).toBeGreaterThan(0.035);
    expect(rd / revenue).toBeLessThan(0.045);
    expect(one('science_staff', lastYear, 'statistics').value).toBe(12);
    expect(one('employees', lastYear, 'statistics').value).toBe(85);
    expect(one('invention_patents', lastYear, 'ip_office').value!).toBeGreaterThan(0);
    const size = classifySize({ industryCode: e.industry_code!, employees: 85, revenueFen: one('main_revenue', lastYear, 'statistics').value, revenueBasis: 'main_revenue' }, today);
    expect(size.sizeClass).toBe('small');
    const certs = await db.selectFrom('certifications').selectAll().where('enterprise_id', '=', e.id).execute();
    const highTech = certs.find((c) => c.code === 'high_tech');
    expect(highTech?.awarded_on.slice(0, 4)).toBe(String(lastYear - 1));
    expect(highTech?.is_renewal).toBe(false);
  });

  it('keeps money in integer fen and the facts coherent: main ≤ operating revenue, insured ≤ employees', () => {
    const units = new Map(BUILT_IN_INDICATORS.map((d) => [d.code, d]));
    for (const v of values) {
      const def = units.get(v.indicator_code)!;
      expect(def.sources, `${v.indicator_code} from ${v.source}`).toContain(v.source);
      if (def.unit === 'grade') {
        expect(def.grades).toContain(v.value_text);
        continue;
      }
      expect(Number.isSafeInteger(v.value), `${v.indicator_code} ${v.value}`).toBe(true);
      expect(v.value!).toBeGreaterThanOrEqual(0);
      if (def.unit === 'boolean') expect([0, 1]).toContain(v.value);
      // Known only after the year ends, and never after today.
      expect(v.as_of > periodEnd(v.period), `${v.indicator_code} ${v.period} as of ${v.as_of}`).toBe(true);
      expect(v.as_of <= today).toBe(true);
    }
    const key = (v: ValueRow, source = v.source) => `${v.enterprise_id}/${v.period}/${source}`;
    const byKey = (code: string) => new Map(values.filter((v) => v.indicator_code === code).map((v) => [key(v), v.value!]));
    const operating = byKey('operating_revenue');
    let compared = 0;
    for (const v of values.filter((x) => x.indicator_code === 'main_revenue')) {
      expect(operating.has(key(v))).toBe(true);
      expect(v.value!).toBeLessThanOrEqual(operating.get(key(v))!);
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
    const employees = values.filter((v) => v.indicator_code === 'employees');
    const insured = new Map(values.filter((v) => v.indicator_code === 'insured_employees').map((v) => [`${v.enterprise_id}/${v.period}`, v.value!]));
    compared = 0;
    for (const e of employees) {
      const i = insured.get(`${e.enterprise_id}/${e.period}`);
      if (i === undefined) continue;
      expect(i).toBeLessThanOrEqual(e.value!);
      compared++;
    }
    expect(compared).toBeGreaterThan(50);
    const newHires = values.filter((v) => v.indicator_code === 'new_hires');
    const staff = new Map(employees.map((v) => [`${v.enterprise_id}/${v.period}`, v.value!]));
    for (const h of newHires) if (staff.has(`${h.enterprise_id}/${h.period}`)) expect(h.value!).toBeLessThanOrEqual(staff.get(`${h.enterprise_id}/${h.period}`)!);
  });

  it('covers the last three complete years, with holes: no earlier years for startups, no statistics for 个体户', async () => {
    const years = [String(lastYear - 2), String(lastYear - 1), String(lastYear)];
    expect([...new Set(values.filter((v) => !v.period.includes('Q')).map((v) => v.period))].sort()).toEqual(years);
    // Quarterly figures (quarterly revenue): last year's quarters and this year's finished ones.
    const quarters = [...new Set(values.filter((v) => v.period.includes('Q')).map((v) => v.period))].sort();
    expect(quarters.slice(0, 4)).toEqual([1, 2, 3, 4].map((q) => `${lastYear}Q${q}`));
    expect(quarters.every((q) => q.startsWith(String(lastYear)) || q.startsWith(String(lastYear + 1)))).toBe(true);
    const enterprises = await db.selectFrom('enterprises').select(['id', 'type', 'registered_on']).execute();
    const registered = new Map(enterprises.map((e) => [e.id, Number(e.registered_on!.slice(0, 4))]));
    for (const v of values) expect(Number(v.period.slice(0, 4))).toBeGreaterThanOrEqual(registered.get(v.enterprise_id)!);
    const individuals = new Set(enterprises.filter((e) => e.type === 'individual_business').map((e) => e.id));
    expect(individuals.size).toBeGreaterThan(30);
    expect(values.some((v) => individuals.has(v.enterprise_id) && v.source === 'statistics')).toBe(false);
    // Some enterprises lack revenue data altogether; the platform must cope.
    const withRevenue = new Set(values.filter((v) => v.indicator_code === 'operating_revenue').map((v) => v.enterprise_id));
    expect(withRevenue.size).toBeLessThan(enterprises.length);
    expect(withRevenue.size).toBeGreaterThan(enterprises.length / 2);
    // Grades: M only where new or idle, and a realistic spread.
    const grades = values.filter((v) => v.indicator_code === 'tax_credit_grade' && v.period === String(lastYear)).map((v) => v.value_text!);
    const share = (g: string) => grades.filter((x) => x === g).length / grades.length;
    expect(share('B')).toBeGreaterThan(0.4);
    expect(share('A')).toBeGreaterThan(0.03);
    expect(share('A')).toBeLessThan(0.25);
    expect(share('D')).toBeLessThan(0.06);
  });

  it('records the official 四上 history, including firms entering in each of the last two years', () => {
    const history = new Map<number, Map<string, number>>();
    for (const v of values.filter((x) => x.indicator_code === 'above_scale')) {
      if (!history.has(v.enterprise_id)) history.set(v.enterprise_id, new Map());
      history.get(v.enterprise_id)!.set(v.period, v.value!);
    }
    const pattern = (h: Map<string, number>) => [lastYear - 2, lastYear - 1, lastYear].map((y) => h.get(String(y)) ?? '-').join('');
    const patterns = [...history.values()].map(pattern);
    expect(patterns.filter((p) => p === '011').length).toBeGreaterThanOrEqual(1);
    expect(patterns.filter((p) => p === '001').length).toBeGreaterThanOrEqual(2); // the showcase and others
    expect(patterns.filter((p) => p.includes('1')).length).toBeGreaterThan(5);
    // Statistics figures exist exactly for the years an enterprise is in the statistics.
    for (const v of values.filter((x) => x.source === 'statistics' && x.indicator_code === 'main_revenue')) {
      expect(history.get(v.enterprise_id)?.get(v.period), `enterprise ${v.enterprise_id} ${v.period}`).toBe(1);
    }
  });

  it('yields a size distribution skewed to micro and small enterprises', async () => {
    const enterprises = await db.selectFrom('enterprises').select(['id', 'industry_code']).execute();
    const latest = (id: number, code: string) => {
      const rows = factsOf(id, code, String(lastYear));
      return (rows.find((r) => r.source === 'statistics') ?? rows[0])?.value ?? null;
    };
    const counts = { micro: 0, small: 0, medium: 0, large: 0 };
    for (const e of enterprises) {
      const mainBasis = /^(0[6-9]|[1-3]\d|4[0-6]|5[12]|6[12])/.test(e.industry_code!);
      const result = classifySize(
        {
          industryCode: e.industry_code!,
          employees: latest(e.id, 'employees'),
          revenueFen: (mainBasis ? latest(e.id, 'main_revenue') : null) ?? latest(e.id, 'operating_revenue'),
          assetsFen: latest(e.id, 'total_assets'),
        },
        today,
      );
      if (result.sizeClass) counts[result.sizeClass]++;
    }
    const decided = counts.micro + counts.small + counts.medium + counts.large;
    expect(decided).toBeGreaterThan(ENTERPRISES / 2);
    expect(counts.micro / decided).toBeGreaterThan(0.6);
    expect((counts.micro + counts.small) / decided).toBeGreaterThan(0.92);
    expect(counts.micro).toBeGreaterThan(counts.small);
    expect(counts.small).toBeGreaterThan(counts.medium);
    expect(counts.medium).toBeGreaterThanOrEqual(counts.large);
  });

  it('concentrates certifications on manufacturers and IT firms, with high-tech renewals', async () => {
    const certs = await db
      .selectFrom('certifications')
      .innerJoin('enterprises', 'enterprises.id', 'certifications.enterprise_id')
      .select(['certifications.code', 'certifications.awarded_on', 'certifications.expires_on', 'certifications.is_renewal', 'enterprises.industry_section', 'enterprises.industry_division'])
      .execute();
    const tech = certs.filter((c) => c.code === 'high_tech' || c.code === 'tech_sme' || c.code === 'specialized_sme');
    expect(tech.length).toBeGreaterThan(3);
    expect(tech.every((c) => c.industry_section === 'C' || c.industry_division === '65' || c.industry_section === 'M')).toBe(true);
    for (const c of certs.filter((x) => x.code === 'high_tech')) {
      expect(Number(c.expires_on!.slice(0, 4)) - Number(c.awarded_on.slice(0, 4))).toBe(3);
      expect(c.awarded_on <= today).toBe(true);
    }
  });

  it('gives identical data for the same seed and different data for another seed', async () => {
    const first = await digest(db);
    const again = await seeded(SEED);
    try {
      expect(await digest(again.db)).toBe(first);
    } finally {
      await again.destroy();
    }
    const other = await seeded(SEED + 1);
    try {
      expect(await digest(other.db)).not.toBe(first);
    } finally {
      await other.destroy();
    }
  });
});

describe('seedEnterprises on its own', () => {
  it('gives closed firms closure dates over the last three years, with closures in each of the last 12 months', async () => {
    const database = await createTestDatabase();
    try {
      const { db } = database;
      await db.insertInto('towns').values(TOWNS.map((t) => ({ code: t.code, name: t.name, name_en: t.nameEn, kind: t.kind }))).execute();
      await seedEnterprises(db, new Prng(7), { count: 1_000, referenceDate: '2026-11-27' });
      const rows = await db.selectFrom('enterprises').select(['status', 'registered_on', 'closed_on']).execute();
      const closed = rows.filter((r) => ['cancelled', 'revoked', 'moved_out'].includes(r.status));
      expect(closed.length).toBeGreaterThanOrEqual(12);
      for (const r of rows) {
        if (r.closed_on === null) continue;
        expect(['cancelled', 'revoked', 'moved_out']).toContain(r.status);
        expect(r.closed_on >= r.registered_on! && r.closed_on <= '2026-11-27' && r.closed_on >= '2023-12-01', `${r.registered_on} → ${r.closed_on}`).toBe(true);
      }
      expect(closed.every((r) => r.closed_on !== null)).toBe(true);
      const months = new Map<string, number>();
      for (const r of closed) months.set(r.closed_on!.slice(0, 7), (months.get(r.closed_on!.slice(0, 7)) ?? 0) + 1);
      const last12 = Array.from({ length: 12 }, (_, k) => new Date(Date.UTC(2026, 10 - k, 1)).toISOString().slice(0, 7));
      expect(last12[0]).toBe('2026-11');
      for (const month of last12) expect(months.get(month) ?? 0, month).toBeGreaterThan(0);
      // Spread back beyond the last year once every one of its months has a closure, not bunched at the end.
      expect([...months.keys()].filter((m) => m < '2025-12').length).toBe(Math.min(closed.length - 12, 24));
    } finally {
      await database.destroy();
    }
  });

  it('works on a bare county with 200 enterprises, inserting the indicator registry itself, for a fixed date', async () => {
    const database = await createTestDatabase();
    try {
      const { db } = database;
      await db.insertInto('towns').values(TOWNS.map((t) => ({ code: t.code, name: t.name, name_en: t.nameEn, kind: t.kind }))).execute();
      const progress: [number, number][] = [];
      const result = await seedEnterprises(db, new Prng(1), { count: 200, referenceDate: '2026-11-27', onProgress: (done, total) => progress.push([done, total]) });
      expect(result.count).toBe(200);
      expect(progress.at(-1)).toEqual([200, 200]);
      const periods = await db.selectFrom('indicator_values').select('period').distinct().orderBy('period').execute();
      expect(periods.map((p) => p.period)).toEqual(['2023', '2024', '2025']);
      const main2025 = await db
        .selectFrom('indicator_values')
        .select('value')
        .where('enterprise_id', '=', result.showcaseEnterpriseId)
        .where('indicator_code', '=', 'main_revenue')
        .where('period', '=', '2025')
        .where('source', '=', 'statistics')
        .executeTakeFirstOrThrow();
      expect(main2025.value!).toBeGreaterThanOrEqual(2000 * WAN);
      const registered = await sql<{ n: number }>`select count(*)::int as n from enterprises where registered_on > '2026-11-27'`.execute(db);
      expect(registered.rows[0].n).toBe(0);
      const highTech = await db.selectFrom('certifications').select('awarded_on').where('enterprise_id', '=', result.showcaseEnterpriseId).where('code', '=', 'high_tech').executeTakeFirstOrThrow();
      expect(highTech.awarded_on.startsWith('2024')).toBe(true);
    } finally {
      await database.destroy();
    }
  });
});

/** The last day of a period: a year '2025' or a quarter '2025Q3'. */
function periodEnd(period: string): string {
  const quarter = /^(\d{4})Q([1-4])$/.exec(period);
  if (!quarter) return `${period}-12-31`;
  return `${quarter[1]}-${['03-31', '06-30', '09-30', '12-31'][Number(quarter[2]) - 1]}`;
}
