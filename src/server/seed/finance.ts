/**
 * The demo county's loans (issue 8): the 47 credit products of its 13 banks (the county's 垫易贷 among them,
 * code DIANYIDAI, which the risk-pool seed covers), three years of historical loans with their outcomes, and
 * open leads at every stage so the `bank` account's workbench has work on first start.
 *
 * Outcomes are drawn from a hidden risk that leans on what the county knows of each firm before it borrowed
 * (失信被执行人, the tax credit grade, administrative penalties, revenue and its trend, size, age), so a
 * scorecard trained on the history finds real, noisy signal: about 5% of loans end bad (defaulted, or 90+
 * days past due), most of them among the riskiest firms. Schedules come from src/core/loans/schedule.ts and
 * the installments settled so far agree with each loan's state, so the daily overdue sweep changes nothing
 * the seed did not mean.
 *
 * Deterministic from the PRNG; set-based: chunked multi-row inserts, a few statements per table.
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import { addMonths, repaymentSchedule, type Installment } from '../../core/loans/schedule.ts';
import { FEN_PER_WAN } from '../../core/money/money.ts';
import type { Prng } from '../../core/random/prng.ts';
import type { RuleNode } from '../../core/rules/index.ts';
import { addCalendarDays, addWorkingDays, dueAfterWorkingDays, isWorkday, shanghaiDate, type WorkingCalendar } from '../../core/sla/calendar.ts';
import type { DB, LoanApplicationStatus, LoanProductType, RepaymentMethod } from '../db/schema.ts';
import { loadWorkingCalendar } from '../platform/working-calendar.ts';
import { DIANYIDAI_CODE, startLoanJobs } from '../modules/loans/index.ts';
import { SHOWCASE_ENTERPRISE_NAME } from './enterprises.ts';

const WAN = FEN_PER_WAN;
const CHUNK = 1_000;

// Target-customer rules (the policies' rule language) -------------------------------------------------------

const notDishonest: RuleNode = { clause: '未被列入失信被执行人名单', value: { fact: 'dishonest_debtor', period: { latest: true, maxAgo: 1 } }, is: false } as RuleNode;
const goodTax: RuleNode = { clause: '纳税信用A级或B级', value: { fact: 'tax_credit_grade', period: { yearsAgo: 1 } }, in: ['A', 'B'] } as RuleNode;
const notBadTax: RuleNode = { clause: '纳税信用非C、D级', not: { value: { fact: 'tax_credit_grade', period: { yearsAgo: 1 } }, in: ['C', 'D'] } } as RuleNode;
const smallMicro: RuleNode = { clause: '小微企业', value: { fact: 'size_class', period: { yearsAgo: 1 } }, in: ['small', 'micro'] } as RuleNode;
const sme: RuleNode = { clause: '中小微企业', value: { fact: 'size_class', period: { yearsAgo: 1 } }, in: ['medium', 'small', 'micro'] } as RuleNode;
const ageAtLeast = (years: number): RuleNode => ({ clause: `成立满${years}年`, left: { yearsSince: { fact: 'registered_on' } }, op: '>=', right: { years } }) as RuleNode;
const taxPaid = (wan: number): RuleNode => ({ clause: `上年度纳税${wan}万元以上`, left: { fact: 'tax_paid', period: { yearsAgo: 1 } }, op: '>=', right: { wan } }) as RuleNode;
const revenue = (wan: number): RuleNode => ({ clause: `上年度营业收入${wan}万元以上`, left: { fact: 'operating_revenue', period: { yearsAgo: 1 } }, op: '>=', right: { wan } }) as RuleNode;
const tech: RuleNode = {
  clause: '科技型企业（科技型中小企业、高新技术企业或专精特新）',
  any: [
    { certification: 'tech_sme', test: 'heldOn' },
    { certification: 'high_tech', test: 'heldOn' },
    { certification: 'specialized_sme', test: 'heldOn' },
  ],
} as RuleNode;
const agri: RuleNode = { clause: '农林牧渔业及农产品加工', industry: { sections: ['A'], prefixes: ['13', '14'] } } as RuleNode;
const trade: RuleNode = { clause: '批发零售、住宿餐饮业', industry: { sections: ['F', 'H'] } } as RuleNode;
const industrial: RuleNode = { clause: '工业企业', industry: { divisionRanges: [['06', '46']] } } as RuleNode;
const all = (clause: string, ...nodes: RuleNode[]): RuleNode => ({ clause, all: nodes }) as RuleNode;

// Products ------------------------------------------------------------------------------------------------

interface ProductSpec {
  bank: string;
  code: string;
  name: string;
  type: LoanProductType;
  summary: string;
  amount: [number, number]; // 万元
  rate: [number, number]; // bp
  term: [number, number]; // months
  methods: RepaymentMethod[];
  categories: string[];
  tags: string[];
  rule: RuleNode;
}

const CREDIT_CATS = ['tax', 'operations', 'compliance'];
const TAX_CATS = ['tax'];

/** A product of a kind: the terms of the kind, a name and a code. */
function p(bank: string, code: string, name: string, kind: 'credit' | 'tax' | 'collateral' | 'guarantee' | 'tech' | 'agri' | 'trade' | 'supply' | 'policy', extra: Partial<ProductSpec> = {}): ProductSpec {
  const base: Record<typeof kind, Omit<ProductSpec, 'bank' | 'code' | 'name'>> = {
    credit: { type: 'credit', summary: '纯信用、免抵押，线上申请、随借随还，用于日常经营周转。', amount: [10, 300], rate: [385, 600], term: [6, 36], methods: ['equal_instalment', 'interest_first'], categories: CREDIT_CATS, tags: ['信用贷', '线上'], rule: all('信用贷准入', sme, notDishonest, notBadTax, ageAtLeast(1)) },
    tax: { type: 'credit', summary: '以纳税信用和纳税额核定额度的信用贷款，无需抵押担保。', amount: [10, 300], rate: [385, 550], term: [6, 24], methods: ['equal_instalment', 'interest_first'], categories: TAX_CATS, tags: ['信用贷', '线上'], rule: all('税易贷准入', goodTax, taxPaid(2), notDishonest, ageAtLeast(2)) },
    collateral: { type: 'collateral', summary: '以房产、土地或设备抵押，额度高、期限长，适合扩大生产和固定资产投资。', amount: [50, 2000], rate: [365, 520], term: [12, 60], methods: ['equal_instalment', 'interest_first', 'bullet'], categories: ['tax', 'operations'], tags: [], rule: all('抵押贷款准入', notDishonest, ageAtLeast(2)) },
    guarantee: { type: 'guarantee', summary: '由政府性融资担保机构提供担保，解决轻资产企业缺少抵押物的难题。', amount: [20, 1000], rate: [420, 650], term: [12, 36], methods: ['equal_instalment', 'interest_first'], categories: ['tax', 'operations', 'employment'], tags: ['首贷'], rule: all('担保贷款准入', sme, notDishonest, ageAtLeast(1)) },
    tech: { type: 'credit', summary: '面向科技型企业的知识产权和研发能力授信，支持研发投入和成果转化。', amount: [50, 1000], rate: [365, 500], term: [12, 36], methods: ['equal_instalment', 'interest_first', 'bullet'], categories: ['tax', 'innovation', 'operations'], tags: ['信用贷'], rule: all('科技贷准入', tech, notDishonest) },
    agri: { type: 'credit', summary: '支持农业经营主体和农产品加工企业的季节性资金需求。', amount: [5, 300], rate: [395, 600], term: [6, 36], methods: ['interest_first', 'bullet', 'equal_instalment'], categories: ['tax', 'operations'], tags: ['信用贷', '首贷'], rule: all('涉农贷款准入', agri, notDishonest) },
    trade: { type: 'credit', summary: '面向批发零售、餐饮住宿商户，按经营流水核定额度。', amount: [5, 200], rate: [450, 700], term: [6, 24], methods: ['equal_instalment', 'interest_first'], categories: ['tax', 'operations'], tags: ['信用贷', '线上', '首贷'], rule: all('商户贷准入', trade, notDishonest, notBadTax) },
    supply: { type: 'collateral', summary: '以应收账款、订单或存货质押，盘活供应链上的流动资产。', amount: [50, 1500], rate: [400, 580], term: [6, 24], methods: ['interest_first', 'bullet'], categories: ['tax', 'operations', 'trade'], tags: [], rule: all('供应链融资准入', industrial, revenue(1000), notDishonest) },
    policy: { type: 'policy', summary: '政策性贷款，享受贴息或风险补偿支持。', amount: [10, 500], rate: [365, 450], term: [12, 36], methods: ['equal_instalment', 'interest_first'], categories: CREDIT_CATS, tags: ['政策性', '首贷'], rule: all('政策性贷款准入', smallMicro, notDishonest, notBadTax) },
  };
  return { bank, code, name, ...base[kind], ...extra };
}

/** 47 products of the 13 banks (dianjiang.md: 13 banks, 47 products online, two launched first in the county). */
export const PRODUCTS: readonly ProductSpec[] = [
  p('icbc', 'ICBC-JYKD', '工银经营快贷', 'credit'),
  p('icbc', 'ICBC-SWD', '工银税务贷', 'tax'),
  p('icbc', 'ICBC-KCD', '工银科创贷', 'tech'),
  p('icbc', 'ICBC-EDKD', '工银e抵快贷', 'collateral'),
  p('icbc', 'ICBC-XWED', '工银小微e贷', 'credit', { amount: [5, 100], rate: [400, 650] }),
  p('abc', 'ABC-NSED', '农行纳税e贷', 'tax'),
  p('abc', 'ABC-DYED', '农行抵押e贷', 'collateral'),
  p('abc', 'ABC-HNED', '农行惠农e贷', 'agri'),
  p('abc', 'ABC-LJD', '农行链捷贷', 'supply'),
  p('abc', 'ABC-WJD', '农行微捷贷', 'credit'),
  p('boc', 'BOC-QEXY', '中银企E贷·信用贷', 'credit'),
  p('boc', 'BOC-QEDY', '中银企E贷·抵押贷', 'collateral'),
  p('boc', 'BOC-KJTB', '中银科技通宝', 'tech'),
  p('boc', 'BOC-SYD', '中银税易贷', 'tax'),
  p('ccb', 'CCB-YSD', '建行云税贷', 'tax', { amount: [10, 300] }),
  p('ccb', 'CCB-DYKD', '建行抵押快贷', 'collateral'),
  p('ccb', 'CCB-SXD', '建行善新贷', 'tech'),
  p('ccb', 'CCB-XWKD', '建行小微快贷', 'credit'),
  p('ccb', 'CCB-YNKD', '建行裕农快贷', 'agri'),
  p('psbc', 'PSBC-XWYD', '邮储小微易贷', 'tax'),
  p('psbc', 'PSBC-JSD', '邮储极速贷', 'credit', { amount: [5, 100] }),
  p('psbc', 'PSBC-STD', '邮储税贷通', 'tax'),
  p('psbc', 'PSBC-CYD', '邮储产业贷', 'guarantee'),
  p('cqrcb', DIANYIDAI_CODE, '垫易贷', 'policy', {
    summary: '垫江县首发的县级纯信用线上贷款，面向全县中小微企业和个体工商户，由3000万元风险补偿资金池按银行30%、政府70%分担损失。',
    amount: [10, 300],
    rate: [385, 450],
    term: [3, 36],
    tags: ['县级产品', '信用贷', '首贷', '线上', '政策性'],
    rule: all('垫易贷支持对象', sme, notDishonest, notBadTax),
  }),
  p('cqrcb', 'CQRCB-SED', '农商行税e贷', 'tax'),
  p('cqrcb', 'CQRCB-SHD', '农商行商户贷', 'trade'),
  p('cqrcb', 'CQRCB-YKD', '农商行渝快贷', 'credit'),
  p('cqrcb', 'CQRCB-DLD', '电力贷', 'credit', {
    summary: '垫江县首发：以企业用电数据和缴费记录核定额度的信用贷款，用电稳定即可申请。',
    categories: ['energy', 'tax', 'operations'],
    tags: ['县级产品', '信用贷', '线上'],
    rule: all('电力贷准入', industrial, { clause: '上年度用电量10万千瓦时以上', left: { fact: 'electricity_kwh', period: { yearsAgo: 1 } }, op: '>=', right: { kwh: 100_000 } } as RuleNode, notDishonest),
  }),
  p('cqcb', 'CQCB-HQD', '重庆银行好企贷', 'credit'),
  p('cqcb', 'CQCB-SKD', '重庆银行税快贷', 'tax'),
  p('cqcb', 'CQCB-ZSJZ', '知识价值信用贷', 'tech', { tags: ['信用贷', '政策性'] }),
  p('cqcb', 'CQCB-PED', '重庆银行票e贷', 'supply'),
  p('sxb', 'SXB-SJD', '三峡税金贷', 'tax'),
  p('sxb', 'SXB-XYED', '三峡信用e贷', 'credit'),
  p('sxb', 'SXB-ZYD', '三峡助业贷', 'guarantee'),
  p('bocfd', 'BOCFD-XWD', '富登小微贷', 'credit', { amount: [5, 100], rate: [550, 900] }),
  p('bocfd', 'BOCFD-WQD', '富登微企贷', 'trade', { rate: [600, 950] }),
  p('bocfd', 'BOCFD-NHLB', '富登农户联保贷', 'agri', { type: 'guarantee', rate: [600, 900] }),
  p('ceb', 'CEB-YGWD', '光大阳光e微贷', 'credit'),
  p('ceb', 'CEB-GXD', '光大光信贷', 'tax'),
  p('ceb', 'CEB-DYD', '光大抵押贷', 'collateral'),
  p('cmbc', 'CMBC-YKD', '民生云快贷', 'credit'),
  p('cmbc', 'CMBC-ED', '民生e贷', 'collateral'),
  p('spdb', 'SPDB-YDD', '浦银点贷', 'tax'),
  p('spdb', 'SPDB-SRD', '浦发税融贷', 'guarantee'),
  p('hxb', 'HXB-LED', '华夏龙e贷', 'credit'),
  p('hxb', 'HXB-SYD', '华夏税易贷', 'tax'),
];

// Outcomes ------------------------------------------------------------------------------------------------

const REFUSALS = ['insufficient_credit', 'high_leverage', 'weak_cash_flow', 'incomplete_materials', 'outside_target', 'negative_records', 'collateral_insufficient'] as const;
const REFUSAL_TEXTS: Record<(typeof REFUSALS)[number], string> = {
  insufficient_credit: '综合信用评分未达到本产品准入标准，建议提升纳税信用等级后再申请。',
  high_leverage: '企业资产负债率偏高，现有负债已接近可承受上限。',
  weak_cash_flow: '近一年经营流水波动较大，现金流不足以覆盖月供。',
  incomplete_materials: '财务报表与纳税数据不一致，请补充近两年审计报告后重新申请。',
  outside_target: '企业所属行业不在本产品支持范围内。',
  negative_records: '查询到近两年有贷款逾期记录和被执行案件。',
  collateral_insufficient: '抵押物评估价值不足以覆盖申请金额。',
};
const PURPOSES = ['采购原材料，补充流动资金', '支付员工工资和社保', '购置生产设备，扩大产能', '支付货款，备货旺季', '厂房装修和生产线改造', '研发投入和新产品试制', '偿还到期供应商货款', '承接政府采购项目的履约资金'];
const NOTES = [
  '实地走访企业生产经营场所，厂区运转正常，订单排产至下月。',
  '与法定代表人面谈，了解主要客户和上下游结算周期，回款情况良好。',
  '核验近12个月纳税申报表和银行流水，与平台授权数据一致。',
  '电话核实实际控制人及担保意愿，企业配合度高。',
];

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

interface Firm {
  id: number;
  name: string;
  registeredOn: string | null;
  size: string | null;
  risk: number;
}

/** The hidden risk of each operating enterprise, from what the county knows of it (last two years). */
async function readFirms(db: Kysely<DB>, lastYear: number): Promise<Firm[]> {
  const rows = await sql<{
    id: number;
    name: string;
    registered_on: string | null;
    size_class: string | null;
    dishonest: number | null;
    grade: string | null;
    penalties: number | null;
    rev: number | null;
    rev_prev: number | null;
  }>`
    select e.id, e.name, e.registered_on::text as registered_on, e.size_class,
      max(v.value) filter (where v.indicator_code = 'dishonest_debtor' and v.period = ${String(lastYear)}) as dishonest,
      max(v.value_text) filter (where v.indicator_code = 'tax_credit_grade' and v.period = ${String(lastYear)}) as grade,
      max(v.value) filter (where v.indicator_code = 'admin_penalties' and v.period = ${String(lastYear)}) as penalties,
      max(v.value) filter (where v.indicator_code in ('operating_revenue', 'main_revenue') and v.period = ${String(lastYear)}) as rev,
      max(v.value) filter (where v.indicator_code in ('operating_revenue', 'main_revenue') and v.period = ${String(lastYear - 1)}) as rev_prev
    from enterprises e left join indicator_values v on v.enterprise_id = e.id
      and v.indicator_code in ('dishonest_debtor', 'tax_credit_grade', 'admin_penalties', 'operating_revenue', 'main_revenue')
      and v.period in (${String(lastYear)}, ${String(lastYear - 1)})
    where e.status = 'operating'
    group by e.id order by e.id`.execute(db);
  return rows.rows.map((r) => {
    let risk = 0;
    if (Number(r.dishonest) === 1) risk += 2.2;
    risk += r.grade === 'A' ? -0.9 : r.grade === 'B' ? 0 : r.grade === 'M' ? 0.4 : r.grade === 'C' ? 1.3 : r.grade === 'D' ? 2.1 : 0.5;
    if (Number(r.penalties ?? 0) > 0) risk += 0.7;
    const rev = Number(r.rev ?? 0);
    const prev = Number(r.rev_prev ?? 0);
    if (rev > 0 && prev > 0) risk += rev < prev * 0.85 ? 0.8 : rev > prev * 1.15 ? -0.4 : 0;
    if (rev === 0) risk += 0.6;
    else if (rev < 200 * WAN) risk += 0.4;
    else if (rev > 5_000 * WAN) risk -= 0.5;
    if (r.size_class === 'micro') risk += 0.3;
    return { id: r.id, name: r.name, registeredOn: r.registered_on, size: r.size_class, risk };
  });
}

type Row<T extends keyof DB> = Insertable<DB[T]>;

async function insertChunks<T extends keyof DB & string>(db: Kysely<DB>, table: T, rows: readonly Row<T>[], chunk = CHUNK): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await db.insertInto(table).values(rows.slice(i, i + chunk) as never).execute();
}

async function insertReturningIds<T extends 'loan_applications' | 'loans'>(db: Kysely<DB>, table: T, rows: readonly Row<T>[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const out = await db.insertInto(table).values(rows.slice(i, i + CHUNK) as never).returning('id').execute();
    ids.push(...out.map((r) => (r as { id: number }).id));
  }
  return ids;
}

/** The working day `n` working days before `date` (n ≥ 1). */
function workingDaysBefore(date: string, n: number, calendar: WorkingCalendar): string {
  let day = date;
  for (let left = n; left > 0; ) {
    day = addCalendarDays(day, -1);
    if (isWorkday(day, calendar)) left--;
  }
  return day;
}

const at = (day: string, hour = 10, minute = 0) => new Date(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);
const roundWan = (fen: number, step: number) => Math.max(step, Math.round(fen / (step * WAN)) * step) * WAN;

export interface FinanceSeedResult {
  products: number;
  loans: number;
  applications: number;
  openLeads: number;
}

/**
 * Seeds products, history and open leads. `referenceDate` is today in the county; `bankUserId` the demo
 * `bank` user (its bank gets the most open leads), `financeUserId` the demo `finance` user (approver).
 */
export async function seedFinance(
  db: Kysely<DB>,
  rng: Prng,
  options: { referenceDate: string; bankOrgIds: ReadonlyMap<string, number>; bankUserId: number; financeUserId: number },
): Promise<FinanceSeedResult> {
  const today = options.referenceDate;
  const year = Number(today.slice(0, 4));
  const calendar = await loadWorkingCalendar(db);

  // ---- products ------------------------------------------------------------------------------------
  const launchedOn = addCalendarDays(today, -3 * 365 - 30);
  const productRows = await db
    .insertInto('loan_products')
    .values(PRODUCTS.map((s) => ({ bank_org_id: options.bankOrgIds.get(s.bank)!, code: s.code, created_by: s.bank === 'cqrcb' ? options.bankUserId : null, created_at: at(launchedOn) })))
    .returning(['id', 'code'])
    .execute();
  const productId = new Map(productRows.map((r) => [r.code, r.id]));
  const versionRows = await db
    .insertInto('loan_product_versions')
    .values(
      PRODUCTS.map((s) => ({
        product_id: productId.get(s.code)!,
        version: 1,
        status: 'published' as const,
        name: s.name,
        product_type: s.type,
        summary: s.summary,
        amount_min_fen: s.amount[0] * WAN,
        amount_max_fen: s.amount[1] * WAN,
        rate_min_bp: s.rate[0],
        rate_max_bp: s.rate[1],
        term_min_months: s.term[0],
        term_max_months: s.term[1],
        repayment_methods: s.methods,
        data_categories: s.categories,
        tags: s.tags,
        target_rule: JSON.stringify(s.rule),
        created_by: s.bank === 'cqrcb' ? options.bankUserId : null,
        created_at: at(launchedOn),
        submitted_by: s.bank === 'cqrcb' ? options.bankUserId : null,
        submitted_at: at(addCalendarDays(launchedOn, 2)),
        decided_by: options.financeUserId,
        decided_at: at(addCalendarDays(launchedOn, 5)),
        reject_reason: null,
        published_at: at(addCalendarDays(launchedOn, 5)),
      })),
    )
    .returning(['id', 'product_id'])
    .execute();
  const versionOf = new Map(versionRows.map((r) => [r.product_id, r.id]));
  const specs = PRODUCTS.map((s) => ({ ...s, id: productId.get(s.code)!, versionId: versionOf.get(productId.get(s.code)!)!, bankOrgId: options.bankOrgIds.get(s.bank)! }));
  // A draft awaiting the finance office, so its approval page has work: a new 垫易贷 version raising the cap.
  const dyd = specs.find((s) => s.code === DIANYIDAI_CODE)!;
  await db
    .insertInto('loan_product_versions')
    .values({
      product_id: dyd.id,
      version: 2,
      status: 'in_review',
      name: dyd.name,
      product_type: dyd.type,
      summary: `${dyd.summary}第2版：单户最高额度提高至500万元，期限最长5年。`,
      amount_min_fen: dyd.amount[0] * WAN,
      amount_max_fen: 500 * WAN,
      rate_min_bp: dyd.rate[0],
      rate_max_bp: dyd.rate[1],
      term_min_months: dyd.term[0],
      term_max_months: 60,
      repayment_methods: dyd.methods,
      data_categories: dyd.categories,
      tags: dyd.tags,
      target_rule: JSON.stringify(dyd.rule),
      created_by: options.bankUserId,
      submitted_by: options.bankUserId,
      submitted_at: at(addCalendarDays(today, -2)),
      decided_by: null,
      decided_at: null,
      reject_reason: null,
      published_at: null,
    })
    .execute();

  // ---- history ---------------------------------------------------------------------------------------
  const firms = await readFirms(db, year - 1);
  const showcase = firms.find((f) => f.name === SHOWCASE_ENTERPRISE_NAME);
  const bankWeight: Record<string, number> = { cqrcb: 6, abc: 3, ccb: 3, icbc: 2.5, boc: 2, psbc: 2.5, cqcb: 2, sxb: 1.5, bocfd: 1.5, ceb: 1, cmbc: 0.8, spdb: 0.8, hxb: 0.8 };
  const pickProduct = () => {
    const bank = rng.weighted(Object.entries(bankWeight));
    const own = specs.filter((s) => s.bank === bank);
    // 垫易贷 is the county's most used product.
    return bank === 'cqrcb' && rng.chance(0.55) ? dyd : rng.pick(own);
  };
  const historyStart = addCalendarDays(today, -3 * 365);
  const span = 3 * 365 - 45;
  const borrowers = firms.filter((f) => f !== showcase && rng.chance(0.26));
  if (showcase) borrowers.unshift(showcase);

  type Hist = {
    firm: Firm;
    product: (typeof specs)[number];
    submittedOn: string;
    decidedOn: string;
    status: LoanApplicationStatus;
    amount: number;
    term: number;
    method: RepaymentMethod;
    rate: number;
    refusal: (typeof REFUSALS)[number] | null;
    loan: null | { disbursedOn: string; outcome: 'good' | 'late' | 'overdue' | 'defaulted' };
  };
  const hist: Hist[] = [];
  for (const firm of borrowers) {
    const count = firm === showcase ? 1 : rng.chance(0.25) ? 2 : 1;
    let last = addCalendarDays(historyStart, rng.int(0, Math.floor(span / 2)));
    for (let k = 0; k < count; k++) {
      const product = firm === showcase ? dyd : pickProduct();
      const submittedOn = k === 0 ? addCalendarDays(historyStart, rng.int(0, span)) : addCalendarDays(last, rng.int(60, 400));
      if (submittedOn > addCalendarDays(today, -40)) continue;
      if (firm.registeredOn && submittedOn < firm.registeredOn) continue;
      last = submittedOn;
      const decidedOn = addWorkingDays(submittedOn, rng.int(2, 9), calendar);
      const amount = Math.min(product.amount[1] * WAN, Math.max(product.amount[0] * WAN, roundWan(rng.logNormal(60 * WAN, 0.8), 5)));
      const term = rng.pick([6, 12, 12, 12, 24, 36].filter((t) => t >= product.term[0] && t <= product.term[1])) ?? product.term[0];
      const method = rng.pick(product.methods);
      const rate = product.rate[0] + Math.round((rng.next() * (product.rate[1] - product.rate[0])) / 5) * 5;
      // Refused more often for riskier firms; a few withdrawn.
      const refuse = firm !== showcase && rng.chance(Math.min(0.6, 0.12 + 0.12 * Math.max(0, firm.risk)));
      if (refuse) {
        const refusal = firm.risk > 1.5 ? rng.pick(['negative_records', 'insufficient_credit', 'high_leverage'] as const) : rng.pick(REFUSALS);
        hist.push({ firm, product, submittedOn, decidedOn, status: 'refused', amount, term, method, rate, refusal, loan: null });
        continue;
      }
      if (firm !== showcase && rng.chance(0.04)) {
        hist.push({ firm, product, submittedOn, decidedOn, status: 'withdrawn', amount, term, method, rate, refusal: null, loan: null });
        continue;
      }
      const disbursedOn = addWorkingDays(decidedOn, rng.int(2, 6), calendar);
      if (disbursedOn > addCalendarDays(today, -35)) continue;
      const pBad = firm === showcase ? 0 : sigmoid(-3.6 + 1.25 * firm.risk + 0.35 * rng.normal());
      const bad = rng.next() < pBad;
      const outcome = bad ? (rng.chance(0.6) ? 'defaulted' : 'overdue') : firm !== showcase && rng.chance(0.07 + 0.04 * Math.max(0, firm.risk)) ? 'late' : 'good';
      hist.push({ firm, product, submittedOn, decidedOn, status: 'disbursed', amount: firm === showcase ? 80 * WAN : amount, term: firm === showcase ? 12 : term, method: firm === showcase ? 'equal_instalment' : method, rate, refusal: null, loan: { disbursedOn, outcome } });
    }
  }
  hist.sort((a, b) => (a.submittedOn < b.submittedOn ? -1 : a.submittedOn > b.submittedOn ? 1 : a.firm.id - b.firm.id));

  const appRows: Row<'loan_applications'>[] = hist.map((h) => {
    const submittedAt = at(h.submittedOn, 9 + (h.firm.id % 8), (h.firm.id * 7) % 60);
    const approved = h.status === 'disbursed';
    return {
      product_id: h.product.id,
      product_version_id: h.product.versionId,
      enterprise_id: h.firm.id,
      bank_org_id: h.product.bankOrgId,
      consent_id: null,
      status: h.status,
      amount_fen: h.amount,
      term_months: h.term,
      repayment_method: h.method,
      purpose: PURPOSES[h.firm.id % PURPOSES.length],
      due_at: dueAfterWorkingDays(submittedAt, 10, calendar),
      warned_at: null,
      escalated_at: null,
      decided_at: h.status === 'withdrawn' ? null : at(h.decidedOn, 15),
      decided_by: null,
      approved_amount_fen: approved ? h.amount : null,
      approved_rate_bp: approved ? h.rate : null,
      approved_term_months: approved ? h.term : null,
      refusal_code: h.refusal,
      refusal_text: h.refusal ? REFUSAL_TEXTS[h.refusal] : null,
      contract_no: approved ? `DJ${h.submittedOn.slice(0, 4)}${String(h.firm.id).padStart(6, '0')}` : null,
      contracted_on: approved ? h.loan!.disbursedOn : null,
      submitted_by: null,
      submitted_at: submittedAt,
      updated_at: at(h.loan?.disbursedOn ?? h.decidedOn, 16),
    };
  });
  const appIds = await insertReturningIds(db, 'loan_applications', appRows);

  const seenBorrower = new Set<number>();
  const loanRows: Row<'loans'>[] = [];
  const schedules: { installments: Installment[]; settledThrough: number; lateDays: number; defaultedAt: number | null }[] = [];
  const loanApps: number[] = [];
  hist.forEach((h, idx) => {
    if (!h.loan) return;
    const { disbursedOn, outcome } = h.loan;
    const installments = repaymentSchedule({ principalFen: h.amount, rateBp: h.rate, termMonths: h.term, method: h.method, disbursedOn });
    const dueBefore = installments.filter((i) => i.dueOn < today).length;
    let settledThrough = dueBefore; // installments 1..settledThrough are settled
    let status: 'active' | 'overdue' | 'repaid' | 'defaulted' | 'closed' = dueBefore === installments.length ? 'repaid' : 'active';
    let worst = 0;
    let lateDays = 0;
    let overdueSince: string | null = null;
    let defaultedOn: string | null = null;
    let defaultAmount: number | null = null;
    let recovered = 0;
    let closedOn: string | null = null;
    let defaultedAt: number | null = null;
    if (outcome === 'late') {
      lateDays = rng.int(5, 60);
      worst = lateDays;
    } else if (outcome === 'overdue') {
      // 90+ days past due: still overdue when far enough along, else repaid late after 90+ days.
      const stopAt = Math.max(1, Math.min(dueBefore, rng.int(1, Math.max(1, installments.length - 1))));
      const since = installments[stopAt - 1]?.dueOn;
      if (since && since <= addCalendarDays(today, -95) && rng.chance(0.6)) {
        settledThrough = stopAt - 1;
        status = 'overdue';
        overdueSince = since;
        worst = Math.round((Date.parse(today) - Date.parse(since)) / 86_400_000) - 1;
      } else {
        lateDays = rng.int(91, 200);
        worst = lateDays;
        if (status === 'repaid' && !rng.chance(0.5)) worst = rng.int(91, 150);
      }
    } else if (outcome === 'defaulted' && dueBefore >= 1) {
      const stopAt = rng.int(1, Math.max(1, Math.min(dueBefore, installments.length)));
      settledThrough = stopAt - 1;
      const since = installments[stopAt - 1].dueOn;
      const on = addCalendarDays(since, rng.int(95, 200));
      if (on < today) {
        defaultedOn = on;
        defaultedAt = stopAt - 1;
        worst = Math.round((Date.parse(on) - Date.parse(since)) / 86_400_000);
        status = 'defaulted';
      } else {
        status = 'overdue';
        overdueSince = since;
        worst = Math.round((Date.parse(today) - Date.parse(since)) / 86_400_000) - 1;
      }
    }
    const paidPrincipal = installments.slice(0, settledThrough).reduce((s, i) => s + i.principalFen, 0);
    const paidInterest = installments.slice(0, settledThrough).reduce((s, i) => s + i.interestFen, 0);
    const outstanding = h.amount - paidPrincipal;
    if (status === 'defaulted') {
      defaultAmount = outstanding;
      if (rng.chance(0.45)) {
        recovered = Math.min(outstanding, roundWan(outstanding * (0.15 + rng.next() * 0.5), 1));
        if (rng.chance(0.5)) {
          status = 'closed';
          closedOn = addCalendarDays(defaultedOn!, rng.int(60, 240)) < today ? addCalendarDays(defaultedOn!, rng.int(60, 240)) : null;
          if (!closedOn) status = 'defaulted';
        }
      }
    }
    if (status === 'repaid') closedOn = addCalendarDays(installments[installments.length - 1].dueOn, lateDays);
    const isFirst = !seenBorrower.has(h.firm.id);
    seenBorrower.add(h.firm.id);
    loanRows.push({
      application_id: appIds[idx],
      product_id: h.product.id,
      enterprise_id: h.firm.id,
      bank_org_id: h.product.bankOrgId,
      principal_fen: h.amount,
      rate_bp: h.rate,
      term_months: h.term,
      repayment_method: h.method,
      disbursed_on: disbursedOn,
      maturity_on: addMonths(disbursedOn, h.term),
      status,
      outstanding_principal_fen: outstanding,
      repaid_principal_fen: paidPrincipal,
      repaid_interest_fen: paidInterest,
      is_first_loan: isFirst,
      overdue_since: overdueSince,
      worst_days_past_due: Math.max(0, worst),
      defaulted_on: defaultedOn,
      default_amount_fen: defaultAmount,
      recovered_fen: recovered,
      closed_on: closedOn && closedOn < today ? closedOn : status === 'repaid' ? addCalendarDays(today, -1) : closedOn,
      reference: `FK${disbursedOn.replaceAll('-', '')}${String(appIds[idx]).padStart(5, '0')}`,
      disbursed_by: null,
      created_at: at(disbursedOn, 11),
      updated_at: at(disbursedOn, 11),
    });
    schedules.push({ installments, settledThrough, lateDays, defaultedAt });
    loanApps.push(idx);
  });
  const loanIds = await insertReturningIds(db, 'loans', loanRows);

  const instRows: Row<'loan_installments'>[] = [];
  const repayRows: Row<'loan_repayments'>[] = [];
  schedules.forEach((s, k) => {
    const loanId = loanIds[k];
    s.installments.forEach((i, n) => {
      const settled = n < s.settledThrough;
      const paidOn = settled ? (n === s.settledThrough - 1 || s.lateDays === 0 ? addCalendarDays(i.dueOn, s.lateDays && n === s.settledThrough - 1 ? s.lateDays : 0) : i.dueOn) : null;
      const settledOn = paidOn && paidOn >= today ? addCalendarDays(today, -1) : paidOn;
      instRows.push({ loan_id: loanId, seq: i.seq, due_on: i.dueOn, principal_fen: i.principalFen, interest_fen: i.interestFen, paid_principal_fen: settled ? i.principalFen : 0, paid_interest_fen: settled ? i.interestFen : 0, settled_on: settledOn });
      if (settled) repayRows.push({ loan_id: loanId, kind: 'repayment', paid_on: settledOn!, amount_fen: i.principalFen + i.interestFen, principal_fen: i.principalFen, interest_fen: i.interestFen, note: null, recorded_by: null });
    });
    const loan = loanRows[k];
    if ((loan.recovered_fen as number) > 0) {
      repayRows.push({ loan_id: loanId, kind: 'recovery', paid_on: addCalendarDays(loan.defaulted_on as string, 45) < today ? addCalendarDays(loan.defaulted_on as string, 45) : (loan.defaulted_on as string), amount_fen: loan.recovered_fen as number, principal_fen: loan.recovered_fen as number, interest_fen: 0, note: '处置抵押物及担保代偿', recorded_by: null });
    }
  });
  await insertChunks(db, 'loan_installments', instRows, 4_000);
  await insertChunks(db, 'loan_repayments', repayRows, 2_000);

  // Timelines of the history: submitted, decided, disbursed (and defaulted).
  const eventRows: Row<'loan_events'>[] = [];
  const loanOfApp = new Map(loanApps.map((appIdx, k) => [appIdx, k]));
  hist.forEach((h, idx) => {
    const applicationId = appIds[idx];
    eventRows.push({ application_id: applicationId, loan_id: null, at: appRows[idx].submitted_at as Date, actor_user_id: null, action: 'submit', from_status: null, to_status: 'submitted', note: null, details: '{}' });
    if (h.status === 'refused') eventRows.push({ application_id: applicationId, loan_id: null, at: at(h.decidedOn, 15), actor_user_id: null, action: 'refuse', from_status: 'in_review', to_status: 'refused', note: REFUSAL_TEXTS[h.refusal!], details: JSON.stringify({ reasonCode: h.refusal }) });
    if (h.status === 'withdrawn') eventRows.push({ application_id: applicationId, loan_id: null, at: at(h.decidedOn, 11), actor_user_id: null, action: 'withdraw', from_status: 'submitted', to_status: 'withdrawn', note: null, details: '{}' });
    const k = loanOfApp.get(idx);
    if (k !== undefined) {
      const loan = loanRows[k];
      eventRows.push({ application_id: applicationId, loan_id: null, at: at(h.decidedOn, 15), actor_user_id: null, action: 'approve', from_status: 'in_review', to_status: 'approved', note: null, details: JSON.stringify({ amountFen: h.amount, rateBp: h.rate, termMonths: h.term }) });
      eventRows.push({ application_id: applicationId, loan_id: loanIds[k], at: at(loan.disbursed_on as string, 11), actor_user_id: null, action: 'disburse', from_status: 'contracted', to_status: 'disbursed', note: null, details: JSON.stringify({ principalFen: h.amount }) });
      if (loan.defaulted_on) eventRows.push({ application_id: applicationId, loan_id: loanIds[k], at: at(loan.defaulted_on as string, 16), actor_user_id: null, action: 'default', from_status: 'overdue', to_status: 'defaulted', note: '逾期超过90天，经催收无果，认定违约', details: JSON.stringify({ defaultAmountFen: loan.default_amount_fen }) });
    }
  });
  await insertChunks(db, 'loan_events', eventRows, 2_000);

  // ---- open leads ------------------------------------------------------------------------------------
  const busy = new Set<number>(loanRows.filter((l) => l.status !== 'repaid').map((l) => l.enterprise_id as number));
  const candidates = firms.filter((f) => f !== showcase && f.risk < 1.2 && !busy.has(f.id));
  const stages: { bank: string; status: LoanApplicationStatus; workingDaysAgo: number }[] = [
    // The demo bank (重庆农商行): new, due soon, late (escalated), in review with notes, approved, contracted.
    ...[1, 2, 3, 6].map((d) => ({ bank: 'cqrcb', status: 'submitted' as const, workingDaysAgo: d })),
    { bank: 'cqrcb', status: 'submitted', workingDaysAgo: 9 },
    { bank: 'cqrcb', status: 'submitted', workingDaysAgo: 12 },
    ...[4, 5, 7, 8].map((d) => ({ bank: 'cqrcb', status: 'in_review' as const, workingDaysAgo: d })),
    { bank: 'cqrcb', status: 'in_review', workingDaysAgo: 11 },
    ...[5, 8, 9].map((d) => ({ bank: 'cqrcb', status: 'approved' as const, workingDaysAgo: d })),
    ...[9, 12].map((d) => ({ bank: 'cqrcb', status: 'contracted' as const, workingDaysAgo: d })),
    // The other banks: a few each.
    ...['icbc', 'abc', 'boc', 'ccb', 'psbc', 'cqcb', 'sxb', 'bocfd', 'ceb', 'cmbc', 'spdb', 'hxb'].flatMap((bank, i) => [
      { bank, status: 'submitted' as const, workingDaysAgo: 1 + (i % 5) },
      { bank, status: 'in_review' as const, workingDaysAgo: 4 + (i % 7) },
    ]),
  ];
  const now = new Date();
  const leads: { firm: Firm; product: (typeof specs)[number]; stage: (typeof stages)[number]; submittedAt: Date; amount: number; term: number; method: RepaymentMethod; rate: number }[] = [];
  stages.forEach((stage, i) => {
    const firm = candidates[(i * 37 + 11) % Math.max(1, candidates.length)];
    if (!firm || leads.some((l) => l.firm.id === firm.id)) return;
    const own = specs.filter((s) => s.bank === stage.bank);
    const product = stage.bank === 'cqrcb' && i % 2 === 0 ? dyd : own[i % own.length];
    const submittedDay = workingDaysBefore(shanghaiDate(now), stage.workingDaysAgo, calendar);
    const amount = Math.min(product.amount[1] * WAN, Math.max(product.amount[0] * WAN, roundWan(rng.logNormal(80 * WAN, 0.6), 10)));
    const term = Math.min(product.term[1], Math.max(product.term[0], 12));
    leads.push({ firm, product, stage, submittedAt: at(submittedDay, 9 + (i % 7), (i * 13) % 60), amount, term, method: product.methods[0], rate: product.rate[0] + 20 });
  });
  let openLeads = 0;
  if (leads.length > 0) {
    const consentIds = (
      await db
        .insertInto('consents')
        .values(
          leads.map((l) => ({
            enterprise_id: l.firm.id,
            grantee_org_id: l.product.bankOrgId,
            categories: l.product.categories,
            purpose: '贷款',
            valid_from: l.submittedAt,
            valid_until: new Date(l.submittedAt.getTime() + 365 * 86_400_000),
            revoked_at: null,
            revoked_by: null,
            created_by: options.bankUserId,
          })),
        )
        .returning('id')
        .execute()
    ).map((r) => r.id);
    // Consents are created by the enterprise's own users in real life; the seed has none for these firms, so
    // the row names the bank user only as the writer of record (created_by is NOT NULL).
    const leadRows: Row<'loan_applications'>[] = leads.map((l, i) => {
      const dueAt = dueAfterWorkingDays(l.submittedAt, 10, calendar);
      const decided = l.stage.status === 'approved' || l.stage.status === 'contracted';
      const decidedAt = decided ? new Date(Math.min(now.getTime() - 3_600_000, l.submittedAt.getTime() + 3 * 86_400_000)) : null;
      return {
        product_id: l.product.id,
        product_version_id: l.product.versionId,
        enterprise_id: l.firm.id,
        bank_org_id: l.product.bankOrgId,
        consent_id: consentIds[i],
        status: l.stage.status,
        amount_fen: l.amount,
        term_months: l.term,
        repayment_method: l.method,
        purpose: PURPOSES[(l.firm.id + i) % PURPOSES.length],
        due_at: dueAt,
        warned_at: null,
        escalated_at: null,
        decided_at: decidedAt,
        decided_by: decided && l.stage.bank === 'cqrcb' ? options.bankUserId : null,
        approved_amount_fen: decided ? l.amount : null,
        approved_rate_bp: decided ? l.rate : null,
        approved_term_months: decided ? l.term : null,
        refusal_code: null,
        refusal_text: null,
        contract_no: l.stage.status === 'contracted' ? `DJ${year}-${String(i + 1).padStart(4, '0')}` : null,
        contracted_on: l.stage.status === 'contracted' ? shanghaiDate(new Date(Math.min(now.getTime() - 3_600_000, decidedAt!.getTime() + 86_400_000))) : null,
        submitted_by: null,
        submitted_at: l.submittedAt,
        updated_at: decidedAt ?? l.submittedAt,
      };
    });
    const leadIds = await insertReturningIds(db, 'loan_applications', leadRows);
    const leadEvents: Row<'loan_events'>[] = [];
    leads.forEach((l, i) => {
      const id = leadIds[i];
      const actor = l.stage.bank === 'cqrcb' ? options.bankUserId : null;
      leadEvents.push({ application_id: id, loan_id: null, at: l.submittedAt, actor_user_id: null, action: 'submit', from_status: null, to_status: 'submitted', note: null, details: JSON.stringify({ consentId: consentIds[i] }) });
      if (l.stage.status !== 'submitted') {
        leadEvents.push({ application_id: id, loan_id: null, at: new Date(l.submittedAt.getTime() + 86_400_000), actor_user_id: actor, action: 'note', from_status: 'submitted', to_status: 'in_review', note: NOTES[i % NOTES.length], details: JSON.stringify({ kind: i % 2 === 0 ? 'site_visit' : 'document_check' }) });
      }
      const row = leadRows[i];
      if (row.decided_at) leadEvents.push({ application_id: id, loan_id: null, at: row.decided_at as Date, actor_user_id: actor, action: 'approve', from_status: 'in_review', to_status: 'approved', note: null, details: JSON.stringify({ amountFen: l.amount, rateBp: l.rate, termMonths: l.term }) });
      if (row.contract_no) leadEvents.push({ application_id: id, loan_id: null, at: at(row.contracted_on as string, 16), actor_user_id: actor, action: 'contract', from_status: 'approved', to_status: 'contracted', note: null, details: JSON.stringify({ contractNo: row.contract_no }) });
    });
    await insertChunks(db, 'loan_events', leadEvents, 2_000);
    openLeads = leads.length;
  }
  // The deadline sweep and the daily overdue chain start now (late leads are escalated at once).
  await startLoanJobs(db);
  return { products: specs.length, loans: loanRows.length, applications: appRows.length + openLeads, openLeads };
}
