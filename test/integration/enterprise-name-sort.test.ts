import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/server/db/schema.ts';
import { fillNameSortKeys } from '../../src/server/modules/enterprises/index.ts';
import { updateEnterprise } from '../../src/server/modules/enterprises/enterprises.repository.ts';
import { createTestApp, type TestClient, type TestApp } from '../app.ts';
import { createEnterprise, signIn } from '../factories/enterprises.ts';

// Issue 12: lists sort Chinese names by pinyin (安徽, 重庆, 四川), not by code point (四川 first), on PGlite and PostgreSQL alike.
let t: TestApp;
let db: Kysely<DB>;
let dept: TestClient;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  dept = await signIn(t.app, ['department_staff']);
  for (const [key, name] of [
    ['sichuan', '四川拼音序机械有限公司'],
    ['chongqing', '重庆拼音序电子有限公司'],
    ['anhui', '安徽拼音序叉车有限公司'],
  ] as const) {
    ids[key] = (await createEnterprise(db, { name })).id;
  }
});
afterAll(async () => {
  await t.close();
});

const listed = async () => {
  const response = await dept.get(`/api/enterprises?q=${encodeURIComponent('拼音序')}&pageSize=50`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { items: { name: string }[] }).items.map((item) => item.name);
};

describe('enterprise lists in pinyin order', () => {
  it('lists 安徽, 重庆 (chong, not zhong), 四川 through the API', async () => {
    expect(await listed()).toEqual(['安徽拼音序叉车有限公司', '重庆拼音序电子有限公司', '四川拼音序机械有限公司']);
  });

  it('keeps the order after a rename through the repository, which rewrites the key', async () => {
    await updateEnterprise(db, ids.sichuan!, { name: '阿坝拼音序机械有限公司' });
    expect((await listed())[0]).toBe('阿坝拼音序机械有限公司');
    await updateEnterprise(db, ids.sichuan!, { name: '四川拼音序机械有限公司' });
    expect(await listed()).toEqual(['安徽拼音序叉车有限公司', '重庆拼音序电子有限公司', '四川拼音序机械有限公司']);
  });

  it('clears a key a writer left stale, and the start-up fill restores every missing key idempotently', async () => {
    await sql`update enterprises set name = '北京拼音序机械有限公司' where id = ${ids.sichuan!}`.execute(db);
    const stale = await db.selectFrom('enterprises').where('id', '=', ids.sichuan!).select('name_sort').executeTakeFirstOrThrow();
    expect(stale.name_sort).toBeNull();
    await sql`update enterprises set name_sort = null where id = ${ids.anhui!}`.execute(db);

    expect(await fillNameSortKeys(db, 1)).toBeGreaterThanOrEqual(2);
    expect(await fillNameSortKeys(db)).toBe(0);
    expect(await listed()).toEqual(['安徽拼音序叉车有限公司', '北京拼音序机械有限公司', '重庆拼音序电子有限公司']);
  });
});
