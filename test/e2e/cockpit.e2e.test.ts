import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, login, newPage } from './browser.ts';

// The county cockpit (issue 10) end to end: the demo `leader` signs in and lands on the cockpit, its charts
// draw, a demand the enterprise files shows in the figures at the next refresh, and the export downloads.

const POLL = { timeout: 15_000 };

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

async function figure(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute('data-value'));
}

describe('cockpit', () => {
  it('the leader lands on the cockpit, sees the charts, a new demand shows, and the tables download', async () => {
    // A browser 16 hours behind the county: for two thirds of the day its date is the county's yesterday,
    // and a demand filed today must still count (the period is the county's, never the browser's).
    const { context, page } = await newPage(browser, { viewport: { width: 1440, height: 900 }, timezoneId: 'America/Los_Angeles' });
    await login(page, 'leader');
    await page.waitForURL('**/gov/cockpit', POLL);
    await page.getByTestId('fig-demands').waitFor(POLL);
    for (const chart of ['chart-byTown', 'chart-byIndustry', 'chart-lending', 'chart-demandsByCategory', 'chart-coverage']) {
      await expect.poll(() => page.getByTestId(chart).locator('svg').count(), POLL).toBeGreaterThan(0);
    }
    const before = await figure(page, 'fig-demands');
    expect(before).toBeGreaterThan(0);

    // The enterprise files a demand through the API.
    const ent = await newPage(browser);
    await login(ent.page, 'ent');
    const { token } = await apiGet<{ token: string }>(ent.page, '/api/auth/csrf');
    const filed = await ent.page.request.post('/api/demands', {
      headers: { 'x-csrf-token': token },
      data: { title: '驾驶舱测试：厂房用电增容', description: '新增生产线需要增加变压器容量，请协调供电部门办理增容手续。', categoryCode: 'utilities' },
    });
    expect(filed.status(), await filed.text()).toBe(201);
    await ent.context.close();

    // The cockpit refetches (every 30 s; the refresh of the page itself is quicker to wait for).
    await page.reload();
    await expect.poll(() => figure(page, 'fig-demands'), POLL).toBe(before + 1);

    const download = page.waitForEvent('download', POLL);
    await page.getByTestId('cockpit-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    await context.close();
  });
});
