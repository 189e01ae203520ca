import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FinanceKpis, LoanApplicationDetail, LoanMarketplace, MarketplaceItem } from '../../src/web/api/types.ts';
import { confirm, launchBrowser, login, newPage } from './browser.ts';

// 数字普惠金融 (issue 8) end to end: the enterprise finds a product in the 金融超市 on a phone and applies with
// its consent in the same step; the bank opens the lead, reads the credit report built from that consent,
// approves, records the contract and disburses; the finance office's KPI page lends more than before.

/** The bank of the demo user `bank`. */
const BANK = '重庆农村商业银行垫江支行';
const PHONE = { width: 375, height: 812 };
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

async function apiPost<T>(page: Page, path: string, body?: unknown): Promise<T> {
  const { token } = await apiGet<{ token: string }>(page, '/api/auth/csrf');
  const response = await page.request.post(path, { headers: { 'x-csrf-token': token }, ...(body === undefined ? {} : { data: body }) });
  expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
  return (await response.json()) as T;
}

function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** The amount lent the KPI page shows, in fen (its figure's data attribute, from the same API answer as the text). */
async function kpiAmountLent(page: Page): Promise<number> {
  await page.goto('/gov/finance/kpis');
  const figure = page.getByTestId('kpi-amount-lent');
  await figure.waitFor({ timeout: 30_000 });
  return Number(await figure.getAttribute('data-fen'));
}

describe('数字普惠金融: apply under consent, the bank decides and disburses, the KPIs move', () => {
  it('takes a loan from the marketplace to disbursement', { timeout: 240_000 }, async () => {
    // The finance office's figure before.
    const office = await newPage(browser);
    await login(office.page, 'finance');
    const before = await kpiAmountLent(office.page);
    const kpisBefore = await apiGet<FinanceKpis>(office.page, '/api/finance/kpis');
    expect(before).toBe(kpisBefore.amountLentFen);
    expect(await office.page.getByTestId('kpi-monthly-chart').locator('svg').count()).toBe(1);

    // 1. The enterprise, on a phone: 金融超市 with the products matched to it.
    const ent = await newPage(browser, { viewport: PHONE });
    await login(ent.page, 'ent');
    const market = await apiGet<LoanMarketplace>(ent.page, '/api/finance/marketplace');
    let product: MarketplaceItem | undefined = market.items.find((item) => item.outcome === 'eligible' && item.bank.name === BANK && item.openApplicationId === null);
    if (!product) {
      // Another run applied already: withdraw that application so this one starts clean.
      product = market.items.find((item) => item.outcome === 'eligible' && item.bank.name === BANK);
      expect(product, `an eligible product of ${BANK} for the showcase enterprise`).toBeDefined();
      await apiPost(ent.page, `/api/finance/applications/${product!.openApplicationId}/withdraw`);
    }
    const productId = product!.productId;
    await ent.page.getByTestId('nav-toggle').click();
    await ent.page.getByTestId('nav-portal-finance').click();
    await ent.page.waitForURL(/\/portal\/finance$/);
    await ent.page.getByTestId(`product-${productId}`).waitFor(POLL);
    expect(await ent.page.getByTestId(`product-${productId}`).getAttribute('data-outcome')).toBe('eligible');
    expect(await ent.page.getByTestId(`product-name-${productId}`).textContent()).toBe(product!.name);
    // Why: the product's target rule explained clause by clause, with ✓ for this enterprise.
    await ent.page.getByTestId(`product-why-${productId}`).click();
    const rows = ent.page.getByTestId(`product-${productId}`).locator('[data-testid="explanation-row"]');
    await expect.poll(() => rows.count(), POLL).toBeGreaterThan(0);
    expect(await rows.first().getAttribute('data-status')).toBe('pass');
    expect(await hasHorizontalScroll(ent.page)).toBe(false);

    // 2. Apply: amount, term, repayment, purpose and, in the same step, the consent.
    await ent.page.getByTestId(`product-apply-${productId}`).click();
    await ent.page.waitForURL(new RegExp(`/portal/finance/products/${productId}/apply$`));
    const categories = ent.page.getByTestId('apply-consent-categories').locator('li');
    await expect.poll(() => categories.count(), POLL).toBe(product!.dataCategories.length);
    const amountWan = product!.amountMinFen / 1_000_000;
    await ent.page.getByTestId('apply-amount').fill(String(amountWan));
    await ent.page.getByTestId('apply-purpose').fill('采购原材料，补充流动资金');
    // Without the consent ticked the application does not leave the page.
    await ent.page.getByTestId('apply-submit').click();
    await expect.poll(() => ent.page.locator('.ant-form-item-explain-error').allTextContents(), POLL).toContain('请勾选同意数据授权，否则银行无法审查您的申请');
    expect(new URL(ent.page.url()).pathname).toBe(`/portal/finance/products/${productId}/apply`);
    await ent.page.getByTestId('apply-consent-check').check();
    expect(await hasHorizontalScroll(ent.page)).toBe(false);
    await ent.page.getByTestId('apply-submit').click();
    await ent.page.waitForURL(/\/portal\/loans\/applications\/\d+$/, { timeout: 30_000 });
    const applicationId = Number(new URL(ent.page.url()).pathname.split('/').pop());
    await expect.poll(() => ent.page.getByTestId('loan-application').getAttribute('data-status'), POLL).toBe('submitted');
    expect(await ent.page.getByTestId('loan-step-applied').getAttribute('data-state')).toBe('done');
    expect(await ent.page.getByTestId('loan-step-bankReview').getAttribute('data-state')).toBe('current');
    const applied = await apiGet<LoanApplicationDetail>(ent.page, `/api/finance/applications/${applicationId}`);
    expect(applied.consent?.active).toBe(true);
    expect([...applied.consent!.categories].sort()).toEqual([...product!.dataCategories].sort());
    expect(applied.amountFen).toBe(product!.amountMinFen);

    // 3. The bank: the lead in its inbox, its credit report from the consented data only.
    const bank = await newPage(browser);
    await login(bank.page, 'bank');
    expect(new URL(bank.page.url()).pathname).toBe('/bank');
    await expect.poll(() => bank.page.getByTestId('count-open-leads').getAttribute('data-value'), POLL).not.toBe('');
    expect(Number(await bank.page.getByTestId('count-open-leads').getAttribute('data-value'))).toBeGreaterThan(0);
    await bank.page.getByTestId('nav-bank-leads').click();
    await bank.page.waitForURL(/\/bank\/leads/);
    // The inbox lists the newest leads first; open this one from its row, or by its address if it is further down.
    const link = bank.page.getByTestId(`lead-open-${applicationId}`);
    if (await link.count()) await link.click();
    else await bank.page.goto(`/bank/leads/${applicationId}`);
    await bank.page.waitForURL(new RegExp(`/bank/leads/${applicationId}$`));
    await expect.poll(() => bank.page.getByTestId('lead').getAttribute('data-status'), POLL).toBe('submitted');
    expect(await bank.page.getByTestId('lead-consent').getAttribute('data-active')).toBe('true');
    const report = bank.page.getByTestId('credit-report');
    await report.waitFor(POLL);
    expect((await report.getAttribute('data-consented'))!.split(',').sort()).toEqual([...product!.dataCategories].sort());
    await expect.poll(() => bank.page.getByTestId('report-score').textContent(), POLL).toMatch(/^\d+$/);
    expect(await bank.page.getByTestId('report-dimensions').locator('svg').count()).toBe(1);

    // 4. Approve at the product's lowest rate, record the contract, disburse.
    await bank.page.getByTestId('decision-rate').fill((product!.rateMinBp / 100).toFixed(2));
    await bank.page.getByTestId('decision-submit').click();
    await expect.poll(() => bank.page.getByTestId('lead').getAttribute('data-status'), POLL).toBe('approved');
    await bank.page.getByTestId('contract-no').fill(`E2E-${applicationId}`);
    await bank.page.getByTestId('contract-save').click();
    await expect.poll(() => bank.page.getByTestId('lead').getAttribute('data-status'), POLL).toBe('contracted');
    await bank.page.getByTestId('disburse').click();
    await confirm(bank.page, 'disburse-confirm');
    await bank.page.waitForURL(/\/bank\/loans\/\d+$/, { timeout: 30_000 });
    await expect.poll(() => bank.page.getByTestId('loan').getAttribute('data-status'), POLL).toBe('active');
    await expect.poll(() => bank.page.getByTestId('loan-schedule').locator('tbody tr.ant-table-row').count(), POLL).toBeGreaterThan(0);

    // 5. The enterprise sees its application disbursed.
    await ent.page.reload();
    await expect.poll(() => ent.page.getByTestId('loan-application').getAttribute('data-status'), POLL).toBe('disbursed');
    expect(await ent.page.getByTestId('loan-step-disbursed').getAttribute('data-state')).toBe('done');

    // 6. The finance office's KPIs moved by the loan.
    const after = await kpiAmountLent(office.page);
    expect(after).toBeGreaterThan(before);
    expect(after - before).toBe(product!.amountMinFen);

    await Promise.all([office.context.close(), ent.context.close(), bank.context.close()]);
  });
});
