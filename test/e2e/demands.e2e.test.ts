import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemandCounts, DemandDetail, DemandSummaryItem, Page as Paged, ServiceItem } from '../../src/web/api/types.ts';
import { launchBrowser, login, newPage } from './browser.ts';

// 诉求 (issue 9), the whole journey in Chromium: the showcase enterprise (`ent`) files a demand on a phone;
// the dispatcher (`dispatch`) sees it counted in the queue on the dispatch home, opens it, reads the routing
// suggestion and assigns it with one click as suggested; the competent department's staff (`dept`, 经信委)
// accepts, starts and resolves it; the enterprise rates it 5 stars; the dispatcher's counts move back.

const PHONE = { width: 375, height: 812 };
/** A power-capacity demand: the seeded history routes 水电气 to 县经济和信息化委员会, whose staff is `dept`. */
const TITLE = '新增生产线后申请变压器增容到800千伏安';
const DESCRIPTION =
  '我公司新上了两条数控加工生产线，用电负荷明显不够，车间经常跳闸停电，严重影响生产。已向供电公司提交用电增容报装申请一个多月，一直没有安排现场勘查，恳请帮助协调加快报装进度。';
const DEPARTMENT = '县经济和信息化委员会';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

async function apiGet<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(path);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** The number a tile of the dispatch home shows. */
async function tile(page: Page, key: string): Promise<number> {
  return Number(await page.getByTestId(`count-${key}`).getAttribute('data-value'));
}

describe('诉求: file, dispatch with the suggestion, handle, rate', () => {
  it('moves a demand from the enterprise through the dispatcher and the department back to the enterprise, and the counts follow', { timeout: 240_000 }, async () => {
    // The dispatcher's home before: the queue and the resolved count as the API gives them.
    const dispatch = await newPage(browser);
    await login(dispatch.page, 'dispatch');
    expect(new URL(dispatch.page.url()).pathname).toBe('/gov');
    await dispatch.page.getByTestId('dispatch-counts').waitFor();
    const before = await apiGet<DemandCounts>(dispatch.page, '/api/demands/summary');
    await expect.poll(() => tile(dispatch.page, 'queue'), { timeout: 15_000 }).toBe(before.queue);
    expect(before.queue).toBeGreaterThan(0);
    await dispatch.page.getByTestId('chart-by-category').locator('svg').waitFor();
    await dispatch.page.getByTestId('overdue-board').waitFor();

    // 1. The enterprise files the demand from its phone.
    const ent = await newPage(browser, { viewport: PHONE });
    await login(ent.page, 'ent');
    await ent.page.goto('/portal/demands/new');
    await ent.page.getByTestId('file-title').fill(TITLE);
    await ent.page.getByTestId('file-description').fill(DESCRIPTION);
    expect(await hasHorizontalScroll(ent.page)).toBe(false);
    await ent.page.getByTestId('file-submit').click();
    // A similar open demand of the firm may be pointed out first; this one is new, so it is filed anyway.
    const filed = /\/portal\/demands\/\d+$/;
    await Promise.race([ent.page.waitForURL(filed, { timeout: 30_000 }).catch(() => {}), ent.page.getByTestId('file-duplicates').waitFor({ timeout: 30_000 }).catch(() => {})]);
    if (!filed.test(new URL(ent.page.url()).pathname)) {
      await ent.page.getByTestId('file-submit').click();
      await ent.page.waitForURL(filed, { timeout: 30_000 });
    }
    const demandId = Number(new URL(ent.page.url()).pathname.split('/').pop());
    await expect.poll(() => ent.page.getByTestId('demand-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('submitted');
    await ent.page.getByTestId('timeline-submit').waitFor();
    expect(await hasHorizontalScroll(ent.page)).toBe(false);

    // 2. The dispatcher's queue count moved; the demand shows the suggestion: 水电气 → 经信委, with alternatives.
    await dispatch.page.reload();
    await expect.poll(() => tile(dispatch.page, 'queue'), { timeout: 15_000 }).toBe(before.queue + 1);
    await dispatch.page.goto(`/gov/demands/${demandId}`);
    const panel = dispatch.page.getByTestId('suggestion-panel');
    await panel.waitFor();
    await expect.poll(() => dispatch.page.getByTestId('suggestion-category').getAttribute('data-code'), { timeout: 15_000 }).toBe('utilities');
    expect(await dispatch.page.getByTestId('suggestion-department').textContent()).toBe(DEPARTMENT);
    expect(await dispatch.page.getByTestId('suggestion-alternatives').locator('.ant-progress').count()).toBe(3);
    await dispatch.page.getByTestId('suggestion-similar').waitFor();
    await dispatch.page.getByTestId('assign-suggested').click();
    await expect.poll(() => dispatch.page.getByTestId('demand-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('assigned');
    expect(await dispatch.page.getByTestId('demand-handler').textContent()).toContain(DEPARTMENT);

    // 3. The department's staff finds it in its orders, accepts, starts and resolves it.
    const dept = await newPage(browser);
    await login(dept.page, 'dept');
    await dept.page.goto('/gov/demands');
    await dept.page.getByTestId(`demand-open-${demandId}`).click();
    await dept.page.waitForURL(new RegExp(`/gov/demands/${demandId}$`));
    await dept.page.getByTestId('demand-action-accept').click();
    await expect.poll(() => dept.page.getByTestId('demand-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('accepted');
    await dept.page.getByTestId('demand-action-start').click();
    await expect.poll(() => dept.page.getByTestId('demand-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('in_progress');
    await dept.page.getByTestId('demand-action-resolve').click();
    await dept.page.getByTestId('demand-resolution').fill('已协调国网垫江供电公司开辟绿色通道，现场勘查后完成增容工程，已送电。');
    await dept.page.getByTestId('demand-action-confirm').click();
    await expect.poll(() => dept.page.getByTestId('demand-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('resolved');
    await dept.context.close();

    // 4. The enterprise sees the result on the timeline and rates it 5 stars with a comment.
    await ent.page.reload();
    await expect.poll(() => ent.page.getByTestId('demand-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('resolved');
    await ent.page.getByTestId('demand-result').waitFor();
    await ent.page.getByTestId('timeline-resolve').waitFor();
    await ent.page.getByTestId('demand-action-rate').click();
    await ent.page.getByTestId('demand-rating').locator('li').nth(4).click();
    await ent.page.getByTestId('demand-rating-comment').fill('响应很快，问题彻底解决了。');
    await ent.page.getByTestId('demand-action-confirm').click();
    await expect.poll(() => ent.page.getByTestId('demand-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('rated');
    expect(await ent.page.getByTestId('demand-rating-shown').getAttribute('data-rating')).toBe('5');
    const detail = await apiGet<DemandDetail>(ent.page, `/api/demands/${demandId}`);
    expect(detail.timeline.map((entry) => entry.action)).toEqual(expect.arrayContaining(['submit', 'assign', 'accept', 'start', 'resolve', 'rate']));
    expect(detail.suggestion).toBeNull();
    await ent.context.close();

    // 5. The dispatcher's home: the queue is back where it was, one more resolved in the last 30 days.
    await dispatch.page.goto('/gov');
    await expect.poll(() => tile(dispatch.page, 'queue'), { timeout: 15_000 }).toBe(before.queue);
    await expect.poll(() => tile(dispatch.page, 'resolved30'), { timeout: 15_000 }).toBe(before.resolvedLast30Days + 1);
    await dispatch.context.close();
  });

  it('gives the provider a workbench: it claims an offer from the pool, accepts it, and keeps its catalogue with ratings', { timeout: 120_000 }, async () => {
    const { context, page } = await newPage(browser);
    await login(page, 'provider');
    expect(new URL(page.url()).pathname).toBe('/provider');
    const pool = await apiGet<Paged<DemandSummaryItem>>(page, '/api/demands/pool?page=1&pageSize=50');
    expect(pool.total).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('count-pool').getAttribute('data-value'), { timeout: 15_000 }).toBe(String(pool.total));
    await page.getByTestId('provider-ratings').waitFor();

    // 抢单: the oldest offer, from the pool page; it becomes this provider's order, to accept.
    await page.getByTestId('nav-provider-pool').click();
    await page.waitForURL(/\/provider\/pool$/);
    const offer = pool.items[0];
    await page.getByTestId(`pool-claim-${offer.id}`).click();
    await page.waitForURL(new RegExp(`/provider/demands/${offer.id}$`), { timeout: 15_000 });
    await expect.poll(() => page.getByTestId('demand-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('assigned');
    await page.getByTestId('demand-action-accept').click();
    await expect.poll(() => page.getByTestId('demand-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('accepted');
    const after = await apiGet<Paged<DemandSummaryItem>>(page, '/api/demands/pool?page=1&pageSize=50');
    expect(after.total).toBe(pool.total - 1);

    // Its catalogue items (服务超市), with the ratings of the demands they served.
    await page.getByTestId('nav-provider-services').click();
    await page.waitForURL(/\/provider\/services$/);
    const mine = await apiGet<Paged<ServiceItem>>(page, '/api/services?mine=true&page=1&pageSize=50');
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.some((item) => item.ratingAverage !== null)).toBe(true);
    await expect.poll(() => page.getByTestId('my-services').locator('tbody tr.ant-table-row').count(), { timeout: 15_000 }).toBe(mine.items.length);
    await context.close();
  });

  it('lets the dispatcher import 12345 work orders: progress, then the demands created and a rejected row with its reason', { timeout: 120_000 }, async () => {
    const { context, page } = await newPage(browser);
    await login(page, 'dispatch');
    await page.getByTestId('nav-gov-demand-hotline-import').click();
    await page.waitForURL(/\/gov\/demands\/hotline-import$/);
    await page.getByTestId('import-sample-hotline').waitFor();

    const firms = await apiGet<Paged<{ id: number; uscc: string; name: string }>>(page, '/api/enterprises?page=1&pageSize=2');
    expect(firms.items).toHaveLength(2);
    const run = Date.now();
    const titles = [`厂区门前道路破损严重-${run}`, `急需招聘数控操作工-${run}`];
    const csv = [
      '工单编号,统一社会信用代码,标题,诉求内容,诉求类别,紧急程度,联系人,联系电话,来电时间',
      `E2E${run}1,${firms.items[0].uscc},${titles[0]},厂区门前道路坑洼，大货车无法通行，影响原料运输。,,紧急,王先生,13900000001,2026-12-07 09:30`, // row 2
      `E2E${run}2,${firms.items[1].uscc},${titles[1]},扩产急需招聘二十名数控操作工，希望人社部门帮助对接。,用工招聘,一般,李女士,13900000002,2026-12-07 10:00`, // row 3
      `E2E${run}3,${firms.items[0].uscc},,没有标题的工单,,,,,`, // row 4: no title
    ].join('\r\n');
    await page.getByTestId('hotline-upload').locator('input[type=file]').setInputFiles({ name: `12345-${run}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}`, 'utf8') });
    await page.getByTestId('hotline-submit').click();

    // Progress while it runs, then the counts: two demands, one rejected row (row 4, the title).
    const progress = page.getByTestId('import-progress');
    await progress.getByTestId('import-progress-bar').waitFor();
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 30_000 }).toBe('completed');
    await expect.poll(() => page.getByTestId('import-count-inserted').textContent(), { timeout: 15_000 }).toContain('2');
    expect(await page.getByTestId('import-count-errors').textContent()).toContain('1');
    const errors = page.getByTestId('import-errors');
    await expect.poll(() => errors.locator('tbody tr.ant-table-row').count(), { timeout: 15_000 }).toBe(1);
    expect(await errors.locator('tbody tr.ant-table-row td:first-child').allTextContents()).toEqual(['4']);
    expect(await errors.textContent()).toContain('标题');

    // The demands it created, each openable; they wait in the queue as 12345 hotline demands.
    const imported = page.getByTestId('hotline-imported-table');
    await expect.poll(() => imported.locator('tbody tr.ant-table-row').count(), { timeout: 15_000 }).toBe(2);
    const importedText = (await imported.textContent()) ?? '';
    for (const title of titles) expect(importedText).toContain(title);
    await imported.getByText(titles[1]).click();
    await page.waitForURL(/\/gov\/demands\/\d+$/);
    const demand = await apiGet<DemandDetail>(page, `/api/demands/${page.url().split('/').pop()}`);
    expect(demand).toMatchObject({ channel: 'hotline', state: 'submitted', title: titles[1], enterprise: { id: firms.items[1].id } });
    await context.close();
  });

  it('lets a cadre file a demand on an enterprise’s behalf with the shared form', { timeout: 120_000 }, async () => {
    const { context, page } = await newPage(browser);
    await login(page, 'cadre');
    await page.getByTestId('nav-gov-demand-new').click();
    await page.waitForURL(/\/gov\/demands\/new$/);

    // A cadre files for the firms linked to them (千人联千企): take one of 我的企业.
    const mine = await apiGet<{ items: { id: number; uscc: string; name: string }[] }>(page, '/api/me/cadre/enterprises');
    const firm = mine.items[0];
    await page.getByTestId('file-enterprise').click();
    await page.keyboard.type(firm.uscc);
    await page.getByTestId(`enterprise-option-${firm.id}`).click();
    const title = `走访发现：企业反映天然气报装进度缓慢-${Date.now()}`;
    await page.getByTestId('file-title').fill(title);
    await page.getByTestId('file-description').fill('走访中企业反映新厂房天然气报装已提交两个月仍未通气，影响试生产，希望协调燃气公司加快施工。');
    await page.getByTestId('file-submit').click();
    const filed = /\/gov\/demands\/\d+$/;
    await Promise.race([page.waitForURL(filed, { timeout: 30_000 }).catch(() => {}), page.getByTestId('file-duplicates').waitFor({ timeout: 30_000 }).catch(() => {})]);
    if (!filed.test(new URL(page.url()).pathname)) {
      await page.getByTestId('file-submit').click();
      await page.waitForURL(filed, { timeout: 30_000 });
    }
    await expect.poll(() => page.getByTestId('demand-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('submitted');
    const demand = await apiGet<DemandDetail>(page, `/api/demands/${page.url().split('/').pop()}`);
    expect(demand).toMatchObject({ channel: 'cadre', title, enterprise: { id: firm.id } });
    await context.close();
  });

  it('lets the dispatcher keep keyword routing rules: add, a duplicate refused, deactivate', { timeout: 120_000 }, async () => {
    const { context, page } = await newPage(browser);
    await login(page, 'dispatch');
    await page.getByTestId('nav-gov-demand-rules').click();
    await page.waitForURL(/\/gov\/demands\/rules$/);
    const keyword = `电梯年检${Date.now() % 100_000}`;
    const addRule = async () => {
      await page.getByTestId('rule-add').click();
      await page.getByTestId('rule-keyword').fill(keyword);
      await page.getByTestId('rule-category').click();
      await page.locator('.ant-select-item-option[title="水电气"]').click();
      await page.getByTestId('rule-save').click();
    };
    await addRule();
    await page.getByTestId('rule-form').waitFor({ state: 'detached', timeout: 15_000 });
    const rules = await apiGet<{ items: { id: number; keyword: string; isActive: boolean; routedRecently: number }[] }>(page, '/api/demands/routing-rules');
    const rule = rules.items.find((r) => r.keyword === keyword)!;
    expect(rule).toMatchObject({ isActive: true, routedRecently: 0 });
    await expect.poll(() => page.getByTestId(`rule-keyword-${rule.id}`).textContent(), { timeout: 15_000 }).toBe(keyword);

    // The same keyword again: refused at the field, naming the active rule.
    await addRule();
    await expect.poll(() => page.getByTestId('rule-form').textContent(), { timeout: 15_000 }).toContain(`#${rule.id}`);
    await page.locator('.ant-modal-footer .ant-btn').first().click();
    await page.getByTestId('rule-form').waitFor({ state: 'detached', timeout: 15_000 });

    await page.getByTestId(`rule-deactivate-${rule.id}`).click();
    await page.getByTestId('rule-deactivate-confirm').click();
    await expect.poll(() => page.getByTestId(`rule-status-${rule.id}`).textContent(), { timeout: 15_000 }).toBe('已停用');
    await context.close();
  });
});
