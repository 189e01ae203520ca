import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirm, launchBrowser, login } from './browser.ts';

// 政策直达 from the department's side (issue 4), the whole journey in Chromium: the department writes a
// policy the showcase enterprise meets, pins it with golden cases and submits it; a colleague reviews it
// (two people: publishing is refused while a golden case fails, so the colleague returns it with a reason,
// the author fixes and resubmits it) and publishes it; the enterprise is notified, sees it explained with its amount and applies; the department
// accepts, approves and publishes the notice; once the notice is over, one staff member prepares the
// payment — and cannot approve it — and another approves it; the enterprise sees it paid.
//
// A public notice lasts working days and ends with the county's day at the earliest, so this file runs its
// own server whose clock the test moves forward (a preload that shifts Date, which PGlite reads too), on a
// fresh data directory like the shared one of global-setup.

const SHOWCASE = '重庆垫江恒通机械制造有限公司';
const root = path.resolve(import.meta.dirname, '../..');
const DAY_MS = 24 * 60 * 60 * 1000;

/** Shifts Date (and so PGlite's now()) by the number of milliseconds in the file named by DXE_CLOCK_FILE. */
const CLOCK_PRELOAD = `
import fs from 'node:fs';
const file = process.env.DXE_CLOCK_FILE;
const RealDate = globalThis.Date;
let offset = 0;
const read = () => { try { offset = Number(fs.readFileSync(file, 'utf8')) || 0; } catch { offset = 0; } };
if (file) { read(); setInterval(read, 100).unref(); }
class ShiftedDate extends RealDate {
  constructor(...args) { if (args.length === 0) super(RealDate.now() + offset); else super(...args); }
  static now() { return RealDate.now() + offset; }
}
globalThis.Date = ShiftedDate;
`;

let browser: Browser;
let server: ChildProcess;
let dataDir: string;
let clockFile: string;
let baseUrl: string;
let output = '';

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dxe-e2e-policies-'));
  const preload = path.join(dataDir, 'clock.mjs');
  fs.writeFileSync(preload, CLOCK_PRELOAD);
  clockFile = path.join(dataDir, 'clock-offset');
  fs.writeFileSync(clockFile, '0');
  const port = 3990 + Math.floor(Math.random() * 9);
  baseUrl = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['--import', pathToFileURL(preload).href, 'scripts/start.mjs'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: path.join(dataDir, 'data'), PORT: String(port), SEED_ENTERPRISES: '400', LOG_LEVEL: 'warn', NODE_ENV: 'development', DXE_CLOCK_FILE: clockFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (chunk) => (output += chunk));
  server.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 280_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A signed-in user in a fresh browser context of this file's server. */
async function signIn(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await login(page, username);
  return { context, page };
}

async function apiGet<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(url);
  expect(response.status(), url).toBe(200);
  return (await response.json()) as T;
}

/** Picks the showcase enterprise in an enterprise search select (the options are searched on the server). */
async function pickShowcase(page: Page, select: Locator): Promise<void> {
  await select.click();
  await page.keyboard.type('恒通机械');
  const option = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${SHOWCASE}"]`);
  await option.waitFor({ timeout: 15_000 });
  await option.click();
}

/** Types a date range into an antd RangePicker (its test id is on both of its inputs). */
async function fillRange(inputs: Locator, from: string, until: string): Promise<void> {
  await inputs.nth(0).click();
  await inputs.nth(0).fill(from);
  await inputs.nth(0).press('Enter');
  await inputs.nth(1).fill(until);
  await inputs.nth(1).press('Enter');
  await expect.poll(() => inputs.nth(1).inputValue()).toBe(until);
}

const isoDay = (time: number) => new Date(time + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);

describe('政策直达, the department side', () => {
  it('authors, pins, publishes and pays a policy the showcase enterprise applies for; the maker cannot approve their own payment', async () => {
    const title = `先进制造业企业培育奖励（E2E ${Date.now().toString(36)}）`;

    // ── 1. dept writes the policy: 工业企业 with last year's 主营业务收入 ≥ 2000万元, a fixed 8万元.
    const dept = await signIn('dept');
    await dept.page.getByTestId('nav-gov-policies').click();
    await dept.page.waitForURL(/\/gov\/policies$/);
    await dept.page.getByTestId('policy-create').click();
    await dept.page.waitForURL(/\/gov\/policies\/new$/);
    const editor = dept.page;
    await editor.getByTestId('policy-title').fill(title);
    await editor.getByTestId('policy-document-no').fill('垫经信发〔2026〕99号');
    await editor.getByTestId('policy-summary').fill('对上年度主营业务收入2000万元以上的工业企业，给予一次性奖励8万元。');
    const today = isoDay(Date.now());
    await fillRange(editor.getByTestId('policy-validity'), today, `${Number(today.slice(0, 4)) + 1}-12-31`);
    await editor.getByTestId('policy-interpretation').fill('### 谁可以享受？\n上年度主营业务收入 **2000万元** 以上的工业企业。\n\n- 无需另行提交材料\n- 公示后直接拨付\n\n<script>alert(1)</script>');
    await editor.getByTestId('policy-notice-days').fill('0');

    // A rule with a unit error first: the server refuses it and the editor marks the node's line.
    const rule = (right: unknown) =>
      JSON.stringify(
        {
          clause: '先进制造业企业培育奖励',
          all: [
            { clause: '工业企业', industry: { divisionRanges: [['06', '46']] } },
            { clause: '上年度主营业务收入2000万元以上', left: { fact: 'main_revenue', period: { yearsAgo: 1 } }, op: '>=', right },
          ],
        },
        null,
        2,
      );
    // The rule and benefit open in the visual builder; this test types JSON in the expert tabs.
    await editor.getByTestId('policy-rule-tab-json').click();
    await editor.getByTestId('policy-benefit-tab-json').click();
    await editor.getByTestId('policy-rule').fill(rule({ people: 2000 }));
    await editor.getByTestId('policy-benefit').fill(JSON.stringify({ amount: { fixed: { wan: 8 } } }, null, 2));
    // The live check already names the node, before anything is saved.
    await expect.poll(() => editor.getByTestId('policy-rule-problem').first().getAttribute('data-pointer')).toBe('/all/1');
    await editor.getByTestId('policy-save').click();
    const problem = editor.getByTestId('policy-rule-problem').first();
    await expect.poll(() => problem.getAttribute('data-source')).toBe('server');
    expect(await problem.getAttribute('data-pointer')).toBe('/all/1');
    expect(await problem.textContent()).toContain('单位不一致');
    const markedLine = await problem.getAttribute('data-line');
    expect(Number(markedLine)).toBeGreaterThan(1);
    expect(await editor.getByTestId('policy-rule-marked-line').first().getAttribute('data-line')).toBe(markedLine);
    expect(await editor.getByTestId('policy-save-error').textContent()).toContain('服务器校验未通过');

    // Fixed: the readable rendering appears, generated from the tree.
    await editor.getByTestId('policy-rule').fill(rule({ wan: 2000 }));
    await expect.poll(() => editor.getByTestId('policy-rule-rendered').textContent()).toContain('主营业务收入 ≥ 2,000万元');
    expect(await editor.getByTestId('policy-benefit-rendered').textContent()).toContain('定额 8万元');
    await editor.getByTestId('policy-save').click();
    await editor.waitForURL(/\/gov\/policies\/\d+\?tab=golden$/, { timeout: 30_000 });
    const policyId = Number(new URL(editor.url()).pathname.split('/').pop());
    expect(await editor.getByTestId('policy-status').getAttribute('data-status')).toBe('draft');

    // ── 2. Golden cases: the showcase enterprise (eligible, 8万元) and a made-up one below the line; a wrong
    // expectation first, so publishing is refused and says which case fails and why.
    const addCase = async (name: string, fill: () => Promise<void>) => {
      await editor.getByTestId('golden-add').click();
      await editor.getByTestId('golden-name').fill(name);
      await fill();
      await editor.getByTestId('golden-add-submit').click();
      await editor.getByTestId('golden-add-modal').waitFor({ state: 'hidden' });
    };
    await addCase('恒通机械（真实企业）', async () => {
      await pickShowcase(editor, editor.getByTestId('golden-enterprise'));
      await editor.getByTestId('golden-expected-amount').fill('8');
    });
    await addCase('故意写错：恒通机械不符合', async () => {
      await pickShowcase(editor, editor.getByTestId('golden-enterprise'));
      await editor.getByTestId('golden-expected-outcome').click();
      await editor.locator('.ant-select-dropdown:visible .ant-select-item-option[title="不符合条件"]').click();
    });
    const lastYear = String(Number(today.slice(0, 4)) - 1);
    await addCase('主营业务收入1,500万元的机械厂', async () => {
      await editor.getByTestId('golden-source').getByText('自拟数据').click();
      await editor.getByTestId('golden-facts').fill(JSON.stringify({ attributes: { industry_code: '3453' }, indicators: { main_revenue: { [lastYear]: 1_500_000_000 } } }, null, 2));
      await editor.getByTestId('golden-expected-outcome').click();
      await editor.locator('.ant-select-dropdown:visible .ant-select-item-option[title="不符合条件"]').click();
    });
    await expect.poll(() => editor.getByTestId('golden-table').locator('tbody tr.ant-table-row').count()).toBe(3);

    // ── 3. Two people publish: dept submits; dept (the submitter) cannot publish it; dept2, a colleague of the
    // same department, reviews it. Publishing is refused while a golden case fails and says which and why.
    await editor.getByTestId('policy-submit').click();
    await confirm(editor, 'policy-confirm-submit');
    await expect.poll(() => editor.getByTestId('policy-status').getAttribute('data-status')).toBe('in_review');
    expect(await editor.getByTestId('policy-publish').count()).toBe(0);

    const reviewer = await signIn('dept2');
    await reviewer.page.goto(`/gov/policies/${policyId}?tab=review`);
    await expect.poll(() => reviewer.page.getByTestId('policy-status').getAttribute('data-status')).toBe('in_review');
    await reviewer.page.getByTestId('policy-review-panel').waitFor({ timeout: 30_000 });
    await reviewer.page.getByTestId('policy-publish').click();
    await confirm(reviewer.page, 'policy-confirm-publish');
    const refused = reviewer.page.getByTestId('publish-refused');
    await refused.waitFor({ timeout: 30_000 });
    expect(await refused.textContent()).toContain('故意写错：恒通机械不符合');
    expect(await refused.textContent()).toContain('预期不符合条件，实际符合条件');
    expect(await reviewer.page.getByTestId('policy-status').getAttribute('data-status')).toBe('in_review');

    // dept2 returns it to dept with a reason.
    await reviewer.page.getByTestId('policy-tab-review').click();
    await reviewer.page.getByTestId('policy-review-return').click();
    await reviewer.page.getByTestId('policy-review-return-modal-reason').fill('黄金用例“故意写错”预期有误，请删除后重新提交。');
    await reviewer.page.getByTestId('policy-review-return-modal-submit').click();
    await reviewer.page.getByTestId('policy-review-return-modal-reason').waitFor({ state: 'detached', timeout: 30_000 });
    await expect.poll(() => reviewer.page.getByTestId('policy-status').getAttribute('data-status')).toBe('draft');

    // dept sees the draft back with the reason, removes the wrong case, runs them all: both pass; resubmits.
    await editor.goto(`/gov/policies/${policyId}?tab=golden`);
    await expect.poll(() => editor.getByTestId('policy-status').getAttribute('data-status')).toBe('draft');
    expect(await editor.getByTestId('policy-returned').textContent()).toContain('请删除后重新提交');
    const cases = await apiGet<{ id: number; name: string }[]>(editor, `/api/policies/${policyId}/golden-cases`);
    const wrong = cases.find((c) => c.name.startsWith('故意写错'))!;
    await editor.getByTestId(`golden-delete-${wrong.id}`).click();
    await editor.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => editor.getByTestId('golden-table').locator('tbody tr.ant-table-row').count()).toBe(2);
    await editor.getByTestId('golden-run').click();
    await expect.poll(() => editor.getByTestId('golden-run-summary').getAttribute('data-passed')).toBe('true');
    expect(await editor.getByTestId('golden-run-summary').textContent()).toContain('2 个用例全部通过');
    await editor.getByTestId('policy-submit').click();
    await confirm(editor, 'policy-confirm-submit');
    await expect.poll(() => editor.getByTestId('policy-status').getAttribute('data-status')).toBe('in_review');

    // dept2 publishes it.
    await reviewer.page.goto(`/gov/policies/${policyId}?tab=review`);
    await expect.poll(() => reviewer.page.getByTestId('policy-status').getAttribute('data-status')).toBe('in_review');
    await reviewer.page.getByTestId('policy-publish').click();
    await confirm(reviewer.page, 'policy-confirm-publish');
    await expect.poll(() => reviewer.page.getByTestId('policy-status').getAttribute('data-status')).toBe('published');
    await reviewer.context.close();
    await editor.reload();
    await expect.poll(() => editor.getByTestId('policy-status').getAttribute('data-status')).toBe('published');

    // The overview shows the interpretation as formatted text, the script as text.
    await editor.getByTestId('policy-tab-overview').click();
    const interpretation = editor.getByTestId('policy-interpretation-text');
    await expect.poll(() => interpretation.locator('strong').textContent()).toBe('2000万元');
    expect(await interpretation.textContent()).toContain('<script>alert(1)</script>');
    expect(await interpretation.locator('script').count()).toBe(0);

    // The test bench explains the showcase enterprise: every clause ✓, the amount and its formula.
    await editor.getByTestId('policy-tab-bench').click();
    await pickShowcase(editor, editor.getByTestId('bench-enterprise'));
    await editor.getByTestId('bench-evaluate').click();
    await expect.poll(() => editor.getByTestId('bench-outcome').getAttribute('data-outcome')).toBe('eligible');
    expect(await editor.getByTestId('bench-amount').getAttribute('data-fen')).toBe('8000000');
    expect(await editor.getByTestId('bench-formula').textContent()).toContain('8万元');
    const nodes = editor.getByTestId('explain-node');
    expect(await nodes.count()).toBe(3);
    expect(new Set(await nodes.evaluateAll((items) => items.map((item) => item.getAttribute('data-value'))))).toEqual(new Set(['pass']));
    expect(await editor.getByTestId('explain-tree').textContent()).toMatch(/主营业务收入 [\d,.]+万元 ≥ 2,000万元/);

    // ── 4. The enterprise is pushed the policy: a notification, and the calculator lists it with its amount.
    const ent = await signIn('ent');
    const matchLink = ent.page.getByTestId(`match-open-${policyId}`);
    await expect
      .poll(
        async () => {
          await ent.page.reload();
          await ent.page.getByTestId('calc-summary').or(ent.page.getByTestId('calc-empty')).first().waitFor();
          return matchLink.count();
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe(1);
    expect(await ent.page.getByTestId(`match-amount-${policyId}`).textContent()).toBe('8万元');
    await expect.poll(() => ent.page.getByTestId('notification-bell').getAttribute('data-unread').then(Number)).toBeGreaterThan(0);
    await ent.page.getByTestId('notification-bell').click();
    const pushed = ent.page.getByTestId('notification-panel').locator('[data-kind="policy.pushed"]', { hasText: title });
    await pushed.first().waitFor();
    await ent.page.keyboard.press('Escape');

    // Explained with its amount, then applied for (the policy asks for nothing beyond the profile).
    await matchLink.click();
    await ent.page.waitForURL(new RegExp(`/portal/policies/${policyId}$`));
    await expect.poll(() => ent.page.getByTestId('policy-outcome').getAttribute('data-outcome')).toBe('eligible');
    expect(await ent.page.getByTestId('policy-amount').textContent()).toBe('8万元');
    expect(await ent.page.getByTestId('policy-explanation').textContent()).toMatch(/主营业务收入 [\d,.]+万元 ≥ 2,000万元/);
    await ent.page.getByTestId('policy-apply').click();
    await ent.page.waitForURL(new RegExp(`/portal/policies/${policyId}/apply$`));
    await expect.poll(() => ent.page.getByTestId('known-value-enterpriseName').textContent()).toBe(SHOWCASE);
    await ent.page.getByTestId('apply-submit').click();
    await confirm(ent.page, 'apply-confirm');
    await ent.page.waitForURL(/\/portal\/applications\/\d+$/, { timeout: 30_000 });
    const applicationId = Number(new URL(ent.page.url()).pathname.split('/').pop());

    // ── 5. dept: the queue shows it; accept, approve (the amount fixed), start the notice.
    await dept.page.getByTestId('nav-gov-applications').click();
    await dept.page.waitForURL(/\/gov\/applications$/);
    await dept.page.getByTestId(`application-link-${applicationId}`).click();
    await dept.page.waitForURL(new RegExp(`/gov/applications/${applicationId}$`));
    const status = dept.page.getByTestId('application-status');
    await expect.poll(() => status.getAttribute('data-status')).toBe('submitted');
    expect(await dept.page.getByTestId('application-profile').textContent()).toContain(SHOWCASE);
    await dept.page.getByTestId('review-accept').click();
    await confirm(dept.page, 'review-accept-confirm');
    await expect.poll(() => status.getAttribute('data-status')).toBe('accepted');
    await dept.page.getByTestId('review-approve').click();
    expect(await dept.page.getByTestId('approve-step-requested').textContent()).toContain('8万元');
    await dept.page.getByTestId('approve-step-submit').click();
    await expect.poll(() => status.getAttribute('data-status')).toBe('approved');
    expect(await dept.page.getByTestId('application-approved-amount').getAttribute('data-fen')).toBe('8000000');
    await dept.page.getByTestId('review-start-notice').click();
    await confirm(dept.page, 'review-start-notice-confirm');
    await expect.poll(() => status.getAttribute('data-status')).toBe('in_notice');
    await dept.page.getByTestId('nav-gov-public-notices').click();
    await expect.poll(() => dept.page.getByTestId('notices-table').textContent()).toContain(title);
    await dept.context.close();

    // ── 6. The notice runs to the end of the county's day (0 working days): move the server's clock past it.
    // The notice job passes it; sessions of the old clock have lapsed, so everyone signs in again.
    fs.writeFileSync(clockFile, String(3 * DAY_MS));
    const maker = await signIn('dept');
    await maker.page.goto(`/gov/applications/${applicationId}`);
    const makerStatus = maker.page.getByTestId('application-status');
    await expect
      .poll(
        async () => {
          await maker.page.reload();
          return makerStatus.getAttribute('data-status');
        },
        // After the clock jump the one job worker first runs what came due meanwhile (the nightly router training
        // among them, 10–30 s on a loaded two-core machine), then the notice.
        { timeout: 120_000, interval: 1_000 },
      )
      .toBe('notice_passed');

    // The maker prepares the payment, typing the approved amount again (in 万元) …
    await maker.page.getByTestId('payment-prepare').click();
    expect(await maker.page.getByTestId('prepare-expected').getAttribute('data-fen')).toBe('8000000');
    expect(await maker.page.getByTestId('prepare-expected').textContent()).toContain('80,000.00 元');
    await maker.page.getByTestId('prepare-amount').fill('8');
    await maker.page.getByTestId('prepare-submit').click();
    await maker.page.getByTestId('prepare-modal').waitFor({ state: 'hidden' });
    // … and cannot approve it: the button is disabled and the page says another person must.
    await maker.page.getByTestId('maker-note').waitFor();
    expect(await maker.page.getByTestId('maker-note').textContent()).toContain('不能复核自己经办的兑付');
    expect(await maker.page.getByTestId('payment-approve').isDisabled()).toBe(true);
    await maker.page.getByTestId('nav-gov-payments').click();
    await maker.page.waitForURL(/\/gov\/payments$/);
    const payments = await apiGet<{ items: { id: number; applicationId: number | null }[] }>(maker.page, '/api/disbursements?status=prepared');
    const disbursementId = payments.items.find((d) => d.applicationId === applicationId)!.id;
    await maker.page.getByTestId(`payment-approve-${disbursementId}`).waitFor();
    expect(await maker.page.getByTestId(`payment-approve-${disbursementId}`).isDisabled()).toBe(true);
    await maker.context.close();

    // ── 7. dept2, the checker, approves it with the voucher number.
    const checker = await signIn('dept2');
    await checker.page.getByTestId('nav-gov-payments').click();
    await checker.page.waitForURL(/\/gov\/payments$/);
    await checker.page.getByTestId(`payment-approve-${disbursementId}`).click();
    expect(await checker.page.getByTestId('approve-amount').getAttribute('data-fen')).toBe('8000000');
    await checker.page.getByTestId('approve-payment-ref').fill('GK-E2E-0001');
    await checker.page.getByTestId('approve-submit').click();
    await checker.page.getByTestId('approve-modal').waitFor({ state: 'hidden' });
    await checker.page.goto(`/gov/applications/${applicationId}`);
    await expect.poll(() => checker.page.getByTestId('application-status').getAttribute('data-status')).toBe('paid');
    expect(await checker.page.getByTestId('application-timeline').textContent()).toContain('GK-E2E-0001');
    await checker.context.close();

    // ── 8. The enterprise sees it paid in its timeline.
    await ent.context.close();
    const paid = await signIn('ent');
    await paid.page.goto(`/portal/applications/${applicationId}`);
    await expect.poll(() => paid.page.getByTestId('application-status').getAttribute('data-status')).toBe('paid');
    await paid.page.getByTestId('application-paid').waitFor();
    expect(await paid.page.getByTestId('timeline-step-disburse').getAttribute('data-state')).toBe('done');
    await paid.context.close();
  }, 480_000);
});
