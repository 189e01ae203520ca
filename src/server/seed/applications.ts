/**
 * Seeds the policy money of the demo county: three years of 申报 (applications) and 免申即享 (auto grants)
 * with their payments, the departments' current work, the showcase enterprise's own applications, and the
 * data administrator's past imports and disputes.
 *
 * The two earlier years are earlier annual editions of the demo policies (policies-content.ts built for that
 * year, stored 'expired' under their own codes, e.g. JXW-2025-003); the current year uses the published
 * policies. Who applied is drawn from the enterprises the county match found eligible for the current
 * edition, and every amount is that match's amount — the policy's benefit formula over the enterprise's
 * facts — in integer fen.
 *
 * Every application walks the real workflow: each step is decided by src/core/applications/workflow.ts
 * (the same `decide` the service calls, with the county's working calendar), so states, step keys, due
 * dates, notice ends and the timeline rows are what the service would have written. Payments are written
 * to the payments core's table as the service leaves them (maker ≠ checker, one live payment per target).
 * History is written in bulk; no audit entries, notifications or domain events (like the other seeds).
 */
import type { Kysely } from 'kysely';
import { decide, type ApplicationAction, type ApplicationState, type WorkflowPlan, planWorkflow } from '../../core/applications/workflow.ts';
import type { Prng } from '../../core/random/prng.ts';
import { addCalendarDays, dueAfterWorkingDays, shanghaiDate, type WorkingCalendar } from '../../core/sla/calendar.ts';
import type { DB } from '../db/schema.ts';
import { loadWorkingCalendar } from '../platform/working-calendar.ts';
import { issue12CodeSuffixes, issue12Work } from './issue12-work.ts';
import { demoPolicies } from './policies-content.ts';
import { versionRow } from './policies.ts';

export interface SeedApplicationsOptions {
  referenceDate: string;
  now?: Date;
  departmentOrgIds: ReadonlyMap<string, number>;
  showcaseEnterpriseId: number;
  /** Demo accounts: the enterprise user, the 经信委 maker and checker, the finance office, the data admin. */
  users: { ent: number; dept: number; dept2: number; finance: number; data: number };
}

export interface SeedApplicationsResult {
  applications: number;
  paidApplications: number;
  autoGrantItems: number;
  payments: number;
  paidFen: number;
  pastEditions: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

const REJECT_REASONS = [
  '申报材料中的财务数据与统计局联网直报数据不一致，经核实不符合申报条件',
  '企业存在未履行完毕的失信被执行记录，不符合政策规定的信用条件',
  '同一事项已享受县级同类政策资金支持，按照“就高不重复”原则不予支持',
  '申报指标未达到政策规定的门槛，经复核不予通过',
  '逾期未按要求补正材料，视为放弃本次申报',
];
const RETURN_REASONS = ['请补充上传加盖公章的年度财务报表', '营业执照复印件不清晰，请重新上传', '请补充法定代表人签字的真实性承诺书', '开户许可证信息与申报账户不一致，请核对后重新提交'];
const OBJECT_REASONS = ['公示期间收到实名反映，需进一步核实企业用工情况'];

type Actor = 'enterprise' | 'maker' | 'checker' | 'system';
interface Move {
  action: ApplicationAction;
  actor: Actor;
  /** Calendar days after the previous move (fractional allowed). */
  after: number;
  reason?: string;
}

interface PolicyTarget {
  policyId: number;
  versionId: number;
  plan: WorkflowPlan;
  isAutoGrant: boolean;
  departmentOrgId: number;
  title: string;
}

interface AppRow {
  policy_id: number;
  policy_version_id: number;
  enterprise_id: number;
  status: ApplicationState['status'] & string;
  current_step: string | null;
  step_due_at: Date | null;
  returned_from_status: 'submitted' | 'accepted' | 'in_review' | null;
  returned_from_step: string | null;
  notice_started_at: Date | null;
  notice_until: Date | null;
  form_data: string;
  estimated_amount_fen: number | null;
  approved_amount_fen: number | null;
  submitted_by: number;
  submitted_at: Date;
  updated_at: Date;
}

interface EventRow {
  at: Date;
  actor_user_id: number | null;
  action: string;
  from_status: string | null;
  to_status: string;
  step_key: string | null;
  reason: string | null;
  details: Record<string, unknown>;
}

interface Payment {
  status: 'prepared' | 'paid';
  preparedBy: number;
  preparedAt: Date;
  approvedBy: number | null;
  paidAt: Date | null;
}

interface Simulated {
  row: AppRow;
  events: EventRow[];
  payment: Payment | null;
}

/** The banks enterprises keep their basic accounts with (county branches), and their account number lengths. */
const PAYEE_BANKS: readonly { name: string; digits: number; prefix: string }[] = [
  { name: '中国工商银行垫江支行', digits: 19, prefix: '3100' },
  { name: '中国农业银行垫江县支行', digits: 17, prefix: '3146' },
  { name: '中国建设银行垫江支行', digits: 20, prefix: '5005' },
  { name: '重庆农村商业银行垫江支行', digits: 22, prefix: '0601' },
  { name: '重庆银行垫江支行', digits: 16, prefix: '3601' },
  { name: '中国邮政储蓄银行垫江县支行', digits: 18, prefix: '9500' },
];

/** A deterministic, valid payee account of an enterprise (checkBankAccount accepts it). */
export function demoPayeeAccount(enterpriseId: number, registeredName: string): { bankName: string; accountName: string; accountNumber: string } {
  const bank = PAYEE_BANKS[enterpriseId % PAYEE_BANKS.length];
  let digits = bank.prefix + String(enterpriseId).padStart(8, '0');
  for (let i = 0; digits.length < bank.digits; i++) digits += String((enterpriseId * 7 + i * 3) % 10);
  return { bankName: bank.name, accountName: registeredName, accountNumber: digits.slice(0, bank.digits) };
}

/** Sets each simulated application's form data as applying writes it: the registry facts and the entered fields. */
async function fillForms(db: Kysely<DB>, simulated: Simulated[]): Promise<void> {
  if (simulated.length === 0) return;
  const enterpriseIds = [...new Set(simulated.map((s) => s.row.enterprise_id))];
  const versionIds = [...new Set(simulated.map((s) => s.row.policy_version_id))];
  const enterprises = new Map<number, { name: string; uscc: string }>();
  for (let i = 0; i < enterpriseIds.length; i += 5000) {
    const rows = await db.selectFrom('enterprises').where('id', 'in', enterpriseIds.slice(i, i + 5000)).select(['id', 'name', 'uscc']).execute();
    for (const row of rows) enterprises.set(row.id, row);
  }
  const versions = await db.selectFrom('policy_versions').where('id', 'in', versionIds).select(['id', 'form_fields']).execute();
  const fieldsOf = new Map(versions.map((v) => [v.id, (v.form_fields ?? []) as unknown as { key: string; type: string }[]]));
  for (const s of simulated) {
    const enterprise = enterprises.get(s.row.enterprise_id)!;
    const entered: Record<string, unknown> = {};
    for (const field of fieldsOf.get(s.row.policy_version_id) ?? []) {
      if (field.type === 'bank_account') entered[field.key] = demoPayeeAccount(s.row.enterprise_id, enterprise.name);
    }
    const registry = { source: 'registry', period: null, unit: null };
    s.row.form_data = JSON.stringify({
      profile: [
        { key: 'enterpriseName', labelZh: '企业名称', labelEn: 'Enterprise name', value: enterprise.name, ...registry },
        { key: 'uscc', labelZh: '统一社会信用代码', labelEn: 'Unified social credit code', value: enterprise.uscc, ...registry },
      ],
      entered,
      evaluationDate: shanghaiDate(s.row.submitted_at),
    });
  }
}

/** Walks one application through `decide`, move by move, from `start`. Throws if a move is refused. */
function simulate(target: PolicyTarget, enterpriseId: number, amountFen: number | null, start: Date, moves: readonly Move[], who: { enterprise: number; maker: number; checker: number }, calendar: WorkingCalendar): Simulated {
  let state: ApplicationState = { status: null, stepKey: null, returnedFrom: null, noticeUntil: null, payment: null };
  let now = start;
  let stepDueAt: Date | null = null;
  let noticeStartedAt: Date | null = null;
  let approved: number | null = null;
  let payment: Payment | null = null;
  const events: EventRow[] = [];
  for (const move of moves) {
    now = new Date(now.getTime() + move.after * DAY);
    if (move.action === 'end_notice' && state.noticeUntil && now.getTime() <= state.noticeUntil.getTime()) now = new Date(state.noticeUntil.getTime() + 9 * HOUR + 60_000);
    const userId = move.actor === 'system' ? null : move.actor === 'enterprise' ? who.enterprise : move.actor === 'maker' ? who.maker : who.checker;
    const kind = move.actor === 'enterprise' ? 'enterprise' : move.actor === 'system' ? 'system' : 'staff';
    const decision = decide(state, { action: move.action, actor: { kind, userId }, reason: move.reason ?? null, now }, target.plan, calendar);
    if (!decision.ok) throw new Error(`seed application (${target.title}): ${move.action} refused: ${decision.refusal.message}`);
    const next = decision.next;
    const details: Record<string, unknown> = {};
    if (next.stepDueAt) details.dueAt = next.stepDueAt.toISOString();
    if (next.noticeUntil) details.noticeUntil = next.noticeUntil.toISOString();
    if (next.stepKey && next.stepKey !== state.stepKey) details.nextStep = next.stepKey;
    if (move.action === 'approve_step' && next.status === 'approved') {
      approved = amountFen;
      details.approvedAmountFen = amountFen;
    }
    if (move.action === 'prepare_payment') {
      payment = { status: 'prepared', preparedBy: userId!, preparedAt: now, approvedBy: null, paidAt: null };
      details.amountFen = approved;
    }
    if (move.action === 'approve_payment') {
      payment = { ...payment!, status: 'paid', approvedBy: userId, paidAt: now };
      details.amountFen = approved;
    }
    events.push({ at: now, actor_user_id: userId, action: move.action, from_status: state.status, to_status: next.status, step_key: state.stepKey, reason: move.reason ?? null, details });
    if (!next.keepsApplication) {
      if (move.action === 'start_notice') noticeStartedAt = now;
      if (move.action === 'object') noticeStartedAt = null;
      state = { ...state, status: next.status, stepKey: next.stepKey, returnedFrom: next.returnedFrom, noticeUntil: next.status === 'in_notice' ? next.noticeUntil : move.action === 'object' ? null : state.noticeUntil };
      stepDueAt = next.stepDueAt;
    }
    state = { ...state, payment: payment && { status: payment.status, preparedBy: payment.preparedBy } };
  }
  const status = state.status!;
  const inNotice = status === 'in_notice' || status === 'notice_passed' || status === 'paid';
  return {
    row: {
      policy_id: target.policyId,
      policy_version_id: target.versionId,
      enterprise_id: enterpriseId,
      status,
      current_step: state.stepKey,
      step_due_at: stepDueAt,
      returned_from_status: state.returnedFrom?.status ?? null,
      returned_from_step: state.returnedFrom?.stepKey ?? null,
      notice_started_at: inNotice ? noticeStartedAt : null,
      notice_until: inNotice ? state.noticeUntil : null,
      form_data: JSON.stringify({ contactName: '财务负责人', contactPhone: '023-7451' + String(1000 + (enterpriseId % 9000)).padStart(4, '0') }),
      estimated_amount_fen: amountFen,
      approved_amount_fen: approved,
      submitted_by: who.enterprise,
      submitted_at: start,
      updated_at: now,
    },
    events,
    payment,
  };
}

/** The moves of a whole review up to approval: accept, every review step (maybe a 退回补正 round on the way). */
function reviewMoves(plan: WorkflowPlan, rng: Prng, withReturn: boolean): Move[] {
  const moves: Move[] = [{ action: 'accept', actor: 'maker', after: rng.int(1, 3) + rng.next() }];
  if (withReturn) moves.push({ action: 'return', actor: 'maker', after: rng.int(1, 4), reason: rng.pick(RETURN_REASONS) }, { action: 'resubmit', actor: 'enterprise', after: rng.int(2, 8) });
  for (let i = 0; i < plan.reviews.length; i++) moves.push({ action: 'approve_step', actor: i % 2 === 0 ? 'maker' : 'checker', after: rng.int(3, 10) + rng.next() });
  return moves;
}

function paidMoves(plan: WorkflowPlan, rng: Prng): Move[] {
  return [
    { action: 'submit', actor: 'enterprise', after: 0 },
    ...reviewMoves(plan, rng, rng.chance(0.15)),
    { action: 'start_notice', actor: 'maker', after: rng.int(1, 3) },
    // Now and then an objection during the notice sends it back to the last review step, then out again.
    ...(rng.chance(0.03)
      ? [
          { action: 'object' as const, actor: 'maker' as const, after: rng.int(1, 3), reason: rng.pick(OBJECT_REASONS) },
          { action: 'approve_step' as const, actor: 'checker' as const, after: rng.int(3, 8) },
          { action: 'start_notice' as const, actor: 'maker' as const, after: 1 },
        ]
      : []),
    { action: 'end_notice', actor: 'system', after: 0 },
    { action: 'prepare_payment', actor: 'maker', after: rng.int(3, 12) },
    { action: 'approve_payment', actor: 'checker', after: rng.int(1, 4) + rng.next() },
  ];
}

function closedMoves(plan: WorkflowPlan, rng: Prng, end: 'reject' | 'withdraw'): Move[] {
  const moves: Move[] = [{ action: 'submit', actor: 'enterprise', after: 0 }];
  const depth = rng.int(0, 2);
  if (depth >= 1) moves.push({ action: 'accept', actor: 'maker', after: rng.int(1, 3) });
  if (depth >= 2 && plan.reviews.length > 1) moves.push({ action: 'approve_step', actor: 'maker', after: rng.int(3, 8) });
  moves.push(end === 'reject' ? { action: 'reject', actor: depth === 0 ? 'maker' : 'checker', after: rng.int(2, 9), reason: rng.pick(REJECT_REASONS) } : { action: 'withdraw', actor: 'enterprise', after: rng.int(1, 10) });
  return moves;
}

/** A morning-to-afternoon instant on a day of `from`..`until` (YYYY-MM-DD, Shanghai). */
function instantBetween(rng: Prng, from: string, until: string): Date {
  const a = new Date(`${from}T09:00:00+08:00`).getTime();
  const b = new Date(`${until}T09:00:00+08:00`).getTime();
  const day = Math.floor(rng.next() * (Math.max(0, b - a) / DAY + 1));
  return new Date(a + day * DAY + rng.int(0, 7 * 60) * 60_000);
}

function shuffled<T>(rng: Prng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

async function insertChunked<T extends keyof DB & string>(db: Kysely<DB>, table: T, rows: readonly Record<string, unknown>[], returnId: boolean): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 400) {
    const chunk = rows.slice(i, i + 400);
    if (chunk.length === 0) continue;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one helper for several tables' rows built above
    const q = db.insertInto(table).values(chunk as any);
    if (returnId) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const out = (await (q as any).returning('id').execute()) as { id: number }[];
      ids.push(...out.map((r) => r.id));
    } else await q.execute();
  }
  return ids;
}

export async function seedApplications(db: Kysely<DB>, rng: Prng, options: SeedApplicationsOptions): Promise<SeedApplicationsResult> {
  const now = options.now ?? new Date();
  const R = Number(options.referenceDate.slice(0, 4));
  const calendar = await loadWorkingCalendar(db);
  const jxw = options.departmentOrgIds.get('jxw')!;
  const jrb = options.departmentOrgIds.get('jrb')!;

  // --- Staff: the demo accounts act for 经信委 and 金融办; every other department gets a maker and a checker
  // (disabled accounts: they carry the history's names, nobody signs in with them). ---
  const staff = new Map<number, { maker: number; checker: number }>([[jxw, { maker: options.users.dept, checker: options.users.dept2 }]]);
  const departments = await db.selectFrom('organizations').where('type', '=', 'department').select(['id', 'code', 'name']).orderBy('id').execute();
  const staffRows = departments
    .filter((d) => d.id !== jxw)
    .flatMap((d) => [
      ...(d.id === jrb ? [] : [{ org_id: d.id, username: `${d.code}-jb`, display_name: `${d.name}经办人`, password_hash: '!seed-history-account', roles: ['department_staff' as const], is_disabled: true }]),
      { org_id: d.id, username: `${d.code}-fh`, display_name: `${d.name}复核人`, password_hash: '!seed-history-account', roles: ['department_staff' as const], is_disabled: true },
    ]);
  const staffUsers = await db.insertInto('users').values(staffRows).returning(['id', 'org_id', 'username']).execute();
  for (const d of departments) {
    if (d.id === jxw) continue;
    const maker = d.id === jrb ? options.users.finance : staffUsers.find((u) => u.username === `${d.code}-jb`)!.id;
    staff.set(d.id, { maker, checker: staffUsers.find((u) => u.username === `${d.code}-fh`)!.id });
  }

  // --- The current editions and who the county match found eligible (issue 12's showcase policies apart). ---
  const issue12 = issue12CodeSuffixes(options.referenceDate);
  const published = await db
    .selectFrom('policies as p')
    .innerJoin('policy_versions as v', 'v.policy_id', 'p.id')
    .where('v.status', '=', 'published')
    .select(['p.id as policy_id', 'p.code', 'p.department_org_id', 'v.id as version_id', 'v.title', 'v.review_steps', 'v.public_notice_days', 'v.is_auto_grant'])
    .orderBy('p.id')
    .execute();
  const isIssue12 = (row: { code: string }) => issue12.has(row.code.replace(/-\d{4}-/, '-'));
  const live = published.filter((row) => !isIssue12(row));
  const matches = await db
    .selectFrom('policy_matches')
    .where('outcome', '=', 'eligible')
    .where('amount_fen', '>', 0)
    .select(['policy_version_id', 'enterprise_id', 'amount_fen'])
    .orderBy('policy_version_id')
    .orderBy('enterprise_id')
    .execute();
  const pools = new Map<number, { enterpriseId: number; amountFen: number }[]>();
  for (const m of matches) {
    const list = pools.get(m.policy_version_id) ?? [];
    list.push({ enterpriseId: m.enterprise_id, amountFen: Number(m.amount_fen) });
    pools.set(m.policy_version_id, list);
  }
  // Only the showcase enterprise has a platform account in the demo: the others' applications were handed in
  // at the service window and keyed in there, under one (disabled) window account of the platform.
  const platform = await db.selectFrom('organizations').where('type', '=', 'platform').select('id').executeTakeFirstOrThrow();
  const window = await db
    .insertInto('users')
    .values({ org_id: platform.id, username: 'window-entry', display_name: '政务服务窗口代录', password_hash: '!seed-history-account', roles: ['department_staff'], is_disabled: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  const enterpriseUsers = new Map<number, number>([[options.showcaseEnterpriseId, options.users.ent]]);
  const applicant = (enterpriseId: number) => enterpriseUsers.get(enterpriseId) ?? window.id;
  const targetOf = (row: (typeof live)[number], policyId = row.policy_id, versionId = row.version_id): PolicyTarget => ({
    policyId,
    versionId,
    plan: planWorkflow(row.review_steps, row.public_notice_days),
    isAutoGrant: row.is_auto_grant,
    departmentOrgId: row.department_org_id,
    title: row.title,
  });

  // --- Earlier annual editions, stored expired under their own codes. ---
  const editions: { year: number; target: PolicyTarget; pool: { enterpriseId: number; amountFen: number }[] }[] = [];
  for (const year of [R - 2, R - 1]) {
    const content = demoPolicies(`${year}-${options.referenceDate.slice(5)}`);
    const byCode = new Map<string, (typeof content)[number]>();
    const seq = new Map<string, number>();
    for (const policy of content) {
      const n = (seq.get(policy.department) ?? 0) + 1;
      seq.set(policy.department, n);
      byCode.set(`${policy.department.toUpperCase()}-${String(n).padStart(3, '0')}`, policy);
    }
    for (const row of live) {
      const suffix = row.code.replace(/-\d{4}-/, '-');
      const policy = byCode.get(suffix);
      if (!policy) continue;
      const author = staff.get(row.department_org_id)?.maker ?? null;
      const { id: policyId } = await db
        .insertInto('policies')
        .values({ department_org_id: row.department_org_id, code: row.code.replace(/-\d{4}-/, `-${year}-`), created_by: author, created_at: new Date(`${year}-01-01T09:00:00+08:00`) })
        .returning('id')
        .executeTakeFirstOrThrow();
      const { id: versionId } = await db
        .insertInto('policy_versions')
        .values({ ...versionRow(policyId, 1, policy, 'published', `${year}-12-31`, author), status: 'expired', created_at: new Date(`${year}-01-01T09:00:00+08:00`), updated_at: new Date(`${year + 1}-01-01T00:00:00+08:00`) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('policy_golden_cases')
        .values(policy.golden.map((g) => ({ policy_version_id: versionId, name: g.name, enterprise_id: null, facts: JSON.stringify(g.facts), expected_outcome: g.expectedOutcome, expected_amount_fen: g.expectedAmountFen ?? null, created_by: author })))
        .execute();
      editions.push({ year, target: { ...targetOf(row, policyId, versionId), title: policy.title }, pool: pools.get(row.version_id) ?? [] });
    }
  }
  for (const row of live) editions.push({ year: R, target: targetOf(row), pool: pools.get(row.version_id) ?? [] });

  const simulated: Simulated[] = [];
  const grants: { target: PolicyTarget; year: number; items: { enterpriseId: number; amountFen: number }[]; maker: number; checker: number; at: Date }[] = [];
  const reserved = new Map<number, Set<number>>(); // current policy id -> enterprises kept for the current work
  const showcaseEligible = live.filter((l) => !l.is_auto_grant && (pools.get(l.version_id) ?? []).some((p) => p.enterpriseId === options.showcaseEnterpriseId));
  // The showcase firm keeps one eligible 经信委 policy unapplied, so `ent` can apply on first start (the portal e2e does).
  const keptForApplying = showcaseEligible.find((l) => l.department_org_id === jxw);
  const showcaseLive = showcaseEligible.filter((l) => l !== keptForApplying);
  for (const l of live) reserved.set(l.policy_id, new Set([options.showcaseEnterpriseId]));

  // --- History. ---
  const historyCutoff = addCalendarDays(options.referenceDate, -100);
  for (const { year, target, pool } of editions) {
    const people = staff.get(target.departmentOrgId)!;
    if (target.isAutoGrant) {
      const items = shuffled(rng, pool).filter((p) => year < R || p.enterpriseId !== options.showcaseEnterpriseId).filter(() => rng.chance(year < R ? 0.3 : 0.4));
      const last = year < R || historyCutoff > `${year}-09-30` ? `${year}-09-30` : historyCutoff;
      if (items.length === 0 || last < `${year}-05-10`) continue;
      const at = instantBetween(rng, `${year}-05-10`, last);
      grants.push({ target, year, items, maker: people.maker, checker: people.checker, at });
      continue;
    }
    const share = year === R ? 0.25 : year === R - 1 ? 0.2 : 0.15;
    const chosen = shuffled(rng, pool).filter((p) => !(year === R && reserved.get(target.policyId)!.has(p.enterpriseId))).filter(() => rng.chance(share));
    for (const { enterpriseId, amountFen } of chosen) {
      const roll = rng.next();
      const end = roll < 0.82 ? 'paid' : roll < 0.93 ? 'reject' : 'withdraw';
      const lastDay = year < R ? `${year}-10-31` : historyCutoff;
      if (lastDay < `${year}-02-20`) continue;
      const start = instantBetween(rng, `${year}-02-20`, lastDay);
      const moves = end === 'paid' ? paidMoves(target.plan, rng) : closedMoves(target.plan, rng, end);
      simulated.push(simulate(target, enterpriseId, amountFen, start, moves, { enterprise: applicant(enterpriseId), ...people }, calendar));
    }
  }

  // --- Current work of 经信委 (the dept / dept2 accounts): every stage of the workflow, due soon or overdue. ---
  const jxwLive = live.filter((l) => l.department_org_id === jxw && !l.is_auto_grant);
  const enterprisesAll = await db.selectFrom('enterprises').select('id').where('id', '<>', options.showcaseEnterpriseId).orderBy('id').execute();
  const liveIds = new Set(live.map((l) => l.policy_id));
  const applied = new Set(simulated.filter((s) => liveIds.has(s.row.policy_id)).map((s) => `${s.row.policy_id}:${s.row.enterprise_id}`));
  const pickFirm = (l: (typeof live)[number]): { enterpriseId: number; amountFen: number | null } => {
    const free = (e: number) => e !== options.showcaseEnterpriseId && !applied.has(`${l.policy_id}:${e}`);
    const eligible = (pools.get(l.version_id) ?? []).filter((p) => free(p.enterpriseId));
    const pickedEligible = eligible.length > 0 ? rng.pick(eligible) : null;
    const picked = pickedEligible ?? { enterpriseId: rng.pick(enterprisesAll.filter((e) => free(e.id))).id, amountFen: null };
    applied.add(`${l.policy_id}:${picked.enterpriseId}`);
    return picked;
  };
  const day = (n: number) => new Date(now.getTime() - n * DAY);
  const workPlan: { stage: 'submitted' | 'accepted' | 'in_review' | 'returned' | 'in_notice' | 'notice_passed' | 'prepared_by_dept' | 'prepared_by_dept2'; count: number }[] = [
    { stage: 'submitted', count: 12 },
    { stage: 'accepted', count: 5 },
    { stage: 'in_review', count: 3 },
    { stage: 'returned', count: 2 },
    { stage: 'in_notice', count: 4 },
    { stage: 'notice_passed', count: 2 },
    { stage: 'prepared_by_dept', count: 3 },
    { stage: 'prepared_by_dept2', count: 3 },
  ];
  let turn = 0;
  for (const { stage, count } of workPlan) {
    for (let i = 0; i < count && jxwLive.length > 0; i++) {
      const l = jxwLive[turn++ % jxwLive.length];
      const target = targetOf(l);
      const firm = pickFirm(l);
      const amount = firm.amountFen ?? (stage === 'submitted' || stage === 'accepted' || stage === 'returned' ? null : 5 * 10_000 * 100);
      const who = { enterprise: applicant(firm.enterpriseId), maker: options.users.dept, checker: options.users.dept2 };
      const sim = currentWork(target, firm.enterpriseId, amount, stage, i, who, rng, calendar, now, day);
      if (sim) simulated.push(sim);
    }
  }

  // --- The showcase enterprise: one paid last year, one in review and one in notice this year. ---
  const lastYearEditions = editions.filter((e) => e.year === R - 1 && !e.target.isAutoGrant && e.pool.some((p) => p.enterpriseId === options.showcaseEnterpriseId));
  const showcaseWho = (t: PolicyTarget) => ({ enterprise: options.users.ent, ...staff.get(t.departmentOrgId)! });
  for (const e of lastYearEditions.slice(0, 2)) {
    if (simulated.some((s) => s.row.policy_id === e.target.policyId && s.row.enterprise_id === options.showcaseEnterpriseId)) continue;
    const amount = e.pool.find((p) => p.enterpriseId === options.showcaseEnterpriseId)!.amountFen;
    simulated.push(simulate(e.target, options.showcaseEnterpriseId, amount, instantBetween(rng, `${R - 1}-04-01`, `${R - 1}-06-30`), paidMoves(e.target.plan, rng), showcaseWho(e.target), calendar));
  }
  const showcaseStages = ['in_review', 'in_notice'] as const;
  for (let i = 0; i < Math.min(showcaseLive.length, showcaseStages.length); i++) {
    const l = showcaseLive[i];
    const target = targetOf(l);
    const amount = pools.get(l.version_id)!.find((p) => p.enterpriseId === options.showcaseEnterpriseId)!.amountFen;
    const sim = currentWork(target, options.showcaseEnterpriseId, amount, showcaseStages[i], i, showcaseWho(target), rng, calendar, now, day);
    if (sim) simulated.push(sim);
  }

  // --- What the enterprises filled in: the registry facts and a valid payee account (收款账户) in the
  // enterprise's registered name wherever the policy asks for one; numbered in order of submission. ---
  // --- Issue 12's showcase policies: applications submitted, at review (待评审) and in notice. ---
  const issue12Exclude = new Set([options.showcaseEnterpriseId, ...simulated.map((sim) => sim.row.enterprise_id)]);
  simulated.push(...(await issue12Work<Simulated>(db, { targets: published.filter(isIssue12).map((row) => targetOf(row)), staff, applicant, exclude: issue12Exclude, referenceDate: options.referenceDate, now, calendar, simulate: simulate as never })));

  await fillForms(db, simulated);
  simulated.sort((a, b) => a.row.submitted_at.getTime() - b.row.submitted_at.getTime());

  // --- Write: applications, their timelines, their payments; then the auto grants and theirs. ---
  const appIds = await insertChunked(db, 'applications', simulated.map((s) => s.row as unknown as Record<string, unknown>), true);
  const paymentRows: Record<string, unknown>[] = [];
  const paymentOf: number[] = [];
  simulated.forEach((s, i) => {
    if (!s.payment) return;
    paymentOf.push(i);
    paymentRows.push({
      policy_id: s.row.policy_id,
      enterprise_id: s.row.enterprise_id,
      target_kind: 'application',
      target_id: appIds[i],
      amount_fen: s.row.approved_amount_fen,
      status: s.payment.status,
      prepared_by: s.payment.preparedBy,
      prepared_at: s.payment.preparedAt,
      approved_by: s.payment.approvedBy,
      paid_at: s.payment.paidAt,
      payment_ref: s.payment.paidAt ? `GK${s.payment.paidAt.toISOString().slice(0, 10).replaceAll('-', '')}${String(appIds[i]).padStart(6, '0')}` : null,
    });
  });
  const paymentIds = await insertChunked(db, 'disbursements', paymentRows, true);
  const paymentIdOfApp = new Map(paymentOf.map((simIndex, k) => [simIndex, paymentIds[k]]));
  const eventRows = simulated.flatMap((s, i) =>
    s.events.map((e) => ({
      ...e,
      application_id: appIds[i],
      details: JSON.stringify(e.action === 'prepare_payment' || e.action === 'approve_payment' ? { ...e.details, disbursementId: paymentIdOfApp.get(i) } : e.details),
    })),
  );
  await insertChunked(db, 'application_events', eventRows, false);

  let autoGrantItems = 0;
  let paidFen = simulated.reduce((sum, s) => sum + (s.payment?.status === 'paid' ? s.row.approved_amount_fen! : 0), 0);
  for (const grant of grants) {
    const confirmedAt = grant.at;
    const noticeUntil = dueAfterWorkingDays(confirmedAt, grant.target.plan.publicNoticeDays, calendar);
    const passedAt = new Date(noticeUntil.getTime() + 9 * HOUR + 60_000);
    const preparedAt = new Date(passedAt.getTime() + rng.int(2, 6) * DAY);
    const paidAt = new Date(preparedAt.getTime() + rng.int(1, 3) * DAY + rng.int(1, 6) * HOUR);
    const { id: grantId } = await db
      .insertInto('auto_grants')
      .values({ policy_id: grant.target.policyId, policy_version_id: grant.target.versionId, status: 'paid', created_by: grant.maker, created_at: new Date(confirmedAt.getTime() - rng.int(1, 5) * DAY), confirmed_by: grant.checker, confirmed_at: confirmedAt, notice_until: noticeUntil, notice_passed_at: passedAt, paid_at: paidAt, updated_at: paidAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    const itemIds = await insertChunked(db, 'auto_grant_items', grant.items.map((it) => ({ auto_grant_id: grantId, policy_id: grant.target.policyId, enterprise_id: it.enterpriseId, amount_fen: it.amountFen })), true);
    const ref = `MS${paidAt.toISOString().slice(0, 10).replaceAll('-', '')}${String(grantId).padStart(4, '0')}`;
    await insertChunked(
      db,
      'disbursements',
      grant.items.map((it, k) => ({ policy_id: grant.target.policyId, enterprise_id: it.enterpriseId, target_kind: 'auto_grant_item', target_id: itemIds[k], amount_fen: it.amountFen, status: 'paid', prepared_by: grant.maker, prepared_at: preparedAt, approved_by: grant.checker, paid_at: paidAt, payment_ref: ref })),
      false,
    );
    autoGrantItems += grant.items.length;
    paidFen += grant.items.reduce((sum, it) => sum + it.amountFen, 0);
  }

  await seedImportsAndDisputes(db, rng, options, now);

  return {
    applications: simulated.length,
    paidApplications: simulated.filter((s) => s.row.status === 'paid').length,
    autoGrantItems,
    payments: paymentRows.length + autoGrantItems,
    paidFen,
    pastEditions: editions.filter((e) => e.year < R).length,
  };
}

type Stage = 'submitted' | 'accepted' | 'in_review' | 'returned' | 'in_notice' | 'notice_passed' | 'prepared_by_dept' | 'prepared_by_dept2';

/** One application of the current work, ending at `stage` now: its moves are laid out backwards from today. */
function currentWork(target: PolicyTarget, enterpriseId: number, amountFen: number | null, stage: Stage, i: number, who: { enterprise: number; maker: number; checker: number }, rng: Prng, calendar: WorkingCalendar, now: Date, day: (n: number) => Date): Simulated | null {
  const plan = target.plan;
  const submit: Move = { action: 'submit', actor: 'enterprise', after: 0 };
  const accept: Move = { action: 'accept', actor: 'maker', after: 2 };
  const steps = (n: number): Move[] => Array.from({ length: n }, (_, k) => ({ action: 'approve_step' as const, actor: k % 2 === 0 ? ('maker' as const) : ('checker' as const), after: 4 }));
  switch (stage) {
    case 'submitted':
      // Most within the 受理 deadline; the last two past it (overdue on the department's home).
      return simulate(target, enterpriseId, amountFen, day(i >= 10 ? 7 + i : (i % 4) + 0.2), [submit], who, calendar);
    case 'accepted':
      return simulate(target, enterpriseId, amountFen, day(4 + i * 2), [submit, accept], who, calendar);
    case 'in_review':
      if (plan.reviews.length < 2) return simulate(target, enterpriseId, amountFen, day(8 + i * 3), [submit, accept], who, calendar);
      return simulate(target, enterpriseId, amountFen, day(12 + i * 2), [submit, accept, ...steps(1)], who, calendar);
    case 'returned':
      return simulate(target, enterpriseId, amountFen, day(6 + i), [submit, accept, { action: 'return', actor: 'maker', after: 2, reason: rng.pick(RETURN_REASONS) }], who, calendar);
    case 'in_notice': {
      if (amountFen === null) return null;
      // The notice started so that it ends within the next working days: of the starts that leave it running
      // now, the i-th earliest (so the notices end on different days).
      const moves = [submit, accept, ...steps(plan.reviews.length), { action: 'start_notice' as const, actor: 'maker' as const, after: 1 }];
      const walk = moves.reduce((sum, m) => sum + m.after, 0);
      const running: Simulated[] = [];
      for (let back = 1; back <= plan.publicNoticeDays + 12; back++) {
        const sim = simulate(target, enterpriseId, amountFen, day(back + walk), moves, who, calendar);
        if (sim.row.notice_until && sim.row.notice_until.getTime() > now.getTime()) running.push(sim);
      }
      return running.length > 0 ? running[Math.max(0, running.length - 1 - i)] : null;
    }
    case 'notice_passed':
    case 'prepared_by_dept':
    case 'prepared_by_dept2': {
      if (amountFen === null) return null;
      const moves: Move[] = [submit, accept, ...steps(plan.reviews.length), { action: 'start_notice', actor: 'maker', after: 1 }, { action: 'end_notice', actor: 'system', after: 0 }];
      if (stage !== 'notice_passed') moves.push({ action: 'prepare_payment', actor: stage === 'prepared_by_dept' ? 'maker' : 'checker', after: 1 });
      return simulate(target, enterpriseId, amountFen, day(45 + i * 3), moves, who, calendar);
    }
  }
}

/** The data admin's past: enterprise imports (one with row errors) and disputes of profile values. */
async function seedImportsAndDisputes(db: Kysely<DB>, rng: Prng, options: SeedApplicationsOptions, now: Date): Promise<void> {
  const data = options.users.data;
  const at = (daysAgo: number, minutes = 0) => new Date(now.getTime() - daysAgo * DAY + minutes * 60_000);
  const runs = [
    { kind: 'enterprises' as const, source: 'market_regulation', file_name: '市场主体登记信息_第一季度.xlsx', days: 240, total: 1860, inserted: 38, updated: 412, errors: 0 },
    { kind: 'indicators' as const, source: 'statistics_bureau', file_name: '规上企业主要指标_上半年.xlsx', days: 150, total: 4120, inserted: 3980, updated: 140, errors: 0 },
    { kind: 'enterprises' as const, source: 'market_regulation', file_name: '市场主体登记信息_第三季度.xlsx', days: 60, total: 1934, inserted: 21, updated: 377, errors: 6 },
    { kind: 'enterprises' as const, source: 'market_regulation', file_name: '市场主体登记信息_更正.csv', days: 9, total: 214, inserted: 0, updated: 57, errors: 0 },
  ];
  const batches = await db
    .insertInto('import_batches')
    .values(
      runs.map((r) => ({
        kind: r.kind,
        source: r.source,
        file_name: r.file_name,
        file_sha256: null,
        storage_path: null,
        status: 'completed' as const,
        total_rows: r.total,
        processed_rows: r.total,
        inserted_rows: r.inserted,
        updated_rows: r.updated,
        unchanged_rows: r.total - r.inserted - r.updated - r.errors,
        error_rows: r.errors,
        message: r.errors > 0 ? `${r.errors} 行未导入，详见错误清单` : null,
        created_by: data,
        created_at: at(r.days),
        started_at: at(r.days, 1),
        finished_at: at(r.days, 3 + rng.int(0, 4)),
      })),
    )
    .returning('id')
    .execute();
  const withErrors = batches[2].id;
  await db
    .insertInto('import_errors')
    .values([
      { batch_id: withErrors, row_no: 118, column_name: 'uscc', reason: '统一社会信用代码校验位不正确', value: '91500231MA5U7XK2X1', code: 'uscc_checksum_mismatch', reason_en: 'The check character of the unified social credit code is wrong' },
      { batch_id: withErrors, row_no: 342, column_name: 'industry_code', reason: '国民经济行业代码不存在', value: '3499X', code: 'invalid_industry_code', reason_en: 'No such industry code' },
      { batch_id: withErrors, row_no: 577, column_name: 'town', reason: '乡镇（街道）不在本县范围内', value: '长寿区凤城街道', code: 'unknown_town', reason_en: 'The town is not in the county' },
      { batch_id: withErrors, row_no: 903, column_name: 'registered_capital', reason: '注册资本不能为负数', value: '-200', code: 'negative_value', reason_en: 'The registered capital cannot be negative' },
      { batch_id: withErrors, row_no: 1204, column_name: 'uscc', reason: '统一社会信用代码为空', value: null, code: 'missing_value', reason_en: 'The unified social credit code is missing' },
      { batch_id: withErrors, row_no: 1655, column_name: 'uscc', reason: '与第1654行重复', value: '91500231MA60Q3LT4K', code: 'duplicate_row', reason_en: 'Repeats row 1654' },
    ])
    .execute();

  // Disputes of the showcase enterprise's values (its account is the demo's only enterprise user).
  const values = await db
    .selectFrom('indicator_values')
    .where('enterprise_id', '=', options.showcaseEnterpriseId)
    .where('source', '<>', 'self_reported')
    .where('value', 'is not', null)
    .select(['indicator_code', 'period', 'source', 'value'])
    .orderBy('period', 'desc')
    .orderBy('indicator_code')
    .execute();
  const picked = values.filter((v) => Number(v.value) >= 10).filter((v, i, all) => all.findIndex((w) => w.indicator_code === v.indicator_code) === i).slice(0, 5);
  const text = (n: number) => String(Math.round(n));
  const disputes = picked.map((v, i) => {
    const stored = Number(v.value);
    const base = { enterprise_id: options.showcaseEnterpriseId, indicator_code: v.indicator_code, period: v.period, source: v.source, created_by: options.users.ent };
    if (i < 2) {
      return { ...base, current_value: text(stored), proposed_value: text(stored * 1.12), reason: '统计口径有误：数据未包含12月份开具的发票，附当年纳税申报表', status: 'open' as const, created_at: at(3 + i * 2), resolved_by: null, resolved_at: null, resolution_note: null };
    }
    if (i === 2) {
      // Accepted: the value stored now is the corrected one; the dispute recorded the value before it.
      return { ...base, current_value: text(stored * 0.85), proposed_value: text(stored), reason: '财务报表填报时单位有误，附审计报告', status: 'accepted' as const, created_at: at(40), resolved_by: data, resolved_at: at(36), resolution_note: '经与统计局核对审计报告，按企业提供数值更正' };
    }
    return { ...base, current_value: text(stored), proposed_value: text(stored * 1.3), reason: '我司认为该数值偏低', status: 'rejected' as const, created_at: at(80 + i * 10), resolved_by: data, resolved_at: at(75 + i * 10), resolution_note: '经核对税务系统申报数据，原数值无误，不予更正' };
  });
  if (disputes.length > 0) await db.insertInto('data_disputes').values(disputes).execute();
}
