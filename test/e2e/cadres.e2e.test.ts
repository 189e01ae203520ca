import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyEnterprises, VisitDetail } from '../../src/web/api/types.ts';
import { launchBrowser, login, newPage } from './browser.ts';

// 千人联千企 (issue 10) in Chromium on a phone: the demo cadre (`cadre`) opens 我的企业, records a visit to
// one of their firms with one problem, and the problem appears as a demand filed on the firm's behalf —
// on the visit page, in their visits, and in the demand list.

const PHONE = { width: 375, height: 812 };
const PROBLEM = '厂区道路破损影响货车进出需维修';
const DESCRIPTION = '企业反映厂区门口市政道路破损严重，大货车进出困难，雨天积水，希望协调交通部门尽快维修。';

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

describe('千人联千企: a cadre records a visit that raises a demand', () => {
  it('opens 我的企业, records a visit with one problem at 375 px, and the demand appears', { timeout: 240_000 }, async () => {
    const { page } = await newPage(browser, { viewport: PHONE });
    await login(page, 'cadre');
    await page.goto('/gov/my-enterprises');
    await page.getByTestId('my-enterprises').waitFor();
    const mine = await apiGet<MyEnterprises>(page, '/api/me/cadre/enterprises');
    expect(mine.items.length).toBeGreaterThanOrEqual(5);
    const firm = mine.items[0];
    await page.getByTestId(`my-enterprise-${firm.id}`).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)).toBe(false);

    // The firm's card leads to the form with the firm picked.
    await page.getByTestId(`record-visit-${firm.id}`).click();
    await page.getByTestId('visit-form').waitFor();
    await page.getByTestId('visit-people').fill('总经理 王建国');
    await page.getByTestId('visit-findings').fill('企业生产正常，订单较去年增长两成；厂区门口道路破损影响物流。');
    await page.getByTestId('visit-add-problem').click();
    await page.getByTestId('visit-problem-title-0').fill(PROBLEM);
    await page.getByTestId('visit-problem-description-0').fill(DESCRIPTION);
    expect(await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)).toBe(false);
    await page.getByTestId('visit-submit').click();

    // The visit page lists the demand its problem became.
    await page.waitForURL(/\/gov\/visits\/\d+$/, { timeout: 15_000 });
    const visitId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByTestId('visit-demands').getByText(PROBLEM).waitFor({ timeout: 15_000 });
    const visit = await apiGet<VisitDetail>(page, `/api/visits/${visitId}`);
    expect(visit).toMatchObject({ enterprise: { id: firm.id }, demandCount: 1 });
    expect(visit.demands[0].title).toBe(PROBLEM);

    // In my visits, and in the demand list as a demand the cadre filed for the firm.
    await page.goto('/gov/visits');
    await page.getByTestId(`visit-${visitId}`).waitFor({ timeout: 15_000 });
    const demand = await apiGet<{ channel: string; enterprise: { id: number } }>(page, `/api/demands/${visit.demands[0].id}`);
    expect(demand).toMatchObject({ channel: 'cadre', enterprise: { id: firm.id } });
    await page.getByTestId(`visit-${visitId}`).getByRole('link').click();
    await page.getByTestId(`visit-demand-${visit.demands[0].id}`).click();
    await page.waitForURL(new RegExp(`/gov/demands/${visit.demands[0].id}$`), { timeout: 15_000 });
    await expect.poll(() => page.getByText(PROBLEM).first().isVisible(), { timeout: 15_000 }).toBe(true);

    // The open-demand count of the firm went up by one.
    const after = await apiGet<MyEnterprises>(page, '/api/me/cadre/enterprises');
    expect(after.items.find((i) => i.id === firm.id)!.openDemands).toBe(firm.openDemands + 1);
  });
});
