import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILE_RECOMPUTE_JOB } from '../../src/server/modules/profiles/profiles.queue.ts';
import { createTestApp, TestClient, type TestApp } from '../app.ts';
import { createUser, TEST_PASSWORD } from '../factories/accounts.ts';
import { createEnterprise, nextUscc } from '../factories/enterprises.ts';
import { todayInCounty } from '../../src/server/platform/county-date.ts';
import { createTowns, fixture, tempStorageDir, upload, USCC } from '../fixtures/imports/helpers.ts';

let t: TestApp;
let storageDir: string;
let data: TestClient;
let e1: number;

beforeAll(async () => {
  storageDir = tempStorageDir();
  t = await createTestApp({ storageDir });
  await createTowns(t.app.db);
  const admin = await createUser(t.app.db, { roles: ['data_admin'] });
  data = new TestClient(t.app);
  await data.login(admin.username, TEST_PASSWORD);
  e1 = (await createEnterprise(t.app.db, { uscc: USCC.E1, name: '旧名称', registryOnly: true })).id;
});
afterAll(async () => {
  await t.close();
  fs.rmSync(storageDir, { recursive: true, force: true });
});

async function importFile(name: string, content: Buffer | string) {
  const response = await upload(data, { kind: 'enterprises' }, { name, content });
  expect(response.statusCode, response.body).toBe(202);
  await t.app.jobs.drain();
  return (await data.get(`/api/imports/${response.json().id}`)).json();
}

const registry = (uscc: string) =>
  t.app.db
    .selectFrom('enterprises')
    .where('uscc', '=', uscc)
    .select(['id', 'name', 'type', 'legal_representative', 'registered_on', 'registered_capital_fen', 'town_code', 'address', 'industry_code', 'industry_section', 'industry_division', 'status', 'uscc_status', 'closed_on'])
    .executeTakeFirst();

describe('an enterprises (registry) import', () => {
  let batch: { id: number; source: string; status: string };

  it('adds new USCCs, updates known ones, and rejects bad rows with row, column and reason', async () => {
    batch = await importFile('名录.csv', fixture('enterprises.csv'));
    expect(batch).toMatchObject({ status: 'completed', source: 'market_regulation', processedRows: 12, insertedRows: 2, updatedRows: 1, unchangedRows: 0, errorRows: 9 });
    const errors = (await data.get(`/api/imports/${batch.id}/errors`)).json().items as { rowNo: number; column: string; code: string }[];
    expect(errors.map((e) => [e.rowNo, e.column, e.code])).toEqual([
      [4, '类型', 'missing_value'],
      [5, '类型', 'invalid_type'],
      [6, '镇街', 'unknown_town'],
      [7, '行业代码', 'invalid_industry_code'],
      [8, '状态', 'invalid_status'],
      [9, '统一社会信用代码', 'uscc_checksum_mismatch'],
      [10, '统一社会信用代码', 'duplicate_row'],
      [11, '注册资本(万元)', 'invalid_number'],
      [12, '企业名称', 'missing_value'],
    ]);
  });

  it('stores registry facts exactly: types, dates, capital in fen, town by name or code, industry levels, status', async () => {
    expect(await registry(USCC.E1)).toMatchObject({
      id: e1,
      name: '重庆垫江恒通机械制造有限公司',
      type: 'limited_company',
      legal_representative: '张三',
      registered_on: '2015-06-01',
      registered_capital_fen: 500_000_000,
      town_code: '500231002',
      industry_code: '3411',
      industry_section: 'C',
      industry_division: '34',
      status: 'operating',
    });
    expect(await registry(USCC.E7)).toMatchObject({ type: 'joint_stock_company', registered_on: '2020-01-02', registered_capital_fen: 1_000_500_000, town_code: '500231001', industry_code: '6510', industry_section: 'I', status: 'operating', uscc_status: 'valid' });
    expect(await registry('91500231MA5U00016P')).toMatchObject({ type: 'individual_business', status: 'revoked', industry_code: '5211', industry_section: 'F', town_code: '500231101' });
    expect(await registry(USCC.E8)).toBeUndefined();
    expect(await registry(USCC.BAD_CHECK)).toBeUndefined();
  });

  it('queues a profile recompute of the enterprises added or changed', async () => {
    const jobs = await t.app.db.selectFrom('jobs').where('kind', '=', PROFILE_RECOMPUTE_JOB).select('payload').execute();
    const ids = [e1, (await registry(USCC.E7))!.id, (await registry('91500231MA5U00016P'))!.id].sort((a, b) => a - b);
    expect(jobs.map((j) => (j.payload as { enterpriseIds: number[] }).enterpriseIds)).toEqual([ids]);
  });

  it('changes nothing on a second import of the same file', async () => {
    const again = await importFile('名录.csv', fixture('enterprises.csv'));
    expect(again).toMatchObject({ status: 'completed', insertedRows: 0, updatedRows: 0, unchangedRows: 3, errorRows: 9 });
  });

  it('keeps stored values for empty cells, and updates a pilot-era code the registry already accepted', async () => {
    await createEnterprise(t.app.db, { uscc: USCC.BAD_CHECK, name: '试点企业', registryOnly: true });
    await t.app.db.updateTable('enterprises').set({ uscc_status: 'checksum_override', legal_representative: '原法人' }).where('uscc', '=', USCC.BAD_CHECK).execute();
    const batch = await importFile('partial.csv', `统一社会信用代码,企业名称,状态\n${USCC.BAD_CHECK},垫江县试点企业,停业\n${USCC.E1},重庆垫江恒通机械制造有限公司,\n`);
    expect(batch).toMatchObject({ status: 'completed', updatedRows: 1, unchangedRows: 1, errorRows: 0 });
    expect(await registry(USCC.BAD_CHECK)).toMatchObject({ name: '垫江县试点企业', status: 'suspended', legal_representative: '原法人', uscc_status: 'checksum_override' });
    expect(await registry(USCC.E1)).toMatchObject({ status: 'operating', registered_capital_fen: 500_000_000 });
  });

  it('imports closure dates of closed firms, refuses them on operating firms, before registration or in the future, and clears them on reopening', async () => {
    const [cancelled, revoked, approved, operatingWithDate, early, future, unread] = Array.from({ length: 7 }, () => nextUscc());
    const tomorrow = new Date(Date.parse(`${todayInCounty()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const file = [
      '统一社会信用代码,企业名称,类型,成立日期,状态,注销日期',
      `${cancelled},垫江县注销企业,有限责任公司,2018-03-01,注销,2025/7/15`,
      `${revoked},垫江县吊销企业,个体工商户,2019-01-01,吊销，未注销,2024年5月6日`,
      `${approved},垫江县迁出企业,有限责任公司,2019-01-01,迁出,`,
      `${operatingWithDate},垫江县存续企业,有限责任公司,2019-01-01,存续,2025-01-01`,
      `${early},垫江县早注销企业,有限责任公司,2020-06-01,注销,2020-05-31`,
      `${future},垫江县未来企业,有限责任公司,2020-06-01,注销,${tomorrow}`,
      `${unread},垫江县日期企业,有限责任公司,2020-06-01,注销,去年`,
    ].join('\n');
    const batch = await importFile('注销.csv', file);
    expect(batch).toMatchObject({ status: 'completed', insertedRows: 3, errorRows: 4 });
    const errors = (await data.get(`/api/imports/${batch.id}/errors`)).json().items as { rowNo: number; column: string; code: string; reason: string }[];
    expect(errors.map((e) => [e.rowNo, e.column, e.code])).toEqual([
      [5, '注销日期', 'closed_date_not_closed'],
      [6, '注销日期', 'closed_before_registered'],
      [7, '注销日期', 'future_date'],
      [8, '注销日期', 'invalid_date'],
    ]);
    expect(errors[0].reason).toContain('存续');
    expect(errors[1].reason).toBe('注销日期2020-05-31早于成立日期2020-06-01');
    expect(await registry(cancelled)).toMatchObject({ status: 'cancelled', closed_on: '2025-07-15' });
    expect(await registry(revoked)).toMatchObject({ status: 'revoked', closed_on: '2024-05-06' });
    expect(await registry(approved)).toMatchObject({ status: 'moved_out', closed_on: null });
    for (const uscc of [operatingWithDate, early, future, unread]) expect(await registry(uscc)).toBeUndefined();

    // 核准日期 is every firm's last approved change: the closure date of a closed firm, ignored for an operating one.
    const second = await importFile('核准.csv', [
      '统一社会信用代码,企业名称,状态,核准日期',
      `${approved},垫江县迁出企业,迁出,2023-09-30`,
      `${USCC.E1},重庆垫江恒通机械制造有限公司,存续,2024-01-02`,
    ].join('\n'));
    expect(second).toMatchObject({ status: 'completed', updatedRows: 1, unchangedRows: 1, errorRows: 0 });
    expect(await registry(approved)).toMatchObject({ closed_on: '2023-09-30' });
    expect(await registry(USCC.E1)).toMatchObject({ status: 'operating', closed_on: null });

    // A closed firm keeps its date when a file names only its status; a later 成立日期 is checked against it;
    // reopening (存续) clears it.
    const third = await importFile('复业.csv', [
      '统一社会信用代码,企业名称,成立日期,状态',
      `${cancelled},垫江县注销企业,,注销`,
      `${revoked},垫江县吊销企业,2024-06-01,`,
      `${approved},垫江县迁出企业,,存续`,
    ].join('\n'));
    expect(third).toMatchObject({ status: 'completed', updatedRows: 1, unchangedRows: 1, errorRows: 1 });
    const thirdErrors = (await data.get(`/api/imports/${third.id}/errors`)).json().items as { rowNo: number; column: string; code: string }[];
    expect(thirdErrors.map((e) => [e.rowNo, e.column, e.code])).toEqual([[3, '成立日期', 'closed_before_registered']]);
    expect(await registry(cancelled)).toMatchObject({ status: 'cancelled', closed_on: '2025-07-15' });
    expect(await registry(revoked)).toMatchObject({ registered_on: '2019-01-01', closed_on: '2024-05-06' });
    expect(await registry(approved)).toMatchObject({ status: 'operating', closed_on: null });
  });
});
