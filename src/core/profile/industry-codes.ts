/**
 * GB/T 4754-2017 国民经济行业分类 (industrial classification for national economic activities) as data.
 *
 * Four levels: 门类 section (letter A–T) → 大类 division (2 digits) → 中类 group (3 digits) → 小类 class
 * (4 digits). The table holds all 20 sections and all 97 divisions, plus the groups and classes the
 * standards need (the real-estate division 70). Where the table lists the groups of a division (or the
 * classes of a group), that list is complete, so an unlisted code under it is rejected; elsewhere a 3- or
 * 4-digit code is accepted on the strength of its division.
 *
 * Enterprises are stored with their most detailed code; rules select at any level (门类 C, 大类 06–46,
 * 小类 7010). All lookups are precomputed at module load because profiles are derived in bulk.
 */

export type IndustryLevel = 'section' | 'division' | 'group' | 'class';

export interface IndustrySection {
  /** 门类 letter. */
  code: string;
  nameZh: string;
  nameEn: string;
  /** First and last 大类 of the section, inclusive. */
  divisionFrom: string;
  divisionTo: string;
}

export interface IndustryDivision {
  /** 大类, two digits. */
  code: string;
  section: string;
  nameZh: string;
  nameEn: string;
}

export interface IndustrySubEntry {
  /** 中类 (3 digits) or 小类 (4 digits). */
  code: string;
  level: 'group' | 'class';
  nameZh: string;
  nameEn: string;
}

const SECTIONS: readonly IndustrySection[] = Object.freeze([
  { code: 'A', nameZh: '农、林、牧、渔业', nameEn: 'Agriculture, forestry, animal husbandry and fishery', divisionFrom: '01', divisionTo: '05' },
  { code: 'B', nameZh: '采矿业', nameEn: 'Mining', divisionFrom: '06', divisionTo: '12' },
  { code: 'C', nameZh: '制造业', nameEn: 'Manufacturing', divisionFrom: '13', divisionTo: '43' },
  { code: 'D', nameZh: '电力、热力、燃气及水生产和供应业', nameEn: 'Production and supply of electricity, heat, gas and water', divisionFrom: '44', divisionTo: '46' },
  { code: 'E', nameZh: '建筑业', nameEn: 'Construction', divisionFrom: '47', divisionTo: '50' },
  { code: 'F', nameZh: '批发和零售业', nameEn: 'Wholesale and retail trade', divisionFrom: '51', divisionTo: '52' },
  { code: 'G', nameZh: '交通运输、仓储和邮政业', nameEn: 'Transport, storage and postal services', divisionFrom: '53', divisionTo: '60' },
  { code: 'H', nameZh: '住宿和餐饮业', nameEn: 'Accommodation and catering', divisionFrom: '61', divisionTo: '62' },
  { code: 'I', nameZh: '信息传输、软件和信息技术服务业', nameEn: 'Information transmission, software and information technology services', divisionFrom: '63', divisionTo: '65' },
  { code: 'J', nameZh: '金融业', nameEn: 'Finance', divisionFrom: '66', divisionTo: '69' },
  { code: 'K', nameZh: '房地产业', nameEn: 'Real estate', divisionFrom: '70', divisionTo: '70' },
  { code: 'L', nameZh: '租赁和商务服务业', nameEn: 'Leasing and business services', divisionFrom: '71', divisionTo: '72' },
  { code: 'M', nameZh: '科学研究和技术服务业', nameEn: 'Scientific research and technical services', divisionFrom: '73', divisionTo: '75' },
  { code: 'N', nameZh: '水利、环境和公共设施管理业', nameEn: 'Water conservancy, environment and public facilities management', divisionFrom: '76', divisionTo: '79' },
  { code: 'O', nameZh: '居民服务、修理和其他服务业', nameEn: 'Resident services, repair and other services', divisionFrom: '80', divisionTo: '82' },
  { code: 'P', nameZh: '教育', nameEn: 'Education', divisionFrom: '83', divisionTo: '83' },
  { code: 'Q', nameZh: '卫生和社会工作', nameEn: 'Health and social work', divisionFrom: '84', divisionTo: '85' },
  { code: 'R', nameZh: '文化、体育和娱乐业', nameEn: 'Culture, sports and entertainment', divisionFrom: '86', divisionTo: '90' },
  { code: 'S', nameZh: '公共管理、社会保障和社会组织', nameEn: 'Public administration, social security and social organisations', divisionFrom: '91', divisionTo: '96' },
  { code: 'T', nameZh: '国际组织', nameEn: 'International organisations', divisionFrom: '97', divisionTo: '97' },
].map((s) => Object.freeze(s)));

/** [大类, 中文名, English name]; the section follows from the ranges above. */
const DIVISION_ROWS: readonly (readonly [string, string, string])[] = [
  ['01', '农业', 'Agriculture (crop farming)'],
  ['02', '林业', 'Forestry'],
  ['03', '畜牧业', 'Animal husbandry'],
  ['04', '渔业', 'Fishery'],
  ['05', '农、林、牧、渔专业及辅助性活动', 'Specialised and support activities for agriculture, forestry, animal husbandry and fishery'],
  ['06', '煤炭开采和洗选业', 'Mining and washing of coal'],
  ['07', '石油和天然气开采业', 'Extraction of petroleum and natural gas'],
  ['08', '黑色金属矿采选业', 'Mining and processing of ferrous metal ores'],
  ['09', '有色金属矿采选业', 'Mining and processing of non-ferrous metal ores'],
  ['10', '非金属矿采选业', 'Mining and processing of non-metallic minerals'],
  ['11', '开采专业及辅助性活动', 'Specialised and support activities for mining'],
  ['12', '其他采矿业', 'Other mining'],
  ['13', '农副食品加工业', 'Processing of food from agricultural products'],
  ['14', '食品制造业', 'Manufacture of foods'],
  ['15', '酒、饮料和精制茶制造业', 'Manufacture of liquor, beverages and refined tea'],
  ['16', '烟草制品业', 'Manufacture of tobacco products'],
  ['17', '纺织业', 'Manufacture of textiles'],
  ['18', '纺织服装、服饰业', 'Manufacture of textile garments and apparel'],
  ['19', '皮革、毛皮、羽毛及其制品和制鞋业', 'Manufacture of leather, fur, feathers and related products, and footwear'],
  ['20', '木材加工和木、竹、藤、棕、草制品业', 'Processing of timber and manufacture of wood, bamboo, rattan, palm and straw products'],
  ['21', '家具制造业', 'Manufacture of furniture'],
  ['22', '造纸和纸制品业', 'Manufacture of paper and paper products'],
  ['23', '印刷和记录媒介复制业', 'Printing and reproduction of recording media'],
  ['24', '文教、工美、体育和娱乐用品制造业', 'Manufacture of articles for culture, education, arts and crafts, sports and entertainment'],
  ['25', '石油、煤炭及其他燃料加工业', 'Processing of petroleum, coal and other fuels'],
  ['26', '化学原料和化学制品制造业', 'Manufacture of chemical raw materials and chemical products'],
  ['27', '医药制造业', 'Manufacture of medicines'],
  ['28', '化学纤维制造业', 'Manufacture of chemical fibres'],
  ['29', '橡胶和塑料制品业', 'Manufacture of rubber and plastic products'],
  ['30', '非金属矿物制品业', 'Manufacture of non-metallic mineral products'],
  ['31', '黑色金属冶炼和压延加工业', 'Smelting and pressing of ferrous metals'],
  ['32', '有色金属冶炼和压延加工业', 'Smelting and pressing of non-ferrous metals'],
  ['33', '金属制品业', 'Manufacture of metal products'],
  ['34', '通用设备制造业', 'Manufacture of general-purpose machinery'],
  ['35', '专用设备制造业', 'Manufacture of special-purpose machinery'],
  ['36', '汽车制造业', 'Manufacture of automobiles'],
  ['37', '铁路、船舶、航空航天和其他运输设备制造业', 'Manufacture of railway, ship, aerospace and other transport equipment'],
  ['38', '电气机械和器材制造业', 'Manufacture of electrical machinery and equipment'],
  ['39', '计算机、通信和其他电子设备制造业', 'Manufacture of computers, communication and other electronic equipment'],
  ['40', '仪器仪表制造业', 'Manufacture of measuring instruments and meters'],
  ['41', '其他制造业', 'Other manufacturing'],
  ['42', '废弃资源综合利用业', 'Comprehensive utilisation of waste resources'],
  ['43', '金属制品、机械和设备修理业', 'Repair of metal products, machinery and equipment'],
  ['44', '电力、热力生产和供应业', 'Production and supply of electricity and heat'],
  ['45', '燃气生产和供应业', 'Production and supply of gas'],
  ['46', '水的生产和供应业', 'Production and supply of water'],
  ['47', '房屋建筑业', 'Construction of buildings'],
  ['48', '土木工程建筑业', 'Civil engineering'],
  ['49', '建筑安装业', 'Construction installation'],
  ['50', '建筑装饰、装修和其他建筑业', 'Building decoration, renovation and other construction'],
  ['51', '批发业', 'Wholesale trade'],
  ['52', '零售业', 'Retail trade'],
  ['53', '铁路运输业', 'Rail transport'],
  ['54', '道路运输业', 'Road transport'],
  ['55', '水上运输业', 'Water transport'],
  ['56', '航空运输业', 'Air transport'],
  ['57', '管道运输业', 'Pipeline transport'],
  ['58', '多式联运和运输代理业', 'Multimodal transport and transport agency'],
  ['59', '装卸搬运和仓储业', 'Cargo handling and warehousing'],
  ['60', '邮政业', 'Postal services'],
  ['61', '住宿业', 'Accommodation'],
  ['62', '餐饮业', 'Catering (food and beverage services)'],
  ['63', '电信、广播电视和卫星传输服务', 'Telecommunications, radio and television, and satellite transmission services'],
  ['64', '互联网和相关服务', 'Internet and related services'],
  ['65', '软件和信息技术服务业', 'Software and information technology services'],
  ['66', '货币金融服务', 'Monetary and financial services'],
  ['67', '资本市场服务', 'Capital market services'],
  ['68', '保险业', 'Insurance'],
  ['69', '其他金融业', 'Other financial activities'],
  ['70', '房地产业', 'Real estate'],
  ['71', '租赁业', 'Leasing'],
  ['72', '商务服务业', 'Business services'],
  ['73', '研究和试验发展', 'Research and experimental development'],
  ['74', '专业技术服务业', 'Professional technical services'],
  ['75', '科技推广和应用服务业', 'Technology promotion and application services'],
  ['76', '水利管理业', 'Water conservancy management'],
  ['77', '生态保护和环境治理业', 'Ecological protection and environmental management'],
  ['78', '公共设施管理业', 'Public facilities management'],
  ['79', '土地管理业', 'Land management'],
  ['80', '居民服务业', 'Resident services'],
  ['81', '机动车、电子产品和日用产品修理业', 'Repair of motor vehicles, electronic products and household goods'],
  ['82', '其他服务业', 'Other services'],
  ['83', '教育', 'Education'],
  ['84', '卫生', 'Health'],
  ['85', '社会工作', 'Social work'],
  ['86', '新闻和出版业', 'News and publishing'],
  ['87', '广播、电视、电影和录音制作业', 'Radio, television, film and sound recording production'],
  ['88', '文化艺术业', 'Culture and arts'],
  ['89', '体育', 'Sports'],
  ['90', '娱乐业', 'Entertainment'],
  ['91', '中国共产党机关', 'Organs of the Communist Party of China'],
  ['92', '国家机构', 'State organs'],
  ['93', '人民政协、民主党派', 'CPPCC and democratic parties'],
  ['94', '社会保障', 'Social security'],
  ['95', '群众团体、社会团体和其他成员组织', 'Mass organisations, social organisations and other membership organisations'],
  ['96', '基层群众自治组织及其他组织', 'Grassroots self-governing organisations and other organisations'],
  ['97', '国际组织', 'International organisations'],
];

/** 中类 and 小类 known to the table. Division 70's groups are complete, and each has one class. */
const SUB_ROWS: readonly (readonly [string, string, string])[] = [
  ['701', '房地产开发经营', 'Real estate development and operation'],
  ['7010', '房地产开发经营', 'Real estate development and operation'],
  ['702', '物业管理', 'Property management'],
  ['7020', '物业管理', 'Property management'],
  ['703', '房地产中介服务', 'Real estate agency services'],
  ['7030', '房地产中介服务', 'Real estate agency services'],
  ['704', '房地产租赁经营', 'Real estate leasing'],
  ['7040', '房地产租赁经营', 'Real estate leasing'],
  ['709', '其他房地产业', 'Other real estate activities'],
  ['7090', '其他房地产业', 'Other real estate activities'],
];

const SECTION_BY_CODE = new Map<string, IndustrySection>(SECTIONS.map((s) => [s.code, s]));

/** Section letter of each division number 0–99 ('' when the number is not a division). */
const SECTION_OF_DIVISION: string[] = new Array<string>(100).fill('');
for (const s of SECTIONS) for (let n = Number(s.divisionFrom); n <= Number(s.divisionTo); n++) SECTION_OF_DIVISION[n] = s.code;

const DIVISIONS: readonly IndustryDivision[] = Object.freeze(
  DIVISION_ROWS.map(([code, nameZh, nameEn]) => Object.freeze({ code, section: SECTION_OF_DIVISION[Number(code)], nameZh, nameEn })),
);
const DIVISION_BY_CODE = new Map<string, IndustryDivision>(DIVISIONS.map((d) => [d.code, d]));
const DIVISIONS_BY_SECTION = new Map<string, readonly IndustryDivision[]>(
  SECTIONS.map((s) => [s.code, Object.freeze(DIVISIONS.filter((d) => d.section === s.code))]),
);

const SUB_BY_CODE = new Map<string, IndustrySubEntry>(
  SUB_ROWS.map(([code, nameZh, nameEn]) => [code, Object.freeze({ code, level: code.length === 3 ? 'group' : 'class', nameZh, nameEn } as const)]),
);
/** Parents (division or group) whose children the table lists completely. */
const PARENTS_WITH_COMPLETE_CHILDREN = new Set<string>([...SUB_BY_CODE.keys()].map((code) => code.slice(0, -1)));

if (DIVISIONS.length !== 97 || DIVISIONS.some((d) => d.section === '')) throw new Error('GB/T 4754-2017 division table is inconsistent');

export interface ParsedIndustryCode {
  /** Normalized code: a section letter or 2–4 digits (a leading section letter such as "C1310" is dropped). */
  code: string;
  level: IndustryLevel;
  section: string;
  /** 大类, null for a section-only code. */
  division: string | null;
  /** 中类, null above that level. */
  group: string | null;
  /** 小类, null above that level. */
  class: string | null;
}

export type IndustryCodeProblem = 'empty' | 'malformed' | 'unknown_section' | 'unknown_division' | 'unknown_code' | 'section_mismatch';

export type IndustryCodeParseResult =
  | ({ ok: true } & ParsedIndustryCode)
  | { ok: false; problem: IndustryCodeProblem; message: string };

const CODE_PATTERN = /^([A-Z])?(\d{2,4})?$/;

/**
 * Parses a GB/T 4754-2017 code at any level: a 门类 letter, a 2-digit 大类, a 3-digit 中类 or a 4-digit
 * 小类. Also accepts the common "letter + digits" form ("C1310") when the letter is the code's own section.
 * Rejects unknown sections and divisions, and unknown groups/classes where the table lists them completely.
 */
export function parseIndustryCode(input: string): IndustryCodeParseResult {
  const text = input.trim().toUpperCase();
  if (text === '') return { ok: false, problem: 'empty', message: 'The industry code is empty' };
  const match = CODE_PATTERN.exec(text);
  if (!match || (match[1] === undefined && match[2] === undefined)) {
    return { ok: false, problem: 'malformed', message: `"${input}" is not a GB/T 4754 code (a letter A–T or 2–4 digits)` };
  }
  const letter = match[1];
  const digits = match[2];
  if (digits === undefined) {
    if (!SECTION_BY_CODE.has(letter)) return { ok: false, problem: 'unknown_section', message: `There is no 门类 ${letter}` };
    return { ok: true, code: letter, level: 'section', section: letter, division: null, group: null, class: null };
  }
  const division = digits.slice(0, 2);
  const section = SECTION_OF_DIVISION[Number(division)];
  if (!section) return { ok: false, problem: 'unknown_division', message: `There is no 大类 ${division}` };
  if (letter !== undefined && letter !== section) {
    return { ok: false, problem: 'section_mismatch', message: `大类 ${division} belongs to 门类 ${section}, not ${letter}` };
  }
  const group = digits.length >= 3 ? digits.slice(0, 3) : null;
  const cls = digits.length === 4 ? digits : null;
  for (const code of [group, cls]) {
    if (code !== null && PARENTS_WITH_COMPLETE_CHILDREN.has(code.slice(0, -1)) && !SUB_BY_CODE.has(code)) {
      return { ok: false, problem: 'unknown_code', message: `There is no ${code.length === 3 ? '中类' : '小类'} ${code}` };
    }
  }
  const level: IndustryLevel = cls ? 'class' : group ? 'group' : 'division';
  return { ok: true, code: digits, level, section, division, group, class: cls };
}

/** The 门类 letter of a code at any level, or null when the code is not valid. */
export function sectionOf(code: string): string | null {
  const parsed = parseIndustryCode(code);
  return parsed.ok ? parsed.section : null;
}

/** The 2-digit 大类 of a code, or null for a section-only or invalid code. */
export function divisionOf(code: string): string | null {
  const parsed = parseIndustryCode(code);
  return parsed.ok ? parsed.division : null;
}

/**
 * The name of the finest level of `code` the table knows: "7010" → 房地产开发经营, "1310" → 农副食品加工业
 * (its 大类, since the table does not hold 小类 of division 13). null when the code is invalid.
 */
export function industryName(code: string, lang: 'zh' | 'en' = 'zh'): string | null {
  const parsed = parseIndustryCode(code);
  if (!parsed.ok) return null;
  const entry =
    (parsed.class && SUB_BY_CODE.get(parsed.class)) ||
    (parsed.group && SUB_BY_CODE.get(parsed.group)) ||
    (parsed.division && DIVISION_BY_CODE.get(parsed.division)) ||
    SECTION_BY_CODE.get(parsed.section);
  if (!entry) return null;
  return lang === 'zh' ? entry.nameZh : entry.nameEn;
}

/** All 20 门类 in order. The returned array and its items are frozen and shared. */
export function listSections(): readonly IndustrySection[] {
  return SECTIONS;
}

/** All 97 大类 in order, or those of one 门类 (empty for an unknown letter). Frozen and shared. */
export function listDivisions(section?: string): readonly IndustryDivision[] {
  if (section === undefined) return DIVISIONS;
  return DIVISIONS_BY_SECTION.get(section.trim().toUpperCase()) ?? [];
}

/** Selects industries at any level; the parts are alternatives (a code matches when any part matches). */
export interface IndustrySelector {
  /** 门类 letters, e.g. ['C']. */
  sections?: readonly string[];
  /** Inclusive 大类 ranges, e.g. [['06', '46']] for 工业. */
  divisionRanges?: readonly (readonly [from: string, to: string])[];
  /** 大类, 中类 or 小类 codes matched as prefixes, e.g. ['7010'] or ['702', '703']. */
  prefixes?: readonly string[];
}

export type IndustryMatcher = (code: string) => boolean;

/**
 * Compiles a selector once into a predicate, for matching many enterprises. Throws on an invalid selector
 * (unknown section, malformed range or prefix), because that is a rule-authoring error.
 *
 * A code matches only when every industry it denotes lies inside the selection: the section code "C" matches
 * 大类 06–46 (all of C is industry) but "B" does not match 大类 06–08, and "70" does not match prefix "701".
 * This keeps a coarse code from satisfying a finer rule by accident. An invalid code never matches.
 */
export function compileIndustrySelector(selector: IndustrySelector): IndustryMatcher {
  const sections = new Set<string>();
  for (const s of selector.sections ?? []) {
    const letter = s.trim().toUpperCase();
    if (!SECTION_BY_CODE.has(letter)) throw new RangeError(`unknown 门类 in selector: ${s}`);
    sections.add(letter);
  }
  // Which divisions 0–99 are selected, by section or by range.
  const divisionSelected = new Uint8Array(100);
  for (const letter of sections) {
    const s = SECTION_BY_CODE.get(letter)!;
    for (let n = Number(s.divisionFrom); n <= Number(s.divisionTo); n++) divisionSelected[n] = 1;
  }
  for (const range of selector.divisionRanges ?? []) {
    const [from, to] = range;
    if (!/^\d{2}$/.test(from) || !/^\d{2}$/.test(to) || from > to) throw new RangeError(`bad 大类 range in selector: ${from}–${to}`);
    for (let n = Number(from); n <= Number(to); n++) divisionSelected[n] = 1;
  }
  const prefixes: string[] = [];
  for (const p of selector.prefixes ?? []) {
    const parsed = parseIndustryCode(p);
    if (!parsed.ok || parsed.level === 'section') throw new RangeError(`bad prefix in selector: ${p} (use 2–4 digits; put letters in sections)`);
    // A 2-digit prefix is a whole division; finer prefixes are checked per code.
    if (parsed.level === 'division') divisionSelected[Number(parsed.code)] = 1;
    else prefixes.push(parsed.code);
  }
  // A whole section is inside the selection when all of its divisions are.
  const sectionCovered = new Set<string>();
  for (const s of SECTIONS) {
    let all = true;
    for (let n = Number(s.divisionFrom); n <= Number(s.divisionTo) && all; n++) all = divisionSelected[n] === 1;
    if (all) sectionCovered.add(s.code);
  }
  return (code: string): boolean => {
    const parsed = parseIndustryCode(code);
    if (!parsed.ok) return false;
    if (parsed.division === null) return sectionCovered.has(parsed.section);
    if (divisionSelected[Number(parsed.division)] === 1) return true;
    for (const p of prefixes) if (parsed.code.startsWith(p)) return true;
    return false;
  };
}

/**
 * Whether `code` lies inside the selection (see compileIndustrySelector for the semantics). For matching
 * many codes against one selector, compile it once instead.
 */
export function matchesIndustry(code: string, selector: IndustrySelector): boolean {
  return compileIndustrySelector(selector)(code);
}

/** 工业 (industry) = 门类 B, C, D = 大类 06–46. */
export const INDUSTRY_SECTOR_SELECTOR: IndustrySelector = Object.freeze({ divisionRanges: Object.freeze([Object.freeze(['06', '46'] as const)]) });

/** The 中类 (3 digits) listed for a 大类 (empty when none is listed). Frozen and shared. */
export function listGroups(division: string): readonly IndustrySubEntry[] {
  return [...SUB_BY_CODE.values()].filter((entry) => entry.level === 'group' && entry.code.startsWith(division));
}
