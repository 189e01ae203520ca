import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const DEMO_PASSWORD = 'demo123456';

/**
 * Debian's Chromium, headless, with the flags this machine needs: no sandbox (root), and no background
 * networking, which a closed network would refuse over and over.
 */
export async function launchBrowser(): Promise<Browser> {
  // playwright-core gives every launch a fresh, empty profile directory of its own.
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function baseUrl(): string {
  return inject('baseUrl');
}

/** `timezoneId`: the browser's clock zone (the machine's by default); the county's dates must not depend on it. */
export async function newPage(browser: Browser, options: { viewport?: { width: number; height: number }; locale?: string; timezoneId?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport: options.viewport ?? { width: 1366, height: 900 }, locale: options.locale ?? 'zh-CN', timezoneId: options.timezoneId });
  const page = await context.newPage();
  return { context, page };
}

/** Signs in through the login form, as a person would. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  // After login the app goes to / and from there to the home of the user's area.
  await page.waitForURL((url) => /^\/(gov|bank|provider|portal)(\/|$)/.test(url.pathname));
}

/**
 * Confirms the modal a button opened (antd's confirm dialog, its OK button has the given test id). Clicks once
 * the dialog has finished zooming in: a click during that animation was sometimes lost (the dialog then stayed).
 */
export async function confirm(page: Page, testId: string): Promise<void> {
  await page.locator('.ant-modal-confirm:not(.ant-zoom-appear):not(.ant-zoom-enter)').waitFor();
  await page.getByTestId(testId).click();
  await page.locator('.ant-modal-confirm').waitFor({ state: 'detached', timeout: 30_000 });
}
