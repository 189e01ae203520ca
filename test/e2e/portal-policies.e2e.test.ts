import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFen } from '../../src/core/money/money.ts';
import type { ApplicationSummary, MyPolicyMatches, Page as Paged, PolicyMatch } from '../../src/web/api/types.ts';
import { confirm, launchBrowser, login, newPage } from './browser.ts';

// 政策直达 for the enterprise (issue 4) on a 375 px phone: the calculator, a policy explained, applying,
// 我的申报 with its timeline, and a notification that reaches the bell live when the department acts.

const SHOWCASE = '重庆垫江恒通机械制造有限公司';
/** The department whose staff (demo users dept, dept2) can act on the application. */
const DEPARTMENT = '县经济和信息化委员会';
const PHONE = { width: 375, height: 812 };

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

/** A POST with the page's session and a fresh CSRF token, as the web's client sends it. */
async function apiPost<T>(page: Page, path: string, body?: unknown): Promise<T> {
  const { token } = await apiGet<{ token: string }>(page, '/api/auth/csrf');
  const response = await page.request.post(path, { headers: { 'x-csrf-token': token }, ...(body === undefined ? {} : { data: body }) });
  expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
  return (await response.json()) as T;
}

function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

function isWindowOpen(match: PolicyMatch, now = Date.now()): boolean {
  return (!match.applyFrom || Date.parse(match.applyFrom) <= now) && (!match.applyUntil || Date.parse(match.applyUntil) > now + 60_000);
}

describe('政策直达 on a phone (enterprise user)', () => {
  it('shows the calculator as the API computes it, explains a policy, applies, follows the timeline and hears the department live', { timeout: 180_000 }, async () => {
    const { context, page } = await newPage(browser, { viewport: PHONE });
    let loads = 0;
    await login(page, 'ent');
    expect(new URL(page.url()).pathname).toBe('/portal');

    // 1. The calculator: "您可享受 N 项政策，预计 ¥X", as the API says.
    const matches = await apiGet<MyPolicyMatches>(page, '/api/me/policy-matches');
    expect(matches.summary.count).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('calc-count').textContent()).toBe(String(matches.summary.count));
    expect(await page.getByTestId('calc-total').textContent()).toBe(formatFen(matches.summary.totalFen, 'zh-CN'));
    expect(await page.getByTestId('calc-summary').textContent()).toContain('您可享受');
    if (matches.nextQuestion) expect(await page.getByTestId('calc-next-question').textContent()).toContain(matches.nextQuestion.name.zh);
    // Ranked by amount, as the API ranks them.
    const shown = await page.locator('[data-testid^="match-open-"]').evaluateAll((links) => links.map((link) => Number(link.getAttribute('data-testid')!.replace('match-open-', ''))));
    expect(shown).toEqual(matches.items.map((item) => item.policyId));
    expect(await hasHorizontalScroll(page)).toBe(false);

    // A policy of the department whose staff will act, open for applications. Another test may have
    // applied for it already: withdraw that application so this one starts clean.
    // The demo history has applications of the showcase firm in review and in notice: prefer a policy it has not applied for.
    const candidates = matches.items.filter((item) => item.outcome === 'eligible' && !item.isAutoGrant && item.department.name === DEPARTMENT && item.estimatedAmountFen !== null && item.exclusiveHeld === null && isWindowOpen(item));
    const target = candidates.find((item) => !item.application) ?? candidates[0];
    expect(target, 'an open, eligible policy of 经信委 for the showcase enterprise').toBeDefined();
    const policyId = target!.policyId;
    if (target!.application) {
      const existing = await apiGet<{ availableActions: string[] }>(page, `/api/applications/${target!.application.id}`);
      if (existing.availableActions.includes('withdraw')) await apiPost(page, `/api/applications/${target!.application.id}/withdraw`);
      await page.reload();
    }
    expect(await page.getByTestId(`match-amount-${policyId}`).textContent()).toBe(formatFen(target!.estimatedAmountFen!, 'zh-CN'));

    // 2. The policy explained: ✓ lines with the enterprise's own values, the amount and its formula.
    await page.getByTestId(`match-open-${policyId}`).click();
    await page.waitForURL(new RegExp(`/portal/policies/${policyId}$`));
    await expect.poll(() => page.getByTestId('policy-outcome').getAttribute('data-outcome')).toBe('eligible');
    const rows = page.locator('[data-testid="explanation-row"][data-inverted="false"]');
    await expect.poll(() => rows.count()).toBeGreaterThan(1);
    expect(new Set(await rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-status'))))).toEqual(new Set(['pass']));
    expect(await rows.first().locator('.dxe-explanation-mark').textContent()).toBe('✓');
    // e.g. "2025年主营业务收入 2,350万元 ≥ 〈规上工业主营业务收入标准〉 2,000万元"
    expect(await page.getByTestId('policy-explanation').textContent()).toMatch(/\d[\d,.]*万元 ≥ .*\d[\d,.]*万元/);
    expect(await page.getByTestId('policy-amount').textContent()).toBe(formatFen(target!.estimatedAmountFen!, 'zh-CN'));
    expect(await page.getByTestId('policy-formula').textContent()).toContain(target!.formula.zh);
    expect(await page.getByTestId('policy-interpretation').textContent()).not.toBe('');
    expect(await hasHorizontalScroll(page)).toBe(false);

    // 3. Apply: the form comes pre-filled from the profile; the enterprise adds its own fields.
    await page.getByTestId('policy-apply').click();
    await page.waitForURL(new RegExp(`/portal/policies/${policyId}/apply$`));
    await expect.poll(() => page.getByTestId('known-value-enterpriseName').textContent()).toBe(SHOWCASE);
    const known = (await page.getByTestId('apply-known-list').textContent()) ?? '';
    expect(known).toContain('来源：');
    expect(known).toContain('万元');
    expect(await hasHorizontalScroll(page)).toBe(false);
    const form = await apiGet<{ fields: { key: string; type: string; required: boolean; source: string }[] }>(page, `/api/policies/${policyId}/application-form`);
    const entered = form.fields.filter((field) => field.source === 'enterprise');
    expect(entered.length).toBeGreaterThan(0);
    for (const field of entered) {
      const input = page.getByTestId(`form-field-${field.key}`);
      if (field.type === 'file') {
        const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200_000, 'x'), Buffer.from('\n%%EOF\n')]);
        await input.locator('input[type=file]').setInputFiles({ name: '申请报告.pdf', mimeType: 'application/pdf', buffer: pdf });
      } else if (field.type === 'money') await input.fill('12.5');
      else if (field.type === 'number') await input.fill('3');
      else if (field.type === 'date') {
        await input.click();
        await page.locator('.ant-picker-dropdown:visible .ant-picker-now-btn').click();
      } else if (field.type === 'bank_account') {
        // The payee account is checked: a bank, the enterprise's registered name, digits.
        await page.getByTestId(`form-field-${field.key}-bankName`).fill('中国农业银行垫江支行');
        await page.getByTestId(`form-field-${field.key}-accountName`).fill(SHOWCASE);
        await page.getByTestId(`form-field-${field.key}-accountNumber`).fill('6228 4800 1234 5678 901');
      } else await input.fill('按期足额缴纳社保，近两年无欠薪');
    }
    await page.getByTestId('apply-submit').click();
    await confirm(page, 'apply-confirm');
    await page.waitForURL(/\/portal\/applications\/\d+$/, { timeout: 30_000 });
    const applicationId = Number(new URL(page.url()).pathname.split('/').pop());

    // 4. The application and its timeline: 申报 done, 受理 in progress with its deadline.
    await expect.poll(() => page.getByTestId('application-status').getAttribute('data-status')).toBe('submitted');
    expect(await page.getByTestId('timeline-step-apply').getAttribute('data-state')).toBe('done');
    expect(await page.getByTestId('timeline-step-accept').getAttribute('data-state')).toBe('current');
    expect(await page.getByTestId('timeline-due').textContent()).toMatch(/办理时限：\d{4}-\d{2}-\d{2} 前/);
    if (entered.some((field) => field.type === 'file')) await expect.poll(() => page.locator('[data-testid^="application-file-"]').count()).toBe(entered.filter((field) => field.type === 'file').length);
    expect(await hasHorizontalScroll(page)).toBe(false);

    // 我的申报 lists it, from the phone's menu.
    await page.getByTestId('nav-toggle').click();
    await page.getByTestId('nav-portal-applications').click();
    await page.waitForURL(/\/portal\/applications$/);
    await expect.poll(() => page.getByTestId(`application-status-${applicationId}`).getAttribute('data-status')).toBe('submitted');
    expect(await page.getByTestId(`application-${applicationId}`).textContent()).toContain(target!.title);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await page.getByTestId(`application-open-${applicationId}`).click();
    await page.waitForURL(new RegExp(`/portal/applications/${applicationId}$`));
    await page.getByTestId('application-timeline').waitFor();

    // 5. The department accepts it (another person, another session): the bell and the timeline follow
    // without a reload.
    const bell = page.getByTestId('notification-bell');
    await expect.poll(() => bell.getAttribute('data-unread')).not.toBeNull();
    // Let the stream connect (its hello) before the department acts.
    await page.waitForTimeout(1500);
    const unreadBefore = Number(await bell.getAttribute('data-unread'));
    page.on('load', () => loads++);
    const department = await newPage(browser);
    await login(department.page, 'dept');
    await apiPost(department.page, `/api/applications/${applicationId}/accept`);
    await department.context.close();

    await expect.poll(() => bell.getAttribute('data-unread').then(Number), { timeout: 15_000 }).toBe(unreadBefore + 1);
    await expect.poll(() => page.getByTestId('timeline-step-accept').getAttribute('data-state'), { timeout: 10_000 }).toBe('done');
    expect(await page.getByTestId('application-status').getAttribute('data-status')).toBe('accepted');
    await bell.click();
    const panel = page.getByTestId('notification-panel');
    await panel.waitFor();
    const newest = panel.locator('[data-testid^="notification-"][data-kind="application.status"]').first();
    expect(await newest.textContent()).toContain('已受理');
    expect(await newest.getAttribute('data-unread')).toBe('true');
    expect(loads).toBe(0);

    // The 消息中心 opens from the panel and fits the phone too.
    await page.getByTestId('notification-view-all').click();
    await page.waitForURL(/\/notifications$/);
    await expect.poll(() => page.getByTestId('notifications-list').textContent()).toContain('已受理');
    expect(await hasHorizontalScroll(page)).toBe(false);

    // The applied policy is marked on the calculator.
    const after = await apiGet<Paged<ApplicationSummary>>(page, `/api/applications?policyId=${policyId}`);
    expect(after.items[0]).toMatchObject({ id: applicationId, status: 'accepted' });
    await context.close();
  });
});
