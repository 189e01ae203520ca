/**
 * The demo county's 43 policies of its 14 departments (dianjiang.md: "43 policies of 14 departments"), and
 * three more showing the constructs of issue 12 (按情形, 最高 X with 待评审 criteria, eligibility only),
 * written in the rule language. Modelled on the clause shapes of real county and city policy texts
 * (standards §6): thresholds for a year, ratios, bands, status histories, industry sets and exclusions,
 * towns, certifications with dates, at-least-k, tiers, percentages with caps, per-head sums, payments split
 * over years, and mutually exclusive groups. Five are 免申即享 (auto-grant).
 *
 * Everything is a function of the reference date (today in the county when seeding): "the last complete
 * year" L is the year the seeded enterprises' latest figures are for, so the showcase manufacturer
 * (新升规 in L with 主营业务收入 2,350万元) qualifies for the current 新升规 policy whatever year the demo
 * is seeded in. Each policy carries golden cases (one eligible with its amount, one not) that must pass.
 */
import type { Benefit, EnterpriseFacts, ParameterDefinition, RuleNode } from '../../core/rules/index.ts';
import type { DEPARTMENTS } from './county-data.ts';

export type DepartmentCode = (typeof DEPARTMENTS)[number]['code'];

export interface DemoGoldenCase {
  name: string;
  facts: EnterpriseFacts;
  expectedOutcome: 'eligible' | 'ineligible' | 'unknown';
  /** Required for eligible cases: every demo case checks its amount. */
  expectedAmountFen?: number | null;
}

export interface DemoVersion {
  title: string;
  documentNo: string;
  summary: string;
  sourceText: string;
  interpretation: string;
  qa: { q: string; a: string }[];
  validFrom: string;
  /** Null: in force until repealed (a standing regulation). */
  validUntil: string | null;
  applyFrom: string | null;
  applyUntil: string | null;
  tags: string[];
  rule: RuleNode;
  benefit: Benefit;
  params?: ParameterDefinition[];
  exclusionGroup?: string;
  isAutoGrant?: boolean;
  publicNoticeDays?: number;
  reviewSteps?: { key: string; nameZh: string; nameEn: string; deadlineWorkingDays: number }[];
  formFields?: { key: string; labelZh: string; labelEn: string; type: 'text' | 'number' | 'money' | 'date' | 'file' | 'bank_account'; required: boolean }[];
  golden: DemoGoldenCase[];
}

export interface DemoPolicy extends DemoVersion {
  /**
   * Shown without earlier annual editions and without the bulk history (the constructs of issue 12: 按情形,
   * 最高 X, 待评审 criteria, eligibility only); their own applications are seeded by `seedIssue12Work` in
   * src/server/seed/applications.ts.
   */
  showcase?: 'issue12';
  department: DepartmentCode;
  /** An earlier edition, stored as the superseded version 1 (the current content becomes version 2). */
  previous?: DemoVersion;
  /** A revision in preparation, stored as a draft version after the published one. */
  draft?: Partial<DemoVersion>;
}

const WAN = 1_000_000;
const YUAN = 100;

// Building blocks ----------------------------------------------------------------------------------------

type Period = { yearsAgo: number } | { year: number };
const ago = (n: number): Period => ({ yearsAgo: n });
const fact = (code: string, period: Period = ago(1)) => ({ fact: code, period });
const ge = (code: string, right: object, period: Period = ago(1), clause?: string): RuleNode => ({ ...(clause && { clause }), left: fact(code, period), op: '>=', right }) as RuleNode;
const industrial: RuleNode = { clause: '工业企业（国民经济行业分类大类06–46）', industry: { divisionRanges: [['06', '46']] } };
const notDishonest: RuleNode = { clause: '未被列入失信被执行人名单', value: { fact: 'dishonest_debtor', period: { latest: true, maxAgo: 1 } }, is: false };
const noMajorPenalty: RuleNode = { clause: '上年度未受到重大行政处罚', not: { value: fact('major_admin_penalty'), is: true } };
const notFinanceOrRealEstate: RuleNode = { clause: '非金融业、房地产开发企业', not: { industry: { sections: ['J'], prefixes: ['7010'] } } };

/** A window of the reference year, as ISO timestamps in the county's time zone. */
const window = (from: string, until: string) => ({ applyFrom: `${from}T00:00:00+08:00`, applyUntil: `${until}T23:59:59+08:00` });

/** Facts of a made-up enterprise for golden cases: a manufacturer in 桂溪街道 unless overridden. */
function facts(
  indicators: Record<string, Record<string, number | string>>,
  options: { attributes?: EnterpriseFacts['attributes']; certifications?: EnterpriseFacts['certifications']; sizeClass?: EnterpriseFacts['sizeClass'] } = {},
): EnterpriseFacts {
  return {
    attributes: { industry_code: '3453', town: '桂溪街道', enterprise_type: 'limited_company', registered_on: '2016-05-16', registered_capital: 1000 * WAN, ...options.attributes },
    indicators,
    certifications: options.certifications ?? [],
    sizeClass: options.sizeClass ?? {},
  };
}

const qa = (...pairs: [string, string][]) => pairs.map(([q, a]) => ({ q, a }));

/** The demo policies for a reference date (YYYY-MM-DD). */
export function demoPolicies(referenceDate: string): DemoPolicy[] {
  const R = Number(referenceDate.slice(0, 4));
  const L = R - 1;
  const s = (n: number) => String(n);
  const yearStart = `${R}-01-01`;
  const yearEnd = `${R}-12-31`;
  const open = window(`${R}-11-01`, `${R}-12-31`);
  const closedEarlier = window(`${R}-03-01`, `${R}-04-30`);
  const later = window(`${R + 1}-03-01`, `${R + 1}-04-30`);
  const accountField = { key: 'bankAccount', labelZh: '收款账户（基本户）', labelEn: 'Bank account for payment', type: 'bank_account' as const, required: true };
  const reportField = { key: 'applicationReport', labelZh: '申请报告（盖章扫描件）', labelEn: 'Signed application letter (scan)', type: 'file' as const, required: true };

  const newAboveScaleRule = (year: number): RuleNode => ({
    clause: `${year}年度新升规小型工业企业奖励`,
    all: [
      industrial,
      { clause: '小型企业', value: { fact: 'size_class', period: { year } }, in: ['small'] },
      { clause: `${year}年主营业务收入2000万元以上`, left: fact('main_revenue', { year }), op: '>=', right: { param: 'industry_above_scale_line' } },
      { clause: `${year}年首次纳入规上工业统计（${year - 2}年以来未入统，退规后再入规的不属新升规）`, history: 'above_scale', test: 'firstEntry', year: { year }, since: year - 2 },
      notDishonest,
    ],
  });
  const newAboveScaleGolden = (year: number): DemoGoldenCase[] => [
    {
      name: `${year}年主营业务收入2,350万元、首次入统的小型机械厂`,
      facts: facts({ main_revenue: { [s(year)]: 2350 * WAN }, above_scale: { [s(year - 2)]: 0, [s(year - 1)]: 0, [s(year)]: 1 }, dishonest_debtor: { [s(year)]: 0 } }, { sizeClass: { [s(year)]: 'small' } }),
      expectedOutcome: 'eligible',
      expectedAmountFen: 10 * WAN,
    },
    {
      name: '退规后再次入规（不属新升规）',
      facts: facts({ main_revenue: { [s(year)]: 2600 * WAN }, above_scale: { [s(year - 2)]: 1, [s(year - 1)]: 0, [s(year)]: 1 }, dishonest_debtor: { [s(year)]: 0 } }, { sizeClass: { [s(year)]: 'small' } }),
      expectedOutcome: 'ineligible',
    },
    {
      name: `${year}年主营业务收入1,850万元（差150万元）`,
      facts: facts({ main_revenue: { [s(year)]: 1850 * WAN }, above_scale: { [s(year - 2)]: 0, [s(year - 1)]: 0, [s(year)]: 1 }, dishonest_debtor: { [s(year)]: 0 } }, { sizeClass: { [s(year)]: 'small' } }),
      expectedOutcome: 'ineligible',
    },
  ];

  return [
    // ==================================================================================================
    // 县发展和改革委员会 (3)
    {
      department: 'fgw',
      title: '工业企业用电降本奖励',
      documentNo: `垫发改发〔${R}〕6号`,
      summary: '对上年度用电量50万千瓦时以上的工业企业，按用电规模分档给予一次性用能成本补助。',
      sourceText: '第三条 对上年度用电量达到50万千瓦时的工业企业给予2万元补助；达到100万千瓦时的给予5万元；达到500万千瓦时的给予10万元；达到1000万千瓦时的给予20万元。被列入失信被执行人名单的企业不予支持。',
      interpretation: '### 政策解读\n- **谁能享受**：上年度用电量≥50万千瓦时的工业企业。\n- **补多少**：按用电量分四档，最高20万元。\n- **怎么核实**：用电量以供电公司提供的数据为准，企业无需另行提供电费单。',
      qa: qa(['多个电表的用电量能否合并计算？', '同一纳税主体名下的电表用电量合并计算。'], ['上年度新投产的企业如何计算？', '按实际用电量计算，不折算全年。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['降本增效', '工业', '用能'],
      rule: { clause: '上年度用电量50万千瓦时以上的工业企业', all: [industrial, ge('electricity_kwh', { kwh: 500_000 }, ago(1), '上年度用电量50万千瓦时以上'), notDishonest] },
      benefit: { amount: { tiers: { by: fact('electricity_kwh'), steps: [{ atLeast: { kwh: 500_000 }, amount: { wan: 2 } }, { atLeast: { kwh: 1_000_000 }, amount: { wan: 5 } }, { atLeast: { kwh: 5_000_000 }, amount: { wan: 10 } }, { atLeast: { kwh: 10_000_000 }, amount: { wan: 20 } }] } } },
      formFields: [accountField],
      golden: [
        { name: '用电81.2万千瓦时的机械厂', facts: facts({ electricity_kwh: { [s(L)]: 812_000 }, dishonest_debtor: { [s(L)]: 0 } }), expectedOutcome: 'eligible', expectedAmountFen: 2 * WAN },
        { name: '用电620万千瓦时的铸造厂', facts: facts({ electricity_kwh: { [s(L)]: 6_200_000 }, dishonest_debtor: { [s(L)]: 0 } }, { attributes: { industry_code: '3391' } }), expectedOutcome: 'eligible', expectedAmountFen: 10 * WAN },
        { name: '用电30万千瓦时', facts: facts({ electricity_kwh: { [s(L)]: 300_000 }, dishonest_debtor: { [s(L)]: 0 } }), expectedOutcome: 'ineligible' },
        { name: '批发企业（非工业）', facts: facts({ electricity_kwh: { [s(L)]: 900_000 }, dishonest_debtor: { [s(L)]: 0 } }, { attributes: { industry_code: '5174' } }), expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'fgw',
      title: '工业企业扩能增资补助',
      documentNo: `垫发改发〔${R}〕9号`,
      summary: '对上年度资产总额增加2000万元以上的工业企业，按新增资产的3%给予补助，最高100万元。',
      sourceText: '第五条 工业企业上年度末资产总额较前一年度末增加2000万元以上的，按增加额的3%给予补助，单个企业最高不超过100万元。金融业、房地产开发企业不适用本条。',
      interpretation: '新增资产额 = 上年度末资产总额 − 前一年度末资产总额，以统计部门或税务部门报表数据为准。',
      qa: qa(['资产增加来自并购的是否适用？', '适用，以报表数据为准；但同一资产不得重复申报其他投资类补助。']),
      validFrom: yearStart,
      validUntil: `${R + 1}-12-31`,
      ...open,
      tags: ['投资', '工业'],
      rule: {
        all: [
          industrial,
          notFinanceOrRealEstate,
          { clause: '上年度资产总额增加2000万元以上', left: { change: { fact: 'total_assets', from: ago(2), to: ago(1) } }, op: '>=', right: { wan: 2000 } },
        ],
      },
      benefit: { clause: '按新增资产的3%补助，最高100万元', amount: { percentOf: { change: { fact: 'total_assets', from: ago(2), to: ago(1) } }, rate: { percent: 3 }, cap: { wan: 100 } } },
      formFields: [accountField, reportField],
      golden: [
        { name: '资产由8000万元增至1.2亿元', facts: facts({ total_assets: { [s(L - 1)]: 8000 * WAN, [s(L)]: 12000 * WAN } }), expectedOutcome: 'eligible', expectedAmountFen: 100 * WAN },
        { name: '资产增加2500万元', facts: facts({ total_assets: { [s(L - 1)]: 5000 * WAN, [s(L)]: 7500 * WAN } }), expectedOutcome: 'eligible', expectedAmountFen: 75 * WAN },
        { name: '资产增加410万元', facts: facts({ total_assets: { [s(L - 1)]: 2050 * WAN, [s(L)]: 2460 * WAN } }), expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'fgw',
      title: '服务业企业升限入库奖励',
      documentNo: `垫发改发〔${R}〕11号`,
      summary: '对上年度新纳入限额以上统计的批发零售、住宿餐饮企业给予一次性奖励5万元。',
      sourceText: '第七条 对上年度新增纳入限额以上批发零售业、住宿餐饮业统计的企业，给予一次性奖励5万元。',
      interpretation: '“新纳入”指上年度在库、前一年度不在库（含退库后重新入库）。',
      qa: qa(['个体户可以申报吗？', '可以，以统计部门名录为准。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...closedEarlier,
      tags: ['服务业', '升限入库'],
      rule: { all: [{ clause: '批发零售业、住宿餐饮业', industry: { sections: ['F', 'H'] } }, { clause: '上年度新纳入限上统计', history: 'above_scale', test: 'entry', year: ago(1) }] },
      benefit: { amount: { fixed: { wan: 5 } } },
      golden: [
        { name: '新入限的超市', facts: facts({ above_scale: { [s(L - 1)]: 0, [s(L)]: 1 } }, { attributes: { industry_code: '5211' } }), expectedOutcome: 'eligible', expectedAmountFen: 5 * WAN },
        { name: '连续在库的餐馆', facts: facts({ above_scale: { [s(L - 1)]: 1, [s(L)]: 1 } }, { attributes: { industry_code: '6210' } }), expectedOutcome: 'ineligible' },
      ],
    },

    // ==================================================================================================
    // 县经济和信息化委员会 (6)
    {
      department: 'jxw',
      title: `${L}年度新升规小型工业企业奖励`,
      documentNo: `垫府发〔${R}〕12号`,
      summary: `对${L}年度首次纳入规模以上工业统计、${L}年主营业务收入2000万元以上的小型工业企业，给予一次性奖励10万元。`,
      sourceText: `第四条 支持小微企业升规。对${L}年度新纳入规模以上工业统计（首次入统）且${L}年主营业务收入达到2000万元的小型工业企业，给予一次性奖励10万元。退规后再次入规的、被列入失信被执行人名单的，不予奖励。同一企业同一年度已享受县统计局入统工作经费补助的，按就高原则不重复享受。`,
      interpretation: `### 这项政策奖励谁？\n${L}年刚刚“升规”的小型工业企业。\n\n### 怎么判断“首次入统”？\n以县统计局规上工业企业名录为准：${L}年在库，${L - 2}年以来未曾在库。\n\n### 与统计局入统经费是什么关系？\n两项补助属于同一事项，择优享受一项。平台会自动为您计算较高的一项。`,
      qa: qa(['主营业务收入以哪个数据为准？', '以统计部门年报数据为准，统计数据缺失时以税务申报数据为准。'], ['中型企业可以申报吗？', '不可以，本条仅支持小型工业企业升规。'], ['奖励何时兑付？', '公示5个工作日无异议后，由县财政局直接拨付至企业基本户。']),
      validFrom: `${R}-03-01`,
      validUntil: yearEnd,
      ...window(`${R}-11-15`, `${R}-12-20`),
      tags: ['升规', '工业', '小微企业'],
      rule: newAboveScaleRule(L),
      benefit: { clause: '一次性奖励10万元', amount: { fixed: { wan: 10 } } },
      exclusionGroup: '新升规奖励',
      formFields: [accountField, reportField],
      golden: newAboveScaleGolden(L),
      previous: {
        title: `${L - 1}年度新升规小型工业企业奖励`,
        documentNo: `垫府发〔${R - 1}〕9号`,
        summary: `对${L - 1}年度首次纳入规模以上工业统计、${L - 1}年主营业务收入2000万元以上的小型工业企业，给予一次性奖励10万元。`,
        sourceText: `对${L - 1}年度新纳入规模以上工业统计的小型工业企业，给予一次性奖励10万元。`,
        interpretation: `${L - 1}年度版本，已由${L}年度版本替代。`,
        qa: [],
        validFrom: `${R - 1}-03-01`,
        validUntil: `${R - 1}-12-31`,
        ...window(`${R - 1}-11-15`, `${R - 1}-12-20`),
        tags: ['升规', '工业', '小微企业'],
        rule: newAboveScaleRule(L - 1),
        benefit: { amount: { fixed: { wan: 10 } } },
        exclusionGroup: '新升规奖励',
        golden: newAboveScaleGolden(L - 1),
      },
    },
    {
      department: 'jxw',
      title: '规上工业企业产值增长奖励',
      documentNo: `垫经信发〔${R}〕8号`,
      summary: '对连续两年在库的规上工业企业，按上年度新增工业总产值分档奖励，最高50万元；中途退规的不予支持。',
      sourceText: '第六条 规上工业企业上年度工业总产值较前一年度新增5000万元、1亿元、3亿元、5亿元以上的，分别给予5万元、10万元、30万元、50万元奖励。统计期内曾退出规上统计的企业不予支持。',
      interpretation: '新增产值 = 上年度工业总产值 − 前一年度工业总产值（统计局年报）。',
      qa: qa(['产值下降的企业能申报吗？', '不能，新增产值须达到5000万元。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['工业', '稳增长'],
      rule: {
        all: [
          industrial,
          { clause: '连续两年纳入规上统计', history: 'above_scale', test: 'heldConsecutive', year: ago(1), years: 2 },
          { clause: '中途退规的不予支持', not: { history: 'above_scale', test: 'everExited', year: ago(1), since: L - 3 } },
          { clause: '新增工业总产值5000万元以上', left: { change: { fact: 'industrial_output', from: ago(2), to: ago(1) } }, op: '>=', right: { wan: 5000 } },
        ],
      },
      benefit: { amount: { tiers: { by: { change: { fact: 'industrial_output', from: ago(2), to: ago(1) } }, steps: [{ atLeast: { wan: 5000 }, amount: { wan: 5 } }, { atLeast: { yi: 1 }, amount: { wan: 10 } }, { atLeast: { yi: 3 }, amount: { wan: 30 } }, { atLeast: { yi: 5 }, amount: { wan: 50 } }] } } },
      formFields: [accountField],
      golden: [
        { name: '产值由2.1亿元增至3.4亿元', facts: facts({ above_scale: { [s(L - 2)]: 1, [s(L - 1)]: 1, [s(L)]: 1 }, industrial_output: { [s(L - 1)]: 21_000 * WAN, [s(L)]: 34_000 * WAN } }), expectedOutcome: 'eligible', expectedAmountFen: 10 * WAN },
        { name: '曾中途退规（三年前在库、前年退规）', facts: facts({ above_scale: { [s(L - 3)]: 1, [s(L - 2)]: 0, [s(L - 1)]: 1, [s(L)]: 1 }, industrial_output: { [s(L - 1)]: 21_000 * WAN, [s(L)]: 34_000 * WAN } }), expectedOutcome: 'ineligible' },
        { name: '新增产值3000万元', facts: facts({ above_scale: { [s(L - 2)]: 1, [s(L - 1)]: 1, [s(L)]: 1 }, industrial_output: { [s(L - 1)]: 21_000 * WAN, [s(L)]: 24_000 * WAN } }), expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'jxw',
      title: '专精特新中小企业认定奖励',
      documentNo: `垫经信发〔${R}〕10号`,
      summary: '对上年度首次被认定为市级专精特新中小企业的，给予一次性奖励10万元；与“小巨人”奖励不重复享受。',
      sourceText: '第八条 对首次认定的专精特新中小企业奖励10万元，对首次认定的专精特新“小巨人”企业奖励50万元，分两年按4:6拨付。同一企业晋级的，按就高原则补足差额，不重复享受。',
      interpretation: '认定时间以市经济信息委公布的名单为准，复核通过的不属于首次认定。',
      qa: qa(['复核通过的企业能再次获得奖励吗？', '不能，本奖励仅针对首次认定。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['专精特新', '创新'],
      rule: { clause: '上年度首次认定为专精特新中小企业', certification: 'specialized_sme', test: 'firstAwardedIn', year: ago(1) },
      benefit: { amount: { fixed: { wan: 10 } } },
      exclusionGroup: '专精特新奖励',
      golden: [
        { name: `${L}年首次认定`, facts: facts({}, { certifications: [{ code: 'specialized_sme', awardedOn: `${L}-08-15`, expiresOn: `${L + 3}-08-15`, isRenewal: false }] }), expectedOutcome: 'eligible', expectedAmountFen: 10 * WAN },
        { name: `${L}年复核通过`, facts: facts({}, { certifications: [{ code: 'specialized_sme', awardedOn: `${L}-08-15`, expiresOn: `${L + 3}-08-15`, isRenewal: true }] }), expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'jxw',
      title: '专精特新“小巨人”企业奖励',
      documentNo: `垫经信发〔${R}〕10号`,
      summary: '对上年度首次被认定为国家级专精特新“小巨人”企业的，给予奖励50万元，分两年按4:6拨付。',
      sourceText: '第八条 对首次认定的专精特新“小巨人”企业奖励50万元，分两年按4:6拨付。',
      interpretation: '首年拨付20万元，次年拨付30万元；次年拨付前企业须仍在有效期内。',
      qa: qa(['已获得专精特新中小企业奖励的还能享受吗？', '可以按就高原则补足差额，平台按择优原则只计一项。']),
      validFrom: yearStart,
      validUntil: `${R + 1}-12-31`,
      ...open,
      tags: ['专精特新', '小巨人', '创新'],
      rule: { all: [{ clause: '上年度首次认定为专精特新“小巨人”企业', certification: 'little_giant', test: 'firstAwardedIn', year: ago(1) }, notDishonest] },
      benefit: { amount: { fixed: { wan: 50 } }, split: [40, 60], firstYear: ago(0) },
      exclusionGroup: '专精特新奖励',
      golden: [
        { name: '首次认定小巨人', facts: facts({ dishonest_debtor: { [s(L)]: 0 } }, { certifications: [{ code: 'little_giant', awardedOn: `${L}-07-01`, expiresOn: `${L + 3}-07-01`, isRenewal: false }] }), expectedOutcome: 'eligible', expectedAmountFen: 50 * WAN },
        { name: '仅有专精特新中小企业认定', facts: facts({ dishonest_debtor: { [s(L)]: 0 } }, { certifications: [{ code: 'specialized_sme', awardedOn: `${L}-07-01`, expiresOn: `${L + 3}-07-01`, isRenewal: false }] }), expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'jxw',
      title: '企业技术中心建设奖励',
      documentNo: `垫经信发〔${R}〕13号`,
      summary: '对有效期内的市级以上企业技术中心、上年度研发投入强度达到5%的独立法人企业（淘汰类产业除外），给予5万元奖励。',
      sourceText: '第十条 企业技术中心所在企业上年度研发费用占主营业务收入比重达到5%的，给予5万元运行奖励。',
      interpretation: '研发投入强度 = 上年度研发费用 ÷ 上年度主营业务收入。',
      qa: qa(['研发费用口径？', '以税务部门研发费用加计扣除申报数据为准。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...later,
      tags: ['研发', '创新平台'],
      rule: {
        all: [
          { clause: '持有有效的市级以上企业技术中心认定', certification: 'enterprise_tech_center', test: 'heldOn', levels: ['national', 'provincial', 'city'] },
          { clause: '具有独立法人资格', value: { fact: 'independent_legal_person' }, is: true },
          { clause: '不属于产业结构调整指导目录淘汰类', not: { industry: { set: 'guidance_catalogue_eliminated' } } },
          { clause: '上年度研发投入强度5%以上', left: { ratio: [fact('rd_expense'), fact('main_revenue')] }, op: '>=', right: { percent: 5 } },
        ],
      },
      benefit: { amount: { fixed: { wan: 5 } } },
      golden: [
        { name: '研发强度6%的市级技术中心企业', facts: facts({ rd_expense: { [s(L)]: 120 * WAN }, main_revenue: { [s(L)]: 2000 * WAN } }, { certifications: [{ code: 'enterprise_tech_center', awardedOn: `${L - 2}-10-15`, expiresOn: null, isRenewal: false, level: 'city' }] }), expectedOutcome: 'eligible', expectedAmountFen: 5 * WAN },
        { name: '研发强度4%（差1%）', facts: facts({ rd_expense: { [s(L)]: 94 * WAN }, main_revenue: { [s(L)]: 2350 * WAN } }, { certifications: [{ code: 'enterprise_tech_center', awardedOn: `${L - 2}-10-15`, expiresOn: null, isRenewal: false, level: 'city' }] }), expectedOutcome: 'ineligible' },
        { name: '县级技术中心（须市级以上）', facts: facts({ rd_expense: { [s(L)]: 120 * WAN }, main_revenue: { [s(L)]: 2000 * WAN } }, { certifications: [{ code: 'enterprise_tech_center', awardedOn: `${L - 2}-10-15`, expiresOn: null, isRenewal: false, level: 'county' }] }), expectedOutcome: 'ineligible' },
        { name: '分公司（非独立法人）', facts: facts({ rd_expense: { [s(L)]: 120 * WAN }, main_revenue: { [s(L)]: 2000 * WAN } }, { attributes: { industry_code: '3453', town: '桂溪街道', enterprise_type: 'branch', registered_on: '2016-05-16', registered_capital: 1000 * WAN }, certifications: [{ code: 'enterprise_tech_center', awardedOn: `${L - 2}-10-15`, expiresOn: null, isRenewal: false, level: 'city' }] }), expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'jxw',
      title: '成长型微型企业扶持资金',
      documentNo: `垫经信发〔${R}〕15号`,
      summary: '对持有有效成长型微型企业认定、上年度从业人员不超过20人的企业，给予3万元创业扶持资金。',
      sourceText: '第十二条 经认定的成长型微型企业，上年度从业人员20人以下的，给予3万元扶持资金。',
      interpretation: '认定有效期两年，期内可申报一次。',
      qa: qa(['扶持资金可以用于什么？', '用于设备购置、技术改造、市场开拓等生产经营支出。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['小微企业', '创业'],
      rule: { all: [{ certification: 'growth_micro', test: 'heldOn' }, { left: fact('employees'), op: '<=', right: { people: 20 } }] },
      benefit: { amount: { fixed: { wan: 3 } } },
      golden: [
        { name: '12人的成长型微型企业', facts: facts({ employees: { [s(L)]: 12 } }, { certifications: [{ code: 'growth_micro', awardedOn: `${L}-09-10`, expiresOn: `${L + 2}-09-01`, isRenewal: false }] }), expectedOutcome: 'eligible', expectedAmountFen: 3 * WAN },
        { name: '35人', facts: facts({ employees: { [s(L)]: 35 } }, { certifications: [{ code: 'growth_micro', awardedOn: `${L}-09-10`, expiresOn: `${L + 2}-09-01`, isRenewal: false }] }), expectedOutcome: 'ineligible' },
      ],
      draft: { summary: '（修订中）拟将扶持资金提高至5万元。', benefit: { amount: { fixed: { wan: 5 } } } },
    },

    // ==================================================================================================
    // 县科学技术局 (5)
    {
      department: 'kjj',
      title: '高新技术企业首次认定奖励',
      documentNo: `垫科发〔${R}〕3号`,
      summary: '对上年度首次认定的国家高新技术企业，免申即享一次性奖励10万元；重新认定的不予奖励。',
      sourceText: '第三条 对首次认定的高新技术企业给予一次性奖励10万元，由县科技局根据认定名单直接兑付，企业无需申报。重新认定的不再奖励。',
      interpretation: '本政策“免申即享”：平台根据市科技局公布的认定名单自动确定名单，公示后直接拨付。',
      qa: qa(['需要提交材料吗？', '不需要。请确保企业基本户信息准确。'], ['重新认定的企业有奖励吗？', '没有，仅奖励首次认定。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      applyFrom: null,
      applyUntil: null,
      tags: ['高新技术企业', '免申即享'],
      isAutoGrant: true,
      rule: { clause: '上年度首次认定为高新技术企业', certification: 'high_tech', test: 'firstAwardedIn', year: ago(1) },
      benefit: { amount: { fixed: { wan: 10 } } },
      golden: [
        { name: `${L}年首次认定`, facts: facts({}, { certifications: [{ code: 'high_tech', awardedOn: `${L}-12-01`, expiresOn: `${L + 3}-12-01`, isRenewal: false }] }), expectedOutcome: 'eligible', expectedAmountFen: 10 * WAN },
        { name: `${L - 1}年首次认定`, facts: facts({}, { certifications: [{ code: 'high_tech', awardedOn: `${L - 1}-11-26`, expiresOn: `${L + 2}-11-26`, isRenewal: false }] }), expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'kjj',
      title: '高新技术企业研发投入补助',
      documentNo: `垫科发〔${R}〕5号`,
      summary: '对有效期内的高新技术企业，按上年度研发费用的10%给予补助，最高50万元。',
      sourceText: '第五条 高新技术企业上年度研发费用的10%给予研发投入补助，单个企业年度最高50万元，最低1万元。',
      interpretation: '研发费用以税务部门加计扣除申报数为准；补助与其他研发类补助可叠加。',
      qa: qa(['研发费用为零能申报吗？', '不能，研发费用须大于零。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['研发', '高新技术企业'],
      rule: { all: [{ certification: 'high_tech', test: 'heldOn' }, { clause: '上年度有研发投入', left: fact('rd_expense'), op: '>', right: { fen: 0 } }] },
      benefit: { amount: { percentOf: fact('rd_expense'), rate: { percent: 10 }, cap: { wan: 50 }, floor: { wan: 1 } } },
      formFields: [accountField],
      golden: [
        { name: '研发费用94万元', facts: facts({ rd_expense: { [s(L)]: 94 * WAN } }, { certifications: [{ code: 'high_tech', awardedOn: `${L - 1}-11-26`, expiresOn: `${L + 2}-11-26`, isRenewal: false }] }), expectedOutcome: 'eligible', expectedAmountFen: 9.4 * WAN },
        { name: '研发费用900万元（封顶）', facts: facts({ rd_expense: { [s(L)]: 900 * WAN } }, { certifications: [{ code: 'high_tech', awardedOn: `${L - 1}-11-26`, expiresOn: `${L + 2}-11-26`, isRenewal: false }] }), expectedOutcome: 'eligible', expectedAmountFen: 50 * WAN },
        { name: '高新证书已过期', facts: facts({ rd_expense: { [s(L)]: 94 * WAN } }, { certifications: [{ code: 'high_tech', awardedOn: `${L - 4}-11-26`, expiresOn: `${L - 1}-11-26`, isRenewal: false }] }), expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'kjj',
      title: '科技型中小企业研发费用补助',
      documentNo: `垫科发〔${R}〕6号`,
      summary: '对入库科技型中小企业，按上年度研发费用的5%给予补助，最高10万元。',
      sourceText: '第六条 评价入库的科技型中小企业，上年度研发费用10万元以上的，按研发费用的5%给予补助，最高10万元。',
      interpretation: '以全国科技型中小企业信息服务平台入库编号为准，当年入库有效。',
      qa: qa(['当年未入库可以申报吗？', '不可以，须在评估日持有有效入库登记。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['研发', '科技型中小企业'],
      rule: { all: [{ certification: 'tech_sme', test: 'heldOn' }, ge('rd_expense', { wan: 10 }, ago(1), '上年度研发费用10万元以上')] },
      benefit: { amount: { percentOf: fact('rd_expense'), rate: { percent: 5 }, cap: { wan: 10 } } },
      golden: [
        { name: '研发费用94万元', facts: facts({ rd_expense: { [s(L)]: 94 * WAN } }, { certifications: [{ code: 'tech_sme', awardedOn: `${L}-05-20`, expiresOn: `${R}-12-31`, isRenewal: false }] }), expectedOutcome: 'eligible', expectedAmountFen: 4.7 * WAN },
        { name: '研发费用8万元', facts: facts({ rd_expense: { [s(L)]: 8 * WAN } }, { certifications: [{ code: 'tech_sme', awardedOn: `${L}-05-20`, expiresOn: `${R}-12-31`, isRenewal: false }] }), expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'kjj',
      title: '高新技术企业培育库入库奖励',
      documentNo: `垫科发〔${R}〕7号`,
      summary: '对尚未认定高新技术企业、研发投入和科技人员比例达到高企标准的科技型中小企业，入库培育并奖励5万元。',
      sourceText: '第七条 科技型中小企业近三年研发费用总额占同期销售收入总额的比例符合高新技术企业认定标准（上年度销售收入5000万元以下的不低于5%，5000万元至2亿元的不低于4%，2亿元以上的不低于3%），且上年度科技人员占职工总数不低于10%的，纳入高企培育库，给予5万元奖励。',
      interpretation: '比例按高新技术企业认定管理办法的口径计算，三年合计。',
      qa: qa(['已是高新技术企业还能入库吗？', '不能，培育库面向尚未认定的企业。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['高企培育', '研发'],
      rule: {
        all: [
          { clause: '尚未认定为高新技术企业', not: { certification: 'high_tech', test: 'heldOn' } },
          { certification: 'tech_sme', test: 'heldOn' },
          {
            clause: '近三年研发费用总额占同期销售收入总额的比例符合要求',
            value: { ratio: [{ sum: [fact('rd_expense', ago(3)), fact('rd_expense', ago(2)), fact('rd_expense', ago(1))] }, { sum: [fact('operating_revenue', ago(3)), fact('operating_revenue', ago(2)), fact('operating_revenue', ago(1))] }] },
            op: '>=',
            by: fact('operating_revenue'),
            bands: [{ upTo: { wan: 5000 }, inclusive: true, bound: { percent: 5 } }, { upTo: { yi: 2 }, inclusive: true, bound: { percent: 4 } }, { bound: { percent: 3 } }],
          },
          { clause: '科技人员占职工总数10%以上', left: { ratio: [fact('science_staff'), fact('employees')] }, op: '>=', right: { percent: 10 } },
        ],
      },
      benefit: { amount: { fixed: { wan: 5 } } },
      golden: [
        {
          name: '研发强度6%、科技人员15%',
          facts: facts({ rd_expense: { [s(L - 2)]: 60 * WAN, [s(L - 1)]: 60 * WAN, [s(L)]: 60 * WAN }, operating_revenue: { [s(L - 2)]: 1000 * WAN, [s(L - 1)]: 1000 * WAN, [s(L)]: 1000 * WAN }, science_staff: { [s(L)]: 6 }, employees: { [s(L)]: 40 } }, { certifications: [{ code: 'tech_sme', awardedOn: `${L}-05-20`, expiresOn: `${R}-12-31`, isRenewal: false }] }),
          expectedOutcome: 'eligible',
          expectedAmountFen: 5 * WAN,
        },
        {
          name: '研发强度3.8%（销售收入5000万元以下须5%）',
          facts: facts({ rd_expense: { [s(L - 2)]: 56.3 * WAN, [s(L - 1)]: 72.5 * WAN, [s(L)]: 94 * WAN }, operating_revenue: { [s(L - 2)]: 1565 * WAN, [s(L - 1)]: 1912 * WAN, [s(L)]: 2410 * WAN }, science_staff: { [s(L)]: 12 }, employees: { [s(L)]: 85 } }, { certifications: [{ code: 'tech_sme', awardedOn: `${L}-05-20`, expiresOn: `${R}-12-31`, isRenewal: false }] }),
          expectedOutcome: 'ineligible',
        },
      ],
    },
    {
      department: 'kjj',
      title: '新型研发机构建设补助',
      documentNo: `垫科发〔${R}〕9号`,
      summary: '对研发投入和科技人员达到规模的企业研发机构，分三年给予10万、20万、30万元建设补助。',
      sourceText: '第九条 企业上年度研发费用500万元以上，且科技人员20人以上或拥有有效发明专利5件以上、或持有企业技术中心认定（满足其中两项），经认定为新型研发机构的，分三年给予10万元、20万元、30万元补助。',
      interpretation: '三年补助按年度考核拨付，考核不合格的停止后续拨付。',
      qa: qa(['“满足其中两项”指什么？', '科技人员20人以上、有效发明专利5件以上、持有企业技术中心认定，三项满足任意两项。']),
      validFrom: yearStart,
      validUntil: `${R + 2}-12-31`,
      ...later,
      tags: ['研发机构', '创新平台'],
      rule: {
        all: [
          ge('rd_expense', { wan: 500 }, ago(1), '上年度研发费用500万元以上'),
          {
            clause: '满足以下三项中的两项',
            atLeast: 2,
            of: [ge('science_staff', { people: 20 }), ge('invention_patents', { count: 5 }), { certification: 'enterprise_tech_center', test: 'heldOn' }],
          },
        ],
      },
      benefit: { amount: { installments: [{ wan: 10 }, { wan: 20 }, { wan: 30 }] }, firstYear: ago(0) },
      golden: [
        { name: '研发费用620万元、科技人员32人、技术中心', facts: facts({ rd_expense: { [s(L)]: 620 * WAN }, science_staff: { [s(L)]: 32 }, invention_patents: { [s(L)]: 2 } }, { certifications: [{ code: 'enterprise_tech_center', awardedOn: `${L - 3}-01-01`, expiresOn: null, isRenewal: false }] }), expectedOutcome: 'eligible', expectedAmountFen: 60 * WAN },
        { name: '仅满足一项', facts: facts({ rd_expense: { [s(L)]: 620 * WAN }, science_staff: { [s(L)]: 32 }, invention_patents: { [s(L)]: 2 } }), expectedOutcome: 'ineligible' },
      ],
    },

    // ==================================================================================================
    // 县财政局 (2)
    {
      department: 'czj',
      title: '小微企业融资担保费补助',
      documentNo: `垫财发〔${R}〕4号`,
      summary: '对上年度划型为小型、微型且信用良好的企业，给予融资担保费补助5000元。',
      sourceText: '第四条 小微企业通过政府性融资担保机构获得贷款的，按担保费给予补助，每户每年最高5000元。纳税信用等级为C级、D级或被列入失信被执行人名单的除外。',
      interpretation: '补助直接拨付至担保机构，冲抵企业应缴担保费。',
      qa: qa(['个体工商户可以申请吗？', '可以，按小微企业对待。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['融资', '小微企业'],
      rule: { all: [{ value: { fact: 'size_class', period: ago(1) }, in: ['small', 'micro'] }, { clause: '纳税信用非C、D级', not: { value: fact('tax_credit_grade'), in: ['C', 'D'] } }, notDishonest, { clause: '成立不满5年', left: { yearsSince: { fact: 'registered_on' } }, op: '<', right: { years: 5 } }] },
      benefit: { amount: { fixed: { yuan: 5000 } } },
      golden: [
        { name: '成立3年的微型企业', facts: facts({ tax_credit_grade: { [s(L)]: 'B' }, dishonest_debtor: { [s(L)]: 0 } }, { attributes: { registered_on: `${R - 3}-03-01` }, sizeClass: { [s(L)]: 'micro' } }), expectedOutcome: 'eligible', expectedAmountFen: 5000 * YUAN },
        { name: 'D级纳税人', facts: facts({ tax_credit_grade: { [s(L)]: 'D' }, dishonest_debtor: { [s(L)]: 0 } }, { attributes: { registered_on: `${R - 3}-03-01` }, sizeClass: { [s(L)]: 'micro' } }), expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'czj',
      title: '工业企业地方财力贡献奖励',
      documentNo: `垫财发〔${R}〕7号`,
      summary: '对上年度纳税500万元以上的工业企业，按纳税总额的5%给予奖励，最高100万元。',
      sourceText: '第七条 工业企业上年度纳税总额500万元以上的，按纳税总额的5%给予产业发展奖励，最高100万元。',
      interpretation: '纳税总额以税务部门入库数据为准，不含代扣代缴个人所得税。',
      qa: qa(['奖励资金是否需要缴税？', '按现行税法规定处理。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...closedEarlier,
      tags: ['工业', '财政奖励'],
      rule: { all: [industrial, ge('tax_paid', { wan: 500 }, ago(1), '上年度纳税500万元以上')] },
      benefit: { amount: { percentOf: fact('tax_paid'), rate: { percent: 5 }, cap: { wan: 100 } } },
      golden: [
        { name: '纳税860万元', facts: facts({ tax_paid: { [s(L)]: 860 * WAN } }), expectedOutcome: 'eligible', expectedAmountFen: 43 * WAN },
        { name: '纳税84.1万元', facts: facts({ tax_paid: { [s(L)]: 84.1 * WAN } }), expectedOutcome: 'ineligible' },
      ],
    },

    // ==================================================================================================
    // 县人力资源和社会保障局 (4)
    {
      department: 'rsj',
      title: '失业保险稳岗返还',
      documentNo: `垫人社发〔${R}〕11号`,
      summary: '对上年度不裁员或少裁员的参保企业，按上年度实际缴纳失业保险费的60%返还（按参保人数每人360元测算），免申即享。',
      sourceText: '第二条 参保企业上年度未裁员或裁员率不高于稳岗标准的（参保职工30人以下的企业，裁员人数不超过职工总数20%），按企业及其职工上年度实际缴纳失业保险费的60%返还。失信企业不予返还。',
      interpretation: '### 免申即享\n人社部门通过大数据比对确定返还名单，公示后直接返还至企业社保缴费账户，企业无需申请。\n\n### 裁员率怎么算？\n上年度末从业人数 ÷ 前一年度末从业人数，低于稳岗留存率标准的视为裁员超标。',
      qa: qa(['返还金额怎么算？', '按上年度实际缴纳失业保险费的60%；平台按参保人数每人360元估算，以社保部门核定为准。'], ['需要申请吗？', '不需要，符合条件的直接返还。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      applyFrom: null,
      applyUntil: null,
      tags: ['稳岗', '就业', '免申即享'],
      isAutoGrant: true,
      params: [{ name: 'stable_employment_retention', nameZh: '稳岗留存率标准', nameEn: 'Job retention standard', values: [{ from: '2023-01-01', value: { percent: '94.5' } }] }],
      rule: {
        all: [
          ge('insured_employees', { people: 1 }, ago(1), '上年度参加失业保险'),
          {
            clause: '未裁员或裁员率不高于稳岗标准',
            value: { ratio: [fact('employees', ago(1)), fact('employees', ago(2))] },
            op: '>=',
            by: fact('employees', ago(2)),
            bands: [{ upTo: { people: 30 }, inclusive: true, bound: { percent: 80 } }, { bound: { param: 'stable_employment_retention' } }],
          },
          notDishonest,
        ],
      },
      benefit: { clause: '按参保人数×人均失业保险费360元×60%口径测算', amount: { perHead: { yuan: 360 }, count: fact('insured_employees'), cap: { wan: 50 } } },
      golden: [
        { name: '参保80人、未裁员', facts: facts({ insured_employees: { [s(L)]: 80 }, employees: { [s(L - 1)]: 73, [s(L)]: 85 }, dishonest_debtor: { [s(L)]: 0 } }), expectedOutcome: 'eligible', expectedAmountFen: 80 * 360 * YUAN },
        { name: '从业人数由200人降至170人（留存率85%）', facts: facts({ insured_employees: { [s(L)]: 160 }, employees: { [s(L - 1)]: 200, [s(L)]: 170 }, dishonest_debtor: { [s(L)]: 0 } }), expectedOutcome: 'ineligible' },
        { name: '25人企业减员4人（小企业按80%）', facts: facts({ insured_employees: { [s(L)]: 21 }, employees: { [s(L - 1)]: 25, [s(L)]: 21 }, dishonest_debtor: { [s(L)]: 0 } }), expectedOutcome: 'eligible', expectedAmountFen: 21 * 360 * YUAN },
      ],
    },
    {
      department: 'rsj',
      title: '企业吸纳就业补贴',
      documentNo: `垫人社发〔${R}〕12号`,
      summary: '上年度新招用人员占职工总数10%以上（职工100人以上的企业为5%以上）的企业，按每人1000元给予补贴，最高10万元。',
      sourceText: '第三条 企业上年度新招用并参保的人员达到职工总数10%以上（职工总数100人以上的达到5%以上）的，按新招用人数每人1000元给予一次性吸纳就业补贴，单个企业最高10万元。',
      interpretation: '新招用人数以社保部门新增参保登记为准。',
      qa: qa(['劳务派遣人员算吗？', '不算，须为企业直接参保的职工。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['就业', '招工'],
      rule: {
        all: [
          ge('new_hires', { people: 1 }, ago(1), '上年度有新招用人员'),
          {
            clause: '新招用人员占职工总数比例达标',
            value: { ratio: [fact('new_hires'), fact('employees')] },
            op: '>=',
            by: fact('employees'),
            bands: [{ upTo: { people: 100 }, inclusive: true, bound: { percent: 10 } }, { bound: { percent: 5 } }],
          },
        ],
      },
      benefit: { amount: { perHead: { yuan: 1000 }, count: fact('new_hires'), cap: { wan: 10 } } },
      formFields: [accountField, { key: 'hireList', labelZh: '新招用人员花名册', labelEn: 'List of new hires', type: 'file', required: true }],
      golden: [
        { name: '85人新招16人', facts: facts({ new_hires: { [s(L)]: 16 }, employees: { [s(L)]: 85 } }), expectedOutcome: 'eligible', expectedAmountFen: 1.6 * WAN },
        { name: '85人新招5人（5.9%，须10%）', facts: facts({ new_hires: { [s(L)]: 5 }, employees: { [s(L)]: 85 } }), expectedOutcome: 'ineligible' },
        { name: '400人新招30人（7.5%，须5%）', facts: facts({ new_hires: { [s(L)]: 30 }, employees: { [s(L)]: 400 } }), expectedOutcome: 'eligible', expectedAmountFen: 3 * WAN },
      ],
    },
    {
      department: 'rsj',
      title: '初创企业一次性创业补贴',
      documentNo: `垫人社发〔${R}〕13号`,
      summary: '对成立不满3年、吸纳3人以上参保就业的小微企业，给予一次性创业补贴1万元。',
      sourceText: '第五条 登记注册不满3年的小微企业，正常经营并吸纳3人以上就业、依法参保的，给予一次性创业补贴1万元。',
      interpretation: '成立年限以营业执照成立日期计算至评估日。',
      qa: qa(['法定代表人本人算吸纳就业吗？', '以参保人数为准。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['创业', '小微企业'],
      rule: { all: [{ clause: '成立不满3年', left: { yearsSince: { fact: 'registered_on' } }, op: '<', right: { years: 3 } }, ge('insured_employees', { people: 3 }), { value: { fact: 'size_class', period: ago(1) }, in: ['small', 'micro'] }] },
      benefit: { amount: { fixed: { wan: 1 } } },
      golden: [
        { name: `${R - 2}年成立、参保5人`, facts: facts({ insured_employees: { [s(L)]: 5 } }, { attributes: { registered_on: `${R - 2}-06-01` }, sizeClass: { [s(L)]: 'micro' } }), expectedOutcome: 'eligible', expectedAmountFen: 1 * WAN },
        { name: '2016年成立', facts: facts({ insured_employees: { [s(L)]: 80 } }, { sizeClass: { [s(L)]: 'small' } }), expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'rsj',
      title: '规上企业职工技能培训补贴',
      documentNo: `垫人社发〔${R}〕15号`,
      summary: '对连续三年纳入规上统计、参保职工50人以上的工业企业开展职工培训，按参保人数每人200元给予补贴，最高5万元。',
      sourceText: '第六条 连续三年纳入规上统计的工业企业组织职工技能培训的，按上年度参保人数每人200元给予补贴，最高5万元。',
      interpretation: '培训须在人社部门备案，培训结束后申报。',
      qa: qa(['线上培训可以吗？', '可以，须有完整的学时记录。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['技能培训', '工业'],
      rule: { all: [industrial, { history: 'above_scale', test: 'heldConsecutive', year: ago(1), years: 3 }, ge('insured_employees', { people: 50 })] },
      benefit: { amount: { perHead: { yuan: 200 }, count: fact('insured_employees'), cap: { wan: 5 } } },
      formFields: [accountField, { key: 'trainingRecord', labelZh: '培训记录', labelEn: 'Training record', type: 'file', required: true }],
      golden: [
        { name: '连续三年规上、参保120人', facts: facts({ above_scale: { [s(L - 2)]: 1, [s(L - 1)]: 1, [s(L)]: 1 }, insured_employees: { [s(L)]: 120 } }), expectedOutcome: 'eligible', expectedAmountFen: 2.4 * WAN },
        { name: '仅上年度规上', facts: facts({ above_scale: { [s(L - 2)]: 0, [s(L - 1)]: 0, [s(L)]: 1 }, insured_employees: { [s(L)]: 80 } }), expectedOutcome: 'ineligible' },
      ],
    },

    // ==================================================================================================
    // 县商务委员会 (3)
    {
      department: 'sww',
      title: '外贸企业出口奖励',
      documentNo: `垫商务发〔${R}〕2号`,
      summary: '对上年度出口额100万元以上的企业，按出口额的1%给予奖励，最高20万元。',
      sourceText: '第二条 企业上年度自营出口额达到100万元的，按出口额的1%给予奖励，单个企业最高20万元。',
      interpretation: '出口额以海关、税务部门数据为准；没有出口数据的企业可在平台补充申报后核实。',
      qa: qa(['通过外贸综合服务企业出口的算吗？', '以企业自营出口为准。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['外贸', '出口'],
      rule: { all: [ge('exports', { wan: 100 }, ago(1), '上年度出口额100万元以上'), notFinanceOrRealEstate] },
      benefit: { amount: { percentOf: fact('exports'), rate: { percent: 1 }, cap: { wan: 20 } } },
      golden: [
        { name: '出口650万元', facts: facts({ exports: { [s(L)]: 650 * WAN } }), expectedOutcome: 'eligible', expectedAmountFen: 6.5 * WAN },
        { name: '出口60万元', facts: facts({ exports: { [s(L)]: 60 * WAN } }), expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'sww',
      title: '中小外贸企业出口信用保险保费补助',
      documentNo: `垫商务发〔${R}〕3号`,
      summary: '对上年度出口额5000万元以下的中小外贸企业投保出口信用保险，按出口额的0.2%补助保费，最高5万元。',
      sourceText: '第三条 上年度出口额5000万元以下的中小外贸企业投保短期出口信用保险的，按保费的50%给予补助（按出口额0.2%测算），最高5万元。',
      interpretation: '补助以实际缴纳保费为限。',
      qa: qa(['未投保可以申请吗？', '不可以，须提供保单。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['外贸', '出口信保'],
      rule: { clause: '上年度有出口且出口额5000万元以下', value: fact('exports'), between: [{ fen: 0 }, { wan: 5000 }], bounds: '(]' },
      benefit: { amount: { percentOf: fact('exports'), rate: { percent: '0.2' }, cap: { wan: 5 } } },
      formFields: [{ key: 'policyNo', labelZh: '出口信用保险保单号', labelEn: 'Export credit insurance policy number', type: 'text', required: true }],
      golden: [
        { name: '出口650万元', facts: facts({ exports: { [s(L)]: 650 * WAN } }), expectedOutcome: 'eligible', expectedAmountFen: 1.3 * WAN },
        { name: '出口1.2亿元', facts: facts({ exports: { [s(L)]: 12_000 * WAN } }), expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'sww',
      title: '限上商贸企业增长奖励',
      documentNo: `垫商务发〔${R}〕5号`,
      summary: '对上年度营业收入增速15%以上的限额以上批零住餐企业，给予3万元奖励。',
      sourceText: '第五条 限额以上批发、零售、住宿、餐饮企业上年度营业收入较前一年度增长15%以上的，给予3万元奖励。',
      interpretation: '增速 =（上年度营业收入 − 前一年度营业收入）÷ 前一年度营业收入。',
      qa: qa(['新入限企业可以申报吗？', '可以，须有前一年度营业收入数据。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['商贸', '稳增长'],
      rule: { all: [{ industry: { sections: ['F', 'H'] } }, { value: fact('above_scale'), is: true }, { clause: '营业收入增速15%以上', left: { growth: { fact: 'operating_revenue', from: ago(2), to: ago(1) } }, op: '>=', right: { percent: 15 } }] },
      benefit: { amount: { fixed: { wan: 3 } } },
      golden: [
        { name: '营收增长20%的限上零售企业', facts: facts({ above_scale: { [s(L)]: 1 }, operating_revenue: { [s(L - 1)]: 5000 * WAN, [s(L)]: 6000 * WAN } }, { attributes: { industry_code: '5212' } }), expectedOutcome: 'eligible', expectedAmountFen: 3 * WAN },
        { name: '营收增长8%', facts: facts({ above_scale: { [s(L)]: 1 }, operating_revenue: { [s(L - 1)]: 5000 * WAN, [s(L)]: 5400 * WAN } }, { attributes: { industry_code: '5212' } }), expectedOutcome: 'ineligible' },
      ],
    },

    // ==================================================================================================
    // 县市场监督管理局 (3)
    {
      department: 'scjgj',
      title: '发明专利奖励',
      documentNo: `垫市监发〔${R}〕4号`,
      summary: '按上年度末有效发明专利数量分档奖励：1件1万元，3件3万元，5件以上5万元。',
      sourceText: '第四条 企业上年度末拥有有效发明专利1件、3件、5件以上的，分别给予1万元、3万元、5万元奖励。上年度受到重大行政处罚的不予奖励。',
      interpretation: '有效发明专利数以知识产权部门数据为准。',
      qa: qa(['实用新型专利算吗？', '不算，本条仅针对发明专利。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['知识产权', '专利'],
      rule: { all: [ge('invention_patents', { count: 1 }, ago(1), '拥有有效发明专利'), noMajorPenalty] },
      benefit: { amount: { tiers: { by: fact('invention_patents'), steps: [{ atLeast: { count: 1 }, amount: { wan: 1 } }, { atLeast: { count: 3 }, amount: { wan: 3 } }, { atLeast: { count: 5 }, amount: { wan: 5 } }] } } },
      golden: [
        { name: '发明专利3件', facts: facts({ invention_patents: { [s(L)]: 3 }, major_admin_penalty: { [s(L)]: 0 } }), expectedOutcome: 'eligible', expectedAmountFen: 3 * WAN },
        { name: '受到重大行政处罚', facts: facts({ invention_patents: { [s(L)]: 6 }, major_admin_penalty: { [s(L)]: 1 } }), expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'scjgj',
      title: '诚信经营示范企业奖励',
      documentNo: `垫市监发〔${R}〕6号`,
      summary: '对连续三年无行政处罚、未列入失信名单的大中型企业，授予诚信经营示范企业并奖励5000元。',
      sourceText: '第六条 近三年无行政处罚记录、未被列入失信被执行人名单的大中型企业，经评定为诚信经营示范企业的，给予5000元奖励。',
      interpretation: '行政处罚记录以市场监管、信用中国数据为准。',
      qa: qa(['小型企业可以参评吗？', `本年度仅面向大中型企业，小微企业可关注${R + 1}年度政策。`]),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['诚信', '营商环境'],
      rule: {
        all: [
          { value: { fact: 'size_class', period: ago(1) }, in: ['large', 'medium'] },
          { clause: '近三年无行政处罚', all: [1, 2, 3].map((n) => ({ left: fact('admin_penalties', ago(n)), op: '==', right: { count: 0 } })) as RuleNode[] },
          notDishonest,
        ],
      },
      benefit: { amount: { fixed: { yuan: 5000 } } },
      golden: [
        { name: '中型企业三年无处罚', facts: facts({ admin_penalties: { [s(L - 2)]: 0, [s(L - 1)]: 0, [s(L)]: 0 }, dishonest_debtor: { [s(L)]: 0 } }, { sizeClass: { [s(L)]: 'medium' } }), expectedOutcome: 'eligible', expectedAmountFen: 5000 * YUAN },
        { name: '前年受过处罚', facts: facts({ admin_penalties: { [s(L - 2)]: 0, [s(L - 1)]: 1, [s(L)]: 0 }, dishonest_debtor: { [s(L)]: 0 } }, { sizeClass: { [s(L)]: 'medium' } }), expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'scjgj',
      title: '新设小微企业开办补助',
      documentNo: `垫市监发〔${R}〕7号`,
      summary: `对${L}年1月1日以后新设立、参保3人以上的小微企业，给予开办补助3000元。`,
      sourceText: `第七条 ${L}年1月1日以后在本县新设立的企业，上年度划型为小型或微型、参保职工3人以上的，给予开办补助3000元。`,
      interpretation: '成立日期以营业执照为准；分支机构不适用。',
      qa: qa(['个体户转为企业的算新设吗？', '算，以新营业执照成立日期为准。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['开办', '小微企业'],
      rule: { all: [{ clause: `${L}年以后成立`, left: { fact: 'registered_on' }, op: '>=', right: { date: `${L}-01-01` } }, { not: { value: { fact: 'enterprise_type' }, in: ['branch'] } }, { value: { fact: 'size_class', period: ago(1) }, in: ['small', 'micro'] }, ge('insured_employees', { people: 3 })] },
      benefit: { amount: { fixed: { yuan: 3000 } } },
      golden: [
        { name: `${L}年新设的微型企业`, facts: facts({ insured_employees: { [s(L)]: 4 } }, { attributes: { registered_on: `${L}-04-01` }, sizeClass: { [s(L)]: 'micro' } }), expectedOutcome: 'eligible', expectedAmountFen: 3000 * YUAN },
        { name: '分支机构', facts: facts({ insured_employees: { [s(L)]: 4 } }, { attributes: { registered_on: `${L}-04-01`, enterprise_type: 'branch' }, sizeClass: { [s(L)]: 'micro' } }), expectedOutcome: 'ineligible' },
      ],
    },

    // ==================================================================================================
    // 国家税务总局垫江县税务局 (4)
    {
      department: 'sw',
      title: '纳税信用A级企业激励',
      documentNo: `垫税发〔${R}〕1号`,
      summary: '对上年度纳税信用A级、纳税50万元以上的企业，免申即享“银税互动”授信激励及1万元奖励。',
      sourceText: '第二条 上年度纳税信用评价为A级且纳税总额50万元以上的企业，给予1万元诚信纳税奖励，由税务部门依据评价结果直接兑现。',
      interpretation: '### 免申即享\n评价结果公布后自动纳入名单，无需申请。',
      qa: qa(['B级企业可以吗？', '不可以，仅限A级。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      applyFrom: null,
      applyUntil: null,
      tags: ['纳税信用', '免申即享'],
      isAutoGrant: true,
      rule: { all: [{ clause: '上年度纳税信用A级', value: fact('tax_credit_grade'), in: ['A'] }, ge('tax_paid', { wan: 50 }, ago(1), '上年度纳税50万元以上')] },
      benefit: { amount: { fixed: { wan: 1 } } },
      golden: [
        { name: 'A级、纳税84.1万元', facts: facts({ tax_credit_grade: { [s(L)]: 'A' }, tax_paid: { [s(L)]: 84.1 * WAN } }), expectedOutcome: 'eligible', expectedAmountFen: 1 * WAN },
        { name: 'B级', facts: facts({ tax_credit_grade: { [s(L)]: 'B' }, tax_paid: { [s(L)]: 84.1 * WAN } }), expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'sw',
      title: '小型微利企业所得税优惠',
      documentNo: '财政部 税务总局公告2023年第12号',
      summary: '从业人数不超过300人、资产总额不超过5000万元、应纳税所得额不超过300万元的小型微利企业，减按25%计入应纳税所得额，按20%税率缴纳企业所得税（实际税负5%）。',
      sourceText: '对小型微利企业减按25%计算应纳税所得额，按20%的税率缴纳企业所得税政策，延续执行至2027年12月31日。小型微利企业是指从事国家非限制和禁止行业，且同时符合年度应纳税所得额不超过300万元、从业人数不超过300人、资产总额不超过5000万元等三个条件的企业。',
      interpretation: '### 免申即享\n申报企业所得税时由系统自动判断、自动享受。\n\n### 能省多少？\n实际税负由25%降至5%，平台按应纳税所得额的20%估算减免税额。',
      qa: qa(['需要备案吗？', '不需要，申报时自动享受。'], ['从业人数怎么算？', '按全年季度平均值确定；平台以年末数估算。']),
      validFrom: '2023-01-01',
      validUntil: '2027-12-31',
      applyFrom: null,
      applyUntil: null,
      tags: ['税费优惠', '小微企业', '免申即享'],
      isAutoGrant: true,
      rule: {
        clause: '小型微利企业',
        all: [
          { left: fact('employees'), op: '<=', right: { people: 300 } },
          { left: fact('total_assets'), op: '<=', right: { wan: 5000 } },
          { value: fact('taxable_income'), between: [{ fen: 0 }, { wan: 300 }], bounds: '(]' },
          notFinanceOrRealEstate,
        ],
      },
      benefit: { clause: '减免税额按应纳税所得额的20%估算', amount: { percentOf: fact('taxable_income'), rate: { percent: 20 } } },
      golden: [
        { name: '应纳税所得额196万元', facts: facts({ employees: { [s(L)]: 85 }, total_assets: { [s(L)]: 2460 * WAN }, taxable_income: { [s(L)]: 196 * WAN } }), expectedOutcome: 'eligible', expectedAmountFen: 39.2 * WAN },
        { name: '应纳税所得额320万元', facts: facts({ employees: { [s(L)]: 85 }, total_assets: { [s(L)]: 2460 * WAN }, taxable_income: { [s(L)]: 320 * WAN } }), expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'sw',
      title: '研发费用税前加计扣除',
      documentNo: '财政部 税务总局公告2023年第7号',
      summary: '企业开展研发活动实际发生的研发费用，在按规定据实扣除的基础上，再按实际发生额的100%在税前加计扣除（按25%税率测算减税额）。',
      sourceText: '企业开展研发活动中实际发生的研发费用，未形成无形资产计入当期损益的，在按规定据实扣除的基础上，自2023年1月1日起，再按照实际发生额的100%在税前加计扣除。烟草制造业、住宿和餐饮业、批发和零售业、房地产业、租赁和商务服务业、娱乐业不适用。',
      interpretation: '减税额 ≈ 研发费用 × 100% × 25%。可在预缴申报时享受。',
      qa: qa(['亏损企业能享受吗？', '可以，加计扣除形成的亏损可向以后年度结转。']),
      validFrom: '2023-01-01',
      validUntil: '2027-12-31',
      ...window(`${R}-01-01`, `${R}-05-31`),
      tags: ['税费优惠', '研发'],
      rule: {
        all: [
          { clause: '上年度有研发费用', left: fact('rd_expense'), op: '>', right: { fen: 0 } },
          { clause: '不属于负面清单行业', not: { industry: { divisionRanges: [['16', '16']], sections: ['F', 'H', 'K', 'L'], prefixes: ['90'] } } },
        ],
      },
      benefit: { clause: '减税额按研发费用×100%×25%估算', amount: { percentOf: fact('rd_expense'), rate: { percent: 25 } } },
      golden: [
        { name: '研发费用94万元的机械厂', facts: facts({ rd_expense: { [s(L)]: 94 * WAN } }), expectedOutcome: 'eligible', expectedAmountFen: 23.5 * WAN },
        { name: '批发企业', facts: facts({ rd_expense: { [s(L)]: 50 * WAN } }, { attributes: { industry_code: '5174' } }), expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'sw',
      title: '出口退税“容缺办理”提速',
      documentNo: `垫税发〔${R}〕3号`,
      summary: '对纳税信用A、B级的出口企业，出口退税容缺办理、3个工作日内退付。',
      sourceText: '第三条 纳税信用A级、B级出口企业申报出口退（免）税的，实行容缺办理，自受理之日起3个工作日内办结退税。',
      interpretation: '平台按上年度出口退税额估算可提速退付的金额。',
      qa: qa(['M级企业可以吗？', '不可以，须为A级或B级。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['出口退税', '外贸'],
      rule: { all: [{ left: fact('export_refunds'), op: '>', right: { fen: 0 } }, { value: fact('tax_credit_grade'), in: ['A', 'B'] }] },
      benefit: { clause: '提速退付金额按上年度出口退税额估算', amount: { percentOf: fact('export_refunds'), rate: { percent: 100 } } },
      golden: [
        { name: 'A级、退税80万元', facts: facts({ export_refunds: { [s(L)]: 80 * WAN }, tax_credit_grade: { [s(L)]: 'A' } }), expectedOutcome: 'eligible', expectedAmountFen: 80 * WAN },
        { name: 'M级', facts: facts({ export_refunds: { [s(L)]: 80 * WAN }, tax_credit_grade: { [s(L)]: 'M' } }), expectedOutcome: 'ineligible' },
      ],
    },

    // ==================================================================================================
    // 县农业农村委员会 (3)
    {
      department: 'nyncw',
      title: '农业产业化龙头企业奖励',
      documentNo: `垫农委发〔${R}〕5号`,
      summary: '对农业及农副食品加工、食品、饮料制造企业上年度营业收入2000万元以上的，给予10万元奖励。',
      sourceText: '第三条 从事农业生产或农副食品加工、食品制造、酒饮料和精制茶制造，上年度营业收入2000万元以上的县级以上农业产业化龙头企业，给予10万元奖励。',
      interpretation: '行业以营业执照所载主营行业为准。',
      qa: qa(['合作社可以申报吗？', '可以，符合营业收入条件即可。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['农业', '龙头企业'],
      rule: { all: [{ clause: '农业或农产品加工', industry: { sections: ['A'], divisionRanges: [['13', '15']] } }, ge('operating_revenue', { wan: 2000 })] },
      benefit: { amount: { fixed: { wan: 10 } } },
      golden: [
        { name: '营收3200万元的粮油加工企业', facts: facts({ operating_revenue: { [s(L)]: 3200 * WAN } }, { attributes: { industry_code: '1331' } }), expectedOutcome: 'eligible', expectedAmountFen: 10 * WAN },
        { name: '机械厂', facts: facts({ operating_revenue: { [s(L)]: 3200 * WAN } }), expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'nyncw',
      title: '农民专业合作社示范社奖补',
      documentNo: `垫农委发〔${R}〕7号`,
      summary: '对上年度经营收入100万元以上的农民专业合作社，给予3万元示范社奖补。',
      sourceText: '第五条 农民专业合作社上年度经营收入达到100万元的，择优评定为县级示范社，给予3万元奖补。',
      interpretation: '经营收入以合作社财务报表为准。',
      qa: qa(['公司可以申报吗？', '不可以，仅限农民专业合作社。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['农业', '合作社'],
      rule: { all: [{ value: { fact: 'enterprise_type' }, in: ['cooperative'] }, ge('operating_revenue', { wan: 100 })] },
      benefit: { amount: { fixed: { wan: 3 } } },
      golden: [
        { name: '经营收入180万元的合作社', facts: facts({ operating_revenue: { [s(L)]: 180 * WAN } }, { attributes: { industry_code: '0141', enterprise_type: 'cooperative' } }), expectedOutcome: 'eligible', expectedAmountFen: 3 * WAN },
        { name: '经营收入60万元', facts: facts({ operating_revenue: { [s(L)]: 60 * WAN } }, { attributes: { industry_code: '0141', enterprise_type: 'cooperative' } }), expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'nyncw',
      title: '特色农业（牡丹、柚子）产业园区入园奖励',
      documentNo: `垫农委发〔${R}〕9号`,
      summary: '对在澄溪镇、太平镇、沙坪镇特色农业园区从事种植养殖的农业企业，资产总额500万元以上的给予2万元奖励。',
      sourceText: '第六条 在牡丹、晚熟柚特色产业园区（澄溪镇、太平镇、沙坪镇）从事农业生产经营，上年度末资产总额500万元以上的企业，给予2万元入园奖励。',
      interpretation: '园区范围以县农业农村委公布的乡镇为准。',
      qa: qa(['其他镇的企业可以申报吗？', '本政策仅限三个园区所在镇。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['农业', '产业园区'],
      rule: { all: [{ industry: { sections: ['A'] } }, { clause: '园区所在镇', value: { fact: 'town' }, in: ['澄溪镇', '太平镇', '沙坪镇'] }, ge('total_assets', { wan: 500 })] },
      benefit: { amount: { fixed: { wan: 2 } } },
      golden: [
        { name: '澄溪镇的种植企业', facts: facts({ total_assets: { [s(L)]: 800 * WAN } }, { attributes: { industry_code: '0151', town: '澄溪镇' } }), expectedOutcome: 'eligible', expectedAmountFen: 2 * WAN },
        { name: '桂阳街道的种植企业', facts: facts({ total_assets: { [s(L)]: 800 * WAN } }, { attributes: { industry_code: '0151', town: '桂阳街道' } }), expectedOutcome: 'ineligible' },
      ],
    },

    // ==================================================================================================
    // 县住房和城乡建设委员会 (2)
    {
      department: 'zjw',
      title: '建筑业企业入库奖励',
      documentNo: `垫住建发〔${R}〕3号`,
      summary: '对具有建筑业资质、上年度新纳入建筑业统计的企业，给予10万元奖励。',
      sourceText: '第三条 具有建筑业企业资质、上年度新纳入资质等级建筑业统计的企业，给予一次性奖励10万元。',
      interpretation: '资质以住建部门资质证书为准。',
      qa: qa(['劳务分包企业可以吗？', '须具有施工总承包或专业承包资质。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['建筑业', '入库'],
      rule: { all: [{ industry: { sections: ['E'] } }, { value: fact('construction_qualification'), is: true }, { history: 'above_scale', test: 'entry', year: ago(1) }] },
      benefit: { amount: { fixed: { wan: 10 } } },
      golden: [
        { name: '新入库的建筑企业', facts: facts({ construction_qualification: { [s(L)]: 1 }, above_scale: { [s(L - 1)]: 0, [s(L)]: 1 } }, { attributes: { industry_code: '4710' } }), expectedOutcome: 'eligible', expectedAmountFen: 10 * WAN },
        { name: '无资质', facts: facts({ construction_qualification: { [s(L)]: 0 }, above_scale: { [s(L - 1)]: 0, [s(L)]: 1 } }, { attributes: { industry_code: '4710' } }), expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'zjw',
      title: '建筑业企业产值增长奖励',
      documentNo: `垫住建发〔${R}〕4号`,
      summary: '对上年度营业收入1亿元以上且增长10%以上的建筑业企业，给予5万元奖励。',
      sourceText: '第四条 建筑业企业上年度营业收入1亿元以上、增速10%以上的，给予5万元奖励。',
      interpretation: '营业收入以统计年报为准。',
      qa: qa(['外地入驻的建筑企业可以吗？', '须在本县依法纳统。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...later,
      tags: ['建筑业', '稳增长'],
      rule: { all: [{ industry: { sections: ['E'] } }, ge('operating_revenue', { yi: 1 }), { left: { growth: { fact: 'operating_revenue', from: ago(2), to: ago(1) } }, op: '>=', right: { percent: 10 } }] },
      benefit: { amount: { fixed: { wan: 5 } } },
      golden: [
        { name: '营收1.5亿元、增长25%', facts: facts({ operating_revenue: { [s(L - 1)]: 12_000 * WAN, [s(L)]: 15_000 * WAN } }, { attributes: { industry_code: '4710' } }), expectedOutcome: 'eligible', expectedAmountFen: 5 * WAN },
        { name: '营收8000万元', facts: facts({ operating_revenue: { [s(L - 1)]: 6000 * WAN, [s(L)]: 8000 * WAN } }, { attributes: { industry_code: '4710' } }), expectedOutcome: 'ineligible' },
      ],
    },

    // ==================================================================================================
    // 县文化和旅游发展委员会 (2)
    {
      department: 'whlyw',
      title: '住宿餐饮企业文旅消费补贴',
      documentNo: `垫文旅发〔${R}〕2号`,
      summary: '对城区（桂阳街道、桂溪街道）及高峰镇、澄溪镇的住宿餐饮企业参与文旅消费季活动，给予1万元补贴。',
      sourceText: '第二条 参与“牡丹文化节”“柚子采摘季”文旅消费季活动的住宿餐饮企业，给予1万元活动补贴。',
      interpretation: '活动参与情况以文旅委登记为准。',
      qa: qa(['需要提供什么材料？', '活动照片和消费券核销记录。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['文旅', '消费'],
      rule: { all: [{ industry: { sections: ['H'] } }, { value: { fact: 'town' }, in: ['桂阳街道', '桂溪街道', '高峰镇', '澄溪镇'] }] },
      benefit: { amount: { fixed: { wan: 1 } } },
      formFields: [{ key: 'activityPhotos', labelZh: '活动照片', labelEn: 'Activity photos', type: 'file', required: true }],
      golden: [
        { name: '桂阳街道的餐馆', facts: facts({}, { attributes: { industry_code: '6210', town: '桂阳街道' } }), expectedOutcome: 'eligible', expectedAmountFen: 1 * WAN },
        { name: '大石乡的餐馆', facts: facts({}, { attributes: { industry_code: '6210', town: '大石乡' } }), expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'whlyw',
      title: '文化体育娱乐企业稳岗补助',
      documentNo: `垫文旅发〔${R}〕4号`,
      summary: '对从业人员10人以上的文化、体育和娱乐业企业，给予2万元补助。',
      sourceText: '第四条 文化、体育和娱乐业企业上年度从业人员10人以上的，给予2万元稳岗补助。',
      interpretation: '行业以国民经济行业分类门类R为准。',
      qa: qa(['网吧属于吗？', '属于娱乐业，可以申报。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['文旅', '稳岗'],
      rule: { all: [{ industry: { sections: ['R'] } }, ge('employees', { people: 10 })] },
      benefit: { amount: { fixed: { wan: 2 } } },
      golden: [
        { name: '15人的文化公司', facts: facts({ employees: { [s(L)]: 15 } }, { attributes: { industry_code: '8710' } }), expectedOutcome: 'eligible', expectedAmountFen: 2 * WAN },
        { name: '6人', facts: facts({ employees: { [s(L)]: 6 } }, { attributes: { industry_code: '8710' } }), expectedOutcome: 'ineligible' },
      ],
    },

    // ==================================================================================================
    // 县统计局 (2)
    {
      department: 'tjj',
      title: '首次入统企业统计工作经费补助',
      documentNo: `垫统发〔${R}〕2号`,
      summary: `对${L}年度首次纳入“四上”统计的企业，免申即享2万元统计工作经费补助；与新升规奖励择优享受。`,
      sourceText: `第二条 对${L}年度首次纳入规模以上（限额以上）统计的企业，给予2万元统计工作经费补助，用于统计台账建设。已享受县经信委新升规奖励的，按就高原则不重复享受。`,
      interpretation: '### 免申即享\n统计局依据名录自动确定名单。与经信委“新升规奖励”属同一事项，平台按金额较高者计算。',
      qa: qa(['需要申报吗？', '不需要。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      applyFrom: null,
      applyUntil: null,
      tags: ['入统', '免申即享'],
      isAutoGrant: true,
      exclusionGroup: '新升规奖励',
      rule: { clause: `${L}年度首次纳入四上统计`, history: 'above_scale', test: 'firstEntry', year: { year: L }, since: L - 2 },
      benefit: { amount: { fixed: { wan: 2 } } },
      golden: [
        { name: `${L}年首次入统`, facts: facts({ above_scale: { [s(L - 2)]: 0, [s(L - 1)]: 0, [s(L)]: 1 } }), expectedOutcome: 'eligible', expectedAmountFen: 2 * WAN },
        { name: '一直在库', facts: facts({ above_scale: { [s(L - 2)]: 1, [s(L - 1)]: 1, [s(L)]: 1 } }), expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'tjj',
      title: '统计规范化建设达标奖励',
      documentNo: `垫统发〔${R}〕3号`,
      summary: '对连续三年在库、统计台账规范的“四上”企业，给予5000元奖励。',
      sourceText: '第三条 连续三年纳入“四上”统计且统计台账建设达标的企业，给予5000元奖励。',
      interpretation: '台账达标以统计局检查结果为准。',
      qa: qa(['怎么证明台账达标？', '由统计局现场检查认定。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['统计'],
      rule: { history: 'above_scale', test: 'heldConsecutive', year: ago(1), years: 3 },
      benefit: { amount: { fixed: { yuan: 5000 } } },
      golden: [
        { name: '连续三年在库', facts: facts({ above_scale: { [s(L - 2)]: 1, [s(L - 1)]: 1, [s(L)]: 1 } }), expectedOutcome: 'eligible', expectedAmountFen: 5000 * YUAN },
        { name: '中间一年不在库', facts: facts({ above_scale: { [s(L - 2)]: 1, [s(L - 1)]: 0, [s(L)]: 1 } }), expectedOutcome: 'ineligible' },
      ],
    },

    // ==================================================================================================
    // 县政府金融工作办公室 (2)
    {
      department: 'jrb',
      title: '企业上市挂牌培育奖励',
      documentNo: `垫金融办发〔${R}〕1号`,
      summary: '对上年度营业收入2000万元以上、近三年营业收入增长30%以上的企业完成股份制改造，给予50万元奖励，分两年拨付。',
      sourceText: '第四条 上年度营业收入2000万元以上、近三年营业收入累计增长30%以上的企业完成股份制改造并进入上市后备资源库的，给予50万元奖励，分两年各拨付50%。',
      interpretation: '近三年增长 =（上年度营业收入 − 三年前营业收入）÷ 三年前营业收入。',
      qa: qa(['需要先完成股改吗？', '是的，以股份有限公司登记为准。']),
      validFrom: yearStart,
      validUntil: `${R + 2}-12-31`,
      ...open,
      tags: ['上市', '股改', '金融'],
      rule: { all: [ge('operating_revenue', { wan: 2000 }), { clause: '近三年营业收入增长30%以上', left: { growth: { fact: 'operating_revenue', from: ago(4), to: ago(1) } }, op: '>=', right: { percent: 30 } }, notFinanceOrRealEstate] },
      benefit: { amount: { fixed: { wan: 50 } }, split: [50, 50], firstYear: ago(0) },
      golden: [
        { name: '营收由1500万元增至2410万元', facts: facts({ operating_revenue: { [s(L - 3)]: 1500 * WAN, [s(L)]: 2410 * WAN } }), expectedOutcome: 'eligible', expectedAmountFen: 50 * WAN },
        { name: '三年增长10%', facts: facts({ operating_revenue: { [s(L - 3)]: 2200 * WAN, [s(L)]: 2420 * WAN } }), expectedOutcome: 'ineligible' },
        { name: '缺三年前的营业收入', facts: facts({ operating_revenue: { [s(L)]: 2410 * WAN } }), expectedOutcome: 'unknown', expectedAmountFen: null },
      ],
    },
    {
      department: 'jrb',
      title: '“垫易贷”初创企业首贷贴息',
      documentNo: `垫金融办发〔${R}〕3号`,
      summary: '对成立不满5年、纳税信用A、B、M级的小微企业首次获得银行贷款的，按贷款利息给予贴息，最高2万元（按1万元测算）。',
      sourceText: '第五条 成立不满5年的小微企业通过“垫易贷”首次获得银行贷款的，给予贷款利息50%的贴息，最高2万元。',
      interpretation: '贴息金额以实际付息凭证核定；平台按1万元估算。',
      qa: qa(['续贷可以贴息吗？', '不可以，仅限首贷。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['融资', '首贷', '垫易贷'],
      rule: { all: [{ left: { yearsSince: { fact: 'registered_on' } }, op: '<', right: { years: 5 } }, { value: { fact: 'size_class', period: ago(1) }, in: ['small', 'micro'] }, { value: fact('tax_credit_grade'), in: ['A', 'B', 'M'] }, notDishonest] },
      benefit: { amount: { fixed: { wan: 1 } } },
      golden: [
        { name: '成立2年的微型企业', facts: facts({ tax_credit_grade: { [s(L)]: 'M' }, dishonest_debtor: { [s(L)]: 0 } }, { attributes: { registered_on: `${R - 2}-01-10` }, sizeClass: { [s(L)]: 'micro' } }), expectedOutcome: 'eligible', expectedAmountFen: 1 * WAN },
        { name: '成立10年', facts: facts({ tax_credit_grade: { [s(L)]: 'A' }, dishonest_debtor: { [s(L)]: 0 } }, { sizeClass: { [s(L)]: 'small' } }), expectedOutcome: 'ineligible' },
      ],
    },

    // ==================================================================================================
    // 县生态环境局 (2)
    {
      department: 'sthjj',
      title: '重点用能企业清洁生产审核补助',
      documentNo: `垫环发〔${R}〕5号`,
      summary: '对上年度用电量500万千瓦时以上、未受重大行政处罚的工业企业完成清洁生产审核，给予5万元补助。',
      sourceText: '第三条 重点用能工业企业（上年度用电量500万千瓦时以上）通过清洁生产审核评估验收的，给予5万元补助。上年度受到重大环境行政处罚的不予支持。',
      interpretation: '审核须由具备资质的咨询机构开展并通过验收。',
      qa: qa(['审核费用能报销吗？', '补助用于冲抵审核费用。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['环保', '清洁生产'],
      rule: { all: [industrial, ge('electricity_kwh', { kwh: 5_000_000 }), noMajorPenalty] },
      benefit: { amount: { fixed: { wan: 5 } } },
      golden: [
        { name: '用电620万千瓦时', facts: facts({ electricity_kwh: { [s(L)]: 6_200_000 }, major_admin_penalty: { [s(L)]: 0 } }), expectedOutcome: 'eligible', expectedAmountFen: 5 * WAN },
        { name: '用电81.2万千瓦时', facts: facts({ electricity_kwh: { [s(L)]: 812_000 }, major_admin_penalty: { [s(L)]: 0 } }), expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'sthjj',
      title: '工业企业节能降耗奖励',
      documentNo: `垫环发〔${R}〕7号`,
      summary: '对上年度用电量下降而产值增长的规上工业企业，给予3万元节能降耗奖励。',
      sourceText: '第五条 规上工业企业上年度用电量较前一年度下降、工业总产值较前一年度增长的，视为单位产值能耗下降，给予3万元奖励。',
      interpretation: '用电量以供电公司数据为准，产值以统计年报为准。',
      qa: qa(['用电量持平的可以吗？', '不可以，须下降。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['环保', '节能'],
      rule: {
        all: [
          industrial,
          { clause: '上年度用电量下降', left: { change: { fact: 'electricity_kwh', from: ago(2), to: ago(1) } }, op: '<', right: { kwh: 0 } },
          { clause: '上年度工业总产值增长', left: { change: { fact: 'industrial_output', from: ago(2), to: ago(1) } }, op: '>', right: { fen: 0 } },
        ],
      },
      benefit: { amount: { fixed: { wan: 3 } } },
      golden: [
        { name: '用电降、产值增', facts: facts({ electricity_kwh: { [s(L - 1)]: 900_000, [s(L)]: 850_000 }, industrial_output: { [s(L - 1)]: 3000 * WAN, [s(L)]: 3300 * WAN } }), expectedOutcome: 'eligible', expectedAmountFen: 3 * WAN },
        { name: '用电增加', facts: facts({ electricity_kwh: { [s(L - 1)]: 655_000, [s(L)]: 812_000 }, industrial_output: { [s(L - 1)]: 1900 * WAN, [s(L)]: 2444 * WAN } }), expectedOutcome: 'ineligible' },
      ],
    },

    // ==================================================================================================
    // Issue 12 constructs (appended so the policies above keep their codes and the history its draw):
    // 按情形 (cases), 最高 X (upTo) with reviewer-judged criteria (待评审), eligibility only.
    {
      department: 'kjj',
      showcase: 'issue12',
      title: '企业研发投入分类后补助',
      documentNo: `垫科发〔${R}〕11号`,
      summary: '规上工业企业按上年度研发费用的10%给予后补助，最高50万元；其他企业上年度研发费用50万元以上的给予定额5万元。',
      sourceText:
        '第四条 对上年度研发费用50万元以上的企业给予研发投入后补助：（一）规模以上工业企业，按上年度研发费用的10%给予补助，最高不超过50万元；（二）其他企业，给予定额补助5万元。同一企业按所属情形享受一项。',
      interpretation: '### 按情形（先符合者适用）\n1. 上年度为规上工业企业：研发费用 × 10%，最高50万元；\n2. 其他：定额5万元。\n\n核定金额以所适用情形为上限，不得按其他情形的上限核定。',
      qa: qa(['规下企业能按10%申请吗？', '不能，规下企业适用第二种情形，定额5万元。'], ['研发费用怎么认定？', '以上年度研发费用加计扣除申报数为准。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['科技创新', '研发', '按情形'],
      rule: { clause: '上年度研发费用50万元以上', all: [ge('rd_expense', { wan: 50 }, ago(1), '上年度研发费用50万元以上'), notDishonest] },
      benefit: {
        clause: '规上工业企业按研发费用10%（最高50万元），其他企业定额5万元',
        amount: {
          cases: [{ clause: '上年度为规上工业企业', when: { all: [industrial, { value: fact('above_scale'), is: true }] }, amount: { percentOf: fact('rd_expense'), rate: { percent: 10 }, cap: { wan: 50 } } }],
          otherwise: { fixed: { wan: 5 } },
        },
      },
      golden: [
        { name: '规上机械厂，研发费用320万元 → 32万元', facts: facts({ rd_expense: { [s(L)]: 320 * WAN }, above_scale: { [s(L)]: 1 }, dishonest_debtor: { [s(L)]: 0 } }), expectedOutcome: 'eligible', expectedAmountFen: 32 * WAN },
        { name: '规上机械厂，研发费用900万元 → 封顶50万元', facts: facts({ rd_expense: { [s(L)]: 900 * WAN }, above_scale: { [s(L)]: 1 }, dishonest_debtor: { [s(L)]: 0 } }), expectedOutcome: 'eligible', expectedAmountFen: 50 * WAN },
        { name: '规下企业，研发费用120万元 → 定额5万元', facts: facts({ rd_expense: { [s(L)]: 120 * WAN }, above_scale: { [s(L)]: 0 }, dishonest_debtor: { [s(L)]: 0 } }), expectedOutcome: 'eligible', expectedAmountFen: 5 * WAN },
        { name: '研发费用30万元（不足50万元）', facts: facts({ rd_expense: { [s(L)]: 30 * WAN }, above_scale: { [s(L)]: 1 }, dishonest_debtor: { [s(L)]: 0 } }), expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'kjj',
      showcase: 'issue12',
      title: '产业链协同创新项目补助',
      documentNo: `垫科发〔${R}〕12号`,
      summary: '对上年度研发费用100万元以上、符合县重点产业链方向、经专家评审通过的协同创新项目，给予最高30万元补助。',
      sourceText:
        '第五条 支持企业围绕装备制造、食品加工等重点产业链开展协同创新。申报企业上年度研发费用100万元以上、经营状况良好，项目符合产业方向并经专家评审通过的，根据评审结果给予最高不超过30万元的补助。',
      interpretation: '### 硬性条件\n上年度研发费用100万元以上，未列入失信名单。\n\n### 待评审\n“经营状况良好”“符合产业方向”由评审人逐项判断并写明理由；补助金额由评审在30万元以内核定。',
      qa: qa(['补助金额怎么定？', '专家评审后在30万元以内核定，计算器只显示“最高30万元”。'], ['经营状况良好怎么认定？', '由评审人结合财务报表判断，并在审核意见中写明理由。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['科技创新', '产业链', '最高', '专家评审'],
      rule: {
        clause: '研发投入、经营状况、产业方向',
        all: [
          ge('rd_expense', { wan: 100 }, ago(1), '上年度研发费用100万元以上'),
          notDishonest,
          { review: '经营状况良好', reviewEn: 'In good standing' },
          { review: '项目符合县重点产业链方向（专家评审）', reviewEn: 'The project fits the county’s priority chains (expert review)' },
        ],
      },
      benefit: { clause: '最高30万元，评审核定', amount: { upTo: { wan: 30 } } },
      golden: [
        {
          name: '研发费用260万元，两项评审均通过 → 最高30万元（金额待评审核定）',
          facts: { ...facts({ rd_expense: { [s(L)]: 260 * WAN }, dishonest_debtor: { [s(L)]: 0 } }), reviews: { '/all/2': true, '/all/3': true } },
          expectedOutcome: 'eligible',
          expectedAmountFen: null,
        },
        { name: '研发费用260万元，尚未评审 → 待评审', facts: facts({ rd_expense: { [s(L)]: 260 * WAN }, dishonest_debtor: { [s(L)]: 0 } }), expectedOutcome: 'unknown' },
        { name: '研发费用60万元（硬性条件不符，评审不改变）', facts: { ...facts({ rd_expense: { [s(L)]: 60 * WAN }, dishonest_debtor: { [s(L)]: 0 } }), reviews: { '/all/2': true, '/all/3': true } }, expectedOutcome: 'ineligible' },
      ],
    },
    {
      department: 'jrb',
      showcase: 'issue12',
      title: '上市后备企业资源库入库认定',
      documentNo: `垫金办发〔${R}〕6号`,
      summary: '对上年度营业收入1亿元以上、经营状况良好的企业，认定为县上市后备企业并入库培育（资格认定，不涉及资金）。',
      sourceText: '第三条 上年度营业收入1亿元以上、未列入失信被执行人名单、经营状况良好的企业，可申请认定为县上市后备企业，纳入资源库实行“一企一策”培育服务。入库认定不涉及资金补助。',
      interpretation: '### 资格认定类\n入库后享受挂牌辅导、融资对接等服务，不涉及资金拨付；审核通过后公示，公示期满即完成认定。',
      qa: qa(['入库有奖励资金吗？', '没有。入库是资格认定，上市挂牌后的奖励按“企业上市挂牌培育奖励”另行申报。']),
      validFrom: yearStart,
      validUntil: yearEnd,
      ...open,
      tags: ['上市培育', '资格认定'],
      rule: { all: [ge('operating_revenue', { yi: 1 }, ago(1), '上年度营业收入1亿元以上'), notDishonest, { review: '经营状况良好', reviewEn: 'In good standing' }] },
      benefit: { clause: '资格认定，不涉及资金', amount: { none: true } },
      golden: [
        { name: '营收1.6亿元、评审认定经营良好 → 符合（无金额）', facts: { ...facts({ operating_revenue: { [s(L)]: 16_000 * WAN }, dishonest_debtor: { [s(L)]: 0 } }), reviews: { '/all/2': true } }, expectedOutcome: 'eligible', expectedAmountFen: 0 },
        { name: '营收8000万元', facts: { ...facts({ operating_revenue: { [s(L)]: 8000 * WAN }, dishonest_debtor: { [s(L)]: 0 } }), reviews: { '/all/2': true } }, expectedOutcome: 'ineligible' },
      ],
    },
  ];
}
