import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, login, newPage } from './browser.ts';

// The reading assistant on the policy editor (issue 11): dept opens 读取政策原文 (its code is fetched only
// then), pastes a policy, sees the sentences highlighted, accepts a condition and the amount into the draft,
// rejects one, and sees what was not understood.

const POLICY = [
  '第三条 申报条件',
  '（一）上年度主营业务收入2000万元以上的规模以上工业企业；',
  '（二）企业应具有健全的财务制度。',
  '第四条 对首次认定的高新技术企业，给予20万元一次性奖励。',
  '第五条 有下列情形之一的，不予支持：',
  '（一）被列入失信被执行人名单的。',
].join('\n');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('读取政策原文', () => {
  it('dept pastes a policy, accepts proposals into the draft, rejects one, sees what was not understood', async () => {
    const { context, page } = await newPage(browser);
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await login(page, 'dept');
    await page.goto('/gov/policies/new');
    await page.getByTestId('policy-section-reading').waitFor();
    expect(scripts.some((url) => /ReadingPanel/.test(url))).toBe(false);

    await page.getByTestId('reading-open').click();
    await page.getByTestId('reading-text').fill(POLICY);
    expect(scripts.some((url) => /ReadingPanel/.test(url))).toBe(true);
    await page.getByTestId('reading-start').click();
    await page.getByTestId('reading-conditions').waitFor();
    expect(await page.getByTestId('reading-highlighted').locator('mark.reading-kind-condition').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('reading-highlighted').locator('mark.reading-kind-exclusion').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('reading-missing').textContent()).toContain('财务制度');

    // The rule and benefit open in the visual builder; this test reads what lands in them in the JSON tabs.
    await page.getByTestId('policy-rule-tab-json').click();
    await page.getByTestId('policy-benefit-tab-json').click();
    // The first condition (主营业务收入 ≥ 2000万元 …) into the rule, the amount into the benefit.
    await page.getByTestId('reading-conditions').locator('[data-testid^="reading-accept-"]').first().click();
    await expect.poll(() => page.getByTestId('policy-rule').inputValue()).toContain('main_revenue');
    await page.getByTestId('reading-benefits').locator('[data-testid^="reading-accept-"]').first().click();
    await expect.poll(() => page.getByTestId('policy-benefit').inputValue()).toContain('"wan": 20');
    // Reject the next proposal: it stays listed, and the rule does not change.
    const before = await page.getByTestId('policy-rule').inputValue();
    await page.getByTestId('reading-conditions').locator('[data-testid^="reading-reject-"]').first().click();
    expect(await page.getByTestId('policy-rule').inputValue()).toBe(before);
    // Edit the last one (the exclusion) and accept it.
    await page.getByTestId('reading-conditions').locator('[data-testid^="reading-edit-"]').last().click();
    await expect.poll(() => page.getByTestId('reading-edit-json').inputValue()).toContain('dishonest_debtor');
    await page.getByRole('button', { name: /保存并采纳/ }).click();
    await expect.poll(() => page.getByTestId('policy-rule').inputValue()).toContain('dishonest_debtor');
    // The builder reads the accepted conditions too (a change of its field from outside).
    await page.getByTestId('policy-rule-tab-builder').click();
    await expect.poll(() => page.getByTestId('policy-rule-readable').textContent()).toContain('主营业务收入');
    await context.close();
  });
});
