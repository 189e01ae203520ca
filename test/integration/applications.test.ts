import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEN_PER_WAN } from '../../src/core/money/money.ts';
import { addCalendarDays, addWorkingDays, endOfDayShanghai, isCovered, isWorkday, shanghaiDate, workingDaysBetween } from '../../src/core/sla/calendar.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { acceptApplication, passDueApplicationNotices } from '../../src/server/modules/applications/applications.review.ts';
import { submitApplication } from '../../src/server/modules/applications/applications.submit.ts';
import type { Actor } from '../../src/server/request-context.ts';
import { loadWorkingCalendar } from '../../src/server/platform/working-calendar.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createOrg } from '../factories/accounts.ts';
import { createApplication, PDF_BYTES, signInApplicant, uploadAttachment, type ApplicationState, type CreatedApplication } from '../factories/applications.ts';
import { createManufacturer, LAST_YEAR, signIn } from '../factories/enterprises.ts';
import { createPolicy } from '../factories/policies.ts';

const WAN = FEN_PER_WAN;
const Y = LAST_YEAR;

type Client = Awaited<ReturnType<typeof signIn>>;
interface Detail {
  id: number;
  status: string;
  currentStep: { key: string } | null;
  stepDueAt: string | null;
  noticeUntil: string | null;
  estimatedAmountFen: number | null;
  approvedAmountFen: number | null;
  events: { action: string; fromStatus: string | null; toStatus: string; reason: string | null; actor: { kind: string }; details: Record<string, unknown> }[];
  files: { id: number; sha256: string; sizeBytes: number; fileName: string }[];
  availableActions: string[];
  formData: { profile: { key: string; value: unknown }[]; entered: Record<string, unknown> };
}

let t: TestApp;
let db: Kysely<DB>;
let storageDir: string;
let deptId: number;
let maker: Client;
let checker: Client;
let otherStaff: Client;
let policyId: number;

const reviewSteps = [
  { key: 'accept', nameZh: '受理', nameEn: 'Acceptance', deadlineWorkingDays: 3 },
  { key: 'review', nameZh: '初审', nameEn: 'First review', deadlineWorkingDays: 10 },
  { key: 'review2', nameZh: '复审', nameEn: 'Second review', deadlineWorkingDays: 5 },
  { key: 'notice', nameZh: '公示', nameEn: 'Public notice', deadlineWorkingDays: 5 },
  { key: 'disburse', nameZh: '兑付', nameEn: 'Disbursement', deadlineWorkingDays: 10 },
];
const formFields = [
  { key: 'projectName', labelZh: '项目名称', labelEn: 'Project name', type: 'text', required: true },
  { key: 'investmentFen', labelZh: '项目投资额', labelEn: 'Investment', type: 'money', required: false },
  { key: 'auditReport', labelZh: '审计报告', labelEn: 'Audit report', type: 'file', required: true },
];

async function apply(client: Client, policy = policyId, formData: Record<string, unknown> = { projectName: '智能产线改造' }) {
  return client.post('/api/applications', { policyId: policy, formData });
}

/**
 * An application of a new enterprise brought to `state`: maker accepts and approves the first review
 * step, checker the second, maker starts the notice.
 */
function applicationIn(state: ApplicationState): Promise<CreatedApplication> {
  return createApplication(t.app, { policyId, state, formData: { projectName: '智能产线改造' }, reviewers: [maker, checker] });
}

/** The Actor a service sees for a signed-in test client (to call services at a chosen time). */
async function actorOf(client: Client): Promise<Actor> {
  const user = await db.selectFrom('users').innerJoin('organizations', 'organizations.id', 'users.org_id').where('users.id', '=', client.user.id).select(['users.id', 'users.username', 'users.display_name', 'users.roles', 'organizations.id as org_id', 'organizations.type', 'organizations.name']).executeTakeFirstOrThrow();
  return { userId: user.id, username: user.username, displayName: user.display_name, roles: user.roles, orgId: user.org_id, orgType: user.type, orgName: user.name, mustChangePassword: false, sessionHash: 'test', requestId: 'test', ip: '127.0.0.1' };
}

/** Moves an application's notice into the past, as if its period had run. */
async function expireNotice(id: number): Promise<void> {
  await sql`update applications set notice_until = now() - interval '1 minute' where id = ${id}`.execute(db);
}

beforeAll(async () => {
  storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dxe-applications-'));
  t = await createTestApp({ storageDir });
  db = t.app.db;
  deptId = await createOrg(db, 'department', '县经济和信息化委员会');
  maker = await signIn(t.app, ['department_staff'], deptId);
  checker = await signIn(t.app, ['department_staff'], deptId);
  otherStaff = await signIn(t.app, ['department_staff']);
  policyId = (await createPolicy(t.app, { author: maker, body: { reviewSteps, formFields, publicNoticeDays: 5 } })).id;
});
afterAll(async () => {
  await t.close();
  fs.rmSync(storageDir, { recursive: true, force: true });
});

describe(`the application path on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('pre-fills the form from the profile; the enterprise adds only the policy’s fields', async () => {
    const enterprise = await signInApplicant(t.app);
    const response = await enterprise.get(`/api/policies/${policyId}/application-form`);
    expect(response.statusCode, response.body).toBe(200);
    const form = response.json<{ canApply: boolean; outcome: string; estimatedAmountFen: number; fields: { key: string; source: string; value: unknown; period: string | null; dataSource: { code: string } | null; type: string; required: boolean }[] }>();
    expect(form).toMatchObject({ canApply: true, outcome: 'eligible', estimatedAmountFen: 20 * WAN });
    const byKey = new Map(form.fields.map((f) => [f.key, f]));
    expect(byKey.get('enterpriseName')).toMatchObject({ source: 'profile', dataSource: { code: 'registry' } });
    expect(byKey.get('uscc')?.value).toMatch(/^91500231/);
    expect(byKey.get('legalRepresentative')).toMatchObject({ value: '张三', source: 'profile' });
    expect(byKey.get(`fact_main_revenue_${Y}`)).toMatchObject({ value: 3000 * WAN, period: String(Y), type: 'money', source: 'profile', dataSource: { code: 'statistics' } });
    expect(byKey.get('projectName')).toMatchObject({ source: 'enterprise', required: true, value: null });
    expect(byKey.get('auditReport')).toMatchObject({ source: 'enterprise', type: 'file', required: true });
  });

  it('goes 申报 → 受理 → 初审 → 复审 → 公示 → 兑付 with a timeline, notifications and audit', async () => {
    const enterprise = await signInApplicant(t.app);
    const created = await apply(enterprise, policyId, { projectName: '智能产线改造', investmentFen: 1_234_567_89 });
    expect(created.statusCode, created.body).toBe(201);
    const app = created.json<Detail>();
    expect(app).toMatchObject({ status: 'submitted', currentStep: { key: 'accept' }, estimatedAmountFen: 20 * WAN, approvedAmountFen: null });
    expect(app.formData.entered).toEqual({ projectName: '智能产线改造', investmentFen: 123456789 });
    expect(app.formData.profile.find((f) => f.key === `fact_main_revenue_${Y}`)?.value).toBe(3000 * WAN);
    // The acceptance deadline: 3 working days after today, by the database's calendar, end of day in Shanghai.
    const calendar = await loadWorkingCalendar(db);
    expect(app.stepDueAt).toBe(endOfDayShanghai(addWorkingDays(shanghaiDate(new Date()), 3, calendar)).toISOString());
    expect(app.availableActions).toEqual(['withdraw']);

    // The department is told, once per staff member.
    const deptNotes = await db.selectFrom('notifications').where('kind', '=', 'application.submitted').where('dedupe_key', 'like', `application.submitted:${app.id}:%`).select('user_id').execute();
    // (maker, checker, and the colleague who published the policy: two people publish a policy.)
    const staff = await db.selectFrom('users').where('org_id', '=', maker.user.orgId).where(sql<boolean>`'department_staff' = any(roles)`).select('id').execute();
    expect(staff.length).toBeGreaterThanOrEqual(3);
    expect(deptNotes.map((n) => n.user_id).sort()).toEqual(staff.map((u) => u.id).sort());

    const file = await uploadAttachment(enterprise, app.id, 'auditReport', { name: '2025年审计报告.pdf', content: PDF_BYTES });
    expect(file.statusCode, file.body).toBe(201);

    const staffView = (await maker.get(`/api/applications/${app.id}`)).json<Detail>();
    expect(staffView.availableActions).toEqual(['accept', 'return', 'reject']);
    expect((await maker.post(`/api/applications/${app.id}/accept`)).json<Detail>()).toMatchObject({ status: 'accepted', currentStep: { key: 'review' } });
    expect((await maker.post(`/api/applications/${app.id}/approve-step`, {})).json<Detail>()).toMatchObject({ status: 'in_review', currentStep: { key: 'review2' } });
    const approved = await checker.post(`/api/applications/${app.id}/approve-step`, {});
    expect(approved.json<Detail>()).toMatchObject({ status: 'approved', approvedAmountFen: 20 * WAN, stepDueAt: null });

    const noticed = (await maker.post(`/api/applications/${app.id}/start-notice`)).json<Detail>();
    expect(noticed.status).toBe('in_notice');
    expect(noticed.noticeUntil).toBe(endOfDayShanghai(addWorkingDays(shanghaiDate(new Date()), 5, calendar)).toISOString());
    // Too early to end the notice by hand.
    const early = await maker.post(`/api/applications/${app.id}/end-notice`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details[0].reason).toBe('notice_not_over');

    // Anyone signed in sees the public notice, with the amount.
    const stranger = await signIn(t.app, ['bank_staff']);
    const notices = (await stranger.get(`/api/public-notices?policyId=${policyId}`)).json<{ items: { kind: string; id: number; amountFen: number; enterprise: { name: string } }[] }>();
    expect(notices.items).toContainEqual(expect.objectContaining({ kind: 'application', id: app.id, amountFen: 20 * WAN }));

    // The period runs out; the job moves it (and a second run changes nothing).
    await expireNotice(app.id);
    await sql`update jobs set run_at = now() where kind = 'applications.notices'`.execute(db);
    await t.app.jobs.drain();
    const passed = (await maker.get(`/api/applications/${app.id}`)).json<Detail>();
    expect(passed).toMatchObject({ status: 'notice_passed', currentStep: { key: 'disburse' } });
    expect((await stranger.get(`/api/public-notices?policyId=${policyId}`)).json<{ items: { id: number }[] }>().items.map((i) => i.id)).not.toContain(app.id);

    // Maker prepares (the amount typed again must match), checker approves.
    const wrongAmount = await maker.post('/api/disbursements', { applicationId: app.id, amountFen: 20 * WAN + 1 });
    expect(wrongAmount.statusCode).toBe(422);
    const prepared = await maker.post('/api/disbursements', { applicationId: app.id, amountFen: 20 * WAN });
    expect(prepared.statusCode, prepared.body).toBe(201);
    const disbursement = prepared.json<{ id: number; status: string }>();
    expect(disbursement.status).toBe('prepared');
    const paid = await checker.post(`/api/disbursements/${disbursement.id}/approve`, { paymentRef: 'GK2026-000123' });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'paid', amountFen: 20 * WAN, paymentRef: 'GK2026-000123', preparedBy: { id: maker.user.id }, approvedBy: { id: checker.user.id } });

    // The enterprise's timeline tells the whole story.
    const final = (await enterprise.get(`/api/applications/${app.id}`)).json<Detail>();
    expect(final.status).toBe('paid');
    expect(final.events.map((e) => `${e.action}:${e.toStatus}`)).toEqual([
      'submit:submitted',
      'attach_file:submitted',
      'accept:accepted',
      'approve_step:in_review',
      'approve_step:approved',
      'start_notice:in_notice',
      'end_notice:notice_passed',
      'prepare_payment:notice_passed',
      'approve_payment:paid',
    ]);
    expect(final.events.find((e) => e.action === 'end_notice')?.actor.kind).toBe('system');
    expect(final.events.find((e) => e.action === 'accept')?.actor.kind).toBe('department');

    // One notification per status change, keyed by the event.
    const notes = await db.selectFrom('notifications').innerJoin('users', 'users.id', 'notifications.user_id').where('users.org_id', '=', enterprise.user.orgId).where('kind', '=', 'application.status').select(['dedupe_key', 'params']).orderBy('notifications.id').execute();
    expect(notes.map((n) => (n.params as { status: string }).status)).toEqual(['submitted', 'accepted', 'in_review', 'approved', 'in_notice', 'notice_passed', 'paid']);
    for (const n of notes) expect(n.dedupe_key).toMatch(new RegExp(`^application\\.status:${app.id}:\\d+$`));

    const audit = await db.selectFrom('audit_log').where('target_type', '=', 'application').where('target_id', '=', String(app.id)).select('action').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['application.submit', 'application.accept', 'application.approve_step', 'application.start_notice', 'application.end_notice', 'application.prepare_payment', 'application.approve_payment']));
  });

  it('refuses applying twice (409), and again after a race of two submissions', async () => {
    const enterprise = await signInApplicant(t.app);
    expect((await apply(enterprise)).statusCode).toBe(201);
    const again = await apply(enterprise);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details[0].reason).toBe('already_applied');

    const racer = await signInApplicant(t.app);
    const results = await Promise.all([apply(racer), apply(racer), apply(racer)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    const rows = await db.selectFrom('applications').where('enterprise_id', '=', racer.enterpriseId).select('id').execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses an ineligible enterprise and one whose eligibility is unknown (422)', async () => {
    const small = await signInApplicant(t.app, { revenueWan: 500 });
    const refused = await apply(small);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details[0]).toMatchObject({ reason: 'ineligible', outcome: 'ineligible' });
    expect((await small.get(`/api/policies/${policyId}/application-form`)).json()).toMatchObject({ canApply: false, blockedBy: 'ineligible' });

    const unknown = await createManufacturer(db, 0);
    await db.deleteFrom('indicator_values').where('enterprise_id', '=', unknown.id).where('indicator_code', '=', 'main_revenue').execute();
    const client = await signIn(t.app, ['enterprise_user'], unknown.orgId!);
    const open = await apply(client);
    expect(open.statusCode).toBe(422);
    expect(open.json().error.details[0]).toMatchObject({ reason: 'eligibility_unknown', missingFacts: [{ fact: 'main_revenue', period: String(Y) }] });
  });

  it('refuses applying outside the window (422) and for an unknown policy (404)', async () => {
    const closed = (await createPolicy(t.app, { author: maker, body: { title: '已截止的政策', applyFrom: '2020-01-01T00:00:00+08:00', applyUntil: '2020-12-31T23:59:59+08:00' } })).id;
    const notYet = (await createPolicy(t.app, { author: maker, body: { title: '未开始的政策', applyFrom: `${Y + 3}-01-01T00:00:00+08:00`, applyUntil: `${Y + 3}-12-31T23:59:59+08:00` } })).id;
    const enterprise = await signInApplicant(t.app);
    const late = await apply(enterprise, closed);
    expect(late.statusCode).toBe(422);
    expect(late.json().error.details[0].reason).toBe('window_closed');
    expect((await apply(enterprise, notYet)).json().error.details[0].reason).toBe('not_open_yet');
    expect((await apply(enterprise, 999_999)).statusCode).toBe(404);
    expect((await db.selectFrom('applications').where('enterprise_id', '=', enterprise.enterpriseId).select('id').execute())).toHaveLength(0);
  });

  it('checks the form: required fields, types, money in integer fen, no profile overwrites', async () => {
    const enterprise = await signInApplicant(t.app);
    const bad = await apply(enterprise, policyId, { investmentFen: 12.5, enterpriseName: '别的名字', auditReport: 'x' });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json<{ error: { details: { path: string }[] } }>().error.details.map((d) => d.path).sort();
    expect(paths).toEqual(['body/formData/auditReport', 'body/formData/enterpriseName', 'body/formData/investmentFen', 'body/formData/projectName']);
  });
});

describe('review refusals', () => {
  it('requires reasons to return and reject (400), and nobody but the owning department reviews (403)', async () => {
    const enterprise = await signInApplicant(t.app);
    const id = (await apply(enterprise)).json<Detail>().id;
    for (const action of ['return', 'reject']) {
      const blank = await maker.post(`/api/applications/${id}/${action}`, { reason: '   ' });
      expect(blank.statusCode, action).toBe(400);
      expect((await maker.post(`/api/applications/${id}/${action}`, {})).statusCode).toBe(400);
    }
    expect((await otherStaff.post(`/api/applications/${id}/accept`)).statusCode).toBe(403);
    expect((await otherStaff.get(`/api/applications/${id}`)).statusCode).toBe(403);
    expect((await enterprise.post(`/api/applications/${id}/accept`)).statusCode).toBe(403);
    const stranger = await signInApplicant(t.app);
    expect((await stranger.get(`/api/applications/${id}`)).statusCode).toBe(403);
    expect((await stranger.post(`/api/applications/${id}/withdraw`)).statusCode).toBe(403);
    const cadre = await signIn(t.app, ['cadre'], deptId);
    expect((await cadre.post(`/api/applications/${id}/accept`)).statusCode).toBe(403);
    // Nothing changed.
    expect((await maker.get(`/api/applications/${id}`)).json<Detail>().status).toBe('submitted');
    const denied = await db.selectFrom('audit_log').where('outcome', '=', 'denied').where('actor_user_id', '=', otherStaff.user.id).select('action').execute();
    expect(denied.length).toBeGreaterThan(0);
  });

  it('refuses acceptance while a required attachment is missing (422) and illegal steps (409)', async () => {
    const enterprise = await signInApplicant(t.app);
    const id = (await apply(enterprise)).json<Detail>().id;
    const accept = await maker.post(`/api/applications/${id}/accept`);
    expect(accept.statusCode).toBe(422);
    expect(accept.json().error.details[0]).toMatchObject({ path: 'auditReport', reason: 'attachment_missing' });
    expect((await maker.post(`/api/applications/${id}/start-notice`)).statusCode).toBe(409);
    expect((await maker.post(`/api/applications/${id}/approve-step`, {})).statusCode).toBe(409);
    expect((await maker.post('/api/disbursements', { applicationId: id, amountFen: 20 * WAN })).statusCode).toBe(409);
  });

  it('returns for completion with the reason; the resubmission goes back to the same step with a fresh deadline', async () => {
    const { id, applicant: enterprise } = await applicationIn('accepted');
    const returned = await maker.post(`/api/applications/${id}/return`, { reason: '请补充项目立项批复文件' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json<Detail>()).toMatchObject({ status: 'returned', stepDueAt: null, currentStep: { key: 'review' } });
    expect((await enterprise.get(`/api/applications/${id}`)).json<Detail>().availableActions).toEqual(['resubmit', 'withdraw']);
    // A file may be added while returned.
    expect((await uploadAttachment(enterprise, id, 'other', { name: '立项批复.pdf', content: PDF_BYTES })).statusCode).toBe(201);
    const back = await enterprise.post(`/api/applications/${id}/resubmit`, { formData: { projectName: '智能产线改造（二期）' } });
    expect(back.statusCode, back.body).toBe(200);
    const detail = back.json<Detail>();
    expect(detail).toMatchObject({ status: 'accepted', currentStep: { key: 'review' } });
    expect(detail.formData.entered.projectName).toBe('智能产线改造（二期）');
    const calendar = await loadWorkingCalendar(db);
    expect(detail.stepDueAt).toBe(endOfDayShanghai(addWorkingDays(shanghaiDate(new Date()), 10, calendar)).toISOString());
    expect(detail.events.find((e) => e.action === 'return')?.reason).toBe('请补充项目立项批复文件');
    expect(detail.events.find((e) => e.action === 'resubmit')?.details.changedFields).toEqual(['projectName']);
    const note = await db.selectFrom('notifications').where('kind', '=', 'application.status').where('dedupe_key', 'like', `application.status:${id}:%`).where('title_zh', 'like', '%退回补正%').select(['body_zh']).executeTakeFirst();
    expect(note?.body_zh).toContain('请补充项目立项批复文件');
  });

  it('rejects with the reason (final); the enterprise may then apply again', async () => {
    const enterprise = await signInApplicant(t.app);
    const id = (await apply(enterprise)).json<Detail>().id;
    const rejected = await maker.post(`/api/applications/${id}/reject`, { reason: '项目不在支持范围内' });
    expect(rejected.json<Detail>()).toMatchObject({ status: 'rejected', availableActions: [] });
    expect((await maker.post(`/api/applications/${id}/accept`)).statusCode).toBe(409);
    expect((await apply(enterprise)).statusCode).toBe(201);
  });

  it('lets the enterprise withdraw until the notice, not after', async () => {
    const enterprise = await signInApplicant(t.app);
    const id = (await apply(enterprise)).json<Detail>().id;
    expect((await enterprise.post(`/api/applications/${id}/withdraw`)).json<Detail>().status).toBe('withdrawn');
    const noticed = await applicationIn('in_notice');
    expect((await noticed.applicant.post(`/api/applications/${noticed.id}/withdraw`)).statusCode).toBe(409);
  });

  it('approves another amount than applied for only with a reason; the amount is integer fen', async () => {
    const { id } = await applicationIn('accepted');
    // Not on the first of two review steps.
    expect((await maker.post(`/api/applications/${id}/approve-step`, { approvedAmountFen: 15 * WAN, reason: 'x' })).statusCode).toBe(400);
    await maker.post(`/api/applications/${id}/approve-step`, {});
    const noReason = await checker.post(`/api/applications/${id}/approve-step`, { approvedAmountFen: 15 * WAN });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0]).toMatchObject({ path: 'body/reason', reason: 'amount_reason_required' });
    expect((await checker.post(`/api/applications/${id}/approve-step`, { approvedAmountFen: 1500.5, reason: 'x' })).statusCode).toBe(400);
    const reduced = await checker.post(`/api/applications/${id}/approve-step`, { approvedAmountFen: 15 * WAN, reason: '核减：部分投资不属于支持范围' });
    expect(reduced.statusCode, reduced.body).toBe(200);
    const detail = reduced.json<Detail>();
    expect(detail).toMatchObject({ status: 'approved', approvedAmountFen: 15 * WAN, estimatedAmountFen: 20 * WAN });
    expect(detail.events.at(-1)).toMatchObject({ reason: '核减：部分投资不属于支持范围', details: { approvedAmountFen: 15 * WAN, requestedAmountFen: 20 * WAN, isAdjusted: true } });
    // The decision is announced to other modules with the amount as approved.
    const decided = await t.database.db.selectFrom('domain_events').where('type', '=', 'application.decided').select('payload').execute();
    expect(decided.map((e) => e.payload).filter((p) => p.applicationId === id)).toEqual([{ applicationId: id, policyId: expect.any(Number), enterpriseId: expect.any(Number), decision: 'approved', amountFen: 15 * WAN }]);
    const row = await db.selectFrom('applications').where('id', '=', id).select('approved_amount_fen').executeTakeFirstOrThrow();
    expect(Number.isSafeInteger(row.approved_amount_fen)).toBe(true);
  });

  it('sends an objection during the notice back to review; a new approval starts a full notice again', async () => {
    const { id } = await applicationIn('in_notice');
    expect((await maker.post(`/api/applications/${id}/object`, {})).statusCode).toBe(400);
    const objected = await maker.post(`/api/applications/${id}/object`, { reason: '公示期间收到举报：该企业存在欠税' });
    expect(objected.json<Detail>()).toMatchObject({ status: 'in_review', currentStep: { key: 'review2' }, noticeUntil: null });
    await checker.post(`/api/applications/${id}/approve-step`, {});
    expect((await maker.post(`/api/applications/${id}/start-notice`)).json<Detail>().status).toBe('in_notice');
  });
});

describe('deadlines, overdue and the notice job', () => {
  it('counts deadlines across Spring Festival and National Day 2026 with the shipped calendar', async () => {
    const enterprise = await signInApplicant(t.app);
    const actor = await actorOf(enterprise);
    // Submitted Friday 2026-02-13, 11:00 in Shanghai: 受理 in 3 working days = 2/14 (Saturday, 调休上班), 2/24, 2/25.
    const submitted = await submitApplication(db, actor, { policyId, formData: { projectName: '春节前申报' } }, new Date('2026-02-13T03:00:00Z'));
    expect(submitted.stepDueAt).toBe('2026-02-25T15:59:59.999Z');
    await uploadAttachment(enterprise, submitted.id, 'auditReport', { name: 'a.pdf', content: PDF_BYTES });
    // Accepted Wednesday 2026-09-30: 初审 in 10 working days = 10/8, 10/9, 10/10 (Saturday, on), 10/12 … 10/20.
    const accepted = await acceptApplication(db, await actorOf(maker), submitted.id, new Date('2026-09-30T02:00:00Z'));
    expect(accepted.stepDueAt).toBe('2026-10-20T15:59:59.999Z');
  });

  it('takes deadlines from the database calendar: a holiday added there moves them', async () => {
    // The next three calendar days become a local holiday (edited calendar rows, as a deployment would).
    const today = shanghaiDate(new Date());
    const days = [1, 2, 3].map((n) => addCalendarDays(today, n));
    const before = await loadWorkingCalendar(db);
    const saved = await db.selectFrom('working_calendar').where('day', 'in', days).selectAll().execute();
    await db.insertInto('working_calendar').values(days.map((day) => ({ day, is_workday: false, note: '测试假日' }))).onConflict((oc) => oc.column('day').doUpdateSet({ is_workday: false, note: '测试假日' })).execute();
    try {
      const after = await loadWorkingCalendar(db);
      const enterprise = await signInApplicant(t.app);
      const app = (await apply(enterprise)).json<Detail>();
      const due = addWorkingDays(today, 3, after);
      expect(app.stepDueAt).toBe(endOfDayShanghai(due).toISOString());
      // Every working day the edit took away pushes the deadline one working day later.
      const lost = days.filter((d) => isWorkday(d, before)).length;
      expect(workingDaysBetween(addWorkingDays(today, 3, before), due, before)).toBe(lost);
      expect(days).not.toContain(due);
    } finally {
      await db.deleteFrom('working_calendar').where('day', 'in', days).execute();
      if (saved.length) await db.insertInto('working_calendar').values(saved.map((r) => ({ day: r.day, is_workday: r.is_workday, note: r.note }))).execute();
    }
  });

  it('keeps only county overrides in working_calendar: the official days come from chinese-days', async () => {
    expect(await db.selectFrom('working_calendar').select(['day', 'note']).execute()).toEqual([]);
    const calendar = await loadWorkingCalendar(db);
    // 国庆 2025 (10/1–10/8 off, Saturday 10/11 on) and 春节 2026 (2/15–2/23 off, Saturday 2/28 on), from the package.
    expect(['2025-10-01', '2025-10-08', '2026-02-16', '2026-02-23'].map((d) => isWorkday(d, calendar))).toEqual([false, false, false, false]);
    expect(['2025-09-28', '2025-10-11', '2026-02-14', '2026-02-28'].map((d) => isWorkday(d, calendar))).toEqual([true, true, true, true]);
    expect(isCovered('2004-06-01', calendar)).toBe(true);
  });

  it('lists overdue applications (the department’s step past its deadline), oldest first', async () => {
    const enterprise = await signInApplicant(t.app);
    const late = (await apply(enterprise)).json<Detail>().id;
    const other = await signInApplicant(t.app);
    const onTime = (await apply(other)).json<Detail>().id;
    await sql`update applications set step_due_at = now() - interval '2 days' where id = ${late}`.execute(db);
    const overdue = (await maker.get('/api/applications/overdue')).json<{ items: { id: number; isOverdue: boolean }[] }>();
    expect(overdue.items.map((i) => i.id)).toContain(late);
    expect(overdue.items.map((i) => i.id)).not.toContain(onTime);
    expect(overdue.items.every((i) => i.isOverdue)).toBe(true);
    const filtered = (await maker.get(`/api/applications?overdue=true&policyId=${policyId}`)).json<{ items: { id: number }[] }>();
    expect(filtered.items.map((i) => i.id)).toEqual(overdue.items.map((i) => i.id));
    expect((await otherStaff.get('/api/applications/overdue')).json<{ items: unknown[] }>().items).toEqual([]);
    // A returned application is the enterprise's turn: not overdue for the department.
    await maker.post(`/api/applications/${late}/return`, { reason: '补充材料' });
    expect((await maker.get('/api/applications/overdue')).json<{ items: { id: number }[] }>().items.map((i) => i.id)).not.toContain(late);
  });

  it('passes due notices once: a second run of the job changes nothing', async () => {
    const a = await applicationIn('in_notice');
    const b = await applicationIn('in_notice');
    await expireNotice(a.id);
    const first = await passDueApplicationNotices(db);
    expect(first).toBeGreaterThanOrEqual(1);
    const snapshot = async () => ({
      events: Number((await db.selectFrom('application_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
      notes: Number((await db.selectFrom('notifications').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
      rows: await db.selectFrom('applications').where('id', 'in', [a.id, b.id]).select(['id', 'status', 'updated_at']).orderBy('id').execute(),
    });
    const before = await snapshot();
    expect(before.rows.map((r) => r.status)).toEqual(['notice_passed', 'in_notice']);
    expect(await passDueApplicationNotices(db)).toBe(0);
    expect(await snapshot()).toEqual(before);
  });
});

describe('attachments', () => {
  it('stores real files with sha256; the enterprise and the owning department download them, nobody else', async () => {
    const enterprise = await signInApplicant(t.app);
    const id = (await apply(enterprise)).json<Detail>().id;
    const content = Buffer.concat([PDF_BYTES, Buffer.from('附件内容'.repeat(100))]);
    const response = await uploadAttachment(enterprise, id, 'auditReport', { name: '2025年度审计报告.pdf', content, type: 'application/pdf' });
    expect(response.statusCode, response.body).toBe(201);
    const file = response.json<{ id: number; sha256: string; sizeBytes: number; contentType: string; fileName: string }>();
    expect(file).toMatchObject({ sha256: createHash('sha256').update(content).digest('hex'), sizeBytes: content.length, contentType: 'application/pdf', fileName: '2025年度审计报告.pdf' });
    const row = await db.selectFrom('application_files').where('id', '=', file.id).selectAll().executeTakeFirstOrThrow();
    expect(fs.readFileSync(path.join(storageDir, row.storage_path)).equals(content)).toBe(true);

    for (const client of [enterprise, maker]) {
      const download = await client.get(`/api/applications/${id}/files/${file.id}`);
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(content)).toBe(true);
      expect(download.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('2025年度审计报告.pdf')}`);
    }
    expect((await otherStaff.get(`/api/applications/${id}/files/${file.id}`)).statusCode).toBe(403);
    expect((await (await signInApplicant(t.app)).get(`/api/applications/${id}/files/${file.id}`)).statusCode).toBe(403);
    expect((await (await signIn(t.app, ['data_admin'])).get(`/api/applications/${id}/files/${file.id}`)).statusCode).toBe(403);
    // The county's readers read the application, not its attachments.
    const leader = await signIn(t.app, ['leader']);
    expect((await leader.get(`/api/applications/${id}`)).statusCode).toBe(200);
    expect((await leader.get(`/api/applications/${id}/files/${file.id}`)).statusCode).toBe(403);
    const audited = await db.selectFrom('audit_log').where('action', '=', 'application.file.download').where('actor_user_id', '=', maker.user.id).select('id').execute();
    expect(audited.length).toBeGreaterThan(0);
  });

  it('refuses other types (415), empty and unknown fields (400), the department as uploader (403), and after acceptance (409)', async () => {
    const enterprise = await signInApplicant(t.app);
    const id = (await apply(enterprise)).json<Detail>().id;
    expect((await uploadAttachment(enterprise, id, 'auditReport', { name: 'evil.pdf', content: Buffer.from('MZ\x90\x00 not a pdf') })).statusCode).toBe(415);
    expect((await uploadAttachment(enterprise, id, 'auditReport', { name: 'empty.pdf', content: Buffer.alloc(0) })).statusCode).toBe(400);
    expect((await uploadAttachment(enterprise, id, 'projectName', { name: 'a.pdf', content: PDF_BYTES })).statusCode).toBe(400);
    expect((await uploadAttachment(maker, id, 'auditReport', { name: 'a.pdf', content: PDF_BYTES })).statusCode).toBe(403);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);
    expect((await uploadAttachment(enterprise, id, 'auditReport', { name: 'scan.png', content: png })).json()).toMatchObject({ contentType: 'image/png' });
    await maker.post(`/api/applications/${id}/accept`);
    expect((await uploadAttachment(enterprise, id, 'other', { name: 'late.pdf', content: PDF_BYTES })).statusCode).toBe(409);
    // Nothing refused was left in the storage directory.
    const stored = fs.readdirSync(path.join(storageDir, 'applications', String(id)));
    expect(stored).toHaveLength(1);
    expect(fs.readdirSync(path.join(storageDir, 'applications')).filter((f) => f.startsWith('.upload-'))).toEqual([]);
  });

  it('refuses a file over the size limit (413)', async () => {
    const small = await createTestApp({ storageDir, uploadLimitBytes: 2048 }, t.database);
    try {
      const enterprise = await createManufacturer(small.app.db, 3000);
      const client = await signIn(small.app, ['enterprise_user'], enterprise.orgId!);
      const id = (await client.post('/api/applications', { policyId, formData: { projectName: 'x' } })).json<Detail>().id;
      const big = Buffer.concat([PDF_BYTES, Buffer.alloc(4096, 0x20)]);
      expect((await uploadAttachment(client, id, 'auditReport', { name: 'big.pdf', content: big })).statusCode).toBe(413);
      expect((await db.selectFrom('application_files').where('application_id', '=', id).select('id').execute())).toHaveLength(0);
    } finally {
      await small.app.close();
    }
  });
});

describe('maker–checker payment', () => {
  it('refuses the maker as checker (403), and paying twice (409)', async () => {
    const { id } = await applicationIn('notice_passed');
    const prepared = (await maker.post('/api/disbursements', { applicationId: id, amountFen: 20 * WAN })).json<{ id: number }>();
    const self = await maker.post(`/api/disbursements/${prepared.id}/approve`, { paymentRef: 'SELF-1' });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.details[0].reason).toBe('same_person');
    expect((await otherStaff.post(`/api/disbursements/${prepared.id}/approve`, { paymentRef: 'X' })).statusCode).toBe(403);
    expect((await checker.post(`/api/disbursements/${prepared.id}/approve`, { paymentRef: 'PAY-1' })).statusCode).toBe(200);
    expect((await checker.post(`/api/disbursements/${prepared.id}/approve`, { paymentRef: 'PAY-2' })).statusCode).toBe(409);
    expect((await maker.post('/api/disbursements', { applicationId: id, amountFen: 20 * WAN })).statusCode).toBe(409);
    const rows = await db.selectFrom('disbursements').where('application_id', '=', id).selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'paid', payment_ref: 'PAY-1', prepared_by: maker.user.id, approved_by: checker.user.id });
  });

  it('pays once when two checkers approve at the same moment (three rounds)', async () => {
    const third = await signIn(t.app, ['department_staff'], deptId);
    for (let round = 0; round < 3; round++) {
      const { id, applicant: enterprise } = await applicationIn('notice_passed');
      const prepared = (await maker.post('/api/disbursements', { applicationId: id, amountFen: 20 * WAN })).json<{ id: number }>();
      const results = await Promise.all([
        checker.post(`/api/disbursements/${prepared.id}/approve`, { paymentRef: `RACE-${round}-A` }),
        third.post(`/api/disbursements/${prepared.id}/approve`, { paymentRef: `RACE-${round}-B` }),
        checker.post(`/api/disbursements/${prepared.id}/approve`, { paymentRef: `RACE-${round}-C` }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
      const paid = await db.selectFrom('disbursements').where('application_id', '=', id).where('status', '=', 'paid').selectAll().execute();
      expect(paid).toHaveLength(1);
      const events = await db.selectFrom('application_events').where('application_id', '=', id).where('action', '=', 'approve_payment').select('id').execute();
      expect(events).toHaveLength(1);
      const notes = await db.selectFrom('notifications').where('enterprise_id', '=', enterprise.enterpriseId).where('kind', '=', 'application.status').where(sql<boolean>`params->>'status' = 'paid'`).select('user_id').execute();
      expect(notes).toHaveLength(1);
    }
  });

  it('prepares once when two makers prepare at the same moment (three rounds)', async () => {
    for (let round = 0; round < 3; round++) {
      const { id } = await applicationIn('notice_passed');
      const results = await Promise.all([
        maker.post('/api/disbursements', { applicationId: id, amountFen: 20 * WAN }),
        checker.post('/api/disbursements', { applicationId: id, amountFen: 20 * WAN }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      expect(await db.selectFrom('disbursements').where('application_id', '=', id).select('id').execute()).toHaveLength(1);
    }
  });

  it('never deadlocks or pays twice when preparing, approving and cancelling race on one application', async () => {
    const { id } = await applicationIn('notice_passed');
    const prepared = (await maker.post('/api/disbursements', { applicationId: id, amountFen: 20 * WAN })).json<{ id: number }>();
    const results = await Promise.all([
      checker.post(`/api/disbursements/${prepared.id}/approve`, { paymentRef: 'MIX-1' }),
      checker.post('/api/disbursements', { applicationId: id, amountFen: 20 * WAN }),
      maker.post(`/api/disbursements/${prepared.id}/cancel`, { reason: '撤销' }),
    ]);
    expect(results.every((r) => r.statusCode < 500), results.map((r) => r.body).join('\n')).toBe(true);
    const live = await db.selectFrom('disbursements').where('application_id', '=', id).where('status', '<>', 'cancelled').select('status').execute();
    expect(live.length).toBeLessThanOrEqual(1);
    expect((await db.selectFrom('disbursements').where('application_id', '=', id).where('status', '=', 'paid').select('id').execute()).length).toBeLessThanOrEqual(1);
  });

  it('cancels a prepared payment with a reason; it may be prepared again, still paid once', async () => {
    const { id } = await applicationIn('notice_passed');
    const first = (await maker.post('/api/disbursements', { applicationId: id, amountFen: 20 * WAN })).json<{ id: number }>();
    expect((await checker.post(`/api/disbursements/${first.id}/cancel`, {})).statusCode).toBe(400);
    expect((await checker.post(`/api/disbursements/${first.id}/cancel`, { reason: '收款账户有误' })).json()).toMatchObject({ status: 'cancelled', cancelReason: '收款账户有误' });
    expect((await checker.post(`/api/disbursements/${first.id}/approve`, { paymentRef: 'LATE' })).statusCode).toBe(409);
    const second = (await checker.post('/api/disbursements', { applicationId: id, amountFen: 20 * WAN })).json<{ id: number }>();
    expect((await maker.post(`/api/disbursements/${second.id}/approve`, { paymentRef: 'OK-2' })).statusCode).toBe(200);
    const rows = await db.selectFrom('disbursements').where('application_id', '=', id).select(['status']).orderBy('id').execute();
    expect(rows.map((r) => r.status)).toEqual(['cancelled', 'paid']);
  });

  it('holds by construction in the database, whatever path the write takes', async () => {
    const { id } = await applicationIn('notice_passed');
    const prepared = (await maker.post('/api/disbursements', { applicationId: id, amountFen: 20 * WAN })).json<{ id: number }>();
    const row = await db.selectFrom('applications').where('id', '=', id).select(['policy_id', 'enterprise_id']).executeTakeFirstOrThrow();
    // A second live disbursement for the same application.
    await expect(db.insertInto('disbursements').values({ policy_id: row.policy_id, enterprise_id: row.enterprise_id, target_kind: 'application', target_id: id, amount_fen: 1, prepared_by: checker.user.id }).execute()).rejects.toThrow();
    // The maker approving their own.
    await expect(db.updateTable('disbursements').set({ status: 'paid', approved_by: maker.user.id, paid_at: new Date(), payment_ref: 'X' }).where('id', '=', prepared.id).execute()).rejects.toThrow();
    await checker.post(`/api/disbursements/${prepared.id}/approve`, { paymentRef: 'DB-1' });
    // A paid disbursement never changes nor disappears.
    await expect(db.updateTable('disbursements').set({ amount_fen: 1 }).where('id', '=', prepared.id).execute()).rejects.toThrow();
    await expect(db.updateTable('disbursements').set({ status: 'cancelled', cancelled_at: new Date(), cancel_reason: 'x' }).where('id', '=', prepared.id).execute()).rejects.toThrow();
    await expect(db.deleteFrom('disbursements').where('id', '=', prepared.id).execute()).rejects.toThrow();
    // The timeline is append-only.
    await expect(db.updateTable('application_events').set({ reason: 'rewritten' }).where('application_id', '=', id).execute()).rejects.toThrow();
  });

  it('lists disbursements for the department and the enterprise paid', async () => {
    const { id, applicant: enterprise } = await applicationIn('notice_passed');
    const prepared = (await maker.post('/api/disbursements', { applicationId: id, amountFen: 20 * WAN })).json<{ id: number }>();
    await checker.post(`/api/disbursements/${prepared.id}/approve`, { paymentRef: 'LIST-1' });
    const mine = (await enterprise.get('/api/disbursements')).json<{ items: { id: number; amountFen: number }[] }>();
    expect(mine.items).toEqual([expect.objectContaining({ id: prepared.id, amountFen: 20 * WAN })]);
    expect((await maker.get('/api/disbursements?status=paid')).json<{ items: { id: number }[] }>().items.map((i) => i.id)).toContain(prepared.id);
    expect((await otherStaff.get('/api/disbursements')).json<{ items: { id: number }[] }>().items.map((i) => i.id)).not.toContain(prepared.id);
    expect((await otherStaff.get(`/api/disbursements/${prepared.id}`)).statusCode).toBe(403);
  });
});
