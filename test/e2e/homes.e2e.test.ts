import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/server/seed/county-data.ts';
import { launchBrowser, login, newPage } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const PLACEHOLDER = /建设中|敬请期待|coming soon/i;

/**
 * The largest number the landing page shows as a count or figure: role-home tiles carry `data-count`, the
 * dispatch, bank and provider workbenches `data-value`, role-home charts `data-total`, the portal's policy
 * calculator `data-count` on its summary.
 */
async function largestFigure(page: Page): Promise<number> {
  return page.evaluate(() => {
    let best = 0;
    for (const element of document.querySelectorAll('[data-count], [data-value], [data-total]')) {
      for (const name of ['data-count', 'data-value', 'data-total']) {
        const value = Number(element.getAttribute(name));
        if (Number.isFinite(value) && value > best) best = value;
      }
    }
    return best;
  });
}

// Every demo account but the county leader, whose landing page is the cockpit (its own e2e test).
const ACCOUNTS = [...DEMO_ACCOUNTS.map((account) => account.username), 'finance2'].filter((username, i, all) => username !== 'leader' && all.indexOf(username) === i);

describe('every demo account’s home', () => {
  for (const username of ACCOUNTS) {
    it(`${username}: real counts or figures, no placeholder`, async () => {
      const { context, page } = await newPage(browser);
      await login(page, username);
      await expect.poll(() => largestFigure(page), { timeout: 15_000 }).toBeGreaterThan(0);
      const text = (await page.locator('body').textContent()) ?? '';
      expect(text).not.toMatch(PLACEHOLDER);
      await context.close();
    });
  }
});

describe('a count opens its list', () => {
  it('dept: an application count opens the applications list with that many rows', async () => {
    const { context, page } = await newPage(browser);
    await login(page, 'dept');
    await page.getByTestId('home-section-department_staff').waitFor({ timeout: 15_000 });
    const tiles = page.locator('[data-testid^="home-count-department_staff-applications_"]');
    await expect.poll(() => tiles.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // The first application count with rows that fit on one page of the list.
    let chosen: { testId: string; count: number } | null = null;
    for (const tile of await tiles.all()) {
      const count = Number(await tile.getAttribute('data-count'));
      const href = await tile.getAttribute('href');
      if (href && count > 0 && count <= 20) {
        chosen = { testId: (await tile.getAttribute('data-testid'))!, count };
        break;
      }
    }
    expect(chosen, 'an application count between 1 and 20').not.toBeNull();
    await page.getByTestId(chosen!.testId).click();
    await page.waitForURL(/\/gov\/applications\?/);
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count(), { timeout: 15_000 }).toBe(chosen!.count);
    await context.close();
  });
});
