import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/server/db/schema.ts';
import { createTestApp, TestClient, type TestApp } from '../app.ts';
import { createUser, TEST_PASSWORD } from '../factories/accounts.ts';
import { createEnterprise } from '../factories/enterprises.ts';
import { fixture, tempStorageDir, upload, USCC } from '../fixtures/imports/helpers.ts';

let t: TestApp;
let storageDir: string;
let data: TestClient;
let dataUsername: string;
let batchId: number;

const storedFiles = () => (fs.existsSync(path.join(storageDir, 'imports')) ? fs.readdirSync(path.join(storageDir, 'imports')) : []);
const batchCount = async () => Number((await t.app.db.selectFrom('import_batches').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

async function clientWith(role: Role): Promise<TestClient> {
  const user = await createUser(t.app.db, { roles: [role] });
  const client = new TestClient(t.app);
  await client.login(user.username, TEST_PASSWORD);
  return client;
}

beforeAll(async () => {
  storageDir = tempStorageDir();
  t = await createTestApp({ storageDir });
  const admin = await createUser(t.app.db, { roles: ['data_admin'] });
  dataUsername = admin.username;
  data = new TestClient(t.app);
  await data.login(admin.username, TEST_PASSWORD);
  for (const key of ['E1', 'E2', 'E3'] as const) await createEnterprise(t.app.db, { uscc: USCC[key], registryOnly: true });
  const response = await upload(data, { kind: 'indicators', source: 'statistics' }, { name: '统计局2024.csv', content: fixture('indicators-long.csv') });
  batchId = response.json().id;
  await t.app.jobs.drain();
});
afterAll(async () => {
  await t.close();
  fs.rmSync(storageDir, { recursive: true, force: true });
});

describe('only data administrators import', () => {
  it.each(['department_staff', 'admin', 'auditor', 'enterprise_user', 'bank_staff'] as const)('%s gets 403 everywhere, and no file is stored', async (role) => {
    const client = await clientWith(role);
    const [files, batches] = [storedFiles(), await batchCount()];
    const refused = await upload(client, { kind: 'indicators', source: 'statistics' }, { name: 'x.csv', content: fixture('indicators-long.csv') });
    expect(refused.statusCode).toBe(403);
    expect((await client.post('/api/imports', { kind: 'indicators', source: 'tax', rows: [{ uscc: USCC.E1, code: 'tax_paid', period: '2024', value: 1, asOf: '2025-01-01' }] })).statusCode).toBe(403);
    for (const url of ['/api/imports', `/api/imports/${batchId}`, `/api/imports/${batchId}/errors`, `/api/imports/${batchId}/report`]) {
      expect((await client.get(url)).statusCode, url).toBe(403);
    }
    expect(storedFiles()).toEqual(files);
    expect(await batchCount()).toBe(batches);
    const denied = await t.app.db.selectFrom('audit_log').where('outcome', '=', 'denied').where('action', '=', 'POST /api/imports').select('id').execute();
    expect(denied.length).toBeGreaterThan(0);
  });

  it('an anonymous caller gets 401', async () => {
    const anonymous = new TestClient(t.app);
    expect((await upload(anonymous, { kind: 'indicators', source: 'tax' }, { name: 'x.csv', content: 'a' })).statusCode).toBe(401);
    expect((await anonymous.get('/api/imports')).statusCode).toBe(401);
  });
});

describe('a bad upload is refused with 400 naming the field, and leaves nothing behind', () => {
  it.each([
    ['no file', { kind: 'indicators', source: 'tax' }, null, 'body/file'],
    ['an unknown kind', { kind: 'payments', source: 'tax' }, { name: 'a.csv', content: 'uscc\n' }, 'body/kind'],
    ['indicators without a source', { kind: 'indicators' }, { name: 'a.csv', content: 'uscc\n' }, 'body/source'],
    ['self-reported as a source', { kind: 'indicators', source: 'self_reported' }, { name: 'a.csv', content: 'uscc\n' }, 'body/source'],
    ['an old .xls workbook', { kind: 'indicators', source: 'tax' }, { name: 'a.xls', content: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]) }, 'body/file'],
    ['a CSV named .xlsx', { kind: 'indicators', source: 'tax' }, { name: 'a.xlsx', content: 'uscc,period\n' }, 'body/file'],
    ['an empty file', { kind: 'indicators', source: 'tax' }, { name: 'a.csv', content: '' }, 'body/file'],
  ] as const)('%s', async (_name, fields, file, field) => {
    const [files, batches] = [storedFiles(), await batchCount()];
    const response = await upload(data, fields, file ?? undefined);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(field);
    expect(storedFiles()).toEqual(files);
    expect(await batchCount()).toBe(batches);
  });

  it('a file over UPLOAD_LIMIT_BYTES gets 413', async () => {
    const small = await createTestApp({ storageDir, uploadLimitBytes: 2048 }, t.database);
    try {
      const client = new TestClient(small.app);
      await client.login(dataUsername, TEST_PASSWORD);
      const files = storedFiles();
      const response = await upload(client, { kind: 'indicators', source: 'tax' }, { name: 'big.csv', content: 'x'.repeat(4096) });
      expect(response.statusCode).toBe(413);
      expect(response.json().error.code).toBe('payload_too_large');
      expect(storedFiles()).toEqual(files);
    } finally {
      await small.close();
    }
  });
});

describe('batches and their errors', () => {
  it('lists batches newest first, with who asked', async () => {
    await upload(data, { kind: 'indicators', source: 'tax' }, { name: 'second.csv', content: 'uscc,indicator,period,value,as_of\n' });
    const list = (await data.get('/api/imports?pageSize=1')).json();
    expect(list).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(list.items[0]).toMatchObject({ fileName: 'second.csv', status: 'queued', createdBy: { username: dataUsername } });
    const second = (await data.get('/api/imports?pageSize=1&page=2')).json();
    expect(second.items[0]).toMatchObject({ id: batchId, status: 'completed', kind: 'indicators', source: 'statistics' });
    expect((await data.get('/api/imports?status=completed')).json().total).toBe(1);
    expect((await data.get('/api/imports/999999')).statusCode).toBe(404);
  });

  it('pages the errors by row number', async () => {
    const first = (await data.get(`/api/imports/${batchId}/errors?pageSize=5`)).json();
    const second = (await data.get(`/api/imports/${batchId}/errors?pageSize=5&page=2`)).json();
    expect(first.total).toBe(19);
    expect(first.items.map((e: { rowNo: number }) => e.rowNo)).toEqual([7, 8, 9, 10, 11]);
    expect(second.items[0].rowNo).toBe(12);
  });
});

describe('the report download', () => {
  it('is an Excel-friendly CSV: BOM, summary, then row, column, reason, value of every bad cell', async () => {
    const response = await data.get(`/api/imports/${batchId}/report`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="import-${batchId}-report.csv"`);
    const raw = response.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = raw.subarray(3).toString('utf8').split('\r\n');
    expect(lines.slice(0, 14)).toEqual([
      `导入报告 Import report,#${batchId}`,
      '类型 Kind,指标数据 indicators',
      '来源 Source,统计局 statistics',
      '文件 File,统计局2024.csv',
      expect.stringMatching(/^SHA-256,[0-9a-f]{64}$/),
      '状态 Status,已完成 completed',
      `提交人 Submitted by,${dataUsername}`,
      expect.stringMatching(/^提交时间 Submitted at,\d{4}-\d{2}-\d{2}T/),
      expect.stringMatching(/^完成时间 Finished at,\d{4}-\d{2}-\d{2}T/),
      '数据行 Rows,24',
      '新增 Inserted,6',
      '更新 Updated,0',
      '未变 Unchanged,0',
      '错误行 Rows with errors,18',
    ]);
    const header = lines.indexOf('行号 row,列 column,原因 reason,值 value,原因（英文） reason (English),代码 code');
    expect(header).toBe(15);
    const body = lines.slice(header + 1).filter(Boolean);
    expect(body).toHaveLength(19);
    expect(body[0]).toBe('7,数值,以分为单位应为整数,100.5,in fen the amount must be a whole number,too_many_decimals');
    expect(body).toContain(`20,统一社会信用代码+指标+期间,与第2行重复（企业、指标和期间相同）,${USCC.E1} operating_revenue 2024,"duplicates row 2 (same enterprise, indicator and period)",duplicate_row`);
    const audit = await t.app.db.selectFrom('audit_log').where('action', '=', 'import.report').where('target_id', '=', String(batchId)).select('actor_username').executeTakeFirstOrThrow();
    expect(audit.actor_username).toBe(dataUsername);
  });

  it('defuses formulas in cells quoted from the file', async () => {
    const response = await data.post('/api/imports', { kind: 'indicators', source: 'tax', rows: [{ uscc: '=HYPERLINK("http://evil","x")', code: 'tax_paid', period: '2024', value: -5, asOf: '2025-01-01' }] });
    await t.app.jobs.drain();
    const report = (await data.get(`/api/imports/${response.json().id}/report`)).body;
    expect(report).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(report).not.toMatch(/,=HYPERLINK/);
  });
});
