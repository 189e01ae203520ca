import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../app.ts';
import { createUser, TEST_PASSWORD } from '../factories/accounts.ts';
import { createEnterprise, LAST_YEAR, signIn } from '../factories/enterprises.ts';
import { tempStorageDir } from '../fixtures/imports/helpers.ts';

/** Issue 13 item 5, "no 5xx from input": each hostile input is a 400 naming the field, and nothing is stored. */
let t: TestApp;
let storageDir: string;
let admin: TestClient;
let data: TestClient;
let enterpriseId: number;

beforeAll(async () => {
  storageDir = tempStorageDir();
  t = await createTestApp({ storageDir });
  admin = await signIn(t.app, ['admin']);
  data = await signIn(t.app, ['data_admin']);
  enterpriseId = (await createEnterprise(t.app.db)).id;
});
afterAll(async () => {
  await t.close();
  fs.rmSync(storageDir, { recursive: true, force: true });
});

const detailsOf = (response: { json(): unknown }) => (response.json() as { error: { code: string; details: { path: string; message: string }[] } }).error;
const orgCount = async () => (await t.app.db.selectFrom('organizations').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;

function expectRefused(response: { statusCode: number; body: string; json(): unknown }, field: string) {
  expect(response.statusCode, response.body).toBe(400);
  expect(detailsOf(response).details.map((d) => d.path), response.body).toContain(field);
}

describe('NUL bytes and lone surrogates', () => {
  it('are refused in a sign-in, naming the field', async () => {
    const user = await createUser(t.app.db, { roles: ['cadre'] });
    expectRefused(await new TestClient(t.app).post('/api/auth/login', { username: `${user.username}\u0000`, password: TEST_PASSWORD }), 'body/username');
    expectRefused(await new TestClient(t.app).post('/api/auth/login', { username: user.username, password: 'x\ud800' }), 'body/password');
    expectRefused(await new TestClient(t.app).post('/api/auth/login', { username: user.username, password: TEST_PASSWORD }, { headers: { 'user-agent': 'a\u0000b' } }), 'headers/user-agent');
  });

  it('are refused in bodies at any depth, in query strings and in paths, and nothing is stored', async () => {
    const before = await orgCount();
    expectRefused(await admin.post('/api/admin/orgs', { type: 'bank', name: 'Bank\u0000' }), 'body/name');
    expectRefused(await admin.post('/api/admin/orgs', { type: 'bank', name: 'Bank \udc00' }), 'body/name');
    expect(await orgCount()).toBe(before);
    const values = [{ code: 'grade_code_that_does_not_exist', period: String(LAST_YEAR), value: 'A\u0000', source: 'statistics', asOf: `${LAST_YEAR + 1}-03-31` }];
    expectRefused(await data.post(`/api/enterprises/${enterpriseId}/indicators`, values), 'body/0/value');
    expectRefused(await data.get('/api/enterprises?q=%00'), 'querystring/q');
  });
});

describe('numbers in bodies', () => {
  it('are JSON numbers: "0x10", "1e999", "Infinity", "16" and true are not read as integers', async () => {
    for (const orgId of ['0x10', '1e999', 'Infinity', '16', true, null]) {
      expectRefused(await admin.post('/api/admin/users', { username: 'someone-new', displayName: 'Someone', password: 'A-long-enough-pass-99', orgId, roles: ['cadre'] }), 'body/orgId');
    }
    expect(await t.app.db.selectFrom('users').where('username', '=', 'someone-new').selectAll().execute()).toEqual([]);
  });

  it('have a checked range: an id beyond 2^31 − 1, 1e999 written as a JSON number', async () => {
    const body = (orgId: string) => `{"username":"someone-new","displayName":"Someone","password":"A-long-enough-pass-99","orgId":${orgId},"roles":["cadre"]}`;
    for (const orgId of ['2147483648', '1e999', '-1e999', '9007199254740993']) {
      expectRefused(await admin.request('POST', '/api/admin/users', body(orgId), { headers: { 'content-type': 'application/json' } }), 'body/orgId');
    }
  });
});

describe('names and titles', () => {
  it('are trimmed, then required', async () => {
    const before = await orgCount();
    for (const name of ['', '   ', '\t\n', '　']) expectRefused(await admin.post('/api/admin/orgs', { type: 'bank', name }), 'body/name');
    expect(await orgCount()).toBe(before);
    const created = await admin.post('/api/admin/orgs', { type: 'bank', name: '  垫江测试银行  ' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().name).toBe('垫江测试银行');
  });
});

describe('null where an object is expected', () => {
  it('is a 400, at the top and nested', async () => {
    expectRefused(await admin.request('POST', '/api/admin/orgs', 'null', { headers: { 'content-type': 'application/json' } }), 'body');
    expectRefused(await data.post(`/api/enterprises/${enterpriseId}/indicators`, [null]), 'body/0');
  });
});

describe('indicator values', () => {
  it('null, true and blank are refused, never stored as 0 or 1', async () => {
    const stored = () => t.app.db.selectFrom('indicator_values').where('enterprise_id', '=', enterpriseId).where('indicator_code', '=', 'employees').where('period', '=', '2020').selectAll().execute();
    for (const value of [null, true, false, '', '   ']) {
      const response = await data.post(`/api/enterprises/${enterpriseId}/indicators`, [{ code: 'employees', period: '2020', value, source: 'statistics', asOf: '2021-03-31' }]);
      expect(response.statusCode, `${JSON.stringify(value)}: ${response.body}`).toBe(400);
      expect(JSON.stringify(detailsOf(response).details)).toContain('value');
    }
    expect(await stored()).toEqual([]);
  });
});

describe('malformed multipart', () => {
  const BOUNDARY = 'b0undary';
  const part = (name: string, value: string) => `--${BOUNDARY}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const file = `--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="a.csv"\r\ncontent-type: text/csv\r\n\r\nuscc,code,period,value\r\n`;
  const send = (payload: string, contentType = `multipart/form-data; boundary=${BOUNDARY}`) =>
    data.request('POST', '/api/imports', Buffer.from(payload) as unknown as string, { headers: { 'content-type': contentType } });
  const stored = () => (fs.existsSync(storageDir) ? fs.readdirSync(storageDir, { recursive: true }).filter((entry) => fs.statSync(path.join(storageDir, String(entry))).isFile()) : []);
  const batches = async () => (await t.app.db.selectFrom('import_batches').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;

  it('a truncated body, a wrong or missing boundary, a field too large, a NUL in a field, no body: 400 and nothing stored', async () => {
    const before = await batches();
    const cases: [string, string | undefined, string][] = [
      [part('kind', 'indicators') + part('source', 'statistics') + file.slice(0, -5), undefined, 'body'],
      [part('kind', 'indicators') + file + `--${BOUNDARY}--\r\n`, 'multipart/form-data; boundary=other', 'body'],
      [part('kind', 'x'.repeat(5000)) + file + `--${BOUNDARY}--\r\n`, undefined, 'body/kind'],
      [part('kind', 'indicators\u0000') + file + `--${BOUNDARY}--\r\n`, undefined, 'body/kind'],
      [part('kind', 'indicators') + part('source', 'statistics') + `--${BOUNDARY}--\r\n`, undefined, 'body/file'],
    ];
    for (const [payload, contentType, field] of cases) {
      const response = await send(payload, contentType);
      expect(response.statusCode, `${field}: ${response.body}`).toBe(400);
      expect(detailsOf(response).details.map((d) => d.path), response.body).toContain(field);
    }
    const withoutBoundary = await send(part('kind', 'indicators') + file, 'multipart/form-data');
    expect([400, 415], withoutBoundary.body).toContain(withoutBoundary.statusCode);
    expectRefused(await data.request('POST', '/api/imports'), 'body');
    expect(await batches()).toBe(before);
    expect(stored()).toEqual([]);
  });
});
