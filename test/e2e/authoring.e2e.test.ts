import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirm, launchBrowser, login, newPage } from './browser.ts';

// Policy authoring for officials (issue 11), in Chromium: dept writes a new policy with the visual rule
// builder (two conditions through the fact picker, comparator, value and period; the benefit through its
// form; no JSON typed), pins it with a golden case and submits it; dept2, a colleague of the same department,
// finds it under 待我审核, sees the version beside the (absent) published one and publishes it; the demo
// enterprise sees the policy explained in the portal, its conditions rendered.

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const isoDay = (time: number) => new Date(time + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);

/** The <input> of an antd input whose test id may sit on the input itself or on its wrapper. */
const inputOf = (locator: Locator) => locator.locator('xpath=self::input | descendant::input').first();

/** Opens an antd select and picks the option showing `text` (typing `search` first when it is searchable). */
async function pick(page: Page, select: Locator, text: string, search?: string): Promise<void> {
  await select.click();
  if (search) await page.keyboard.type(search);
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first();
  await option.waitFor({ timeout: 15_000 });
  await option.click();
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
}

describe('policy authoring with the visual builder, reviewed by a colleague', () => {
  it('dept builds and submits a policy without JSON; dept2 reviews and publishes it; the enterprise sees its conditions', async () => {
    const title = `小微工业企业稳岗奖励（E2E ${Date.now().toString(36)}）`;
    const today = isoDay(Date.now());
    const lastYear = String(Number(today.slice(0, 4)) - 1);

    // ── 1. dept: a new draft opens with no sample rule; two conditions through the builder.
    const { context: deptContext, page } = await newPage(browser);
    await login(page, 'dept');
    await page.getByTestId('nav-gov-policies').click();
    await page.waitForURL(/\/gov\/policies$/);
    await page.getByTestId('policy-create').click();
    await page.waitForURL(/\/gov\/policies\/new$/);
    await page.getByTestId('policy-title').fill(title);
    await page.getByTestId('policy-summary').fill('对上年度主营业务收入2000万元以上、从业人员10人以上的企业，给予一次性奖励5万元。');
    const validity = page.getByTestId('policy-validity');
    await validity.nth(0).click();
    await validity.nth(0).fill(today);
    await validity.nth(0).press('Enter');
    await validity.nth(1).fill(`${Number(today.slice(0, 4)) + 1}-12-31`);
    await validity.nth(1).press('Enter');

    const builder = page.getByTestId('policy-rule-builder');
    await builder.waitFor({ timeout: 30_000 });
    expect(await builder.locator('[data-testid^="rb-node-"]').count()).toBe(0);

    const addCompare = async () => {
      await builder.getByTestId('rb-add-condition').first().click();
      await page.locator('.ant-dropdown:visible .ant-dropdown-menu-item', { hasText: '指标比较' }).click();
    };
    // 主营业务收入, 上年度, 不低于 2000 万元.
    await addCompare();
    const first = builder.getByTestId('rb-node-compare').nth(0);
    await first.waitFor();
    await pick(page, first.getByTestId('rb-fact'), '主营业务收入', '主营业务');
    await pick(page, first.getByTestId('rb-period'), '上年度');
    await pick(page, first.getByTestId('rb-op'), '不低于');
    await inputOf(first.getByTestId('rb-value')).fill('2000');
    // 从业人员期末人数, 上年度, 高于 10 人: the value takes the fact's unit.
    await addCompare();
    const second = builder.getByTestId('rb-node-compare').nth(1);
    await second.waitFor();
    await pick(page, second.getByTestId('rb-fact'), '从业人员期末人数', '从业人员');
    await pick(page, second.getByTestId('rb-period'), '上年度');
    await pick(page, second.getByTestId('rb-op'), '高于');
    await inputOf(second.getByTestId('rb-value')).fill('10');

    // The readable text as the enterprise will read it, live beside the builder.
    const readable = page.getByTestId('policy-rule-readable');
    await expect.poll(() => readable.textContent()).toContain('主营业务收入 ≥ 2,000万元');
    expect(await readable.textContent()).toMatch(/从业人员期末人数 > 10\s*人/);

    // A record condition (职工 records, counted this year) shows its own editor; removed again.
    await builder.getByTestId('rb-add-condition').first().click();
    await page.locator('.ant-dropdown:visible .ant-dropdown-menu-item', { hasText: '记录条件' }).click();
    const records = builder.getByTestId('rb-node-records');
    await records.waitFor();
    await expect.poll(() => records.getByTestId('rb-record-type').textContent()).toContain('职工');
    await records.getByTestId('rb-remove').click();
    await records.waitFor({ state: 'detached' });

    // The benefit through its form: 按情形 shows a case with its own condition builder; then 定额 5 万元.
    const benefit = page.getByTestId('policy-benefit-builder');
    const kinds = benefit.getByTestId('rb-benefit-kind');
    await kinds.getByText('按情形', { exact: true }).click();
    await benefit.getByTestId('rb-case').first().waitFor();
    expect(await benefit.getByTestId('rb-case').count()).toBe(1);
    await kinds.getByText('定额', { exact: true }).click();
    await benefit.getByTestId('rb-case').first().waitFor({ state: 'detached' });
    await inputOf(benefit.getByTestId('rb-value')).fill('5');
    await expect.poll(() => page.getByTestId('policy-benefit-readable').textContent()).toContain('定额 5万元');

    // What the builder wrote is the rule the JSON tab shows (the expert view of the same tree).
    await page.getByTestId('policy-rule-tab-json').click();
    const rule = JSON.parse(await page.getByTestId('policy-rule').inputValue()) as { all: { left: { fact: string; period: unknown }; op: string; right: unknown }[] };
    expect(rule.all).toEqual([
      { left: { fact: 'main_revenue', period: { yearsAgo: 1 } }, op: '>=', right: { wan: 2000 } },
      { left: { fact: 'employees', period: { yearsAgo: 1 } }, op: '>', right: { people: 10 } },
    ]);

    await page.getByTestId('policy-save').click();
    await page.waitForURL(/\/gov\/policies\/\d+\?tab=golden$/, { timeout: 30_000 });
    const policyId = Number(new URL(page.url()).pathname.split('/').pop());
    expect(await page.getByTestId('policy-status').getAttribute('data-status')).toBe('draft');

    // ── 2. A golden case (made-up facts above both lines: eligible, 5万元), then submit.
    await page.getByTestId('golden-add').click();
    await page.getByTestId('golden-name').fill('收入3000万元、50人的企业');
    await page.getByTestId('golden-source').getByText('自拟数据').click();
    await page.getByTestId('golden-facts').fill(JSON.stringify({ attributes: { industry_code: '3453' }, indicators: { main_revenue: { [lastYear]: 3_000_000_000 }, employees: { [lastYear]: 50 } } }, null, 2));
    await inputOf(page.getByTestId('golden-expected-amount')).fill('5');
    await page.getByTestId('golden-add-submit').click();
    await page.getByTestId('golden-add-modal').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('golden-table').locator('tbody tr.ant-table-row').count()).toBe(1);
    await page.getByTestId('golden-run').click();
    await expect.poll(() => page.getByTestId('golden-run-summary').getAttribute('data-passed')).toBe('true');

    await page.getByTestId('policy-submit').click();
    await confirm(page, 'policy-confirm-submit');
    await expect.poll(() => page.getByTestId('policy-status').getAttribute('data-status')).toBe('in_review');
    // The submitter cannot publish their own submission.
    expect(await page.getByTestId('policy-publish').count()).toBe(0);
    await deptContext.close();

    // ── 3. dept2: 待我审核 lists it; the review tab shows it beside the published version (none yet).
    const { context: reviewerContext, page: reviewer } = await newPage(browser);
    await login(reviewer, 'dept2');
    await reviewer.getByTestId('nav-gov-policies').click();
    await reviewer.waitForURL(/\/gov\/policies$/);
    const queue = reviewer.getByTestId('policy-review-queue');
    await queue.waitFor({ timeout: 30_000 });
    await queue.getByRole('link', { name: title }).click();
    await reviewer.waitForURL(new RegExp(`/gov/policies/${policyId}\\?tab=review$`));
    const under = reviewer.getByTestId('policy-review-under');
    await under.waitFor({ timeout: 60_000 });
    expect(await under.textContent()).toContain('主营业务收入 ≥ 2,000万元');
    expect(await under.textContent()).toContain('从业人员期末人数');
    expect(await under.textContent()).toContain('5万元');
    expect(await under.textContent()).toContain('符合条件');
    expect(await reviewer.getByTestId('policy-review-panel').textContent()).toContain('尚无已发布版本');
    await reviewer.getByTestId('policy-review-approve').click();
    await expect.poll(() => reviewer.getByTestId('policy-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('published');
    await reviewerContext.close();

    // ── 4. The demo enterprise sees the policy explained, its conditions rendered.
    const { context: entContext, page: ent } = await newPage(browser);
    await login(ent, 'ent');
    await ent.goto(`/portal/policies/${policyId}`);
    const explanation = ent.getByTestId('policy-explanation');
    await explanation.waitFor({ timeout: 30_000 });
    await expect.poll(() => explanation.textContent()).toContain('主营业务收入');
    expect(await explanation.textContent()).toContain('从业人员期末人数');
    expect(await ent.getByTestId('page-title').textContent()).toContain(title);
    expect(['eligible', 'ineligible', 'unknown']).toContain(await ent.getByTestId('policy-outcome').getAttribute('data-outcome'));
    await entContext.close();
  }, 300_000);
});
