import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertIndicatorValues, type IndicatorValueRow } from '../../src/server/modules/indicators/indicators.repository.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';
import { createEnterprise } from '../factories/enterprises.ts';

let database: TestDatabase;
let enterpriseId: number;
beforeAll(async () => {
  database = await createTestDatabase();
  enterpriseId = (await createEnterprise(database.db, { name: '测试企业', registryOnly: true })).id;
});
afterAll(async () => {
  await database.destroy();
});

const revenue = (period: string, value: number, asOf = '2025-04-30'): IndicatorValueRow => ({ enterpriseId, code: 'operating_revenue', period, source: 'statistics', value, valueText: null, asOf, batchId: null });

describe('upserting indicator values', () => {
  it('inserts, then counts an identical row as unchanged and a different one as updated', async () => {
    expect(await upsertIndicatorValues(database.db, [revenue('2023', 100), revenue('2024', 200)])).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(await upsertIndicatorValues(database.db, [revenue('2023', 100), revenue('2024', 200)])).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await upsertIndicatorValues(database.db, [revenue('2023', 100), revenue('2024', 250), revenue('2025', 9_000_000_000_001)])).toEqual({ inserted: 1, updated: 1, unchanged: 1 });
    const stored = await database.db.selectFrom('indicator_values').where('enterprise_id', '=', enterpriseId).orderBy('period').select(['period', 'value']).execute();
    expect(stored).toEqual([{ period: '2023', value: 100 }, { period: '2024', value: 250 }, { period: '2025', value: 9_000_000_000_001 }]);
  });

  it('treats a newer as-of date as an update, and keeps text values', async () => {
    expect(await upsertIndicatorValues(database.db, [revenue('2023', 100, '2025-06-30')])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    const grade = { enterpriseId, code: 'tax_credit_grade', period: '2024', source: 'tax', value: null, valueText: 'A', asOf: '2025-04-01', batchId: null };
    expect(await upsertIndicatorValues(database.db, [grade])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(await upsertIndicatorValues(database.db, [{ ...grade, valueText: 'B' }])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
  });

  it('refuses a batch repeating a key, writing nothing', async () => {
    await expect(upsertIndicatorValues(database.db, [revenue('2030', 1), revenue('2030', 2)])).rejects.toThrow(/duplicate key/);
    const row = await database.db.selectFrom('indicator_values').where('period', '=', '2030').selectAll().executeTakeFirst();
    expect(row).toBeUndefined();
  });
});
