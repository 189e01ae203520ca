import type { Insertable, Kysely } from 'kysely';
import type { Prng } from '../../core/random/prng.ts';
import { DEFAULT_CALENDAR, shanghaiDate, addCalendarDays, type WorkingCalendar } from '../../core/sla/calendar.ts';
import { addWorkingMinutes, DEFAULT_OFFICE_HOURS, workingMinutesBetween } from '../../core/sla/working-hours.ts';
import type { DB, DemandEventsTable, DemandsTable, ServicesTable } from '../db/schema.ts';
import { computeSuggestion, trainFromHistory } from '../modules/demands/index.ts';
import { TOWNS } from './county-data.ts';
import {
  composeDemand,
  composeResolution,
  DEMAND_CATEGORY_CODES,
  followUpText,
  pickCategory,
  ratingComment,
  rectificationText,
  type DemandCategoryCode,
  type DemandChannel,
  type DemandTextContext,
} from './demand-texts.ts';

/**
 * The demands (诉求) of the demo county: two years of handled history — the labelled examples the router
 * trains on at first start, with dispatch by 派单/点单/抢单, timelines, results, 好差评 (mostly good, some bad
 * and rectified), 跟踪问效 follow-ups and some missed deadlines — and open demands in every state, so the
 * dispatcher's queue, each handler's orders, the providers' claim pool and the showcase enterprise all have
 * work on the first sign-in. Plus the service catalogue (服务超市) of the three teams. Set-based, chunked.
 */

export interface SeedDemandsOptions {
  /**
   * Historical (closed) demands; the open ones come on top. Default: 0.7 per operating enterprise, between 400 and
   * 3,200 — the 5,000-firm demo county gets 3,200, a small test county a history that trains in a second.
   */
  history?: number;
  showcaseEnterpriseId: number;
  /** Organisation ids by code: departments, the dispatch centre ('gsl'), providers. */
  orgIdByCode: Map<string, number>;
  users: { ent: number; dept: number; dispatch: number; cadre: number; provider: number };
  /** The demo cadre's organisation (a department). */
  cadreOrgId: number;
  now?: Date;
  calendar?: WorkingCalendar;
}

/** The demo provider's organisation: 县中小企业公共服务中心 (quasi-market). */
const DEMO_PROVIDER = 'smepsc';
const DEMO_DEPARTMENT = 'jxw';
const CHUNK = 500;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Timeline actions (demand_events.action) as the demands module writes them. */
const ACTION = {
  submit: 'submit',
  triage: 'triage',
  assign: 'assign',
  offer: 'offer',
  claim: 'claim',
  pick: 'pick',
  accept: 'accept',
  start: 'start',
  wait: 'wait',
  resume: 'resume',
  transfer: 'transfer',
  resolve: 'resolve',
  rate: 'rate',
  close: 'close',
  followUp: 'follow_up',
  warn: 'warn',
  escalate: 'escalate',
} as const;

// ---------------------------------------------------------------------------------------------------------
// The service catalogue of the three teams.

interface ServiceSeed {
  provider: string;
  kind: string;
  category: DemandCategoryCode;
  name: string;
  description: string;
  /** Yuan; null = free. */
  priceYuan: number | null;
}

/** Non-market (departments, free), quasi-market (public service centre, SME association) and market items. */
const SERVICES: readonly ServiceSeed[] = [
  { provider: 'scjgj', kind: 'business_registration', category: 'permits', name: '企业开办"一网通办"帮办', description: '营业执照、刻章、税务登记、社保登记一次办结，全程帮办代办。', priceYuan: null },
  { provider: 'fgw', kind: 'project_declaration', category: 'policy', name: '中央预算内投资项目申报辅导', description: '解读申报指南，指导编制资金申请报告，协助项目入库。', priceYuan: null },
  { provider: 'rsj', kind: 'recruitment', category: 'hiring', name: '企业专场招聘会', description: '公共就业服务平台发布岗位，组织线下专场招聘和直播带岗。', priceYuan: null },
  { provider: 'rsj', kind: 'social_insurance_subsidy', category: 'hiring', name: '社保补贴、稳岗返还申领指导', description: '核对吸纳就业困难人员、高校毕业生社保补贴条件，指导线上申领。', priceYuan: null },
  { provider: 'sw', kind: 'tax_counselling', category: 'tax', name: '税费优惠政策一对一辅导', description: '研发费用加计扣除、留抵退税、小微企业减免的政策辅导和申报指引。', priceYuan: null },
  { provider: 'jrb', kind: 'finance', category: 'financing', name: '银企对接与垫易贷推荐', description: '根据企业情况推荐合作银行信贷产品，组织银行上门对接。', priceYuan: null },
  { provider: 'kjj', kind: 'certification', category: 'technology', name: '科技型企业评价入库辅导', description: '讲解科技型企业评价指标，指导在线填报入库。', priceYuan: null },
  { provider: 'smepsc', kind: 'business_registration', category: 'permits', name: '工商注册及变更代办', description: '设立、变更、注销登记代办，材料一次性告知。', priceYuan: null },
  { provider: 'smepsc', kind: 'project_declaration', category: 'policy', name: '惠企政策项目申报代办', description: '梳理企业可申报项目，协助准备申报材料，跟踪评审进度。', priceYuan: 800 },
  { provider: 'smepsc', kind: 'patent', category: 'ip', name: '专利申请咨询', description: '专利检索、申请文件撰写指导和专利资助申领。', priceYuan: 500 },
  { provider: 'smepsc', kind: 'recruitment', category: 'hiring', name: '人才招聘对接', description: '岗位发布、校企合作对接、招聘会组织。', priceYuan: null },
  { provider: 'smepsc', kind: 'social_insurance_subsidy', category: 'hiring', name: '社保补贴代办', description: '社保补贴、培训补贴申领材料准备与提交。', priceYuan: null },
  { provider: 'smepsc', kind: 'listing', category: 'financing', name: '重庆股份转让中心挂牌培育', description: '股改辅导、挂牌材料准备、对接券商和股转中心。', priceYuan: 20000 },
  { provider: 'smea', kind: 'certification', category: 'policy', name: '专精特新企业培育辅导', description: '对标专精特新认定指标诊断，制定一年培育计划，协助申报。', priceYuan: 3000 },
  { provider: 'smea', kind: 'market', category: 'market', name: '会员企业产销对接', description: '组织会员企业产销对接会和展会集体参展。', priceYuan: null },
  { provider: 'smea', kind: 'hr', category: 'hiring', name: '企业管理人员培训', description: '生产管理、财务、人力资源等专题培训。', priceYuan: 300 },
  { provider: 'mkt-consult', kind: 'certification', category: 'technology', name: '高新技术企业认定全程代理', description: '知识产权布局、研发费用专账、申报材料编制，未通过退部分费用。', priceYuan: 30000 },
  { provider: 'mkt-consult', kind: 'certification', category: 'policy', name: '专精特新"小巨人"申报咨询', description: '指标诊断、申报书撰写、答辩辅导。', priceYuan: 50000 },
  { provider: 'mkt-consult', kind: 'project_declaration', category: 'policy', name: '技改项目可研报告编制', description: '技术改造项目可行性研究报告和资金申请报告编制。', priceYuan: 15000 },
  { provider: 'mkt-consult', kind: 'hr', category: 'hiring', name: '人力资源外包', description: '招聘、薪酬核算、社保代缴一站式外包。', priceYuan: 2000 },
  { provider: 'mkt-ip', kind: 'patent', category: 'ip', name: '发明专利申请代理', description: '技术交底、检索、撰写、答复审查意见。', priceYuan: 6000 },
  { provider: 'mkt-ip', kind: 'trademark', category: 'ip', name: '商标注册与维权', description: '商标查询注册、异议、无效宣告和侵权维权。', priceYuan: 1500 },
  { provider: 'mkt-credit', kind: 'finance', category: 'financing', name: '企业信用报告与信用修复', description: '出具第三方信用报告，指导行政处罚信用修复。', priceYuan: 1200 },
  { provider: 'mkt-credit', kind: 'finance', category: 'financing', name: '融资顾问服务', description: '财务诊断、融资方案设计、银行和担保机构对接。', priceYuan: 5000 },
  { provider: 'mkt-law', kind: 'legal', category: 'disputes', name: '企业法律体检', description: '合同、用工、知识产权合规风险排查。', priceYuan: 3000 },
  { provider: 'mkt-law', kind: 'legal', category: 'disputes', name: '合同纠纷代理与账款追收', description: '律师函、诉前调解、诉讼代理。', priceYuan: 8000 },
  { provider: 'mkt-chamber', kind: 'market', category: 'market', name: '商会渠道对接', description: '对接长三角商会会员企业采购和销售渠道。', priceYuan: null },
  { provider: 'mkt-chamber', kind: 'legal', category: 'disputes', name: '商会人民调解', description: '商会调解委员会调解会员企业之间的经济纠纷。', priceYuan: null },
  { provider: 'mkt-alliance', kind: 'logistics', category: 'logistics', name: '联盟物流共同配送', description: '成渝干线共同配送与仓储，会员价。', priceYuan: 2000 },
  { provider: 'mkt-alliance', kind: 'market', category: 'market', name: '电商直播代运营', description: '店铺运营、直播带货、短视频推广。', priceYuan: 6000 },
];

/** Providers of the quasi-market and market teams that a 抢单 offer in a category reaches. */
function claimersOf(category: string, providerOrgIds: Map<string, number>): number[] {
  const codes = new Set(SERVICES.filter((s) => s.category === category && providerOrgIds.has(s.provider)).map((s) => s.provider));
  return [...codes].map((code) => providerOrgIds.get(code)!);
}

// ---------------------------------------------------------------------------------------------------------

type DemandInsert = Insertable<DemandsTable>;
type EventInsert = Omit<Insertable<DemandEventsTable>, 'demand_id'>;

interface PlannedDemand {
  row: DemandInsert;
  events: EventInsert[];
}

interface Handler {
  orgId: number;
  userId: number | null;
  leaderCadreId: number | null;
}

function productOf(name: string, rng: Prng): string | undefined {
  const table: [RegExp, string[]][] = [
    [/机械|机电|汽车|摩托|配件/, ['汽摩配件', '农机具', '精密铸件', '减速机']],
    [/食品|农产品|榨菜|调味|粮油/, ['榨菜', '预制菜', '火锅底料', '米粉', '卤制品']],
    [/酒/, ['白酒']],
    [/服装|纺织|服饰/, ['服装', '针织面料']],
    [/建材|水泥|砖|混凝土/, ['建筑用砖', '商品混凝土', '混凝土外加剂']],
    [/电子|科技|信息/, ['电子元器件', '工业软件', '智能传感器']],
    [/家具|木业/, ['家具板材', '实木家具']],
    [/医药|药业|生物/, ['中药材饮片', '医用敷料']],
    [/农业|种植|养殖|牧业/, ['柚子', '牡丹籽油', '生猪', '食用菌']],
    [/化工|塑料|包装/, ['塑料包装', '纸箱', '涂料']],
  ];
  for (const [pattern, products] of table) if (pattern.test(name)) return rng.pick(products);
  return undefined;
}

/** A moment in the office hours of a county date (Shanghai = UTC+8). */
function officeInstant(rng: Prng, dayStart: Date): Date {
  const minute = rng.chance(0.5) ? rng.int(9 * 60, 12 * 60 - 1) : rng.int(13 * 60 + 30, 17 * 60 + 29);
  return new Date(dayStart.getTime() + minute * MINUTE);
}

export interface SeedDemandsResult {
  demands: number;
  services: number;
  /** The router version trained from the seeded history (null if training was skipped). */
  routerVersion: number | null;
}

export async function seedDemands(db: Kysely<DB>, rng: Prng, options: SeedDemandsOptions): Promise<SeedDemandsResult> {
  const now = options.now ?? new Date();
  const calendar = options.calendar ?? DEFAULT_CALENDAR;

  const working = (start: Date, minutes: number): Date => {
    try {
      return addWorkingMinutes(start, minutes, calendar, DEFAULT_OFFICE_HOURS);
    } catch {
      // Beyond the official calendar's years: eight working hours a calendar day is close enough.
      return new Date(start.getTime() + (minutes / 480) * DAY);
    }
  };

  const categories = await db.selectFrom('demand_categories').select(['code', 'department_code', 'response_hours', 'resolution_hours']).execute();
  const categoryByCode = new Map(categories.map((c) => [c.code, c]));
  const orgIdByCode = options.orgIdByCode;
  const departmentOrgIds = [...orgIdByCode.entries()].filter(([code]) => !code.startsWith('mkt-') && !['smepsc', 'smea', 'gsl', 'platform'].includes(code)).map(([, id]) => id);
  const providerOrgIds = new Map([...orgIdByCode.entries()].filter(([code]) => code.startsWith('mkt-') || code === 'smepsc' || code === 'smea'));

  // Leaders (责任领导) by organisation: the heads and deputies of each department.
  const leaders = await db.selectFrom('cadres').where('position', 'in', ['县领导', '部门主要负责人', '部门副职']).select(['id', 'org_id']).orderBy('id').execute();
  const leadersByOrg = new Map<number, number[]>();
  for (const leader of leaders) leadersByOrg.set(leader.org_id, [...(leadersByOrg.get(leader.org_id) ?? []), leader.id]);
  const anyLeaders = leaders.map((l) => l.id);
  const cadreIds = (await db.selectFrom('cadres').select('id').orderBy('id').execute()).map((c) => c.id);
  const demoCadre = await db.selectFrom('cadres').where('user_id', '=', options.users.cadre).select('id').executeTakeFirst();

  const enterprises = await db.selectFrom('enterprises').where('status', '=', 'operating').select(['id', 'name', 'town_code']).orderBy('id').execute();
  if (enterprises.length === 0) return { demands: 0, services: 0, routerVersion: null };
  const history = options.history ?? Math.min(3_200, Math.max(400, Math.round(enterprises.length * 0.7)));
  const townName = new Map<string, string>(TOWNS.map((t) => [t.code, t.name]));
  const showcase = enterprises.find((e) => e.id === options.showcaseEnterpriseId) ?? enterprises[0];

  // The catalogue first: picked (点单) demands name their item.
  const serviceRows: Insertable<ServicesTable>[] = SERVICES.filter((s) => orgIdByCode.has(s.provider) && categoryByCode.has(s.category)).map((s) => {
    const org = orgIdByCode.get(s.provider)!;
    const team = providerOrgIds.has(s.provider) ? (s.provider === 'smepsc' || s.provider === 'smea' ? 'quasi_market' : 'market') : 'non_market';
    return { provider_org_id: org, team, kind: s.kind, category_code: s.category, name: s.name, description: s.description, price_fen: s.priceYuan === null ? null : s.priceYuan * 100, is_free: s.priceYuan === null };
  });
  const services = serviceRows.length ? await db.insertInto('services').values(serviceRows).returning(['id', 'provider_org_id', 'category_code']).execute() : [];
  const providerIdSet = new Set(providerOrgIds.values());
  const ratingByService = new Map<number, { count: number; sum: number }>();

  const handlerFor = (orgId: number): Handler => {
    const userId = orgId === orgIdByCode.get(DEMO_DEPARTMENT) ? options.users.dept : orgId === orgIdByCode.get(DEMO_PROVIDER) ? options.users.provider : null;
    const pool = leadersByOrg.get(orgId);
    return { orgId, userId, leaderCadreId: pool?.length ? rng.pick(pool) : anyLeaders.length ? rng.pick(anyLeaders) : null };
  };
  const departmentOf = (category: string): number => orgIdByCode.get(categoryByCode.get(category)?.department_code ?? '') ?? rng.pick(departmentOrgIds);

  let hotlineSeq = 0;
  /** The intake part common to history and open demands. */
  const intake = (enterprise: (typeof enterprises)[number], category: DemandCategoryCode, created: Date, channelHint?: DemandChannel) => {
    const channel: DemandChannel = channelHint ?? rng.weighted([['portal', 55], ['cadre', 20], ['hotline', 25]] as const);
    const context: DemandTextContext = { enterpriseName: enterprise.name, townName: townName.get(enterprise.town_code ?? '') ?? '桂阳街道', product: productOf(enterprise.name, rng) };
    const text = composeDemand(rng, category, context, channel);
    const isShowcase = enterprise.id === showcase.id;
    const row: DemandInsert = {
      enterprise_id: enterprise.id,
      title: text.title,
      description: text.description,
      declared_category_code: channel === 'portal' && rng.chance(0.4) ? category : null,
      category_code: null,
      urgency: rng.weighted([['normal', 82], ['urgent', 15], ['critical', 3]] as const),
      contact_name: isShowcase ? '王建国' : null,
      contact_phone: channel === 'hotline' ? `1${rng.int(30, 99)}****${String(rng.int(0, 9999)).padStart(4, '0')}` : isShowcase ? '13983000000' : null,
      channel,
      external_ref: channel === 'hotline' ? `GD${shanghaiDate(created).replace(/-/g, '')}${String(++hotlineSeq).padStart(5, '0')}` : null,
      submitted_by: channel === 'portal' && isShowcase ? options.users.ent : channel === 'cadre' && demoCadre && rng.chance(0.1) ? options.users.cadre : null,
      on_behalf_cadre_id: channel === 'cadre' && cadreIds.length ? (demoCadre && rng.chance(0.1) ? demoCadre.id : rng.pick(cadreIds)) : null,
      created_at: created,
      updated_at: created,
    };
    const events: EventInsert[] = [{ at: created, actor_user_id: row.submitted_by ?? null, action: ACTION.submit, from_state: null, to_state: 'submitted', details: JSON.stringify({ channel }) }];
    return { row, events, context, alsoMentions: text.alsoMentions };
  };

  const planned: PlannedDemand[] = [];

  // --- History: closed demands spread over two years, more recent months busier (the platform grew). ---
  for (let i = 0; i < history; i++) {
    const enterprise = rng.chance(0.004) ? showcase : rng.pick(enterprises);
    const written = pickCategory(rng);
    const daysAgo = Math.floor(730 * Math.pow(rng.next(), 0.8)) + 12;
    const day = new Date(Math.floor((now.getTime() - daysAgo * DAY) / DAY) * DAY - 8 * HOUR);
    const created = officeInstant(rng, day);
    const { row, events, context, alsoMentions } = intake(enterprise, written, created);
    // A text that speaks of two topics was filed under the second about a third of the time: dispatchers
    // judged the other problem to be the one to solve (the label noise real history has).
    const category = alsoMentions && rng.chance(0.35) ? alsoMentions : written;
    const rules = categoryByCode.get(category)!;
    row.category_code = category;

    // Dispatch: 派单 to the competent department (sometimes another, after a transfer), 点单 or 抢单 to providers.
    const claimers = claimersOf(category, providerOrgIds);
    const categoryServices = services.filter((s) => s.category_code === category && providerIdSet.has(s.provider_org_id));
    const mode = claimers.length && rng.chance(0.2) ? 'claim' : categoryServices.length && rng.chance(0.12) ? 'pick' : 'dispatch';
    const triaged = working(created, rng.int(10, 300));
    let handler: Handler;
    let assigned: Date;
    row.dispatch_mode = mode;
    if (mode === 'pick') {
      const service = rng.pick(categoryServices);
      handler = handlerFor(service.provider_org_id);
      row.service_id = service.id;
      assigned = created;
      events.push({ at: created, actor_user_id: row.submitted_by ?? null, action: ACTION.pick, from_state: 'submitted', to_state: 'assigned', details: JSON.stringify({ serviceId: service.id, handlerOrgId: handler.orgId }) });
    } else if (mode === 'claim') {
      events.push({ at: triaged, actor_user_id: options.users.dispatch, action: ACTION.triage, from_state: 'submitted', to_state: 'triaged', details: JSON.stringify({ categoryCode: category }) });
      events.push({ at: triaged, actor_user_id: options.users.dispatch, action: ACTION.offer, from_state: 'triaged', to_state: 'offered', details: JSON.stringify({ offerOrgIds: claimers }) });
      handler = handlerFor(rng.pick(claimers));
      assigned = working(triaged, rng.int(5, 240));
      row.offer_org_ids = claimers;
      row.offered_at = triaged;
      events.push({ at: assigned, actor_user_id: handler.userId, action: ACTION.claim, from_state: 'offered', to_state: 'assigned', details: JSON.stringify({ handlerOrgId: handler.orgId }) });
    } else {
      events.push({ at: triaged, actor_user_id: options.users.dispatch, action: ACTION.triage, from_state: 'submitted', to_state: 'triaged', details: JSON.stringify({ categoryCode: category }) });
      handler = handlerFor(departmentOf(category));
      assigned = triaged;
      events.push({ at: assigned, actor_user_id: options.users.dispatch, action: ACTION.assign, from_state: 'triaged', to_state: 'assigned', details: JSON.stringify({ handlerOrgId: handler.orgId, leaderCadreId: handler.leaderCadreId, usedSuggestion: rng.chance(0.8) }) });
    }
    let accepted = working(assigned, rng.int(10, rules.response_hours * 60 * (rng.chance(0.06) ? 2 : 0.9)));
    if (mode === 'dispatch' && rng.chance(0.05)) {
      // 移交: the first office was not competent; the dispatcher sends it on, with the reason on the timeline.
      const other = handlerFor(rng.pick(departmentOrgIds.filter((id) => id !== handler.orgId)));
      events.push({ at: accepted, actor_user_id: handler.userId, action: ACTION.transfer, from_state: 'assigned', to_state: 'assigned', reason: '经核实，该事项不属于本单位职责范围，申请移交。', details: JSON.stringify({ fromOrgId: handler.orgId, toOrgId: other.orgId }) });
      row.transfer_count = 1;
      handler = other;
      accepted = working(accepted, rng.int(30, 240));
    }
    row.handler_org_id = handler.orgId;
    row.handler_user_id = handler.userId;
    row.leader_cadre_id = handler.leaderCadreId;
    row.assigned_at = assigned;
    row.response_due_at = working(assigned, rules.response_hours * 60);
    row.accepted_at = accepted;
    row.clock_started_at = accepted;
    row.clock_budget_minutes = rules.resolution_hours * 60;
    events.push({ at: accepted, actor_user_id: handler.userId, action: ACTION.accept, from_state: 'assigned', to_state: 'accepted', details: '{}' });
    const started = working(accepted, rng.int(5, 120));
    events.push({ at: started, actor_user_id: handler.userId, action: ACTION.start, from_state: 'accepted', to_state: 'in_progress', details: '{}' });

    // Waiting on the enterprise stops the clock; the due date moves by the pause.
    const budget = rules.resolution_hours * 60;
    const pauses: { from: string; to: string }[] = [];
    let pausedMs = 0;
    if (rng.chance(0.15)) {
      const from = working(started, rng.int(30, Math.max(60, budget / 3)));
      const to = new Date(from.getTime() + rng.int(1, 5) * DAY);
      pauses.push({ from: from.toISOString(), to: to.toISOString() });
      pausedMs = to.getTime() - from.getTime();
      events.push({ at: from, actor_user_id: handler.userId, action: ACTION.wait, from_state: 'in_progress', to_state: 'waiting', reason: '需企业补充提供相关材料', details: '{}', is_internal: false });
      events.push({ at: to, actor_user_id: handler.userId, action: ACTION.resume, from_state: 'waiting', to_state: 'in_progress', details: '{}' });
    }
    const dueBase = working(accepted, budget);
    const due = new Date(dueBase.getTime() + pausedMs);
    row.clock_pauses = JSON.stringify(pauses);
    row.resolution_due_at = due;
    const overdue = rng.chance(0.12);
    let resolved = overdue
      ? new Date(due.getTime() + rng.int(2, 96) * HOUR)
      : new Date(Math.min(due.getTime() - MINUTE, working(started, rng.int(30, Math.max(60, Math.floor(budget * 0.9)))).getTime() + pausedMs));
    if (resolved.getTime() <= started.getTime()) resolved = new Date(started.getTime() + 30 * MINUTE);
    if (overdue) {
      events.push({ at: due, actor_user_id: null, action: ACTION.escalate, from_state: 'in_progress', to_state: 'in_progress', details: JSON.stringify({ level: 2 }), is_internal: true });
      row.escalation_level = 2;
    }
    const resolution = composeResolution(rng, category, context);
    const resolutionMode = rng.chance(0.6) ? 'offline' : 'online';
    events.push({ at: resolved, actor_user_id: handler.userId, action: ACTION.resolve, from_state: 'in_progress', to_state: 'resolved', details: JSON.stringify({ resolution, mode: resolutionMode }) });
    row.resolution = resolution;
    row.resolution_mode = resolutionMode;
    row.resolved_at = resolved;

    // 好差评: most rate, mostly well; a bad rating (≤ 2) reopens for rectification, which usually succeeds.
    let closed: Date;
    if (rng.chance(0.9)) {
      let rating = rng.weighted([[5, 60], [4, 24], [3, 9], [2, 4], [1, 3]] as const);
      let rated = new Date(resolved.getTime() + rng.int(1, 72) * HOUR);
      let comment = ratingComment(rng, rating);
      // A rating ≤ 2 sends it straight back to the handler for rectification (整改, 15 working days).
      events.push({ at: rated, actor_user_id: row.submitted_by ?? null, action: ACTION.rate, from_state: 'resolved', to_state: rating <= 2 ? 'in_progress' : 'rated', details: JSON.stringify({ rating, comment }) });
      if (rating <= 2) {
        const rectificationDue = working(rated, 15 * 8 * 60);
        const fixed = working(rated, rng.int(4, 60) * 60);
        events.push({ at: fixed, actor_user_id: handler.userId, action: ACTION.resolve, from_state: 'in_progress', to_state: 'resolved', details: JSON.stringify({ resolution: rectificationText(rng), mode: 'offline', rectification: true }) });
        row.reopen_count = 1;
        row.rectification_due_at = rectificationDue;
        rating = rng.chance(0.75) ? rng.weighted([[4, 2], [3, 1]] as const) : rating;
        rated = new Date(fixed.getTime() + rng.int(2, 72) * HOUR);
        comment = ratingComment(rng, rating);
        events.push({ at: rated, actor_user_id: row.submitted_by ?? null, action: ACTION.rate, from_state: 'resolved', to_state: 'rated', details: JSON.stringify({ rating, comment }) });
      }
      row.rating = rating;
      row.rating_comment = comment || null;
      row.rated_at = rated;
      closed = new Date(rated.getTime() + rng.int(0, 24) * HOUR);
      {
        // The rating counts for the catalogue item that served it (a department's free item too).
        const serviceId = row.service_id ?? services.find((s) => s.provider_org_id === handler.orgId && s.category_code === category)?.id;
        if (serviceId != null) {
          const r = ratingByService.get(serviceId) ?? { count: 0, sum: 0 };
          ratingByService.set(serviceId, { count: r.count + 1, sum: r.sum + rating });
        }
      }
    } else {
      // Not rated within the window: closed by the platform, counted as satisfied by default rules.
      closed = new Date(resolved.getTime() + 7 * DAY);
    }
    events.push({ at: closed, actor_user_id: null, action: ACTION.close, from_state: row.rating ? 'rated' : 'resolved', to_state: 'closed', details: '{}' });
    row.closed_at = closed;
    row.state = 'closed';
    // 跟踪问效 a month after closing; older ones have their outcome recorded.
    const followUpDue = addCalendarDays(shanghaiDate(closed), 30);
    row.follow_up_due_on = followUpDue;
    const followUpAt = new Date(closed.getTime() + rng.int(28, 40) * DAY);
    if (followUpAt < now) {
      const outcome = rng.weighted([['effective', 85], ['partly_effective', 12], ['not_effective', 3]] as const);
      row.follow_up_outcome = outcome;
      row.follow_up_note = followUpText(rng, outcome === 'effective');
      row.follow_up_at = followUpAt;
      events.push({ at: followUpAt, actor_user_id: options.users.dispatch, action: ACTION.followUp, from_state: 'closed', to_state: 'closed', details: JSON.stringify({ outcome, note: row.follow_up_note }) });
    }
    row.updated_at = events.reduce((latest, e) => (new Date(e.at as Date) > latest ? new Date(e.at as Date) : latest), created);
    planned.push({ row, events });
  }

  // --- Open demands in every state, recent, so every workbench has work (some past their deadlines). ---
  const recent = (maxWorkingHours: number): Date => {
    const back = rng.int(1, maxWorkingHours * 60);
    // Walk back by calendar time roughly three times the working time, then keep within office hours.
    return new Date(now.getTime() - back * 3 * MINUTE);
  };
  /** The latest whole-minute instant from which `minutes` of working time end before `before`. */
  const startedBefore = (before: Date, minutes: number): Date => {
    let start = new Date(before.getTime() - minutes * MINUTE);
    while (working(start, minutes) > before) start = new Date(start.getTime() - 4 * HOUR);
    return start;
  };
  const openDemand = (opts: { enterprise?: (typeof enterprises)[number]; state: 'submitted' | 'triaged' | 'offered' | 'assigned' | 'accepted' | 'in_progress' | 'waiting' | 'resolved'; handlerOrgId?: number; handlerUserId?: number | null; mode?: 'dispatch' | 'pick' | 'claim'; ageHours: number; overdue?: boolean; channel?: DemandChannel; category?: DemandCategoryCode }) => {
    const enterprise = opts.enterprise ?? rng.pick(enterprises);
    const category = opts.category ?? pickCategory(rng);
    const rules = categoryByCode.get(category)!;
    // An overdue order must be overdue by its own clock (the board and the detail page replay it), not only by
    // a stored date: it starts early enough that triage, assignment and acceptance (≤ 2 h each) plus the whole
    // resolution budget end 2–60 working hours before now.
    const created = opts.overdue ? startedBefore(now, (rules.resolution_hours + 6 + rng.int(2, 60)) * 60) : recent(opts.ageHours);
    const { row, events, context } = intake(enterprise, category, created, opts.channel);
    const state = opts.state;
    row.state = state as DemandInsert['state'];
    if (state === 'submitted') {
      planned.push({ row, events });
      return;
    }
    row.category_code = category;
    const triaged = new Date(created.getTime() + rng.int(10, 120) * MINUTE);
    if (opts.mode !== 'pick') events.push({ at: triaged, actor_user_id: options.users.dispatch, action: ACTION.triage, from_state: 'submitted', to_state: 'triaged', details: JSON.stringify({ categoryCode: category }) });
    if (state === 'triaged') {
      planned.push({ row, events });
      return;
    }
    if (state === 'offered') {
      const claimers = claimersOf(category, providerOrgIds);
      const offerTo = claimers.length ? claimers : [...providerOrgIds.values()];
      if (!offerTo.includes(orgIdByCode.get(DEMO_PROVIDER)!)) offerTo.push(orgIdByCode.get(DEMO_PROVIDER)!);
      row.dispatch_mode = 'claim';
      row.offer_org_ids = offerTo;
      row.offered_at = triaged;
      events.push({ at: triaged, actor_user_id: options.users.dispatch, action: ACTION.offer, from_state: 'triaged', to_state: 'offered', details: JSON.stringify({ offerOrgIds: offerTo }) });
      planned.push({ row, events });
      return;
    }
    const handler = handlerFor(opts.handlerOrgId ?? departmentOf(category));
    const mode = opts.mode ?? 'dispatch';
    row.dispatch_mode = mode;
    row.handler_org_id = handler.orgId;
    row.handler_user_id = opts.handlerUserId !== undefined ? opts.handlerUserId : handler.userId;
    row.leader_cadre_id = handler.leaderCadreId;
    const assigned = mode === 'pick' ? created : triaged;
    if (mode === 'pick') {
      const service = services.find((s) => s.provider_org_id === handler.orgId) ?? null;
      row.service_id = service?.id ?? null;
      events.push({ at: created, actor_user_id: row.submitted_by ?? null, action: ACTION.pick, from_state: 'submitted', to_state: 'assigned', details: JSON.stringify({ serviceId: row.service_id, handlerOrgId: handler.orgId }) });
    } else {
      events.push({ at: assigned, actor_user_id: options.users.dispatch, action: ACTION.assign, from_state: 'triaged', to_state: 'assigned', details: JSON.stringify({ handlerOrgId: handler.orgId, leaderCadreId: handler.leaderCadreId }) });
    }
    row.assigned_at = assigned;
    row.response_due_at = working(assigned, rules.response_hours * 60);
    if (state === 'assigned') {
      planned.push({ row, events });
      return;
    }
    // Never before the assignment (a demand assigned within the last hour is accepted just after it).
    const accepted = new Date(Math.max(assigned.getTime(), Math.min(now.getTime() - HOUR, assigned.getTime() + rng.int(10, 120) * MINUTE)));
    row.accepted_at = accepted;
    row.clock_started_at = accepted;
    row.clock_budget_minutes = rules.resolution_hours * 60;
    row.resolution_due_at = working(accepted, rules.resolution_hours * 60);
    if (opts.overdue) row.escalation_level = 2;
    events.push({ at: accepted, actor_user_id: row.handler_user_id ?? null, action: ACTION.accept, from_state: 'assigned', to_state: 'accepted', details: '{}' });
    if (state === 'accepted') {
      planned.push({ row, events });
      return;
    }
    const started = new Date(accepted.getTime() + rng.int(5, 50) * MINUTE);
    events.push({ at: started, actor_user_id: row.handler_user_id ?? null, action: ACTION.start, from_state: 'accepted', to_state: 'in_progress', details: '{}' });
    if (opts.overdue) events.push({ at: row.resolution_due_at as Date, actor_user_id: null, action: ACTION.escalate, from_state: 'in_progress', to_state: 'in_progress', details: JSON.stringify({ level: 2 }), is_internal: true });
    if (state === 'waiting') {
      const from = new Date(started.getTime() + 30 * MINUTE);
      row.clock_pauses = JSON.stringify([{ from: from.toISOString(), to: null }]);
      events.push({ at: from, actor_user_id: row.handler_user_id ?? null, action: ACTION.wait, from_state: 'in_progress', to_state: 'waiting', reason: '请企业补充近三个月的财务报表和项目备案证明', details: '{}' });
    }
    if (state === 'resolved') {
      const resolved = new Date(Math.min(now.getTime() - 10 * MINUTE, started.getTime() + rng.int(1, 20) * HOUR));
      const resolution = composeResolution(rng, category, context);
      row.resolution = resolution;
      row.resolution_mode = 'online';
      row.resolved_at = resolved;
      events.push({ at: resolved, actor_user_id: row.handler_user_id ?? null, action: ACTION.resolve, from_state: 'in_progress', to_state: 'resolved', details: JSON.stringify({ resolution, mode: 'online' }) });
    }
    row.updated_at = events[events.length - 1].at;
    planned.push({ row, events });
  };

  const jxw = orgIdByCode.get(DEMO_DEPARTMENT)!;
  const provider = orgIdByCode.get(DEMO_PROVIDER)!;
  // The dispatcher's queue: new demands (some waiting too long) and triaged ones not yet assigned.
  for (let i = 0; i < 14; i++) openDemand({ state: 'submitted', ageHours: i < 3 ? 20 : 6 });
  for (let i = 0; i < 4; i++) openDemand({ state: 'triaged', ageHours: 10 });
  // The claim pool of the providers (the demo provider is offered each).
  for (let i = 0; i < 6; i++) openDemand({ state: 'offered', ageHours: 12, category: rng.pick(['hiring', 'policy', 'ip', 'permits', 'financing'] as const) });
  // The demo department's orders (经信委): new, accepted, in progress, waiting, overdue.
  for (const [state, overdue] of [['assigned', false], ['assigned', false], ['assigned', true], ['accepted', false], ['in_progress', false], ['in_progress', false], ['in_progress', true], ['waiting', false]] as const) {
    openDemand({ state, handlerOrgId: jxw, handlerUserId: options.users.dept, ageHours: 16, overdue, category: rng.pick(['utilities', 'policy'] as const) });
  }
  // The demo cadre's orders (of their department).
  for (const state of ['assigned', 'in_progress', 'in_progress'] as const) openDemand({ state, handlerOrgId: options.cadreOrgId, handlerUserId: options.users.cadre, ageHours: 16, channel: 'cadre' });
  // The demo provider's orders: picked and claimed.
  for (const [state, mode] of [['assigned', 'pick'], ['accepted', 'claim'], ['in_progress', 'pick'], ['in_progress', 'claim']] as const) {
    openDemand({ state, handlerOrgId: provider, handlerUserId: options.users.provider, mode, ageHours: 16, category: rng.pick(['hiring', 'policy', 'ip'] as const) });
  }
  // Other departments: a spread of open work, a few overdue, for the dispatcher's boards.
  for (let i = 0; i < 30; i++) {
    const state = rng.pick(['assigned', 'accepted', 'in_progress', 'in_progress', 'waiting', 'resolved'] as const);
    openDemand({ state, ageHours: 40, overdue: state !== 'resolved' && state !== 'waiting' && rng.chance(0.25) });
  }
  // The showcase enterprise (`ent`): one new, one in progress, one waiting on it, one resolved to rate.
  openDemand({ enterprise: showcase, state: 'submitted', ageHours: 4, channel: 'portal', category: 'hiring' });
  openDemand({ enterprise: showcase, state: 'in_progress', ageHours: 16, channel: 'portal', category: 'financing' });
  openDemand({ enterprise: showcase, state: 'waiting', ageHours: 16, channel: 'portal', category: 'permits' });
  openDemand({ enterprise: showcase, state: 'resolved', ageHours: 24, channel: 'portal', category: 'tax' });

  // The response and resolution times in working minutes, as the demands service stores them on accept / resolve.
  const elapsed = (from: unknown, to: unknown): number | null => {
    if (!from || !to) return null;
    try {
      return Math.max(0, workingMinutesBetween(new Date(from as Date), new Date(to as Date), calendar, DEFAULT_OFFICE_HOURS));
    } catch {
      return null;
    }
  };
  for (const { row } of planned) {
    row.response_working_minutes = row.accepted_at ? elapsed(row.assigned_at ?? row.created_at, row.accepted_at) : null;
    row.resolution_working_minutes = row.resolved_at ? elapsed(row.created_at, row.resolved_at) : null;
  }

  // --- Insert: demands in chunks (ids in order), then their events. ---
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < planned.length; start += CHUNK) {
      const chunk = planned.slice(start, start + CHUNK);
      const ids = await trx.insertInto('demands').values(chunk.map((p) => p.row)).returning('id').execute();
      const events = chunk.flatMap((p, index) => p.events.map((e) => ({ ...e, demand_id: ids[index].id })));
      for (let e = 0; e < events.length; e += CHUNK * 2) await trx.insertInto('demand_events').values(events.slice(e, e + CHUNK * 2)).execute();
    }
    for (const [serviceId, rating] of ratingByService) {
      await trx.updateTable('services').set({ rating_count: rating.count, rating_sum: rating.sum }).where('id', '=', serviceId).execute();
    }
  });

  // The router learns from this history now, so the very first start suggests (the start-up job then finds
  // a model and skips); the demands waiting in the dispatcher's queue get their suggestion as intake gives it.
  const trained = await trainFromHistory(db, 'seed');
  if (trained.status === 'trained') {
    const queue = await db
      .selectFrom('demands')
      .innerJoin('enterprises', 'enterprises.id', 'demands.enterprise_id')
      .where('demands.state', 'in', ['submitted', 'triaged'])
      .select(['demands.id', 'demands.title', 'demands.description', 'demands.declared_category_code', 'demands.on_behalf_cadre_id', 'enterprises.town_code'])
      .execute();
    for (const demand of queue) {
      const suggestion = await computeSuggestion(db, {
        title: demand.title,
        description: demand.description,
        declaredCategoryCode: demand.declared_category_code,
        enterpriseTownCode: demand.town_code,
        onBehalfCadreId: demand.on_behalf_cadre_id,
        excludeId: demand.id,
      }, now);
      await db.updateTable('demands').set({ suggestion: JSON.stringify(suggestion) }).where('id', '=', demand.id).execute();
    }
  }
  return { demands: planned.length, services: services.length, routerVersion: trained.version ?? null };
}

export { DEMAND_CATEGORY_CODES };
