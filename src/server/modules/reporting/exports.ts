/**
 * XLSX exports of the main lists and of the cockpit (platform/xlsx-export.ts streams them). Each export
 * takes the list's filters, authorises as the list does for the readers it serves (documented in
 * docs/cockpit.md § Exports), reads in keyset batches by id and records one audit entry.
 */
import type { Kysely } from 'kysely';
import { listSections } from '../../../core/profile/industry-codes.ts';
import type { DB, Role } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { YUAN_FORMAT, countyDateTimeCell } from '../../platform/xlsx-cells.ts';
import { fenToYuanCell, keysetBatches, sheet, type Sheet, type XlsxColumn } from '../../platform/xlsx-export.ts';
import { hasRole, type Actor } from '../../request-context.ts';
import { recordExport } from '../audit/index.ts';
import { GOVERNMENT_READER_ROLES, type EnterpriseFilter } from '../enterprises/index.ts';
import { isFinanceOffice } from '../loans/index.ts';
import type { DashboardSummary } from './dashboard.schemas.ts';

const BATCH = 1000;

export const SIZE_ZH: Record<string, string> = { large: '大型', medium: '中型', small: '小型', micro: '微型', unknown: '未测算' };
const STATUS_ZH: Record<string, string> = { operating: '存续', suspended: '停业', cancelled: '注销', revoked: '吊销', moved_out: '迁出' };
const TYPE_ZH: Record<string, string> = {
  limited_company: '有限责任公司',
  joint_stock_company: '股份有限公司',
  individual_business: '个体工商户',
  sole_proprietorship: '个人独资企业',
  partnership: '合伙企业',
  cooperative: '农民专业合作社',
  branch: '分支机构',
  other: '其他',
};
const DEMAND_STATE_ZH: Record<string, string> = {
  submitted: '已提交', triaged: '已分类', offered: '抢单中', assigned: '已派单', accepted: '已受理', in_progress: '办理中',
  waiting: '待企业补充', resolved: '已办结', rated: '已评价', closed: '已关闭',
};
const CHANNEL_ZH: Record<string, string> = { portal: '企业端', cadre: '干部代办', hotline: '12345', api: '接口' };
const LOAN_STATUS_ZH: Record<string, string> = { active: '正常', overdue: '逾期', repaid: '已结清', defaulted: '违约', closed: '已关闭' };
export const SECTION_ZH = new Map(listSections().map((s) => [s.code, s.nameZh]));


async function audit(db: Kysely<DB>, actor: Actor, list: string, filter: object): Promise<void> {
  await recordExport(db, actor, list, { filter });
}

// Enterprises ------------------------------------------------------------------------------------

/** Government readers (the county leader included) export the registry; banks and providers read only consented firms one by one. */
export async function enterprisesExport(db: Kysely<DB>, actor: Actor, filter: EnterpriseFilter): Promise<Sheet[]> {
  if (!hasRole(actor, ...(GOVERNMENT_READER_ROLES as Role[]))) throw new AppError('forbidden', 'The enterprise registry is exported by government readers');
  await audit(db, actor, 'enterprises', filter);
  const towns = new Map((await db.selectFrom('towns').select(['code', 'name']).execute()).map((t) => [t.code, t.name]));
  const industry = filter.industry?.trim().toUpperCase();
  const q = filter.q?.trim();
  const page = (after: number | null, limit: number) => {
    let query = db
      .selectFrom('enterprises')
      .select(['id', 'uscc', 'name', 'type', 'town_code', 'industry_section', 'industry_code', 'size_class', 'is_above_scale', 'status', 'registered_on', 'registered_capital_fen'])
      .orderBy('id')
      .limit(limit);
    if (after !== null) query = query.where('id', '>', after);
    if (q) query = query.where((eb) => eb.or([eb('name', 'ilike', `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`), eb('uscc', 'like', `${q.toUpperCase().replace(/[\\%_]/g, '')}%`)]));
    if (filter.town) query = query.where('town_code', '=', filter.town);
    if (industry) query = /^[A-T]$/.test(industry) ? query.where('industry_section', '=', industry) : query.where('industry_code', 'like', `${industry.replace(/[^0-9]/g, '')}%`);
    if (filter.sizeClass) query = query.where('size_class', '=', filter.sizeClass);
    if (filter.aboveScale !== undefined) query = query.where((eb) => (filter.aboveScale ? eb('is_above_scale', '=', true) : eb.or([eb('is_above_scale', '=', false), eb('is_above_scale', 'is', null)])));
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.tag) query = query.where('tags', '@>', [filter.tag]);
    return query.execute();
  };
  type Row = Awaited<ReturnType<typeof page>>[number];
  return [
    sheet<Row>({
      name: '企业名录',
      columns: [
        { header: '统一社会信用代码', value: (r) => r.uscc, width: 22 },
        { header: '企业名称', value: (r) => r.name, width: 36 },
        { header: '市场主体类型', value: (r) => TYPE_ZH[r.type] ?? r.type },
        { header: '乡镇街道', value: (r) => (r.town_code ? (towns.get(r.town_code) ?? r.town_code) : null) },
        { header: '行业门类', value: (r) => (r.industry_section ? `${r.industry_section} ${SECTION_ZH.get(r.industry_section) ?? ''}` : null), width: 24 },
        { header: '行业代码', value: (r) => r.industry_code },
        { header: '企业规模', value: (r) => SIZE_ZH[r.size_class ?? 'unknown'] },
        { header: '四上企业', value: (r) => (r.is_above_scale ? '是' : '否') },
        { header: '经营状态', value: (r) => STATUS_ZH[r.status] ?? r.status },
        { header: '成立日期', value: (r) => r.registered_on },
        { header: '注册资本（元）', value: (r) => fenToYuanCell(r.registered_capital_fen), numFmt: YUAN_FORMAT, width: 18 },
      ],
      rows: keysetBatches(page, (r) => r.id, BATCH),
    }),
  ];
}

// Demands ----------------------------------------------------------------------------------------

export interface DemandExportFilter {
  state?: string;
  view?: 'all' | 'open';
  categoryCode?: string;
  channel?: string;
}

/** The dispatch centre and the county leader see every demand, so they export the whole list. */
export async function demandsExport(db: Kysely<DB>, actor: Actor, filter: DemandExportFilter): Promise<Sheet[]> {
  if (!hasRole(actor, 'dispatcher', 'leader')) throw new AppError('forbidden', 'The demand list is exported by the dispatch centre and the county leader');
  await audit(db, actor, 'demands', filter);
  const categories = new Map((await db.selectFrom('demand_categories').select(['code', 'name_zh']).execute()).map((c) => [c.code, c.name_zh]));
  const page = (after: number | null, limit: number) => {
    let query = db
      .selectFrom('demands as d')
      .innerJoin('enterprises as e', 'e.id', 'd.enterprise_id')
      .leftJoin('organizations as o', 'o.id', 'd.handler_org_id')
      .select(['d.id', 'd.title', 'e.name as enterprise', 'e.uscc', 'd.category_code', 'd.state', 'd.channel', 'o.name as handler', 'd.created_at', 'd.resolved_at', 'd.resolution_due_at', 'd.rating'])
      .orderBy('d.id')
      .limit(limit);
    if (after !== null) query = query.where('d.id', '>', after);
    if (filter.state) query = query.where('d.state', '=', filter.state as never);
    if (filter.view === 'open') query = query.where('d.state', 'not in', ['resolved', 'rated', 'closed']);
    if (filter.categoryCode) query = query.where('d.category_code', '=', filter.categoryCode);
    if (filter.channel) query = query.where('d.channel', '=', filter.channel as never);
    return query.execute();
  };
  type Row = Awaited<ReturnType<typeof page>>[number];
  return [
    sheet<Row>({
      name: '诉求清单',
      columns: [
        { header: '编号', value: (r) => r.id },
        { header: '标题', value: (r) => r.title, width: 40 },
        { header: '企业名称', value: (r) => r.enterprise, width: 32 },
        { header: '统一社会信用代码', value: (r) => r.uscc, width: 22 },
        { header: '诉求类别', value: (r) => (r.category_code ? (categories.get(r.category_code) ?? r.category_code) : '未分类') },
        { header: '状态', value: (r) => DEMAND_STATE_ZH[r.state] ?? r.state },
        { header: '渠道', value: (r) => CHANNEL_ZH[r.channel] ?? r.channel },
        { header: '办理单位', value: (r) => r.handler, width: 28 },
        { header: '提交时间', value: (r) => countyDateTimeCell(r.created_at), width: 18 },
        { header: '办结时限', value: (r) => countyDateTimeCell(r.resolution_due_at), width: 18 },
        { header: '办结时间', value: (r) => countyDateTimeCell(r.resolved_at), width: 18 },
        { header: '按时办结', value: (r) => (r.resolved_at && r.resolution_due_at ? (r.resolved_at <= r.resolution_due_at ? '是' : '否') : null) },
        { header: '评价（1–5）', value: (r) => r.rating },
      ],
      rows: keysetBatches(page, (r) => r.id, BATCH),
    }),
  ];
}

// Loans ------------------------------------------------------------------------------------------

export interface LoanExportFilter {
  status?: string;
  bankOrgId?: number;
  disbursedFrom?: string;
  disbursedTo?: string;
  firstLoan?: boolean;
  town?: string;
  industry?: string;
}

/** A bank its own loans; the finance office and the county leader all. */
export async function loansExport(db: Kysely<DB>, actor: Actor, filter: LoanExportFilter): Promise<Sheet[]> {
  let bank: number | null = filter.bankOrgId ?? null;
  if (hasRole(actor, 'bank_staff') && actor.orgType === 'bank') {
    if (bank !== null && bank !== actor.orgId) throw new AppError('forbidden', 'A bank exports only its own loans');
    bank = actor.orgId;
  } else if (!hasRole(actor, 'leader') && !(await isFinanceOffice(db, actor))) {
    throw new AppError('forbidden', 'Loans are exported by banks, the finance office and the county leader');
  }
  await audit(db, actor, 'loans', filter);
  const page = (after: number | null, limit: number) => {
    let query = db
      .selectFrom('loans as l')
      .innerJoin('enterprises as e', 'e.id', 'l.enterprise_id')
      .innerJoin('organizations as b', 'b.id', 'l.bank_org_id')
      .innerJoin('loan_products as p', 'p.id', 'l.product_id')
      .select(['l.id', 'e.name as enterprise', 'e.uscc', 'b.name as bank', 'p.code as product', 'l.principal_fen', 'l.rate_bp', 'l.term_months', 'l.disbursed_on', 'l.maturity_on', 'l.status', 'l.outstanding_principal_fen', 'l.is_first_loan'])
      .orderBy('l.id')
      .limit(limit);
    if (after !== null) query = query.where('l.id', '>', after);
    if (bank !== null) query = query.where('l.bank_org_id', '=', bank);
    if (filter.status) query = query.where('l.status', '=', filter.status as never);
    if (filter.disbursedFrom) query = query.where('l.disbursed_on', '>=', filter.disbursedFrom);
    if (filter.disbursedTo) query = query.where('l.disbursed_on', '<=', filter.disbursedTo);
    if (filter.firstLoan !== undefined) query = query.where('l.is_first_loan', '=', filter.firstLoan);
    if (filter.town) query = query.where('e.town_code', '=', filter.town);
    if (filter.industry) query = query.where('e.industry_section', '=', filter.industry);
    return query.execute();
  };
  type Row = Awaited<ReturnType<typeof page>>[number];
  return [
    sheet<Row>({
      name: '贷款台账',
      columns: [
        { header: '贷款编号', value: (r) => r.id },
        { header: '企业名称', value: (r) => r.enterprise, width: 32 },
        { header: '统一社会信用代码', value: (r) => r.uscc, width: 22 },
        { header: '贷款银行', value: (r) => r.bank, width: 28 },
        { header: '产品代码', value: (r) => r.product },
        { header: '贷款金额（元）', value: (r) => fenToYuanCell(r.principal_fen), numFmt: YUAN_FORMAT, width: 18 },
        { header: '年利率（%）', value: (r) => r.rate_bp / 100 },
        { header: '期限（月）', value: (r) => r.term_months },
        { header: '放款日期', value: (r) => r.disbursed_on },
        { header: '到期日期', value: (r) => r.maturity_on },
        { header: '状态', value: (r) => LOAN_STATUS_ZH[r.status] ?? r.status },
        { header: '贷款余额（元）', value: (r) => fenToYuanCell(r.outstanding_principal_fen), numFmt: YUAN_FORMAT, width: 18 },
        { header: '首贷', value: (r) => (r.is_first_loan ? '是' : '否') },
      ],
      rows: keysetBatches(page, (r) => r.id, BATCH),
    }),
  ];
}

// The cockpit's tables and the monthly report ----------------------------------------------------

export const pct = (bp: number | null) => (bp === null ? null : bp / 100);

/** A risk pool's capital, capacity, covered outstanding and usage: the cockpit's and the finance KPIs' pool sheets. */
export function poolColumns<Row extends { name: string; capitalFen: number; capacityFen: number; coveredOutstandingFen: number; usageBp: number | null }>(): XlsxColumn<Row>[] {
  return [
    { header: '资金池', value: (r) => r.name, width: 30 },
    { header: '到位资金（元）', value: (r) => fenToYuanCell(r.capitalFen), numFmt: YUAN_FORMAT, width: 18 },
    { header: '撬动上限（元）', value: (r) => fenToYuanCell(r.capacityFen), numFmt: YUAN_FORMAT, width: 18 },
    { header: '在保余额（元）', value: (r) => fenToYuanCell(r.coveredOutstandingFen), numFmt: YUAN_FORMAT, width: 18 },
    { header: '使用率（%）', value: (r) => pct(r.usageBp) },
  ];
}

/** The cockpit's tables, one sheet each; the monthly report puts an overview sheet first. */
export function dashboardSheets(s: DashboardSummary, title: string): Sheet[] {
  const caption = [title, `统计期间：${s.from} 至 ${s.to}${s.town ? `；乡镇街道：${s.enterprises.byTown[0]?.name ?? s.town}` : ''}${s.industry ? `；行业门类：${s.industry} ${SECTION_ZH.get(s.industry) ?? ''}` : ''}`];
  const overview: [string, number | string | null][] = [
    ['存续市场主体（户）', s.enterprises.operating],
    ['其中：四上企业（户）', s.enterprises.aboveScale],
    ['期内新登记（户）', s.enterprises.registeredInPeriod],
    ['期内注销、吊销、迁出（户）', s.enterprises.closedInPeriod],
    ['注销、吊销、迁出（户，累计）', s.enterprises.closed],
    ['政策推送（次）', s.policies.pushed],
    ['政策申报（件）', s.policies.applied],
    ['政策兑现（笔）', s.policies.granted],
    ['兑现金额（元）', fenToYuanCell(s.policies.grantedFen)],
    ['免申即享金额占比（%）', pct(s.policies.autoGrantShareBp)],
    ['发放贷款（笔）', s.loans.loans],
    ['贷款金额（元）', fenToYuanCell(s.loans.amountLentFen)],
    ['获贷企业（户）', s.loans.enterprisesWithLoans],
    ['首贷率（%）', pct(s.loans.firstLoan.rateBp)],
    ['受理诉求（件）', s.demands.filed],
    ['办结诉求（件）', s.demands.resolved],
    ['按时办结率（%）', pct(s.demands.onTimeRateBp)],
    ['平均响应时长（工作小时）', s.demands.averageResponseWorkingHours],
    ['平均办结时长（工作小时）', s.demands.averageResolutionWorkingHours],
    ['满意率（%）', pct(s.demands.satisfiedRateBp)],
    ['联系企业（户）', s.visits.linked],
    ['期内走访企业（户）', s.visits.visited],
    ['走访覆盖率（%）', pct(s.visits.coverageBp)],
  ];
  return [
    sheet<[string, number | string | null]>({ name: '概览', caption, columns: [{ header: '指标', value: (r) => r[0], width: 30 }, { header: '数值', value: (r) => r[1], width: 20 }], rows: [overview] }),
    sheet<DashboardSummary['enterprises']['byTown'][number]>({
      name: '市场主体（乡镇街道）',
      caption,
      columns: [{ header: '乡镇街道', value: (r) => r.name }, { header: '存续市场主体（户）', value: (r) => r.operating }, { header: '四上企业（户）', value: (r) => r.aboveScale }],
      rows: [s.enterprises.byTown],
    }),
    sheet<DashboardSummary['enterprises']['byIndustry'][number]>({
      name: '市场主体（行业）',
      caption,
      columns: [{ header: '行业门类', value: (r) => (r.section === 'unknown' ? '未分类' : `${r.section} ${SECTION_ZH.get(r.section) ?? ''}`), width: 30 }, { header: '存续市场主体（户）', value: (r) => r.operating }],
      rows: [s.enterprises.byIndustry],
    }),
    sheet<DashboardSummary['enterprises']['bySize'][number]>({
      name: '市场主体（规模）',
      caption,
      columns: [{ header: '企业规模', value: (r) => SIZE_ZH[r.sizeClass] ?? r.sizeClass }, { header: '存续市场主体（户）', value: (r) => r.operating }],
      rows: [s.enterprises.bySize],
    }),
    sheet<DashboardSummary['enterprises']['monthlyChange'][number]>({
      name: '市场主体增减（月度）',
      caption,
      columns: [
        { header: '月份', value: (r) => r.month },
        { header: '新登记（户）', value: (r) => r.registered },
        { header: '注销、吊销、迁出（户）', value: (r) => r.closed },
        { header: '净增（户）', value: (r) => r.net },
      ],
      rows: [s.enterprises.monthlyChange],
    }),
    sheet<DashboardSummary['policies']['byDepartment'][number]>({
      name: '政策兑现（部门）',
      caption,
      columns: [
        { header: '部门', value: (r) => r.name, width: 30 },
        { header: '推送（次）', value: (r) => r.pushed },
        { header: '申报（件）', value: (r) => r.applied },
        { header: '兑现（笔）', value: (r) => r.granted },
        { header: '兑现金额（元）', value: (r) => fenToYuanCell(r.grantedFen), numFmt: YUAN_FORMAT, width: 18 },
      ],
      rows: [s.policies.byDepartment],
    }),
    sheet<DashboardSummary['loans']['series'][number]>({
      name: '贷款投放（月度）',
      caption,
      columns: [
        { header: '月份', value: (r) => r.period },
        { header: '笔数', value: (r) => r.loans },
        { header: '获贷企业（户）', value: (r) => r.enterprises },
        { header: '金额（元）', value: (r) => fenToYuanCell(r.amountFen), numFmt: YUAN_FORMAT, width: 18 },
      ],
      rows: [s.loans.series],
    }),
    sheet<DashboardSummary['loans']['byBank'][number]>({
      name: '贷款投放（银行）',
      caption,
      columns: [
        { header: '银行', value: (r) => r.name, width: 30 },
        { header: '笔数', value: (r) => r.loans },
        { header: '获贷企业（户）', value: (r) => r.enterprises },
        { header: '金额（元）', value: (r) => fenToYuanCell(r.amountFen), numFmt: YUAN_FORMAT, width: 18 },
      ],
      rows: [s.loans.byBank],
    }),
    sheet<DashboardSummary['loans']['pools'][number]>({
      name: '风险补偿资金池',
      caption,
      columns: [
        ...poolColumns<DashboardSummary['loans']['pools'][number]>(),
      ],
      rows: [s.loans.pools],
    }),
    sheet<DashboardSummary['demands']['byCategory'][number]>({
      name: '诉求（类别）',
      caption,
      columns: [{ header: '诉求类别', value: (r) => r.name, width: 24 }, { header: '受理（件）', value: (r) => r.filed }, { header: '办结（件）', value: (r) => r.resolved }],
      rows: [s.demands.byCategory],
    }),
    sheet<DashboardSummary['demands']['monthly'][number]>({
      name: '诉求（月度）',
      caption,
      columns: [{ header: '月份', value: (r) => r.month }, { header: '受理（件）', value: (r) => r.filed }, { header: '办结（件）', value: (r) => r.resolved }],
      rows: [s.demands.monthly],
    }),
    sheet<DashboardSummary['visits']['byTown'][number]>({
      name: '走访覆盖（乡镇街道）',
      caption,
      columns: [
        { header: '乡镇街道', value: (r) => r.name },
        { header: '联系企业（户）', value: (r) => r.linked },
        { header: '已走访（户）', value: (r) => r.visited },
        { header: '覆盖率（%）', value: (r) => pct(r.coverageBp) },
      ],
      rows: [s.visits.byTown],
    }),
  ];
}

export async function auditDashboardExport(db: Kysely<DB>, actor: Actor, what: string, filter: object): Promise<void> {
  await audit(db, actor, what, filter);
}
