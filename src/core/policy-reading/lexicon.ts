/**
 * The reading assistant's vocabulary: how policy documents name the facts of the rule catalogue
 * (built from the indicator registry's Chinese names plus the wording policies actually use),
 * certifications, industries of GB/T 4754-2017, size classes and negative records.
 * Longer phrases are tried first, so 主营业务收入 wins over 营业收入 and 专精特新“小巨人” over 专精特新.
 */
import type { FactCatalogue } from '../rules/catalogue.ts';
import type { SizeClass } from '../profile/size-class.ts';

export interface FactWording {
  fact: string;
  pattern: RegExp;
}

/** Policy wording for catalogue facts, beyond their registry names (which are added by `factWordings`). */
const FACT_SYNONYMS: Record<string, readonly string[]> = {
  main_revenue: ['主营业务收入', '主营收入', '主营业务销售收入'],
  operating_revenue: ['营业收入', '销售收入', '营收', '销售额', '营业额', '年销售', '主营业务'],
  total_assets: ['资产总额', '总资产', '资产总计'],
  employees: ['从业人员', '从业人数', '职工人数', '职工总数', '员工人数', '员工总数', '用工人数', '在职职工', '就业人数', '职工'],
  insured_employees: ['参保职工', '参保人数', '参保人员', '缴纳社会保险的职工', '缴纳社保人数'],
  new_hires: ['新招用', '新吸纳', '新招录', '新增就业', '新增用工', '新增员工', '吸纳就业'],
  tax_paid: ['纳税总额', '纳税额', '实缴税金', '缴纳税收', '缴纳税款', '税收贡献', '税收', '纳税', '实缴税收', '入库税收'],
  taxable_income: ['应纳税所得额'],
  tax_credit_grade: ['纳税信用等级', '纳税信用级别', '纳税信用'],
  rd_expense: ['研发费用', '研发投入', '研发经费', '研究开发费用', 'R&D经费', '研发支出'],
  science_staff: ['科技人员', '研发人员', '研究开发人员', '科技人员数'],
  invention_patents: ['发明专利'],
  utility_patents: ['实用新型专利'],
  electricity_kwh: ['用电量', '年用电'],
  industrial_output: ['工业总产值', '工业产值', '产值'],
  exports: ['出口额', '出口交货值', '进出口额', '出口'],
  registered_capital: ['注册资本', '注册资金', '实缴资本'],
  tax_arrears: ['欠缴税款', '欠税'],
  social_insurance_arrears: ['欠缴社会保险费', '拖欠社保', '欠缴社保'],
};

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The wordings of every quantitative fact of the catalogue: its registry name (营业收入, 从业人员期末人数)
 * plus the synonyms above. Boolean, coded and date facts are handled by dedicated patterns.
 */
export function factWordings(catalogue: FactCatalogue): FactWording[] {
  const phrases: { fact: string; phrase: string }[] = [];
  for (const def of catalogue.facts.values()) {
    if (!['fen', 'person', 'count', 'kwh', 'bp', 'grade'].includes(def.unit)) continue;
    phrases.push({ fact: def.code, phrase: def.nameZh.replace(/（.*?）/g, '') });
    for (const synonym of FACT_SYNONYMS[def.code] ?? []) phrases.push({ fact: def.code, phrase: synonym });
  }
  phrases.sort((a, b) => b.phrase.length - a.phrase.length);
  const seen = new Set<string>();
  return phrases
    .filter(({ phrase }) => (seen.has(phrase) ? false : (seen.add(phrase), true)))
    .map(({ fact, phrase }) => ({ fact, pattern: new RegExp(escape(phrase), 'g') }));
}

export interface CertificationWording {
  code: string;
  pattern: RegExp;
}

/** Certifications, longest first (小巨人 before 专精特新, 科技型中小企业 before 中小企业). */
export const CERTIFICATION_WORDINGS: readonly CertificationWording[] = [
  { code: 'little_giant', pattern: /专精特新\s*[“"「]?\s*小巨人\s*[”"」]?(?:企业)?|[“"「]?小巨人[”"」]?企业/g },
  { code: 'specialized_sme', pattern: /[“"「]?专精特新[”"」]?(?:中小)?企业/g },
  { code: 'high_tech', pattern: /(?:国家级?)?高新技术企业|高企/g },
  { code: 'tech_sme', pattern: /科技型中小企业/g },
  { code: 'enterprise_tech_center', pattern: /企业技术中心/g },
  { code: 'growth_micro', pattern: /成长型小微企业|成长型微型企业/g },
];

export interface IndustryWording {
  pattern: RegExp;
  sections?: string[];
  divisionRanges?: [string, string][];
  prefixes?: string[];
}

/** Industries named in policies, as GB/T 4754-2017 criteria. */
export const INDUSTRY_WORDINGS: readonly IndustryWording[] = [
  { pattern: /规(?:模以)?上工业|工业企业|工业法人单位|工矿企业/g, divisionRanges: [['06', '46']] },
  { pattern: /制造业/g, sections: ['C'] },
  { pattern: /采矿业/g, sections: ['B'] },
  { pattern: /建筑业|建筑企业/g, sections: ['E'] },
  { pattern: /批发(?:和|与|、)?零售业?|批零企业/g, sections: ['F'] },
  { pattern: /批发业/g, sections: ['F'] },
  { pattern: /零售业/g, prefixes: ['52'] },
  { pattern: /住宿(?:和|与|、)?餐饮业?/g, sections: ['H'] },
  { pattern: /住宿业/g, prefixes: ['61'] },
  { pattern: /餐饮业/g, prefixes: ['62'] },
  { pattern: /交通运输、?仓储和邮政业|交通运输业|物流企业/g, sections: ['G'] },
  { pattern: /软件和信息技术服务业|软件企业/g, prefixes: ['65'] },
  { pattern: /信息传输、?软件和信息技术服务业/g, sections: ['I'] },
  { pattern: /房地产开发(?:经营)?(?:企业)?/g, prefixes: ['7010'] },
  { pattern: /房地产(?:业|企业|类企业)/g, sections: ['K'] },
  { pattern: /(?:类)?金融(?:业|企业|机构|类企业)/g, sections: ['J'] },
  { pattern: /租赁和商务服务业/g, sections: ['L'] },
  { pattern: /科学研究和技术服务业/g, sections: ['M'] },
  { pattern: /文化、?体育和娱乐业/g, sections: ['R'] },
  { pattern: /农、林、牧、渔业|农林牧渔业/g, sections: ['A'] },
];

export interface SizeWording {
  pattern: RegExp;
  classes: SizeClass[];
}

/** Size classes (划型); 科技型中小企业 and 专精特新中小企业 are masked first as certifications. */
export const SIZE_WORDINGS: readonly SizeWording[] = [
  { pattern: /中小微(?:型)?(?=(?:工业|商贸|服务业)?企业)/g, classes: ['medium', 'small', 'micro'] },
  { pattern: /小微(?:型)?(?=(?:工业|商贸|服务业)?企业)|小型微型(?=企业)|小型、微型(?=企业)/g, classes: ['small', 'micro'] },
  { pattern: /大中型(?=(?:工业|商贸|服务业)?企业)/g, classes: ['large', 'medium'] },
  { pattern: /中小(?:型)?(?=(?:工业|商贸|服务业)?企业)/g, classes: ['medium', 'small', 'micro'] },
  { pattern: /大型(?=(?:工业|商贸|服务业)?企业)/g, classes: ['large'] },
  { pattern: /中型(?=(?:工业|商贸|服务业)?企业)/g, classes: ['medium'] },
  { pattern: /小型(?=(?:工业|商贸|服务业)?企业)/g, classes: ['small'] },
  { pattern: /微型(?=(?:工业|商贸|服务业)?企业)/g, classes: ['micro'] },
];

/** Records that disqualify: the node says the enterprise must NOT have them, wherever the sentence says it. */
export const NEGATIVE_RECORDS: readonly { pattern: RegExp; fact: string; form: 'isFalse' | 'zero' }[] = [
  { pattern: /失信被执行人|严重失信(?:主体|行为|名单)?|失信联合惩戒(?:对象)?|列入失信/g, fact: 'dishonest_debtor', form: 'isFalse' },
  { pattern: /重大行政处罚|较大数额罚款|重大违法(?:违规)?行为/g, fact: 'major_admin_penalty', form: 'isFalse' },
  { pattern: /欠缴税款|欠税|拖欠税款/g, fact: 'tax_arrears', form: 'zero' },
  { pattern: /欠缴社会保险费|拖欠社保|欠缴社保(?:费)?/g, fact: 'social_insurance_arrears', form: 'zero' },
];

/** Status of the above-scale statistics (规上/限上/四上). */
export const ABOVE_SCALE_FIRST_ENTRY = /新升规|小升规|首次(?:纳入|进入|升入)?(?:规上|规模以上|限上|限额以上|四上)|首次上规|新上规|(?:新|首次)(?:纳入|进入)(?:限上|限额以上)|首次入统|新(?:纳入|进入)(?:规上|规模以上|限上|四上)|新(?:增|进)规上|升规入统|新入库|首次升规/g;
export const ABOVE_SCALE_CONSECUTIVE = /连续([一二两三四五六七八九十\d]+)年(?:在库|保持规上|纳入规上|在规上|为规上|规上)/g;
export const ABOVE_SCALE_EXIT = /(?:中途)?退规|退出规上|退库|退出(?:规模以上|限额以上)/g;
export const ABOVE_SCALE = /规上|规模以上|限上|限额以上|四上/g;

/** Reward words: a money amount near one of them is a benefit, not a threshold. */
export const REWARD_WORDS = /给予|奖励|补助|补贴|资助|奖补|贴息|扶持|支持|兑现|一次性|拨付/;
/** Exclusion wording. */
export const EXCLUSION_WORDS = /不得|不适用|不予|除外|不属于|不享受|不纳入|不支持|不再|不列入|不包括|取消.*资格/;
/** Materials wording. */
export const MATERIALS_WORDS = /申报材料|提供(?:以下|下列)?(?:材料|资料)|提交(?:以下|下列)?(?:材料|资料)|复印件|证明材料|申请表|营业执照|审计报告|财务报表|加盖公章|原件/;
/** Period wording alone (deadlines, validity). */
export const PERIOD_WORDS = /有效期|自.*起施行|执行期限|申报时间|截止|之日起|年度内|施行/;
