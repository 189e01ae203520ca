import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeUscc } from '../../src/core/profile/uscc.ts';
import { launchBrowser, login, newPage } from './browser.ts';

// The enterprise profile (issue 3) in a real browser: the data administrator's import, the enterprise's
// own profile on a phone, and a consent that opens the profile to a bank — and nothing more.

const SHOWCASE = '重庆垫江恒通机械制造有限公司';
const BANK = '重庆农村商业银行垫江支行';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** An API call with the page's session (cookies of its context). */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(path);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

/** A state-changing API call with the page's session and its CSRF token. */
async function apiPost(page: Page, path: string): Promise<void> {
  const { token } = await apiGet<{ token: string }>(page, '/api/auth/csrf');
  const response = await page.request.post(path, { headers: { 'x-csrf-token': token } });
  expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
}

/** Whether the document is wider than the viewport (a horizontal scroll bar on a phone). */
function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

describe('data imports (data administrator)', () => {
  it('uploads a CSV with good and bad rows, follows the progress, shows the rejected rows and downloads the report', async () => {
    const { context, page } = await newPage(browser);
    await login(page, 'data');
    await page.getByTestId('nav-data-imports').click();
    await page.waitForURL(/\/gov\/data\/imports/);

    const found = await apiGet<{ items: { uscc: string }[] }>(page, `/api/enterprises?q=${encodeURIComponent(SHOWCASE)}`);
    const uscc = found.items[0].uscc;
    const csv = [
      '统一社会信用代码,指标,期间,数值,单位,截至日期',
      `${uscc},工业总产值,2024,3120.5,万元,2025-03-31`, // row 2: good
      `${uscc},营业收入,2024,abc,万元,2025-03-31`, // row 3: not a number
      `${completeUscc('91500231MA5U0TAM1')},营业收入,2024,100,万元,2025-03-31`, // row 4: well-formed, not in the registry
      `${uscc},不存在的指标,2024,1,,2025-03-31`, // row 5: unknown indicator
    ].join('\n');

    await page.getByTestId('import-source').click();
    await page.locator('.ant-select-item-option[title="统计局"]').click();
    await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles({ name: 'e2e-import.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByTestId('import-submit').click();

    const progress = page.getByTestId('import-progress');
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 30_000 }).toBe('completed');
    await expect.poll(() => page.getByTestId('import-processed').textContent()).toContain('4 / 4');
    expect(await page.getByTestId('import-count-errors').textContent()).toContain('3');
    const written = Number((await page.getByTestId('import-count-inserted').textContent())?.replace(/\D/g, '')) + Number((await page.getByTestId('import-count-updated').textContent())?.replace(/\D/g, ''));
    expect(written).toBe(1);

    const errors = page.getByTestId('import-errors');
    await expect.poll(() => errors.locator('tbody tr.ant-table-row').count()).toBe(3);
    const errorText = (await errors.textContent()) ?? '';
    expect(errorText).toContain('abc');
    expect(errorText).toContain('不是数字');
    expect(errorText).toContain('企业不在名录中');
    const rowNumbers = await errors.locator('tbody tr.ant-table-row td:first-child').allTextContents();
    expect(rowNumbers.map(Number)).toEqual([3, 4, 5]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-report').click()]);
    const report = fs.readFileSync((await download.path())!, 'utf8');
    expect(report).toContain('行号');
    expect(report).toMatch(/^3,/m);
    expect(report).toContain('e2e-import.csv');

    // The history lists the batch.
    await expect.poll(() => page.getByTestId('import-history-table').textContent()).toContain('e2e-import.csv');
    await context.close();
  });
});

describe('my profile on a phone (enterprise user)', () => {
  it('shows the tags with their reasons, the charts and the indicators at 375 px without horizontal scroll', async () => {
    const { context, page } = await newPage(browser, { viewport: { width: 375, height: 812 } });
    await login(page, 'ent');
    await page.getByTestId('nav-toggle').click();
    await page.getByTestId('nav-portal-profile').click();
    await page.waitForURL(/\/portal\/profile/);

    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe(SHOWCASE);
    const sizeReason = page.getByTestId('derived-tag-reason-size_class');
    await expect.poll(() => sizeReason.textContent()).toMatch(/小型：从业人员 \d+人（≥ 20人，< 300人）/);
    expect(await page.getByTestId('derived-tag-size_class').textContent()).toContain('小型企业');

    // Charts are drawn (SVG) for revenue, tax, staff and electricity.
    for (const chart of ['revenue', 'tax', 'staff', 'electricity']) {
      await expect.poll(() => page.locator(`[data-testid="chart-${chart}"] svg`).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    }
    const table = page.getByTestId('indicator-table');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    expect(await table.textContent()).toContain('万元');

    await page.getByTestId('my-disputes').scrollIntoViewIfNeeded();
    expect(await hasHorizontalScroll(page)).toBe(false);
    await context.close();
  });
});

describe('consent to a bank', () => {
  it('lets the bank see the enterprise it authorised, limited to the granted categories, and no other', async () => {
    const ent = await newPage(browser);
    await login(ent.page, 'ent');
    // Another test may have left ent's consent to this bank in force (a loan application grants one): revoke it, so
    // the bank sees exactly what this test grants.
    const earlier = await apiGet<{ id: number; grantee: { name: string }; status: string }[]>(ent.page, '/api/me/consents');
    for (const consent of earlier.filter((c) => c.grantee.name === BANK && (c.status === 'active' || c.status === 'scheduled'))) {
      await apiPost(ent.page, `/api/me/consents/${consent.id}/revoke`);
    }
    await ent.page.goto('/portal/consents');
    await ent.page.getByTestId('consent-grant').click();
    const modal = ent.page.getByTestId('consent-grant-modal');
    // The list of banks and providers is long (and virtual): search it.
    await modal.getByTestId('consent-grantee').click();
    await modal.getByTestId('consent-grantee').locator('input').fill('农村商业');
    await ent.page.locator(`.ant-select-item-option[title="${BANK}"]`).click();
    await modal.getByTestId('consent-category-operations').click();
    await modal.getByTestId('consent-category-tax').click();
    await modal.getByTestId('consent-purpose').fill('流动资金贷款授信评估');
    await ent.page.getByTestId('consent-grant-submit').click();
    const current = ent.page.getByTestId('consents-current');
    await expect.poll(() => current.textContent()).toContain(BANK);
    expect(await current.textContent()).toContain('生效中');
    const me = await apiGet<{ id: number }>(ent.page, '/api/me/enterprise');
    await ent.context.close();

    const bank = await newPage(browser);
    await login(bank.page, 'bank');
    await bank.page.getByTestId('nav-bank-enterprises').click();
    await bank.page.waitForURL(/\/bank\/enterprises$/);
    // One row per consent: the row of the consent granted above (its purpose says which).
    const link = bank.page.locator('tr', { hasText: '流动资金贷款授信评估' }).getByTestId(`received-open-${me.id}`);
    await expect.poll(() => link.textContent()).toBe(SHOWCASE);
    await link.click();
    await bank.page.waitForURL(new RegExp(`/bank/enterprises/${me.id}$`));
    await expect.poll(() => bank.page.getByTestId('page-title').textContent()).toBe(SHOWCASE);
    // Granted: operations and tax. Hidden categories are named, and their charts say so.
    const hidden = bank.page.getByTestId('profile-hidden-categories');
    await expect.poll(() => hidden.textContent()).toContain('用工社保');
    expect(await hidden.textContent()).not.toContain('纳税信息');
    await expect.poll(() => bank.page.getByTestId('chart-staff-hidden').count()).toBe(1);
    await expect.poll(() => bank.page.locator('[data-testid="chart-revenue"] svg').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // The indicators offer only the granted categories.
    await bank.page.getByTestId('indicator-filter-category').click();
    const categories = bank.page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect.poll(() => categories.allTextContents()).toEqual(['经营财务', '纳税信息']);
    await bank.page.locator('.ant-select-item-option[title="纳税信息"]').click();
    await expect.poll(() => bank.page.getByTestId('indicator-table').textContent()).toContain('纳税总额');

    // Another enterprise's profile URL (one that never authorised this bank) is refused.
    const received = await apiGet<{ items: { enterprise: { id: number } }[] }>(bank.page, '/api/consents/received?pageSize=500');
    const authorised = new Set(received.items.map((consent) => consent.enterprise.id));
    const otherId = [2, 3, 4, 5, 6, 7, 8, 9, 10].find((id) => !authorised.has(id))!;
    await bank.page.goto(`/bank/enterprises/${otherId}`);
    // A full page load of a deep link: the bundle, the session, then the refused profile (over a second here).
    await expect.poll(() => bank.page.getByTestId('profile-forbidden').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await bank.page.getByTestId('profile-forbidden').textContent()).toContain('无权查看');
    await bank.context.close();
  });
});
