/**
 * Records (issue 12): the `records` import kind (validated per field type and unit, errors per row,
 * idempotent re-import, correction by the record key), record types declared as data, and an
 * enterprise's records read by type under the consent rules.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../app.ts';
import { createUser, TEST_PASSWORD } from '../factories/accounts.ts';
import { createConsent } from '../factories/consents.ts';
import { createEnterprise, signIn } from '../factories/enterprises.ts';
import { tempStorageDir, upload, USCC } from '../fixtures/imports/helpers.ts';

let t: TestApp;
let storageDir: string;
let admin: TestClient;
const ids: Record<string, number> = {};
let orgOfE1: number;

beforeAll(async () => {
  storageDir = tempStorageDir();
  t = await createTestApp({ storageDir });
  const user = await createUser(t.app.db, { roles: ['data_admin'] });
  admin = new TestClient(t.app);
  await admin.login(user.username, TEST_PASSWORD);
  for (const key of ['E1', 'E2', 'E3'] as const) {
    const created = await createEnterprise(t.app.db, { uscc: USCC[key], withOrg: key === 'E1' });
    ids[key] = created.id;
    if (key === 'E1') orgOfE1 = created.orgId!;
  }
});
afterAll(async () => {
  await t.close();
  fs.rmSync(storageDir, { recursive: true, force: true });
});

interface Batch {
  id: number;
  kind: string;
  source: string;
  status: string;
  processedRows: number;
  insertedRows: number;
  updatedRows: number;
  unchangedRows: number;
  errorRows: number;
  message: string | null;
}

async function importRecords(type: string, csv: string, name = 'records.csv'): Promise<Batch> {
  const response = await upload(admin, { kind: 'records', source: type }, { name, content: `\uFEFF${csv}` });
  expect(response.statusCode, response.body).toBe(202);
  await t.app.jobs.drain();
  return (await admin.get(`/api/imports/${response.json().id}`)).json();
}
const errorsOf = async (id: number): Promise<{ rowNo: number; column: string; code: string; reasonEn: string }[]> => (await admin.get(`/api/imports/${id}/errors?pageSize=500`)).json().items;
const stored = async (enterpriseId: number, type: string) =>
  Object.fromEntries(
    (await t.app.db.selectFrom('enterprise_records').where('enterprise_id', '=', enterpriseId).where('type_code', '=', type).select(['record_key', 'values']).orderBy('record_key').execute()).map((r) => [
      r.record_key,
      typeof r.values === 'string' ? JSON.parse(r.values) : r.values,
    ]),
  );

const EMPLOYEES = [
  '统一社会信用代码,企业名称,工号,入职日期,劳动合同期限(月),高校毕业生,已缴纳社会保险,备注',
  `${USCC.E1},甲,A001,2025-03-01,36,是,是,`,
  `${USCC.E1},甲,A002,2025/7/15,12,否,是,`,
  `${USCC.E2},乙,B001,20250901,24,是,,`,
  `${USCC.E2},乙,B002,2025-02-30,12,是,是,`, // no such date
  `${USCC.E2},乙,B003,2025-04-01,一年,是,是,`, // not a number
  `${USCC.E2},乙,B004,2025-04-01,12,也许,是,`, // not yes/no
  `${USCC.E2},乙,,2025-04-01,12,是,是,`, // no key
  `${USCC.E2},乙,B005,,12,是,是,`, // required date missing
  `${USCC.E8},丙,C001,2025-04-01,12,是,是,`, // not in the registry
  `${USCC.E1},甲,A001,2025-03-01,36,是,是,`, // duplicate key
  `${USCC.E3},丙,C002,2025-05-06,-3,是,是,`, // negative
].join('\r\n');

describe('importing employee records', () => {
  let batch: Batch;
  beforeAll(async () => {
    batch = await importRecords('employee', EMPLOYEES, '职工花名册.csv');
  });

  it('stores the good rows as typed values: dates ISO, numbers, yes/no booleans', async () => {
    expect(batch).toMatchObject({ kind: 'records', source: 'employee', status: 'completed', processedRows: 11, insertedRows: 3, updatedRows: 0, unchangedRows: 0, errorRows: 8 });
    expect(await stored(ids.E1, 'employee')).toEqual({
      A001: { hired_on: '2025-03-01', contract_months: 36, is_graduate: true, social_insurance: true },
      A002: { hired_on: '2025-07-15', contract_months: 12, is_graduate: false, social_insurance: true },
    });
    expect(await stored(ids.E2, 'employee')).toEqual({ B001: { hired_on: '2025-09-01', contract_months: 24, is_graduate: true } });
  });

  it('rejects each bad row with its column and reason', async () => {
    const errors = await errorsOf(batch.id);
    const at = (rowNo: number) => errors.filter((e) => e.rowNo === rowNo).map((e) => [e.column, e.code]);
    expect(at(5)).toEqual([['入职日期', 'invalid_date']]);
    expect(at(6)).toEqual([['劳动合同期限(月)', 'invalid_number']]);
    expect(at(7)).toEqual([['高校毕业生', 'invalid_boolean']]);
    expect(at(8)).toEqual([['工号', 'missing_value']]);
    expect(at(9)).toEqual([['入职日期', 'missing_value']]);
    expect(at(10)).toEqual([['统一社会信用代码', 'enterprise_not_found']]);
    expect(at(11)).toEqual([['统一社会信用代码+工号', 'duplicate_row']]);
    expect(at(12)).toEqual([['劳动合同期限(月)', 'negative_value']]);
  });

  it('changes nothing when the same file is imported again', async () => {
    const again = await importRecords('employee', EMPLOYEES, '职工花名册.csv');
    expect(again).toMatchObject({ status: 'completed', insertedRows: 0, updatedRows: 0, unchangedRows: 3, errorRows: 8 });
    expect(Object.keys(await stored(ids.E1, 'employee'))).toEqual(['A001', 'A002']);
  });

  it('corrects a record by its key: the file’s columns replace their values, the others stay', async () => {
    const correction = await importRecords('employee', ['统一社会信用代码,记录编号,入职日期,劳动合同期限(月),离职日期', `${USCC.E1},A002,2025-07-15,24,2026-01-31`].join('\r\n'));
    expect(correction).toMatchObject({ status: 'completed', insertedRows: 0, updatedRows: 1, unchangedRows: 0, errorRows: 0 });
    expect((await stored(ids.E1, 'employee')).A002).toEqual({ hired_on: '2025-07-15', contract_months: 24, is_graduate: false, social_insurance: true, left_on: '2026-01-31' });
  });

  it('queues the changed enterprises for a profile recompute', async () => {
    const jobs = await t.app.db.selectFrom('jobs').where('kind', '=', 'profiles.recompute').select('payload').execute();
    const touched = new Set(jobs.flatMap((j) => (j.payload as { enterpriseIds?: number[] }).enterpriseIds ?? []));
    expect(touched.has(ids.E1)).toBe(true);
    expect(touched.has(ids.E2)).toBe(true);
  });
});

describe('units and codes of other types', () => {
  it('reads money in the header’s unit, a rate in percent, a patent kind by its Chinese name', async () => {
    const loans = await importRecords('loan', ['统一社会信用代码,借据号,贷款银行,贷款金额(万元),贷款利率(%),放款日期,贷款期限(月)', `${USCC.E1},L-1,垫江农商行,150.5,3.45,2025-06-01,12`, `${USCC.E1},L-2,垫江农商行,1.0000001,3.45,2025-06-01,12`].join('\r\n'));
    expect(loans).toMatchObject({ insertedRows: 1, errorRows: 1 });
    expect((await stored(ids.E1, 'loan'))['L-1']).toEqual({ bank: '垫江农商行', amount: 150_500_000, rate_bp: 345, start_on: '2025-06-01', term_months: 12 });
    expect((await errorsOf(loans.id)).map((e) => [e.rowNo, e.code])).toEqual([[3, 'too_many_decimals']]);

    const patents = await importRecords('patent', ['统一社会信用代码,专利号,专利类型,授权日期', `${USCC.E1},ZL2025001,发明,2025-08-08`, `${USCC.E1},ZL2025002,utility,2025-08-09`, `${USCC.E1},ZL2025003,软件著作权,2025-08-09`].join('\r\n'));
    expect(patents).toMatchObject({ insertedRows: 2, errorRows: 1 });
    expect((await stored(ids.E1, 'patent')).ZL2025001).toEqual({ kind: 'invention', granted_on: '2025-08-08' });
    expect((await errorsOf(patents.id)).map((e) => [e.column, e.code])).toEqual([['专利类型', 'invalid_value']]);
  });

  it('fails a file without a required column or with a unit that does not fit, storing nothing', async () => {
    const noDate = await importRecords('patent', ['统一社会信用代码,专利号,专利类型', `${USCC.E2},ZL1,发明`].join('\r\n'));
    expect(noDate.status).toBe('failed');
    expect(noDate.message).toContain('授权日期');
    const badUnit = await importRecords('employee', ['统一社会信用代码,工号,入职日期,劳动合同期限(年)', `${USCC.E2},X1,2025-01-01,1`].join('\r\n'));
    expect(badUnit.status).toBe('failed');
    expect(badUnit.message).toContain('劳动合同期限(年)');
    expect(await stored(ids.E2, 'patent')).toEqual({});
    expect(Object.keys(await stored(ids.E2, 'employee'))).toEqual(['B001']);
  });

  it('refuses a records import without a known record type (400, nothing queued)', async () => {
    const before = await t.app.db.selectFrom('import_batches').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    for (const fields of [{ kind: 'records' }, { kind: 'records', source: 'spaceships' }] as Record<string, string>[]) {
      const response = await upload(admin, fields, { name: 'x.csv', content: 'a,b\r\n1,2' });
      expect(response.statusCode).toBe(400);
      expect(JSON.stringify(response.json())).toContain('body/source');
    }
    const after = await t.app.db.selectFrom('import_batches').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('record types as data', () => {
  const WAREHOUSE = {
    code: 'warehouse',
    nameZh: '仓库',
    nameEn: 'Warehouses',
    countUnit: 'count',
    consentCategory: 'operations',
    dateField: 'built_on',
    fields: [
      { code: 'built_on', nameZh: '建成日期', nameEn: 'Built on', type: 'date', required: true },
      { code: 'area_sqm', nameZh: '面积', nameEn: 'Area', type: 'number', unit: '㎡' },
      { code: 'cold_chain', nameZh: '冷链', nameEn: 'Cold chain', type: 'yesno' },
    ],
  };

  it('lets the data administrator declare a type, audited, and import it at once', async () => {
    const created = await admin.post('/api/record-types', WAREHOUSE);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ code: 'warehouse', isBuiltIn: false, fields: WAREHOUSE.fields });
    const audit = await t.app.db.selectFrom('audit_log').where('action', '=', 'record_type.create').select(['target_id']).execute();
    expect(audit.map((a) => a.target_id)).toEqual(['warehouse']);
    expect((await admin.get('/api/record-types')).json().map((r: { code: string }) => r.code)).toContain('warehouse');
    const batch = await importRecords('warehouse', ['统一社会信用代码,编号,建成日期,面积(㎡),冷链', `${USCC.E3},W1,2024-05-01,1250.5,是`].join('\r\n'));
    expect(batch).toMatchObject({ status: 'completed', insertedRows: 1 });
    expect(await stored(ids.E3, 'warehouse')).toEqual({ W1: { built_on: '2024-05-01', area_sqm: 1250.5, cold_chain: true } });
  });

  it('refuses a bad definition naming the field, and a second type of the same code', async () => {
    const bad = await admin.post('/api/record-types', { ...WAREHOUSE, code: 'depot', dateField: 'area_sqm' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('body/dateField');
    const noCodes = await admin.post('/api/record-types', { ...WAREHOUSE, code: 'depot', fields: [{ code: 'k', nameZh: '类', nameEn: 'Kind', type: 'code' }], dateField: null });
    expect(noCodes.statusCode).toBe(400);
    expect(JSON.stringify(noCodes.json())).toContain('body/fields/0/codes');
    expect((await admin.post('/api/record-types', WAREHOUSE)).statusCode).toBe(409);
    expect(await t.app.db.selectFrom('record_types').where('code', '=', 'depot').selectAll().execute()).toEqual([]);
  });

  it('is the data administrator’s alone', async () => {
    for (const roles of [['department_staff'], ['dispatcher'], ['enterprise_user'], ['admin']] as const) {
      const client = await signIn(t.app, [...roles]);
      expect((await client.post('/api/record-types', { ...WAREHOUSE, code: 'shed' })).statusCode).toBe(403);
      expect((await client.get('/api/record-types')).statusCode).toBe(200);
    }
    expect(await t.app.db.selectFrom('record_types').where('code', '=', 'shed').selectAll().execute()).toEqual([]);
  });
});

describe('an enterprise’s records by type', () => {
  it('shows the enterprise and government readers every type, latest first', async () => {
    const own = await signIn(t.app, ['enterprise_user'], orgOfE1);
    const gov = await signIn(t.app, ['department_staff']);
    for (const client of [own, gov]) {
      const body = (await client.get(`/api/enterprises/${ids.E1}/records`)).json();
      expect(body.hiddenTypes).toEqual([]);
      expect(body.groups.map((g: { type: { code: string }; total: number }) => [g.type.code, g.total])).toEqual([
        ['employee', 2],
        ['loan', 1],
        ['patent', 2],
      ]);
      const employees = body.groups.find((g: { type: { code: string } }) => g.type.code === 'employee');
      expect(employees.items.map((i: { key: string }) => i.key)).toEqual(['A002', 'A001']);
    }
  });

  it('shows a bank the types its consent grants and names the others hidden', async () => {
    const bankOrg = (await createUser(t.app.db, { roles: ['bank_staff'] })).orgId;
    const bank = await signIn(t.app, ['bank_staff'], bankOrg);
    expect((await bank.get(`/api/enterprises/${ids.E1}/records`)).statusCode).toBe(403);
    await createConsent(t.app.db, { enterprise: { id: ids.E1, orgId: orgOfE1 }, granteeOrgId: bankOrg, categories: ['operations'] });
    const body = (await bank.get(`/api/enterprises/${ids.E1}/records`)).json();
    expect(body.groups.map((g: { type: { code: string } }) => g.type.code)).toEqual(['loan']);
    expect(body.hiddenTypes.sort()).toEqual(['employee', 'patent']);
  });

  it('refuses another enterprise', async () => {
    const other = await createEnterprise(t.app.db, { withOrg: true });
    const client = await signIn(t.app, ['enterprise_user'], other.orgId!);
    expect((await client.get(`/api/enterprises/${ids.E1}/records`)).statusCode).toBe(403);
  });
});
