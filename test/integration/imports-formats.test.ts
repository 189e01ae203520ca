import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../app.ts';
import { createUser, TEST_PASSWORD } from '../factories/accounts.ts';
import { createEnterprise } from '../factories/enterprises.ts';
import { fixture, storedValues, tempStorageDir, upload, USCC } from '../fixtures/imports/helpers.ts';

let t: TestApp;
let storageDir: string;
let data: TestClient;
const ids: Record<string, number> = {};

beforeAll(async () => {
  storageDir = tempStorageDir();
  t = await createTestApp({ storageDir });
  const admin = await createUser(t.app.db, { roles: ['data_admin'] });
  data = new TestClient(t.app);
  await data.login(admin.username, TEST_PASSWORD);
  for (const key of ['E1', 'E2', 'E4', 'E5', 'E6'] as const) ids[key] = (await createEnterprise(t.app.db, { uscc: USCC[key], registryOnly: true })).id;
});
afterAll(async () => {
  await t.close();
  fs.rmSync(storageDir, { recursive: true, force: true });
});

interface ImportErrorItem {
  rowNo: number;
  column: string;
  code: string;
  reason: string;
  value: string | null;
}

const errorsOf = async (id: number): Promise<ImportErrorItem[]> => (await data.get(`/api/imports/${id}/errors?pageSize=500`)).json().items;
const brief = (errors: ImportErrorItem[]) => errors.map((e) => [e.rowNo, e.column, e.code]);

async function importFile(fields: Record<string, string>, name: string, content: Buffer | string) {
  const response = await upload(data, fields, { name, content });
  expect(response.statusCode, response.body).toBe(202);
  await t.app.jobs.drain();
  return (await data.get(`/api/imports/${response.json().id}`)).json();
}

describe('a wide CSV saved by Excel in China (GB18030)', () => {
  it('is decoded, and every indicator column is read in its unit', async () => {
    const batch = await importFile({ kind: 'indicators', source: 'statistics' }, '规上企业2024.csv', fixture('indicators-wide-gb18030.csv'));
    expect(batch).toMatchObject({ status: 'completed', processedRows: 4, insertedRows: 6, errorRows: 2 });
    expect(await storedValues(t.app.db, ids.E4)).toEqual({
      'operating_revenue 2024 statistics': 1_234_500_000, // 1,234.5 万元
      'employees 2024 statistics': 88,
      'rd_expense 2024 statistics': 5_000_000, // 50,000.00 元
      'above_scale 2024 statistics': 1,
    });
    // Empty cells of a wide row are no figures, not errors.
    expect(await storedValues(t.app.db, ids.E5)).toEqual({ 'operating_revenue 2024 statistics': 800_000_000, 'above_scale 2024 statistics': 0 });
    const errors = await errorsOf(batch.id);
    expect(brief(errors)).toEqual([
      [4, '统一社会信用代码+期间', 'duplicate_row'],
      [5, '营业收入(万元)', 'too_many_decimals'],
    ]);
    expect(errors[0].reason).toBe('与第2行重复（企业和期间相同）');
    expect(await storedValues(t.app.db, ids.E6)).toEqual({}); // a row with one bad cell is rejected whole
  });
});

describe('an XLSX workbook', () => {
  async function workbook(): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('纳税数据');
    sheet.addRow(['2024年度纳税数据（县税务局）']); // a title row above the header
    sheet.addRow(['USCC', 'Indicator', 'Period', 'Value', 'As of', 'Unit']);
    sheet.addRow([USCC.E1, 'tax_paid', 2024, 123456.78, new Date(Date.UTC(2025, 2, 31)), 'yuan']); // row 3: a date cell
    sheet.addRow([USCC.E1, '纳税信用等级', '2024', 'b', 45747, null]); // row 4: a date typed as a serial number
    sheet.addRow([USCC.E2, 'exports', 2024, 0.1 + 0.2, '2025-03-31', '元']); // row 5: float noise of a formula
    sheet.addRow([USCC.E2, 'taxable_income', 2024, -500, '2025/03/31']); // row 6: negative money
    sheet.addRow([USCC.E2, 'tax_paid', 2024, { formula: 'D3*2', result: 246913.56 }, '2025-03-31']); // row 7: a formula
    sheet.getRow(10).values = [USCC.E8, 'tax_paid', 2024, 1, '2025-03-31']; // rows 8–9 left empty
    sheet.getRow(11).values = [USCC.E2, 'tax_paid', '2024Q1', 1, '2025-03-31'];
    sheet.getRow(12).values = [USCC.E2, 'rd_expense', { richText: [{ text: '20' }, { text: '24' }] }, '1,000', new Date(Date.UTC(2025, 3, 30))];
    book.addWorksheet('说明').addRow(['this sheet is not imported', 'x']);
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  it('reads the first sheet with Excel row numbers, dates, numbers as shown, formulas and rich text', async () => {
    const batch = await importFile({ kind: 'indicators', source: 'tax' }, '纳税.xlsx', await workbook());
    expect(batch).toMatchObject({ status: 'completed', totalRows: 8, processedRows: 8, insertedRows: 6, errorRows: 2 });
    expect(await storedValues(t.app.db, ids.E1)).toMatchObject({ 'tax_paid 2024 tax': 12_345_678, 'tax_credit_grade 2024 tax': 'B' });
    expect(await storedValues(t.app.db, ids.E2)).toMatchObject({
      'exports 2024 tax': 30,
      'taxable_income 2024 tax': -50_000,
      'tax_paid 2024 tax': 24_691_356,
      'rd_expense 2024 tax': 100_000,
    });
    const asOf = await t.app.db.selectFrom('indicator_values').where('enterprise_id', '=', ids.E1).where('source', '=', 'tax').select(['indicator_code', 'as_of']).orderBy('indicator_code').execute();
    expect(asOf).toEqual([
      { indicator_code: 'tax_credit_grade', as_of: '2025-03-31' },
      { indicator_code: 'tax_paid', as_of: '2025-03-31' },
    ]);
    expect(brief(await errorsOf(batch.id))).toEqual([
      [10, 'USCC', 'enterprise_not_found'],
      [11, 'Period', 'period_mismatch'],
    ]);
  });

  it('fails the batch with a message when the workbook is damaged', async () => {
    const broken = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 7)]);
    const batch = await importFile({ kind: 'indicators', source: 'tax' }, 'broken.xlsx', broken);
    expect(batch.status).toBe('failed');
    expect(batch.message).toMatch(/文件无法读取.* \/ the file cannot be read/);
  });
});

describe('files whose header cannot be understood fail with a message', () => {
  it.each([
    ['an unknown column', 'uscc,period,as_of,营业额\n', /无法识别的列：“营业额”.*unrecognised columns: "营业额"/],
    ['a missing column', '统一社会信用代码,指标,数值,截至日期\n', /缺少必需的列：期间 \/ required columns missing: period/],
    ['no USCC column', '名称,数值\n甲,1\n', /找不到表头/],
  ])('%s', async (_name, content, message) => {
    const batch = await importFile({ kind: 'indicators', source: 'statistics' }, 'bad.csv', content);
    expect(batch).toMatchObject({ status: 'failed', processedRows: 0 });
    expect(batch.message).toMatch(message);
    const audit = await t.app.db.selectFrom('audit_log').where('action', '=', 'import.complete').where('target_id', '=', String(batch.id)).select('outcome').executeTakeFirstOrThrow();
    expect(audit.outcome).toBe('failure');
  });
});

describe('a JSON push from another system', () => {
  const rows = [
    { uscc: USCC.E5, code: 'tax_paid', period: '2023', value: 1_234_567, asOf: '2024-05-31' },
    { uscc: USCC.E5, code: 'tax_credit_grade', period: '2023', value: 'A', asOf: '2024-04-01' },
    { uscc: USCC.E8, code: 'tax_paid', period: '2023', value: 1, asOf: '2024-05-31' },
    { uscc: USCC.E6, code: 'tax_paid', period: '2023', value: '12.5', asOf: '2024-05-31' },
    { uscc: '=HYPERLINK("http://evil")', code: 'tax_paid', period: '2023', value: 1, asOf: '2024-05-31' },
    { uscc: USCC.E6, code: 'tax_paid', period: '2022', value: 2, asOf: '2024-13-01' },
  ];

  it('is queued with its row count, processed like a file, values in fen', async () => {
    const response = await data.post('/api/imports', { kind: 'indicators', source: 'tax', rows });
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json()).toMatchObject({ status: 'queued', kind: 'indicators', source: 'tax', fileName: null, totalRows: 6 });
    await t.app.jobs.drain();
    const batch = (await data.get(`/api/imports/${response.json().id}`)).json();
    expect(batch).toMatchObject({ status: 'completed', processedRows: 6, insertedRows: 2, errorRows: 4 });
    expect(await storedValues(t.app.db, ids.E5)).toMatchObject({ 'tax_paid 2023 tax': 1_234_567, 'tax_credit_grade 2023 tax': 'A' });
    // Rows are numbered as items (from 1) and columns named by their field.
    expect(brief(await errorsOf(batch.id))).toEqual([
      [3, 'uscc', 'enterprise_not_found'],
      [4, 'value', 'too_many_decimals'],
      [5, 'uscc', 'uscc_malformed'],
      [6, 'asOf', 'invalid_date'],
    ]);
    const stored = await t.app.db.selectFrom('import_batches').where('id', '=', batch.id).select('storage_path').executeTakeFirstOrThrow();
    expect(stored.storage_path).toMatch(new RegExp(`^imports/${batch.id}-[0-9a-f]{12}\\.jsonl$`));
  });

  it('is refused whole when its shape is wrong', async () => {
    const cases = [
      [{ kind: 'indicators', source: 'self_reported', rows }, 'body/source'],
      [{ kind: 'enterprises', source: 'tax', rows }, 'body/kind'],
      [{ kind: 'indicators', source: 'tax', rows: [{ ...rows[0], extra: 1 }] }, 'body/rows/0/extra'],
      [{ kind: 'indicators', source: 'tax', rows: [] }, 'body/rows'],
      [{ kind: 'indicators', source: 'tax', rows: Array.from({ length: 50_001 }, () => rows[0]) }, 'body/rows'],
    ] as const;
    for (const [body, path] of cases) {
      const response = await data.post('/api/imports', body);
      expect(response.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
  });
});
