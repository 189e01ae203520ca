import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirm, launchBrowser, login, newPage } from './browser.ts';

// Issue 11's authoring flow end to end, in Chromium, as one story: dept creates a policy, pastes the policy's
// text into the reading assistant, fixes the threshold it proposed (2000万元 → 1500万元) and accepts it and
// the amount — the county reach is drawn before the first save; then adds golden cases, sees them pass live
// beside the builder, and submits (the cases are locked in review). dept2, a colleague, reviews it beside
// the published version (none yet) and publishes. The demo enterprise sees the policy explained.

const POLICY_TEXT = [
  '垫江县支持工业经济高质量发展若干政策（节选）',
  '第五条 稳岗扩规奖励',
  '（一）对上年度主营业务收入2000万元以上、从业人员10人以上的工业企业，给予一次性奖励5万元。',
  '（二）申报企业应当依法诚信经营，财务制度健全。',
].join('\n');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const isoDay = (time: number) => new Date(time + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
const inputOf = (locator: Locator) => locator.locator('xpath=self::input | descendant::input').first();

/** Adds a golden case of made-up facts through the modal. */
async function addGoldenCase(page: Page, name: string, facts: unknown, expected: { outcome: '符合条件' | '不符合条件'; wan?: string }, rowsAfter: number): Promise<void> {
  await page.getByTestId('golden-add').click();
  await page.getByTestId('golden-name').waitFor();
  await page.getByTestId('golden-name').fill(name);
  await page.getByTestId('golden-source').getByText('自拟数据').click();
  await page.getByTestId('golden-facts').fill(JSON.stringify(facts, null, 2));
  await page.getByTestId('golden-expected-outcome').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: expected.outcome }).first().click();
  if (expected.wan) await inputOf(page.getByTestId('golden-expected-amount')).fill(expected.wan);
  await page.getByTestId('golden-add-submit').click();
  await expect.poll(() => page.getByTestId('golden-table').locator('tbody tr.ant-table-row').count()).toBe(rowsAfter);
  await page.getByTestId('golden-name').waitFor({ state: 'hidden' });
}

describe('authoring a policy from its text, reviewed by a colleague', () => {
  it('dept reads the text, fixes a proposal, adds golden cases and submits; dept2 reviews side by side and publishes; ent sees it explained', async () => {
    const title = `稳岗扩规奖励（E2E ${Date.now().toString(36)}）`;
    const today = isoDay(Date.now());
    const lastYear = String(Number(today.slice(0, 4)) - 1);

    // ── 1. dept: a new policy; the text pasted into the reading assistant.
    const { context: deptContext, page } = await newPage(browser);
    await login(page, 'dept');
    await page.getByTestId('nav-gov-policies').click();
    await page.waitForURL(/\/gov\/policies$/);
    await page.getByTestId('policy-create').click();
    await page.waitForURL(/\/gov\/policies\/new$/);
    await page.getByTestId('policy-title').fill(title);
    await page.getByTestId('policy-summary').fill('对上年度主营业务收入1500万元以上、从业人员10人以上的工业企业，给予一次性奖励5万元。');
    const validity = page.getByTestId('policy-validity');
    await validity.nth(0).click();
    await validity.nth(0).fill(today);
    await validity.nth(0).press('Enter');
    await validity.nth(1).fill(`${Number(today.slice(0, 4)) + 1}-12-31`);
    await validity.nth(1).press('Enter');
    await page.getByTestId('policy-rule-builder').waitFor({ timeout: 30_000 });
    // Nothing to count yet: the empty draft has no condition.
    expect(await page.getByTestId('policy-draft-reach').getAttribute('data-state')).toBe('pending');

    await page.getByTestId('reading-open').click();
    await page.getByTestId('reading-text').fill(POLICY_TEXT);
    await page.getByTestId('reading-start').click();
    const conditions = page.getByTestId('reading-conditions');
    await conditions.waitFor({ timeout: 30_000 });
    // What it did not understand is listed, not dropped.
    expect(await page.getByTestId('reading-missing').textContent()).toContain('财务制度');

    // ── 2. Fix the proposed threshold (the department decided on 1500万元), accept it, and accept the amount.
    await conditions.locator('[data-testid^="reading-edit-"]').first().click();
    const editJson = page.getByTestId('reading-edit-json');
    await expect.poll(() => editJson.inputValue()).toContain('"wan": 2000');
    await editJson.fill((await editJson.inputValue()).replace('"wan": 2000', '"wan": 1500'));
    await page.getByRole('button', { name: /保存并采纳/ }).click();
    await page.getByTestId('reading-benefits').locator('[data-testid^="reading-accept-"]').first().click();
    // The builder reads them: the fixed value, the other conditions as proposed, the amount.
    const readable = page.getByTestId('policy-rule-readable');
    await expect.poll(() => readable.textContent()).toContain('主营业务收入 ≥ 1,500万元');
    expect(await readable.textContent()).toContain('从业人员期末人数');
    await expect.poll(() => page.getByTestId('policy-benefit-readable').textContent()).toContain('5万元');

    // The reach of the unsaved rule, before the first save: a chart and the money.
    const reach = page.getByTestId('policy-draft-reach');
    await expect.poll(() => reach.getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
    await reach.getByTestId('policy-draft-reach-chart').locator('svg').waitFor();
    const eligible = Number(await reach.getAttribute('data-eligible'));
    expect(await reach.getByTestId('policy-draft-reach-money').textContent()).toContain(eligible === 0 ? '0' : '万');

    await page.getByTestId('policy-save').click();
    await page.waitForURL(/\/gov\/policies\/\d+\?tab=golden$/, { timeout: 30_000 });
    const policyId = Number(new URL(page.url()).pathname.split('/').pop());
    expect(await page.getByTestId('policy-status').getAttribute('data-status')).toBe('draft');

    // ── 3. Golden cases: a firm between the proposed and the fixed line (eligible, 5万元), and a small one.
    const firm = (wan: number) => ({ attributes: { industry_code: '3453' }, indicators: { main_revenue: { [lastYear]: wan * 1_000_000 }, employees: { [lastYear]: 50 } } });
    await addGoldenCase(page, '收入1800万元、50人的机械厂', firm(1800), { outcome: '符合条件', wan: '5' }, 1);
    await addGoldenCase(page, '收入1000万元的小厂', firm(1000), { outcome: '不符合条件' }, 2);
    await page.getByTestId('golden-run').click();
    await expect.poll(() => page.getByTestId('golden-run-summary').getAttribute('data-passed')).toBe('true');

    // Live beside the builder: the cases run on the rule as it is being edited.
    await page.getByTestId('policy-tab-edit').click();
    const bench = page.getByTestId('policy-golden-bench');
    await expect.poll(() => bench.getAttribute('data-state'), { timeout: 30_000 }).toBe('passed');
    expect(await bench.getByTestId('policy-golden-bench-summary').textContent()).toContain('2 个用例全部通过');

    // ── 4. Submit; in review the cases are locked.
    await page.getByTestId('policy-submit').click();
    await confirm(page, 'policy-confirm-submit');
    await expect.poll(() => page.getByTestId('policy-status').getAttribute('data-status')).toBe('in_review');
    expect(await page.getByTestId('policy-publish').count()).toBe(0);
    await page.getByTestId('policy-tab-golden').click();
    await page.getByTestId('golden-locked').waitFor();
    expect(await page.getByTestId('golden-add').isDisabled()).toBe(true);
    await deptContext.close();

    // ── 5. dept2: 待我审核 → the version beside the published one (none yet), readable text and reach; publish.
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
    const underText = (await under.textContent()) ?? '';
    expect(underText).toContain('主营业务收入 ≥ 1,500万元');
    expect(underText).toContain('5万元');
    expect(underText).toContain('符合条件');
    expect(await reviewer.getByTestId('policy-review-panel').textContent()).toContain('尚无已发布版本');
    await reviewer.getByTestId('policy-review-approve').click();
    await expect.poll(() => reviewer.getByTestId('policy-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('published');
    await reviewerContext.close();

    // ── 6. The enterprise sees the policy explained, with the fixed threshold.
    const { context: entContext, page: ent } = await newPage(browser);
    await login(ent, 'ent');
    await ent.goto(`/portal/policies/${policyId}`);
    const explanation = ent.getByTestId('policy-explanation');
    await explanation.waitFor({ timeout: 30_000 });
    await expect.poll(() => explanation.textContent()).toContain('主营业务收入');
    expect(await explanation.textContent()).toContain('1,500万元');
    expect(await ent.getByTestId('page-title').textContent()).toContain(title);
    expect(['eligible', 'ineligible', 'unknown']).toContain(await ent.getByTestId('policy-outcome').getAttribute('data-outcome'));
    await entContext.close();
  }, 300_000);
});
