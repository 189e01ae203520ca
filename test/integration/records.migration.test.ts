import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { compileRule, evaluateRule, OUTCOMES } from '../../src/core/rules/index.ts';
import { ALL_FACTS, loadCountyColumns, loadEnterpriseFacts, loadRuleRegistry } from '../../src/server/modules/policies/county-facts.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';
import { createEnterprise } from '../factories/enterprises.ts';

describe('records on the server', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  }, 120_000);
  afterAll(async () => db?.close?.());

  it('a type added as data, records stored, and the calculator (scalar) and county matching (vector) agree', async () => {
    const registry0 = await loadRuleRegistry(db.db);
    expect([...registry0.catalogue.recordTypes!.keys()]).toContain('employee');
    await sql`insert into record_types (code, name_zh, name_en, count_unit, consent_category, date_field, fields)
      values ('vehicle', '车辆', 'Vehicles', 'count', 'operations', 'bought_on',
        ${JSON.stringify([{ code: 'bought_on', nameZh: '购置日期', nameEn: 'Bought on', type: 'date' }, { code: 'electric', nameZh: '新能源', nameEn: 'Electric', type: 'yesno' }])}::jsonb)`.execute(db.db);
    const ids = [(await createEnterprise(db.db, { recompute: false })).id, (await createEnterprise(db.db, { recompute: false })).id].sort((a, b) => a - b);
    expect(ids.length).toBe(2);
    for (const [i, electric] of [true, true, false].entries()) {
      await sql`insert into enterprise_records (enterprise_id, type_code, record_key, "values") values (${ids[0]}, 'vehicle', ${`v${i}`}, ${JSON.stringify({ bought_on: '2026-03-01', electric })}::jsonb)`.execute(db.db);
    }
    const registry = await loadRuleRegistry(db.db);
    const rule = { left: { records: 'vehicle', agg: 'count', where: { field: 'electric', is: true } }, op: '>=', right: { count: 2 } } as never;
    const options = { evaluationDate: '2026-06-30', catalogue: registry.catalogue };
    const facts = await loadEnterpriseFacts(db.db, registry, ids, ALL_FACTS);
    expect(evaluateRule(rule, facts.get(ids[0])!, options).outcome).toBe('eligible');
    expect(evaluateRule(rule, facts.get(ids[1])!, options).outcome).toBe('unknown'); // no vehicle records: no data
    const county = await loadCountyColumns(db.db, registry, { indicators: new Set(), sizeClassYears: new Set(), certifications: false, recordTypes: new Set(['vehicle']) }, { ids });
    const out = compileRule(rule, options).run(county.columns);
    expect(ids.map((_, row) => OUTCOMES[out[row]])).toEqual(['eligible', 'unknown']);
  }, 120_000);
});
