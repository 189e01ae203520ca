/**
 * The reading assistant's development set: clauses of published enterprise-support policies (national,
 * provincial, city and county), each with the conditions and benefit a careful official would encode.
 *
 * Honesty notes: the clause texts were written down from memory of the published documents, without
 * network access to check them, so wording can differ from the originals in small ways (the thresholds,
 * comparators and amounts are the documents'). `docNo` is the 文号 as remembered; where the number is
 * not certain it says so (`docNoCertain: false`). Unspecified periods are expected as 上年度 (yearsAgo 1),
 * the assistant's documented default. The set was written before measuring and not tuned clause by clause;
 * clauses the assistant gets wrong stay in it (see docs/reading-assistant.md).
 */
import type { Benefit, CompareOperator, Constant, PeriodSpec, RuleNode, YearSpec } from '../rules/schema.ts';
import type { ExpectedBenefit } from './measure.ts';

export interface DevSource {
  docNo: string;
  issuer: string;
  title: string;
  level: 'national' | 'provincial' | 'city' | 'county';
  docNoCertain: boolean;
}

export interface DevClause {
  id: string;
  source: DevSource;
  text: string;
  conditions: RuleNode[];
  benefits: ExpectedBenefit[];
}

const LAST: PeriodSpec = { yearsAgo: 1 };
const f = (fact: string, period: PeriodSpec | null = LAST) => (period === null ? { fact } : { fact, period });
const cmp = (fact: string, op: CompareOperator, right: Constant, period: PeriodSpec = LAST): RuleNode => ({ left: f(fact, period), op, right });
const ratio = (a: string, b: string, op: CompareOperator, percent: number, period: PeriodSpec = LAST): RuleNode => ({ left: { ratio: [f(a, period), f(b, period)] }, op, right: { percent } });
const growth = (fact: string, op: CompareOperator, percent: number): RuleNode => ({ left: { growth: { fact, from: { yearsAgo: 2 }, to: { yearsAgo: 1 } } }, op, right: { percent } });
const cert = (code: string, test: 'heldOn' | 'firstAwardedIn' | 'awardedIn' | 'renewedIn' = 'heldOn', year?: YearSpec): RuleNode =>
  test === 'heldOn' ? { certification: code, test } : { certification: code, test, year: year ?? { yearsAgo: 1 } };
const size = (...classes: string[]): RuleNode => ({ value: f('size_class'), in: classes });
const industry = (spec: Extract<RuleNode, { industry: unknown }>['industry']): RuleNode => ({ industry: spec });
const INDUSTRIAL = industry({ divisionRanges: [['06', '46']] });
const ABOVE: RuleNode = { value: f('above_scale'), is: true };
const not = (node: RuleNode): RuleNode => ({ not: node });
const noDishonest = (period: PeriodSpec = { latest: true }): RuleNode => ({ value: f('dishonest_debtor', period), is: false });
const noPenalty = (period: PeriodSpec = { latest: true }): RuleNode => ({ value: f('major_admin_penalty', period), is: false });
const firstEntry = (year: YearSpec = { yearsAgo: 1 }): RuleNode => ({ history: 'above_scale', test: 'firstEntry', year });
const age = (op: CompareOperator, years: number): RuleNode => ({ left: { yearsSince: { fact: 'registered_on' } }, op, right: { years } });
const fixed = (wan: number): ExpectedBenefit => ({ amount: { fixed: { wan } } });
const upTo = (wan: number): ExpectedBenefit => ({ amount: { fixed: { wan } }, upTo: true });
const pct = (fact: string, percent: number, capWan?: number, period: PeriodSpec = LAST): ExpectedBenefit => ({
  amount: { percentOf: f(fact, period), rate: { percent }, ...(capWan !== undefined ? { cap: { wan: capWan } } : {}) },
});
const perHead = (yuan: number, count: string, capWan?: number): ExpectedBenefit => ({
  amount: { perHead: { yuan }, count: f(count), ...(capWan !== undefined ? { cap: { wan: capWan } } : {}) },
});
const tiers = (by: string, steps: [Constant, number][]): ExpectedBenefit => ({
  amount: { tiers: { by: f(by), steps: steps.map(([atLeast, wan]) => ({ atLeast, amount: { wan } })) } } as Benefit['amount'],
});

const HTE: DevSource = { docNo: '国科发火〔2016〕32号', issuer: '科技部 财政部 国家税务总局', title: '高新技术企业认定管理办法', level: 'national', docNoCertain: true };
const SME_TYPES: DevSource = { docNo: '工信部联企业〔2011〕300号', issuer: '工业和信息化部 国家统计局 国家发展改革委 财政部', title: '中小企业划型标准规定', level: 'national', docNoCertain: true };
const TIERED: DevSource = { docNo: '工信部企业〔2022〕63号', issuer: '工业和信息化部', title: '优质中小企业梯度培育管理暂行办法', level: 'national', docNoCertain: true };
const TECH_SME: DevSource = { docNo: '国科发政〔2017〕115号', issuer: '科技部 财政部 国家税务总局', title: '科技型中小企业评价办法', level: 'national', docNoCertain: true };
const SMALL_PROFIT: DevSource = { docNo: '财税〔2019〕13号', issuer: '财政部 税务总局', title: '关于实施小微企业普惠性税收减免政策的通知', level: 'national', docNoCertain: true };
const STATS_SIZE: DevSource = { docNo: '国统字〔2017〕213号', issuer: '国家统计局', title: '统计上大中小微型企业划分办法（2017）', level: 'national', docNoCertain: true };
const RD_DEDUCT: DevSource = { docNo: '财政部 税务总局公告2023年第7号', issuer: '财政部 税务总局', title: '关于进一步完善研发费用税前加计扣除政策的公告', level: 'national', docNoCertain: true };
const CQ_SRDI: DevSource = { docNo: '渝经信发〔2022〕（文号待核）', issuer: '重庆市经济和信息化委员会', title: '重庆市专精特新中小企业认定管理办法', level: 'provincial', docNoCertain: false };
const CQ_HTE: DevSource = { docNo: '渝科局发（文号待核）', issuer: '重庆市科学技术局 重庆市财政局', title: '重庆市高新技术企业培育及奖励政策', level: 'provincial', docNoCertain: false };
const CQ_EMPLOY: DevSource = { docNo: '渝人社发（文号待核）', issuer: '重庆市人力资源和社会保障局 重庆市财政局', title: '关于做好吸纳就业补贴有关工作的通知', level: 'provincial', docNoCertain: false };
const ZJ_GROWTH: DevSource = { docNo: '浙政办发（文号待核）', issuer: '浙江省人民政府办公厅', title: '关于促进小微企业上规升级的意见', level: 'provincial', docNoCertain: false };
const GD_RD: DevSource = { docNo: '粤科资字（文号待核）', issuer: '广东省科学技术厅 广东省财政厅', title: '广东省企业研究开发费补助资金管理办法', level: 'provincial', docNoCertain: false };
const CITY_UPSCALE: DevSource = { docNo: '（文号待核）', issuer: '重庆市万州区人民政府办公室', title: '万州区促进工业企业升规入统奖励办法', level: 'city', docNoCertain: false };
const CITY_TAX: DevSource = { docNo: '（文号待核）', issuer: '苏州市人民政府', title: '苏州市推进制造业高质量发展若干措施', level: 'city', docNoCertain: false };
const CITY_EXPORT: DevSource = { docNo: '（文号待核）', issuer: '宁波市商务局 宁波市财政局', title: '宁波市外贸稳增长扶持政策', level: 'city', docNoCertain: false };
const DJ_INDUSTRY: DevSource = { docNo: '垫江府办发（文号待核）', issuer: '垫江县人民政府办公室', title: '垫江县支持工业经济高质量发展若干政策', level: 'county', docNoCertain: false };
const DJ_UPSCALE: DevSource = { docNo: '垫江府办发（文号待核）', issuer: '垫江县人民政府办公室', title: '垫江县2020年度新升规工业企业奖励办法', level: 'county', docNoCertain: false };
const DJ_SERVICE: DevSource = { docNo: '垫江府办发（文号待核）', issuer: '垫江县人民政府办公室', title: '垫江县促进服务业和商贸企业发展若干措施', level: 'county', docNoCertain: false };
const COUNTY_FIN: DevSource = { docNo: '（文号待核）', issuer: '长兴县人民政府', title: '长兴县金融支持中小微企业发展若干意见', level: 'county', docNoCertain: false };

export const DEV_SET: readonly DevClause[] = [
  // ---- 高新技术企业认定管理办法 (national)
  { id: 'hte-1', source: HTE, text: '（一）企业申请认定时须注册成立一年以上；', conditions: [age('>=', 1)], benefits: [] },
  { id: 'hte-2', source: HTE, text: '（五）企业从事研发和相关技术创新活动的科技人员占企业当年职工总数的比例不低于10%；', conditions: [ratio('science_staff', 'employees', '>=', 10, { yearsAgo: 0 })], benefits: [] },
  { id: 'hte-3', source: HTE, text: '1.最近一年销售收入小于5,000万元（含）的企业，比例不低于5%；', conditions: [cmp('operating_revenue', '<=', { wan: 5000 }), ], benefits: [] },
  { id: 'hte-4', source: HTE, text: '（八）企业申请认定前一年内未发生重大安全、重大质量事故或严重环境违法行为。', conditions: [], benefits: [] },
  // ---- 中小企业划型标准规定 (national)
  { id: 'sme-1', source: SME_TYPES, text: '工业。从业人员1000人以下或营业收入40000万元以下的为中小微型企业。', conditions: [cmp('employees', '<', { people: 1000 }), cmp('operating_revenue', '<', { wan: 40000 })], benefits: [] },
  { id: 'sme-2', source: SME_TYPES, text: '其中，从业人员300人及以上，且营业收入2000万元及以上的为中型企业；', conditions: [cmp('employees', '>=', { people: 300 }), cmp('operating_revenue', '>=', { wan: 2000 })], benefits: [] },
  { id: 'sme-3', source: SME_TYPES, text: '从业人员20人及以上，且营业收入300万元及以上的为小型企业；', conditions: [cmp('employees', '>=', { people: 20 }), cmp('operating_revenue', '>=', { wan: 300 })], benefits: [] },
  { id: 'sme-4', source: SME_TYPES, text: '从业人员20人以下或营业收入300万元以下的为微型企业。', conditions: [cmp('employees', '<', { people: 20 }), cmp('operating_revenue', '<', { wan: 300 })], benefits: [] },
  { id: 'sme-5', source: SME_TYPES, text: '建筑业。营业收入80000万元以下或资产总额80000万元以下的为中小微型企业。', conditions: [industry({ sections: ['E'] }), cmp('operating_revenue', '<', { wan: 80000 }), cmp('total_assets', '<', { wan: 80000 })], benefits: [] },
  { id: 'stat-1', source: STATS_SIZE, text: '批发业：从业人员200人以下或营业收入40000万元以下的为中小微型企业。', conditions: [industry({ sections: ['F'] }), cmp('employees', '<', { people: 200 }), cmp('operating_revenue', '<', { wan: 40000 })], benefits: [] },
  // ---- 优质中小企业梯度培育管理暂行办法 (national)
  { id: 'srdi-1', source: TIERED, text: '（二）上年度研发费用总额不低于100万元，且占营业收入总额比重不低于3%；', conditions: [cmp('rd_expense', '>=', { wan: 100 }), ratio('rd_expense', 'operating_revenue', '>=', 3)], benefits: [] },
  { id: 'srdi-2', source: TIERED, text: '（三）上年度营业收入总额在1000万元以上；', conditions: [cmp('operating_revenue', '>=', { wan: 1000 })], benefits: [] },
  { id: 'srdi-3', source: TIERED, text: '（一）从事特定细分市场时间达到2年以上；', conditions: [], benefits: [] },
  { id: 'lg-1', source: TIERED, text: '上年度营业收入在1亿元以上的企业，近2年主营业务收入平均增长率不低于5%；', conditions: [cmp('operating_revenue', '>=', { yi: 1 }), { left: { growth: { fact: 'main_revenue', from: { yearsAgo: 2 }, to: { yearsAgo: 1 } } }, op: '>=', right: { percent: 5 } }], benefits: [] },
  { id: 'lg-2', source: TIERED, text: '近2年研发费用总额均值在1000万元以上；', conditions: [{ left: { fact: 'rd_expense', period: { latest: true, maxAgo: 1 } }, op: '>=', right: { wan: 1000 } }], benefits: [] },
  { id: 'lg-3', source: TIERED, text: '拥有有效发明专利2项以上；', conditions: [cmp('invention_patents', '>=', { count: 2 })], benefits: [] },
  // ---- 科技型中小企业评价办法 (national)
  { id: 'tsme-1', source: TECH_SME, text: '（二）职工总数不超过500人、年销售收入不超过2亿元、资产总额不超过2亿元；', conditions: [cmp('employees', '<=', { people: 500 }), cmp('operating_revenue', '<=', { yi: 2 }), cmp('total_assets', '<=', { yi: 2 })], benefits: [] },
  { id: 'tsme-2', source: TECH_SME, text: '（四）企业在填报上一年及当年内未发生重大安全、重大质量事故和严重环境违法、科研严重失信行为，且企业未列入经营异常名录和严重违法失信企业名单。', conditions: [noDishonest({ yearsAgo: 1 })], benefits: [] },
  // ---- 财税〔2019〕13号
  { id: 'sp-1', source: SMALL_PROFIT, text: '小型微利企业是指从事国家非限制和禁止行业，且同时符合年度应纳税所得额不超过300万元、从业人数不超过300人、资产总额不超过5000万元等三个条件的企业。', conditions: [cmp('taxable_income', '<=', { wan: 300 }), cmp('employees', '<=', { people: 300 }), cmp('total_assets', '<=', { wan: 5000 })], benefits: [] },
  { id: 'rd-1', source: RD_DEDUCT, text: '企业开展研发活动中实际发生的研发费用，未形成无形资产计入当期损益的，在按规定据实扣除的基础上，自2023年1月1日起，再按照实际发生额的100%在税前加计扣除。', conditions: [], benefits: [] },
  // ---- 重庆市 (provincial)
  { id: 'cq-srdi-1', source: CQ_SRDI, text: '（一）在重庆市内注册登记，具有独立法人资格，成立2年以上；', conditions: [age('>=', 2)], benefits: [] },
  { id: 'cq-srdi-2', source: CQ_SRDI, text: '（二）上年度营业收入1000万元以上，或近2年新增股权融资总额达到2000万元以上；', conditions: [cmp('operating_revenue', '>=', { wan: 1000 })], benefits: [] },
  { id: 'cq-srdi-3', source: CQ_SRDI, text: '对新认定的市级专精特新中小企业，给予一次性奖励10万元。', conditions: [cert('specialized_sme', 'firstAwardedIn')], benefits: [fixed(10)] },
  { id: 'cq-srdi-4', source: CQ_SRDI, text: '对获评国家级专精特新“小巨人”企业的，给予一次性奖励50万元。', conditions: [cert('little_giant')], benefits: [fixed(50)] },
  { id: 'cq-hte-1', source: CQ_HTE, text: '对首次认定的高新技术企业，给予20万元奖励；', conditions: [cert('high_tech', 'firstAwardedIn')], benefits: [fixed(20)] },
  { id: 'cq-hte-2', source: CQ_HTE, text: '对重新认定的高新技术企业，给予10万元奖励。', conditions: [cert('high_tech', 'renewedIn')], benefits: [fixed(10)] },
  { id: 'cq-hte-3', source: CQ_HTE, text: '对入库的科技型中小企业，按其上年度研发费用的10%给予补助，最高不超过50万元。', conditions: [cert('tech_sme')], benefits: [pct('rd_expense', 10, 50)] },
  { id: 'cq-emp-1', source: CQ_EMPLOY, text: '对中小微企业新招用高校毕业生并签订1年以上劳动合同的，按每人1000元的标准给予一次性吸纳就业补贴。', conditions: [size('medium', 'small', 'micro')], benefits: [perHead(1000, 'new_hires')] },
  { id: 'cq-emp-2', source: CQ_EMPLOY, text: '小微企业当年新招用符合条件人员达到职工总数20%以上的，可申请不超过300万元的创业担保贷款。', conditions: [size('small', 'micro')], benefits: [upTo(300)] },
  // ---- 浙江省 (provincial)
  { id: 'zj-1', source: ZJ_GROWTH, text: '对首次上规的工业企业，给予不超过10万元的奖励。', conditions: [firstEntry(), INDUSTRIAL], benefits: [upTo(10)] },
  { id: 'zj-2', source: ZJ_GROWTH, text: '年主营业务收入2000万元以上的工业法人单位纳入规模以上工业统计。', conditions: [cmp('main_revenue', '>=', { wan: 2000 }), INDUSTRIAL], benefits: [] },
  { id: 'zj-3', source: ZJ_GROWTH, text: '上规后连续两年在库的，再给予5万元奖励。', conditions: [{ history: 'above_scale', test: 'heldConsecutive', year: { yearsAgo: 1 }, years: 2 }], benefits: [fixed(5)] },
  // ---- 广东省 (provincial)
  { id: 'gd-1', source: GD_RD, text: '对上年度研发费用支出500万元以上的企业，按其研发费用增量的10%给予补助，单个企业最高200万元。', conditions: [cmp('rd_expense', '>=', { wan: 500 })], benefits: [{ amount: { percentOf: { change: { fact: 'rd_expense', from: { yearsAgo: 2 }, to: { yearsAgo: 1 } } }, rate: { percent: 10 }, cap: { wan: 200 } } }] },
  { id: 'gd-2', source: GD_RD, text: '申请企业研发费用占销售收入比例不低于3%，且上年度研发费用不少于100万元。', conditions: [ratio('rd_expense', 'operating_revenue', '>=', 3), cmp('rd_expense', '>=', { wan: 100 })], benefits: [] },
  // ---- 城市 (city)
  { id: 'wz-1', source: CITY_UPSCALE, text: '对当年新升规的工业企业，一次性奖励20万元。', conditions: [firstEntry({ yearsAgo: 0 }), INDUSTRIAL], benefits: [fixed(20)] },
  { id: 'wz-2', source: CITY_UPSCALE, text: '对中途退规的企业，收回已兑现的奖励资金。', conditions: [not({ history: 'above_scale', test: 'everExited', year: { yearsAgo: 1 } })], benefits: [] },
  { id: 'sz-1', source: CITY_TAX, text: '对上年度纳税总额首次超过5000万元的制造业企业，给予100万元奖励。', conditions: [cmp('tax_paid', '>', { wan: 5000 }), industry({ sections: ['C'] })], benefits: [fixed(100)] },
  { id: 'sz-2', source: CITY_TAX, text: '对上年度营业收入首次突破10亿元、50亿元、100亿元的工业企业，分别给予100万元、200万元、300万元奖励。', conditions: [cmp('operating_revenue', '>=', { yi: 10 }), INDUSTRIAL], benefits: [tiers('operating_revenue', [[{ yi: 10 }, 100], [{ yi: 50 }, 200], [{ yi: 100 }, 300]])] },
  { id: 'sz-3', source: CITY_TAX, text: '对工业总产值同比增长15%以上的规上工业企业，给予10万元奖励。', conditions: [growth('industrial_output', '>=', 15), ABOVE, INDUSTRIAL], benefits: [fixed(10)] },
  { id: 'nb-1', source: CITY_EXPORT, text: '对上年度出口额在500万美元以上的企业给予奖励。', conditions: [], benefits: [] },
  { id: 'nb-2', source: CITY_EXPORT, text: '对出口信用保险保费给予50%的补助，单家企业最高不超过30万元。', conditions: [], benefits: [upTo(30)] },
  // ---- 垫江县 (county)
  { id: 'dj-1', source: DJ_UPSCALE, text: '对2020年主营业务收入2000万元以上、新升规入统的小型工业企业，给予一次性奖励10万元。', conditions: [cmp('main_revenue', '>=', { wan: 2000 }, { year: 2020 }), firstEntry({ year: 2020 }), { value: f('size_class', { year: 2020 }), in: ['small'] }, INDUSTRIAL], benefits: [fixed(10)] },
  { id: 'dj-2', source: DJ_INDUSTRY, text: '对上年度主营业务收入首次突破1亿元、5亿元、10亿元的工业企业，分别给予5万元、10万元、20万元奖励。', conditions: [cmp('main_revenue', '>=', { yi: 1 }), INDUSTRIAL], benefits: [tiers('main_revenue', [[{ yi: 1 }, 5], [{ yi: 5 }, 10], [{ yi: 10 }, 20]])] },
  { id: 'dj-3', source: DJ_INDUSTRY, text: '对上年度实缴税金在500万元以上且较上年增长10%以上的工业企业，给予10万元奖励。', conditions: [cmp('tax_paid', '>=', { wan: 500 }), growth('tax_paid', '>=', 10), INDUSTRIAL], benefits: [fixed(10)] },
  { id: 'dj-4', source: DJ_INDUSTRY, text: '对新认定的国家级专精特新“小巨人”企业，一次性奖励30万元；', conditions: [cert('little_giant', 'firstAwardedIn')], benefits: [fixed(30)] },
  { id: 'dj-5', source: DJ_INDUSTRY, text: '对新认定的市级专精特新中小企业，一次性奖励5万元。', conditions: [cert('specialized_sme', 'firstAwardedIn')], benefits: [fixed(5)] },
  { id: 'dj-6', source: DJ_INDUSTRY, text: '对新认定的市级企业技术中心，给予一次性奖励10万元。', conditions: [cert('enterprise_tech_center', 'firstAwardedIn')], benefits: [fixed(10)] },
  { id: 'dj-7', source: DJ_INDUSTRY, text: '企业当年用电量达到1000万千瓦时以上的，按0.02元/千瓦时给予电费补贴，最高不超过50万元。', conditions: [cmp('electricity_kwh', '>=', { kwh: 10000000 }, { yearsAgo: 0 })], benefits: [upTo(50)] },
  { id: 'dj-8', source: DJ_INDUSTRY, text: '对研发投入占营业收入比重达到3%以上的规上工业企业，按研发投入的5%给予补助，最高不超过30万元。', conditions: [ratio('rd_expense', 'operating_revenue', '>=', 3), ABOVE, INDUSTRIAL], benefits: [pct('rd_expense', 5, 30)] },
  { id: 'dj-9', source: DJ_INDUSTRY, text: '新增发明专利授权的，每件给予1万元奖励。', conditions: [], benefits: [fixed(1)] },
  { id: 'dj-10', source: DJ_INDUSTRY, text: '有下列情形之一的企业，不得享受本政策：', conditions: [], benefits: [] },
  { id: 'dj-11', source: DJ_INDUSTRY, text: '（一）被列入失信被执行人名单的；', conditions: [noDishonest()], benefits: [] },
  { id: 'dj-12', source: DJ_INDUSTRY, text: '（二）近三年内受到重大行政处罚的；', conditions: [noPenalty({ latest: true, maxAgo: 2 })], benefits: [] },
  { id: 'dj-13', source: DJ_INDUSTRY, text: '（三）存在欠缴税款的。', conditions: [{ left: f('tax_arrears', { latest: true }), op: '<=', right: { fen: 0 } }], benefits: [] },
  { id: 'dj-14', source: DJ_SERVICE, text: '对年主营业务收入首次达到2000万元的批发业企业，给予5万元奖励；', conditions: [cmp('main_revenue', '>=', { wan: 2000 }), industry({ sections: ['F'] })], benefits: [fixed(5)] },
  { id: 'dj-15', source: DJ_SERVICE, text: '对年营业收入首次达到500万元的零售业企业，给予3万元奖励；', conditions: [cmp('operating_revenue', '>=', { wan: 500 }), industry({ prefixes: ['52'] })], benefits: [fixed(3)] },
  { id: 'dj-16', source: DJ_SERVICE, text: '对年营业收入首次达到200万元的住宿和餐饮业企业，给予2万元奖励。', conditions: [cmp('operating_revenue', '>=', { wan: 200 }), industry({ sections: ['H'] })], benefits: [fixed(2)] },
  { id: 'dj-17', source: DJ_SERVICE, text: '房地产开发企业、金融企业不适用本条款。', conditions: [not(industry({ sections: ['J'], prefixes: ['7010'] }))], benefits: [] },
  { id: 'dj-18', source: DJ_SERVICE, text: '对新纳入限上统计的商贸企业，给予一次性奖励3万元。', conditions: [firstEntry()], benefits: [fixed(3)] },
  { id: 'dj-19', source: DJ_SERVICE, text: '企业纳税信用等级须为B级及以上。', conditions: [{ value: f('tax_credit_grade'), in: ['A', 'B'] }], benefits: [] },
  { id: 'dj-20', source: DJ_SERVICE, text: '申报企业应提供营业执照复印件、上年度财务报表及纳税证明等材料。', conditions: [], benefits: [] },
  // ---- 县域金融 (county)
  { id: 'cx-1', source: COUNTY_FIN, text: '对小微企业贷款给予贴息，贴息比例为贷款基准利率的30%，单户企业年贴息额最高不超过20万元。', conditions: [size('small', 'micro')], benefits: [upTo(20)] },
  { id: 'cx-2', source: COUNTY_FIN, text: '从业人员不超过100人且上年度营业收入不足3000万元的小微企业，可申请首贷贴息。', conditions: [cmp('employees', '<=', { people: 100 }), cmp('operating_revenue', '<', { wan: 3000 }), size('small', 'micro')], benefits: [] },
  { id: 'cx-3', source: COUNTY_FIN, text: '企业参保职工人数达到50人以上的，按每人500元给予稳岗补贴，最高不超过10万元。', conditions: [cmp('insured_employees', '>=', { people: 50 })], benefits: [perHead(500, 'employees', 10)] },
  { id: 'cx-4', source: COUNTY_FIN, text: '注册资本不低于1000万元，成立时间满3年。', conditions: [{ left: { fact: 'registered_capital' }, op: '>=', right: { wan: 1000 } }, age('>=', 3)], benefits: [] },
  { id: 'cx-5', source: COUNTY_FIN, text: '资产总额在1亿元至5亿元之间的企业，给予50万元授信支持。', conditions: [{ value: f('total_assets'), between: [{ yi: 1 }, { yi: 5 }], bounds: '[]' }], benefits: [fixed(50)] },
];

/**
 * Held out: clauses written after the development set had been used to improve the patterns, and not
 * used to change them afterwards. Their figures are the honest estimate for unseen text.
 */
const HELD_COUNTY: DevSource = { docNo: '（文号待核）', issuer: '重庆市梁平区人民政府办公室', title: '梁平区促进民营经济高质量发展若干措施', level: 'county', docNoCertain: false };
const HELD_CITY: DevSource = { docNo: '（文号待核）', issuer: '成都市经济和信息化局', title: '成都市促进中小企业梯度培育若干政策', level: 'city', docNoCertain: false };
const HELD_PROV: DevSource = { docNo: '（文号待核）', issuer: '四川省财政厅 四川省经济和信息化厅', title: '四川省中小企业发展专项资金管理办法', level: 'provincial', docNoCertain: false };

export const HELD_OUT_SET: readonly DevClause[] = [
  { id: 'ho-1', source: HELD_COUNTY, text: '对年销售额超过5亿元的民营企业，给予30万元奖励。', conditions: [cmp('operating_revenue', '>', { yi: 5 })], benefits: [fixed(30)] },
  { id: 'ho-2', source: HELD_COUNTY, text: '上年度纳税额100万元（含）以上的企业，按其地方财力贡献的20%给予奖励。', conditions: [cmp('tax_paid', '>=', { wan: 100 })], benefits: [] },
  { id: 'ho-3', source: HELD_COUNTY, text: '员工人数在50人以上的小微企业，可优先推荐。', conditions: [cmp('employees', '>=', { people: 50 }), size('small', 'micro')], benefits: [] },
  { id: 'ho-4', source: HELD_COUNTY, text: '对入库税收同比增长20%以上的规上企业，给予5万元奖励。', conditions: [growth('tax_paid', '>=', 20), ABOVE], benefits: [fixed(5)] },
  { id: 'ho-5', source: HELD_COUNTY, text: '对固定资产投资额达到2000万元的技改项目，按设备投资额的8%给予补助，最高500万元。', conditions: [], benefits: [upTo(500)] },
  { id: 'ho-6', source: HELD_COUNTY, text: '对首次获评国家高新技术企业的，奖励15万元。', conditions: [cert('high_tech', 'firstAwardedIn')], benefits: [fixed(15)] },
  { id: 'ho-7', source: HELD_COUNTY, text: '企业须无失信记录，且近两年未受到重大行政处罚。', conditions: [noPenalty({ latest: true, maxAgo: 1 })], benefits: [] },
  { id: 'ho-8', source: HELD_CITY, text: '对营业收入增速高于全市平均水平且营业收入不低于3000万元的中小企业，给予20万元支持。', conditions: [cmp('operating_revenue', '>=', { wan: 3000 }), size('medium', 'small', 'micro')], benefits: [fixed(20)] },
  { id: 'ho-9', source: HELD_CITY, text: '研发人员占职工总数比例不低于15%的科技型中小企业，按研发费用的15%给予补贴，单户最高不超过100万元。', conditions: [ratio('science_staff', 'employees', '>=', 15), cert('tech_sme')], benefits: [pct('rd_expense', 15, 100)] },
  { id: 'ho-10', source: HELD_CITY, text: '拥有有效发明专利3件及以上的企业，给予2万元奖励。', conditions: [cmp('invention_patents', '>=', { count: 3 })], benefits: [fixed(2)] },
  { id: 'ho-11', source: HELD_CITY, text: '对年主营业务收入达到5000万元、1亿元的企业，分别给予10万元、20万元奖励。', conditions: [cmp('main_revenue', '>=', { wan: 5000 })], benefits: [tiers('main_revenue', [[{ wan: 5000 }, 10], [{ yi: 1 }, 20]])] },
  { id: 'ho-12', source: HELD_CITY, text: '对吸纳就业困难人员的企业，按每人每年3000元给予社保补贴。', conditions: [], benefits: [perHead(3000, 'new_hires')] },
  { id: 'ho-13', source: HELD_PROV, text: '申报企业资产总额不超过1亿元，且资产负债率不高于70%。', conditions: [cmp('total_assets', '<=', { yi: 1 })], benefits: [] },
  { id: 'ho-14', source: HELD_PROV, text: '对出口额超过1000万元的外贸企业，按出口额的0.5%给予奖励，最高50万元。', conditions: [cmp('exports', '>', { wan: 1000 })], benefits: [pct('exports', 0.5, 50)] },
  { id: 'ho-15', source: HELD_PROV, text: '农林牧渔业企业及房地产企业不纳入支持范围。', conditions: [not(industry({ sections: ['A', 'K'] }))], benefits: [] },
  { id: 'ho-16', source: HELD_PROV, text: '企业成立不足2年的，不予支持。', conditions: [not(age('<', 2))], benefits: [] },
  { id: 'ho-17', source: HELD_PROV, text: '对获得“专精特新”中小企业认定的，给予一次性奖励20万元。', conditions: [cert('specialized_sme')], benefits: [fixed(20)] },
  { id: 'ho-18', source: HELD_PROV, text: '上年度工业产值1亿元以上的企业，分两年按50%、50%拨付奖励资金100万元。', conditions: [cmp('industrial_output', '>=', { yi: 1 })], benefits: [{ amount: { fixed: { wan: 100 } } }] },
  { id: 'ho-19', source: HELD_PROV, text: '纳税信用等级为A级的企业，贷款贴息比例提高至60%。', conditions: [{ value: f('tax_credit_grade'), in: ['A'] }], benefits: [] },
  { id: 'ho-20', source: HELD_PROV, text: '从业人员100人以下、营业收入1亿元以下的企业可申请。', conditions: [cmp('employees', '<', { people: 100 }), cmp('operating_revenue', '<', { yi: 1 })], benefits: [] },
];
