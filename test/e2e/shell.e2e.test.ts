import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, login, newPage } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('login', () => {
  it('refuses a wrong password with a message and lets the right one in', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/login');
    await expect.poll(() => page.getByTestId('platform-name').textContent()).toContain('垫小二');
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('wrong-password-1');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
    await login(page, 'admin');
    expect(new URL(page.url()).pathname).toMatch(/^\/gov/);
    await context.close();
  });

  it('sends a visitor of a protected page to login, then back to that page', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/gov/audit');
    await page.waitForURL(/\/login/);
    await page.getByTestId('login-username').fill('auditor');
    await page.getByTestId('login-password').fill('demo123456');
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/gov\/audit/);
    await expect.poll(() => page.getByTestId('audit-table').isVisible(), { timeout: 15_000 }).toBe(true);
    await context.close();
  });
});

describe('navigation by role', () => {
  const HOMES: [username: string, pathPrefix: string][] = [
    ['admin', '/gov'],
    ['auditor', '/gov'],
    ['dept', '/gov'],
    ['dispatch', '/gov'],
    ['cadre', '/gov'],
    ['bank', '/bank'],
    ['provider', '/provider'],
    ['ent', '/portal'],
  ];

  for (const [username, prefix] of HOMES) {
    it(`${username} lands in ${prefix} and cannot enter another area`, async () => {
      const { context, page } = await newPage(browser);
      await login(page, username);
      expect(new URL(page.url()).pathname.startsWith(prefix)).toBe(true);
      const foreign = prefix === '/bank' ? '/portal' : '/bank';
      await page.goto(foreign);
      await page.waitForURL((url) => url.pathname.startsWith(prefix));
      await context.close();
    });
  }

  it('shows the admin the user and organisation pages, and the auditor only the audit log', async () => {
    const admin = await newPage(browser);
    await login(admin.page, 'admin');
    await admin.page.getByTestId('nav-admin-users').click();
    await admin.page.waitForURL(/\/gov\/admin\/users/);
    await expect.poll(() => admin.page.getByTestId('users-table').textContent()).toContain('auditor');
    expect(await admin.page.getByTestId('nav-audit').count()).toBe(0);
    await admin.page.goto('/gov/audit');
    await admin.page.waitForURL((url) => !url.pathname.startsWith('/gov/audit'));
    await admin.context.close();

    const auditor = await newPage(browser);
    await login(auditor.page, 'auditor');
    await auditor.page.getByTestId('nav-audit').click();
    await expect.poll(() => auditor.page.getByTestId('audit-table').textContent()).toContain('auth.login');
    expect(await auditor.page.getByTestId('nav-admin-users').count()).toBe(0);
    await auditor.context.close();
  });
});

describe('language', () => {
  it('switches to English, keeps it across a reload, and switches back', async () => {
    const { context, page } = await newPage(browser);
    await login(page, 'dept');
    await expect.poll(() => page.getByTestId('user-menu').textContent()).toBeTruthy();
    await page.getByTestId('language-en-US').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en-US');
    await expect.poll(() => page.getByTestId('brand').textContent()).toContain('Dianxiaoer');
    await page.reload();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en-US');
    const body = await page.locator('body').innerText();
    // Nothing of the interface is left in Chinese except proper names of the user's organisation.
    expect(body).not.toMatch(/首页|退出登录|账户/);
    await page.getByTestId('language-zh-CN').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await context.close();
  });
});

describe('the enterprise portal on a phone', () => {
  it('fits a 375 px wide screen without horizontal scrolling', async () => {
    const { context, page } = await newPage(browser, { viewport: { width: 375, height: 740 } });
    await login(page, 'ent');
    expect(new URL(page.url()).pathname).toMatch(/^\/portal/);
    await page.waitForLoadState('networkidle');
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await page.getByTestId('nav-toggle').click();
    await expect.poll(() => page.getByTestId('nav-drawer').isVisible()).toBe(true);
    await context.close();
  });
});
