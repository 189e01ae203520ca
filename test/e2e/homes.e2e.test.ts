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
  it('the first role (cadre, finance, dept, data, admin) with a non-zero linked count: its list shows that many rows in total', async () => {
    let opened = false;
    for (const username of ['cadre', 'finance', 'dept', 'data', 'admin']) {
      const { context, page } = await newPage(browser);
      await login(page, username);
      await page.getByTestId('role-home').waitFor({ timeout: 15_000 });
      await expect.poll(() => page.locator('a[data-testid^="home-count-"]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      let chosen: { testId: string; count: number; href: string } | null = null;
      for (const tile of await page.locator('a[data-testid^="home-count-"]').all()) {
        const count = Number(await tile.getAttribute('data-count'));
        if (count > 0) {
          chosen = { testId: (await tile.getAttribute('data-testid'))!, count, href: (await tile.getAttribute('href'))! };
          break;
        }
      }
      if (chosen) {
        await page.getByTestId(chosen.testId).click();
        await page.waitForURL((url) => `${url.pathname}${url.search}` === chosen.href);
        // Every list table shows its total beside the pagination ('共 N 条'); a list of cards (我的企业) carries
        // its total in data-list-total and marks its items with data-list-item.
        const total = async () => {
          const cards = page.locator('[data-list-total]');
          if ((await cards.count()) > 0) return `共 ${await cards.first().getAttribute('data-list-total')} 条`;
          return page.locator('.ant-pagination-total-text').first().textContent();
        };
        await expect.poll(total, { timeout: 15_000 }).toBe(`共 ${chosen.count} 条`);
        if (chosen.count <= 10) await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row, [data-list-item]').count(), { timeout: 15_000 }).toBe(chosen.count);
        opened = true;
      }
      await context.close();
      if (opened) break;
    }
    expect(opened, 'a non-zero count with a list').toBe(true);
  });
});
