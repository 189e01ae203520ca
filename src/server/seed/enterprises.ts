import { sql, type Kysely, type Transaction } from 'kysely';
import { parseIndustryCode } from '../../core/profile/industry-codes.ts';
import { USCC_ALPHABET, completeUscc } from '../../core/profile/uscc.ts';
import { FEN_PER_WAN } from '../../core/money/money.ts';
import { Prng } from '../../core/random/prng.ts';
import { pinyinSortKey } from '../../core/text/pinyin-sort.ts';
import { syncBuiltInIndicators } from '../modules/indicators/index.ts';
import type { DB, EnterpriseStatus, EnterpriseType } from '../db/schema.ts';
import { REGION } from './county-data.ts';
import { INDUSTRY_ARCHETYPES, type IndustryArchetype } from './industry-mix.ts';
import { PARK_ROADS, TOWN_STREETS, URBAN_ROADS, VILLAGES, personName, tradeName } from './names.ts';

/**
 * The enterprises of the demo county with three years of indicators and their certifications,
 * generated deterministically from the seed: same seed and reference date, same county.
 *
 * Figures are drawn per industry (industry-mix.ts): head count log-normal around the industry's median,
 * revenue per head log-normal, assets as a multiple of revenue, so the 2011 size classes come out as in a
 * real county (mostly 微型, then 小型, few 中型, very few 大型). Some firms are placed on purpose around the
 * 四上 lines (exactly on the line, one yuan below, entering, leaving and re-entering), because policies
 * hinge on them. Each value carries the source that would report it and the date it would be known.
 *
 * Only the registry and the facts are written; the derived profile (size class, 规上, tags …) is left
 * for the profile engine to compute from the indicators.
 */

export interface SeedEnterprisesOptions {
  count: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * "Today" as an ISO date; the indicators cover the three complete years before it. Defaults to the
   * current date in Asia/Shanghai. The data is a pure function of the seed and this date.
   */
  referenceDate?: string;
}

export interface SeedEnterprisesResult {
  showcaseEnterpriseId: number;
  count: number;
}

/** The demo user `ent` belongs to this enterprise; its facts are fixed, not drawn. */
export const SHOWCASE_ENTERPRISE_NAME = '重庆垫江恒通机械制造有限公司';

/** Enterprises per insert batch (and per progress report). */
const ENTERPRISE_BATCH = 2_000;
/** Indicator rows per insert statement: passed as 7 arrays, so the 65,535-parameter limit never applies. */
const VALUE_CHUNK = 50_000;

const WAN = FEN_PER_WAN;

// ---------------------------------------------------------------------------------------------------------
// Entry point.

/**
 * Seeds `count` enterprises (the showcase manufacturer first) with indicators for the three complete
 * years before the reference date, in one transaction, in batches of {@link ENTERPRISE_BATCH}. Inserts the
 * built-in indicator definitions first when they are missing, since indicator_values references them.
 */
export async function seedEnterprises(db: Kysely<DB>, rng: Prng, options: SeedEnterprisesOptions): Promise<SeedEnterprisesResult> {
  const total = Math.max(1, Math.floor(options.count));
  const referenceDate = options.referenceDate ?? todayInShanghai();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(referenceDate)) throw new RangeError(`referenceDate must be YYYY-MM-DD, got ${referenceDate}`);

  return db.transaction().execute(async (trx) => {
    await syncBuiltInIndicators(trx);
    const towns = await trx.selectFrom('towns').select(['code', 'name', 'kind']).orderBy('code').execute();
    if (towns.length === 0) throw new Error('seedEnterprises needs the towns to be seeded first');

    const ctx = makeContext(referenceDate, towns);
    const plans = planEnterprises(rng, total, ctx);
    let showcaseEnterpriseId = 0;
    for (let start = 0; start < plans.length; start += ENTERPRISE_BATCH) {
      const batch = plans.slice(start, start + ENTERPRISE_BATCH);
      const ids = await insertEnterprises(trx, batch);
      if (start === 0) showcaseEnterpriseId = ids[0];
      const values = new ValueColumns();
      const certs = new CertificationColumns();
      for (let i = 0; i < batch.length; i++) {
        writeFacts(batch[i], ids[i], ctx, values, certs);
        if (values.length >= VALUE_CHUNK) await values.flush(trx);
      }
      await values.flush(trx);
      await certs.flush(trx);
      options.onProgress?.(start + batch.length, plans.length);
    }
    return { showcaseEnterpriseId, count: plans.length };
  });
}

/** Today's date in China, where the county is: the year boundary must not depend on the server's zone. */
export function todayInShanghai(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}


// ---------------------------------------------------------------------------------------------------------
// Context: dates, towns, sampling tables.

interface Town {
  code: string;
  name: string;
  kind: 'street' | 'town' | 'township';
}

interface Context {
  referenceDate: string;
  referenceYear: number;
  /** The three complete years before the reference date, oldest first. */
  years: readonly number[];
  lastYear: number;
  towns: readonly Town[];
  /** Towns weighted for urban businesses (the two streets of the county seat carry most of them). */
  townWeights: readonly (readonly [Town, number])[];
  /** Towns weighted for farms and co-operatives (spread over the countryside). */
  ruralTownWeights: readonly (readonly [Town, number])[];
  parkTown: Town;
}

function makeContext(referenceDate: string, towns: readonly Town[]): Context {
  const referenceYear = Number(referenceDate.slice(0, 4));
  const lastYear = referenceYear - 1;
  const streets = towns.filter((t) => t.kind === 'street');
  const townWeights = towns.map((t) => [t, t.kind === 'street' ? (t === streets[0] ? 28 : 18) : t.kind === 'town' ? (LARGER_TOWNS.has(t.name) ? 4 : 2) : 1] as const);
  const ruralTownWeights = towns.map((t) => [t, t.kind === 'street' ? 1.5 : t.kind === 'town' ? 4 : 2.5] as const);
  return {
    referenceDate,
    referenceYear,
    years: [lastYear - 2, lastYear - 1, lastYear],
    lastYear,
    towns,
    townWeights,
    ruralTownWeights,
    // The industrial park lies in the second street of the county seat (桂溪街道 in the demo county).
    parkTown: streets[1] ?? streets[0] ?? towns[0],
  };
}

const LARGER_TOWNS = new Set(['澄溪镇', '高安镇', '沙坪镇', '新民镇', '周嘉镇', '普顺镇', '永安镇']);

/** Cumulative weights for fast weighted picks among the 160-odd archetypes. */
const ARCHETYPE_CUMULATIVE: readonly number[] = (() => {
  let sum = 0;
  return INDUSTRY_ARCHETYPES.map((a) => (sum += a.weight));
})();

function pickArchetype(rng: Prng): IndustryArchetype {
  const roll = rng.next() * ARCHETYPE_CUMULATIVE[ARCHETYPE_CUMULATIVE.length - 1];
  let lo = 0;
  let hi = ARCHETYPE_CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ARCHETYPE_CUMULATIVE[mid] > roll) hi = mid;
    else lo = mid + 1;
  }
  return INDUSTRY_ARCHETYPES[lo];
}

// ---------------------------------------------------------------------------------------------------------
// Sectors and the 四上 lines (standards §4), as the generator needs them.

type Sector =
  | 'agriculture'
  | 'industry'
  | 'construction'
  | 'wholesale'
  | 'retail'
  | 'accommodation'
  | 'catering'
  | 'real_estate_development'
  | 'services';

/** How a firm enters the 四上 statistics: a revenue line, a qualification, development activity, or not at all. */
type AboveScaleLine = { kind: 'revenue'; basis: 'main' | 'operating'; thresholdFen: number } | { kind: 'qualification' } | { kind: 'activity' } | null;

function sectorOf(division: number, code: string): Sector {
  if (division <= 5) return 'agriculture';
  if (division <= 46) return 'industry';
  if (division <= 50) return 'construction';
  if (division === 51) return 'wholesale';
  if (division === 52) return 'retail';
  if (division === 61) return 'accommodation';
  if (division === 62) return 'catering';
  if (code.startsWith('701')) return 'real_estate_development';
  return 'services';
}

function aboveScaleLineOf(division: number, code: string): AboveScaleLine {
  const revenue = (basis: 'main' | 'operating', wan: number): AboveScaleLine => ({ kind: 'revenue', basis, thresholdFen: wan * WAN });
  if (division <= 5 || (division >= 66 && division <= 69) || division >= 91) return null;
  if (division <= 46) return revenue('main', 2000);
  if (division <= 50) return { kind: 'qualification' };
  if (division === 51) return revenue('main', 2000);
  if (division === 52) return revenue('main', 500);
  if (division === 61 || division === 62) return revenue('main', 200);
  if (division === 70) return code.startsWith('701') ? { kind: 'activity' } : revenue('operating', 1000);
  if ((division >= 53 && division <= 60) || (division >= 63 && division <= 65) || (division >= 76 && division <= 79) || division === 84) return revenue('operating', 2000);
  if ((division >= 71 && division <= 75) || division === 83) return revenue('operating', 1000);
  return revenue('operating', 500); // O, R, 社会工作
}

// ---------------------------------------------------------------------------------------------------------
// Planning: the registry row of every enterprise, with the latent traits its facts are drawn from.

/** Scripted 四上 histories over the three years: entering, leaving, re-entering, sitting on the line. */
type Story = 'entered_middle' | 'entered_last' | 'exited' | 'reentered' | 'on_line' | 'one_yuan_below' | 'near';

interface EnterprisePlan {
  index: number;
  isShowcase: boolean;
  uscc: string;
  usccStatus: 'valid' | 'checksum_override';
  name: string;
  type: EnterpriseType;
  legalRepresentative: string;
  registeredOn: string;
  registeredYear: number;
  /** Share of the registration year the firm operated in (1 for older firms). */
  firstYearShare: number;
  capitalFen: number | null;
  town: Town;
  address: string;
  archetype: IndustryArchetype;
  section: string;
  division: string;
  sector: Sector;
  line: AboveScaleLine;
  status: EnterpriseStatus;
  /** 注销/吊销/迁出日期 of a closed firm (see assignClosureDates); null while it operates or is suspended. */
  closedOn: string | null;
  /** Last year with annual data, for firms that closed or moved out. */
  lastDataYear: number;
  /** Standard-normal size trait: head count, revenue and capital move with it. */
  sizeZ: number;
  isInnovative: boolean;
  story: Story | null;
  /** Seed of the firm's own stream for its facts, so a firm's facts do not depend on batching. */
  factsSeed: number;
}

function planEnterprises(rng: Prng, count: number, ctx: Context): EnterprisePlan[] {
  const names = new Set<string>();
  const usccs = new Set<string>();
  const plans: EnterprisePlan[] = [];
  const showcase = planShowcase(ctx, rng.fork());
  names.add(showcase.name);
  usccs.add(showcase.uscc);
  plans.push(showcase);
  // Pilot-era codes that fail the GB 32100 check but are legal (standards §2): two or three of them.
  const overrides = new Set(count >= 8 ? [Math.floor(count * 0.31), Math.floor(count * 0.57), Math.floor(count * 0.83)] : []);
  // The county's few large employers: one per 2,500 enterprises, at spread-out positions.
  const anchors = new Map<number, number>();
  for (let k = 0; k < Math.floor(count / 2_500); k++) anchors.set(Math.floor(count * ((k + 0.5) / Math.floor(count / 2_500))) | 1, k);
  for (let index = 1; index < count; index++) {
    const anchor = anchors.get(index);
    const archetype = anchor === undefined ? undefined : ANCHOR_ARCHETYPES[anchor % ANCHOR_ARCHETYPES.length];
    plans.push(planEnterprise(rng.fork(), index, ctx, names, usccs, overrides.has(index) && anchor === undefined, archetype));
  }
  // After every fork, so the firms' own streams (and so their facts) do not depend on it.
  assignClosureDates(rng, plans, ctx);
  return plans;
}

const CLOSURE_MONTHS = 36;

/**
 * Closure dates of the closed firms, spread over the 36 months up to the reference date: the k-th closed
 * firm closes in the k-th month back (cycling), on a random day of it, so every month has closures once
 * there are 12 closed firms or more (the cockpit's monthly closures of the last year are never a flat zero).
 * A firm registered after its month closes on a day between its registration and the reference date.
 * Its annual data ends the year before it closed.
 */
function assignClosureDates(rng: Prng, plans: EnterprisePlan[], ctx: Context): void {
  const refYear = ctx.referenceYear;
  const refMonth = Number(ctx.referenceDate.slice(5, 7));
  let k = 0;
  for (const plan of plans) {
    if (plan.status !== 'cancelled' && plan.status !== 'revoked' && plan.status !== 'moved_out') continue;
    const back = k++ % CLOSURE_MONTHS;
    const monthIndex = refYear * 12 + (refMonth - 1) - back;
    const year = Math.floor(monthIndex / 12);
    const month = (monthIndex % 12) + 1;
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    let date = `${year}-${String(month).padStart(2, '0')}-${String(rng.int(1, days)).padStart(2, '0')}`;
    if (date > ctx.referenceDate) date = ctx.referenceDate;
    if (date < plan.registeredOn) date = dayBetween(rng, plan.registeredOn, ctx.referenceDate);
    plan.closedOn = date;
    plan.lastDataYear = Math.max(plan.registeredYear, Math.min(ctx.lastYear, Number(date.slice(0, 4)) - 1));
  }
}

/** A uniformly drawn day in [from, to] (ISO dates). */
function dayBetween(rng: Prng, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return new Date(a + rng.int(0, Math.max(0, Math.round((b - a) / 86_400_000))) * 86_400_000).toISOString().slice(0, 10);
}

/** Industries of the large anchor firms: cement, medicines, meat processing, auto parts, batteries. */
const ANCHOR_ARCHETYPES: readonly IndustryArchetype[] = ['3011', '2740', '1351', '3670', '3841'].map((code) => INDUSTRY_ARCHETYPES.find((a) => a.code === code)!);

function planEnterprise(
  rng: Prng,
  index: number,
  ctx: Context,
  names: Set<string>,
  usccs: Set<string>,
  isPilotCode: boolean,
  anchorArchetype?: IndustryArchetype,
): EnterprisePlan {
  const isAnchor = anchorArchetype !== undefined;
  const archetype = anchorArchetype ?? pickArchetype(rng);
  const parsed = parseIndustryCode(archetype.code);
  if (!parsed.ok || parsed.division === null) throw new Error(`bad industry code ${archetype.code}`);
  const division = Number(parsed.division);
  const sector = sectorOf(division, archetype.code);

  let type: EnterpriseType;
  const roll = rng.next();
  if (roll < archetype.cooperative) type = 'cooperative';
  else if (roll < archetype.cooperative + archetype.individual) type = 'individual_business';
  else type = pickCompanyType(rng, sector, division);
  if (isAnchor) type = rng.chance(0.5) ? 'joint_stock_company' : 'limited_company';
  if (isPilotCode && (type === 'individual_business' || type === 'cooperative' || type === 'branch')) type = 'limited_company';

  const registered = isPilotCode ? registrationInYear(rng, 2015, ctx) : isAnchor ? registrationInYear(rng, rng.int(1998, 2012), ctx) : drawRegistration(rng, type, ctx);
  // Firm sizes have a heavier tail than a log-normal: a few firms grew far beyond their peers.
  let sizeZ = rng.normal();
  if (rng.chance(0.04)) sizeZ += 1.5 + Math.abs(rng.normal());
  if (isAnchor) sizeZ = Math.log(uniform(rng, 1100, 2200) / (archetype.employees * (type === 'joint_stock_company' ? 3 : 1))) / 0.95;
  const town = pickTown(rng, sector, type, ctx);
  const legalRepresentative = personName(rng);
  const name = uniqueName(rng, names, () => enterpriseName(rng, archetype, type, town, legalRepresentative));
  const address = enterpriseAddress(rng, sector, type, town, ctx);

  let uscc = uniqueUscc(rng, usccs, type, registered.date);
  let usccStatus: EnterprisePlan['usccStatus'] = 'valid';
  if (isPilotCode) {
    usccs.delete(uscc);
    uscc = corruptCheckChar(uscc, rng);
    usccs.add(uscc);
    usccStatus = 'checksum_override';
  }

  let status: EnterpriseStatus = 'operating';
  let lastDataYear = ctx.lastYear;
  if (registered.year <= ctx.lastYear - 1 && !isPilotCode && !isAnchor) {
    const s = rng.next();
    if (s < 0.012) status = 'cancelled';
    else if (s < 0.018) status = 'revoked';
    else if (s < 0.021) status = 'moved_out';
    else if (s < 0.036) status = 'suspended';
    if (status === 'cancelled' || status === 'revoked' || status === 'moved_out') lastDataYear = rng.int(Math.max(registered.year, ctx.lastYear - 2), ctx.lastYear - 1);
  }

  const isCompany = type !== 'individual_business' && type !== 'cooperative';
  const isInnovative = isCompany && type !== 'branch' && rng.chance(isAnchor ? 0.6 : archetype.innovative * (sizeZ > 0.5 ? 1.6 : 1));
  const line = aboveScaleLineOf(division, archetype.code);
  let story: Story | null = null;
  if (isCompany && !isAnchor && type !== 'branch' && line?.kind === 'revenue' && registered.year <= ctx.lastYear - 2 && lastDataYear === ctx.lastYear && status === 'operating') {
    // Per-mille shares of companies under a revenue line; firms on the line are what policies test.
    story = rng.weighted<Story | null>([
      ['entered_middle', 5],
      ['entered_last', 6],
      ['exited', 3],
      ['reentered', 2],
      ['on_line', 1.5],
      ['one_yuan_below', 1.5],
      ['near', 15],
      [null, 966],
    ]);
  }

  return {
    index,
    isShowcase: false,
    uscc,
    usccStatus,
    name,
    type,
    legalRepresentative,
    registeredOn: registered.date,
    registeredYear: registered.year,
    firstYearShare: registered.share,
    capitalFen: registeredCapital(rng, type, sizeZ, archetype),
    town,
    address,
    archetype,
    section: parsed.section,
    division: parsed.division,
    sector,
    line,
    status,
    closedOn: null,
    lastDataYear,
    sizeZ,
    isInnovative,
    story,
    factsSeed: Math.floor(rng.next() * 4294967296),
  };
}

function pickCompanyType(rng: Prng, sector: Sector, division: number): EnterpriseType {
  const isProfessional = division === 72 || division === 73 || division === 74 || division === 75;
  return rng.weighted<EnterpriseType>([
    ['limited_company', 880],
    ['joint_stock_company', sector === 'industry' || sector === 'construction' ? 35 : 12],
    ['branch', sector === 'agriculture' || sector === 'industry' ? 8 : 45],
    ['sole_proprietorship', sector === 'real_estate_development' ? 0 : 35],
    ['partnership', isProfessional ? 60 : 8],
  ]);
}

/** Registrations grow about 14% a year (dianjiang.md); individual businesses churn faster, so the stock is younger. */
function drawRegistration(rng: Prng, type: EnterpriseType, ctx: Context): { date: string; year: number; share: number } {
  const growth = type === 'individual_business' ? 1.2 : 1.14;
  const firstYear = ctx.referenceYear - 25;
  const elapsed = dayOfYear(ctx.referenceDate) / 365;
  const entries: [number, number][] = [];
  for (let year = firstYear; year <= ctx.referenceYear; year++) {
    const weight = Math.pow(growth, year - firstYear) * (year === ctx.referenceYear ? elapsed : 1);
    entries.push([year, weight]);
  }
  return registrationInYear(rng, rng.weighted(entries), ctx);
}

function registrationInYear(rng: Prng, year: number, ctx: Context): { date: string; year: number; share: number } {
  const days = isLeap(year) ? 366 : 365;
  // Nothing registers in the last three days before "today": the registry lags a little.
  const maxDay = year === ctx.referenceYear ? Math.max(0, dayOfYear(ctx.referenceDate) - 4) : days - 1;
  const day = rng.int(0, maxDay);
  return { date: dateFromDay(year, day), year, share: (days - day) / days };
}

function pickTown(rng: Prng, sector: Sector, type: EnterpriseType, ctx: Context): Town {
  if (sector === 'agriculture' || type === 'cooperative') return rng.weighted(ctx.ruralTownWeights);
  if (sector === 'industry' && rng.chance(0.45)) return ctx.parkTown;
  return rng.weighted(ctx.townWeights);
}

function enterpriseAddress(rng: Prng, sector: Sector, type: EnterpriseType, town: Town, ctx: Context): string {
  const county = REGION.name;
  if ((sector === 'agriculture' || type === 'cooperative') && town.kind !== 'street') return `${county}${town.name}${rng.pick(VILLAGES)}村${rng.int(1, 12)}组`;
  if (sector === 'industry' && town === ctx.parkTown) return `${county}${town.name}${rng.pick(PARK_ROADS)}${rng.int(1, 388)}号`;
  if (town.kind === 'street') {
    const extra = type === 'individual_business' && rng.chance(0.3) ? `附${rng.int(1, 30)}号` : '';
    return `${county}${town.name}${rng.pick(URBAN_ROADS)}${rng.int(1, 688)}号${extra}`;
  }
  return `${county}${town.name}${rng.pick(TOWN_STREETS)}${rng.int(1, 256)}号`;
}

const COMPANY_PREFIXES: readonly (readonly [string, number])[] = [
  ['重庆', 50],
  [REGION.name, 35],
  [`重庆${REGION.name.replace(/县$/, '')}`, 8],
  [`重庆市${REGION.name}`, 7],
];

/** Names of the kind the registry holds: 重庆[字号][行业词]有限公司, 垫江县[镇街][李记][酱菜店] … */
function enterpriseName(rng: Prng, a: IndustryArchetype, type: EnterpriseType, town: Town, legalRep: string): string {
  const word = rng.pick(a.words);
  switch (type) {
    case 'individual_business': {
      const shop = rng.pick(a.shops ?? ['经营部']);
      const family = legalRep[0];
      const owner = shop === '家庭农场'
        ? legalRep
        : rng.weighted<string>([
            [`${family}记`, 35],
            [legalRep, 25],
            [`老${family}`, 10],
            [tradeName(rng), 30],
          ]);
      return `${REGION.name}${town.name}${owner}${shop}`;
    }
    case 'cooperative': {
      const product = rng.pick(a.coop ?? ['农业']);
      const place = rng.chance(0.5) ? tradeName(rng) : `${town.name.replace(/(街道|镇|乡)$/, '')}${rng.pick(VILLAGES)}`;
      return `${REGION.name}${place}${product}专业合作社`;
    }
    case 'branch':
      return `${rng.weighted([['重庆', 70], ['重庆市', 10], ['四川', 10], ['成都', 10]] as const)}${tradeName(rng)}${word}有限公司${REGION.name.replace(/县$/, '')}分公司`;
    case 'joint_stock_company':
      return `${rng.weighted(COMPANY_PREFIXES)}${tradeName(rng)}${word}股份有限公司`;
    case 'partnership':
      return `${rng.weighted(COMPANY_PREFIXES)}${tradeName(rng)}${word}${rng.chance(0.5) ? '中心' : '合伙企业'}${rng.chance(0.7) ? '（有限合伙）' : '（普通合伙）'}`;
    case 'sole_proprietorship': {
      const suffix = a.code < '4700' && a.code >= '0600' ? '厂' : a.code.startsWith('51') || a.code.startsWith('52') ? rng.pick(['经营部', '商行']) : rng.pick(['中心', '服务部']);
      return `${REGION.name}${tradeName(rng)}${word}${suffix}`;
    }
    default:
      return `${rng.weighted(COMPANY_PREFIXES)}${tradeName(rng)}${word}${rng.chance(0.08) ? '有限责任公司' : '有限公司'}`;
  }
}

function uniqueName(rng: Prng, names: Set<string>, make: () => string): string {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const name = make();
    if (!names.has(name)) {
      names.add(name);
      return name;
    }
  }
  // A crowded trade: the registry would insist on a longer 字号; three characters leave room for millions.
  for (;;) {
    const name = make().replace(/^(重庆市垫江县|重庆垫江|重庆市|重庆|垫江县|四川|成都)/, (prefix) => prefix + tradeName(rng).slice(0, 1));
    if (!names.has(name)) {
      names.add(name);
      return name;
    }
  }
}

/** 注册资本 (or 资金数额 / 出资总额) in fen, on round 万元 figures as people register them. */
function registeredCapital(rng: Prng, type: EnterpriseType, sizeZ: number, a: IndustryArchetype): number | null {
  const nice = (wan: number): number => {
    const steps = [1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 800, 1000, 2000, 3000, 5000, 10000, 20000, 50000];
    if (rng.chance(0.7)) {
      let best = steps[0];
      for (const s of steps) if (Math.abs(Math.log(s / wan)) < Math.abs(Math.log(best / wan))) best = s;
      return best * WAN;
    }
    return Math.max(1, Math.round(wan)) * WAN;
  };
  const scale = Math.exp(0.8 * sizeZ);
  switch (type) {
    case 'branch':
      return null;
    case 'individual_business':
      return rng.chance(0.3) ? null : nice(rng.logNormal(5, 0.9));
    case 'cooperative':
      return nice(rng.logNormal(60, 1.0));
    case 'joint_stock_company':
      return nice(rng.logNormal(3000, 0.8) * scale);
    case 'partnership':
      return nice(rng.logNormal(300, 1.0));
    case 'sole_proprietorship':
      return nice(rng.logNormal(20, 1.0));
    default: {
      const base = a.code.startsWith('701') ? 2000 : a.code < '4700' && a.code >= '0600' ? 300 : 100;
      return nice(rng.logNormal(base, 0.9) * scale);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// 统一社会信用代码 (GB 32100) with an embedded GB 11714 organisation code.

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
/** Letters a USCC may carry (no I, O, Z, S, V), usable in the organisation-code body too. */
const CODE_LETTERS = [...USCC_ALPHABET.slice(10)];

function organisationCheckChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body.charCodeAt(i);
    sum += (c <= 57 ? c - 48 : c - 55) * ORG_WEIGHTS[i];
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/**
 * Registering authority 9 (市场监管); type 1 enterprise, 2 个体工商户, 3 农民专业合作社; the county's
 * division code; a GB 11714 organisation code: firms registered before the 2015-10 reform keep their old
 * numeric code, later ones (and every individual business, coded afresh) carry an "MA" code.
 */
function uniqueUscc(rng: Prng, usccs: Set<string>, type: EnterpriseType, registeredOn: string): string {
  const kind = type === 'individual_business' ? '2' : type === 'cooperative' ? '3' : '1';
  const isOld = registeredOn < '2015-10-01' && type !== 'individual_business';
  for (;;) {
    let body: string;
    if (isOld) {
      body = String(rng.int(1, 9));
      for (let i = 0; i < 7; i++) body += String(rng.int(0, 9));
    } else {
      body = 'MA' + rng.pick(['5U', '5Y', '60', '61', '62']);
      for (let i = 0; i < 4; i++) body += rng.chance(0.7) ? String(rng.int(0, 9)) : rng.pick(CODE_LETTERS);
    }
    const uscc = completeUscc(`9${kind}${REGION.code}${body}${organisationCheckChar(body)}`);
    if (!usccs.has(uscc)) {
      usccs.add(uscc);
      return uscc;
    }
  }
}

function corruptCheckChar(uscc: string, rng: Prng): string {
  const current = USCC_ALPHABET.indexOf(uscc[17]);
  return uscc.slice(0, 17) + USCC_ALPHABET[(current + rng.int(1, 30)) % 31];
}

// ---------------------------------------------------------------------------------------------------------
// The showcase enterprise: a small machinery maker that entered the above-scale statistics in the last year.

function planShowcase(ctx: Context, rng: Prng): EnterprisePlan {
  const archetype = INDUSTRY_ARCHETYPES.find((a) => a.code === '3453')!;
  const organisationCode = 'MA5UH8T2';
  return {
    index: 0,
    isShowcase: true,
    uscc: completeUscc(`91${REGION.code}${organisationCode}${organisationCheckChar(organisationCode)}`),
    usccStatus: 'valid',
    name: SHOWCASE_ENTERPRISE_NAME,
    type: 'limited_company',
    legalRepresentative: '刘志强',
    registeredOn: '2016-05-16',
    registeredYear: 2016,
    firstYearShare: 1,
    capitalFen: 1000 * WAN,
    town: ctx.parkTown,
    address: `${REGION.name}${ctx.parkTown.name}工业园区智造路18号`,
    archetype,
    section: 'C',
    division: '34',
    sector: 'industry',
    line: aboveScaleLineOf(34, '3453'),
    status: 'operating',
    closedOn: null,
    lastDataYear: ctx.lastYear,
    sizeZ: 1,
    isInnovative: true,
    story: null,
    factsSeed: Math.floor(rng.next() * 4294967296),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Facts of one year, and how they become rows with sources.

interface YearFacts {
  year: number;
  operatingRevenue: number;
  mainRevenue: number | null;
  totalAssets: number | null;
  employees: number;
  employeesAvg: number;
  /** In the statistics bureau's 四上 returns this year: statistics rows for the financial and staff facts. */
  inStatistics: boolean;
  /** Files tax returns; tax figures are the true ones times this factor (sources disagree a little). */
  taxFactor: number | null;
  employeesSelfReported: boolean;
  insured: number | null;
  newHires: number | null;
  taxPaid: number | null;
  taxableIncome: number | null;
  taxGrade: string | null;
  rdExpense: number | null;
  scienceStaff: number | null;
  inventionPatents: number | null;
  utilityPatents: number | null;
  electricityKwh: number | null;
  industrialOutput: number | null;
  exports: number | null;
  exportRefunds: number | null;
  adminPenalties: number;
  majorPenalty: 0 | 1;
  dishonestDebtor: 0 | 1;
  aboveScale: 0 | 1 | null;
  constructionQualification: 0 | 1 | null;
  realEstateDevelopment: 0 | 1 | null;
}

class ValueColumns {
  enterpriseId: number[] = [];
  code: string[] = [];
  period: string[] = [];
  source: string[] = [];
  value: (number | null)[] = [];
  text: (string | null)[] = [];
  asOf: string[] = [];

  get length(): number {
    return this.code.length;
  }

  add(enterpriseId: number, code: string, period: string, source: string, value: number | string, asOf: string): void {
    this.enterpriseId.push(enterpriseId);
    this.code.push(code);
    this.period.push(period);
    this.source.push(source);
    if (typeof value === 'string') {
      this.value.push(null);
      this.text.push(value);
    } else {
      if (!Number.isSafeInteger(value)) throw new Error(`indicator ${code} ${period} of enterprise ${enterpriseId} is not an integer: ${value}`);
      this.value.push(value);
      this.text.push(null);
    }
    this.asOf.push(asOf);
  }

  async flush(trx: Transaction<DB>): Promise<void> {
    if (this.length === 0) return;
    await sql`
      insert into indicator_values (enterprise_id, indicator_code, period, source, value, value_text, as_of)
      select * from unnest(${this.enterpriseId}::int[], ${this.code}::text[], ${this.period}::text[], ${this.source}::text[],
        ${this.value}::int8[], ${this.text}::text[], ${this.asOf}::date[])`.execute(trx);
    this.enterpriseId = [];
    this.code = [];
    this.period = [];
    this.source = [];
    this.value = [];
    this.text = [];
    this.asOf = [];
  }
}

class CertificationColumns {
  enterpriseId: number[] = [];
  code: string[] = [];
  awardedOn: string[] = [];
  expiresOn: (string | null)[] = [];
  isRenewal: boolean[] = [];
  certificateNo: (string | null)[] = [];
  source: string[] = [];

  add(enterpriseId: number, code: string, awardedOn: string, expiresOn: string | null, isRenewal: boolean, certificateNo: string | null, source: string): void {
    this.enterpriseId.push(enterpriseId);
    this.code.push(code);
    this.awardedOn.push(awardedOn);
    this.expiresOn.push(expiresOn);
    this.isRenewal.push(isRenewal);
    this.certificateNo.push(certificateNo);
    this.source.push(source);
  }

  async flush(trx: Transaction<DB>): Promise<void> {
    if (this.code.length === 0) return;
    await sql`
      insert into certifications (enterprise_id, code, awarded_on, expires_on, is_renewal, certificate_no, source)
      select * from unnest(${this.enterpriseId}::int[], ${this.code}::text[], ${this.awardedOn}::date[], ${this.expiresOn}::date[],
        ${this.isRenewal}::bool[], ${this.certificateNo}::text[], ${this.source}::text[])`.execute(trx);
  }
}

/** When each source knows a year's figure: statistics annual returns in spring, tax after the May settlement … */
function asOfDates(year: number, salt: number, referenceDate: string): Record<'statistics' | 'tax' | 'tax_paid' | 'tax_grade' | 'social_insurance' | 'self_reported' | 'electricity' | 'ip_office' | 'registry', string> {
  const next = year + 1;
  const date = (month: number, day: number): string => {
    const iso = `${next}-${pad2(month)}-${pad2(day)}`;
    return iso > referenceDate ? referenceDate : iso;
  };
  return {
    statistics: date(3 + (salt % 3), 1 + salt),
    tax: date(6, 1 + (salt % 25)),
    tax_paid: date(1, 15 + (salt % 12)),
    tax_grade: date(4, 20 + (salt % 9)),
    social_insurance: date(1, 5 + (salt % 20)),
    self_reported: date(3 + (salt % 4), 1 + salt),
    electricity: date(1, 3 + (salt % 10)),
    ip_office: date(1, 10 + (salt % 15)),
    registry: date(1, 8 + (salt % 15)),
  };
}

function emitYear(out: ValueColumns, id: number, f: YearFacts, dates: ReturnType<typeof asOfDates>): void {
  const p = String(f.year);
  if (f.inStatistics) {
    out.add(id, 'operating_revenue', p, 'statistics', f.operatingRevenue, dates.statistics);
    if (f.mainRevenue !== null) out.add(id, 'main_revenue', p, 'statistics', f.mainRevenue, dates.statistics);
    if (f.totalAssets !== null) out.add(id, 'total_assets', p, 'statistics', f.totalAssets, dates.statistics);
    out.add(id, 'employees', p, 'statistics', f.employees, dates.statistics);
    out.add(id, 'employees_avg', p, 'statistics', f.employeesAvg, dates.statistics);
    if (f.rdExpense !== null) out.add(id, 'rd_expense', p, 'statistics', f.rdExpense, dates.statistics);
    if (f.scienceStaff !== null) out.add(id, 'science_staff', p, 'statistics', f.scienceStaff, dates.statistics);
    if (f.industrialOutput !== null) out.add(id, 'industrial_output', p, 'statistics', f.industrialOutput, dates.statistics);
  } else {
    if (f.employeesSelfReported) out.add(id, 'employees', p, 'self_reported', f.employees, dates.self_reported);
    if (f.scienceStaff !== null) out.add(id, 'science_staff', p, 'self_reported', f.scienceStaff, dates.self_reported);
  }
  if (f.taxFactor !== null) {
    const operating = Math.round(f.operatingRevenue * f.taxFactor);
    out.add(id, 'operating_revenue', p, 'tax', operating, dates.tax);
    if (f.mainRevenue !== null) out.add(id, 'main_revenue', p, 'tax', Math.min(operating, Math.round(f.mainRevenue * f.taxFactor)), dates.tax);
    if (f.totalAssets !== null) out.add(id, 'total_assets', p, 'tax', Math.round(f.totalAssets * f.taxFactor), dates.tax);
    if (f.taxPaid !== null) out.add(id, 'tax_paid', p, 'tax', f.taxPaid, dates.tax_paid);
    if (f.taxableIncome !== null) out.add(id, 'taxable_income', p, 'tax', f.taxableIncome, dates.tax);
    if (f.taxGrade !== null) out.add(id, 'tax_credit_grade', p, 'tax', f.taxGrade, dates.tax_grade);
    if (f.rdExpense !== null) out.add(id, 'rd_expense', p, 'tax', f.rdExpense, dates.tax);
    if (f.exports !== null) out.add(id, 'exports', p, 'tax', f.exports, dates.tax);
    if (f.exportRefunds !== null) out.add(id, 'export_refunds', p, 'tax', f.exportRefunds, dates.tax);
  }
  if (f.insured !== null) out.add(id, 'insured_employees', p, 'social_insurance', f.insured, dates.social_insurance);
  if (f.newHires !== null) out.add(id, 'new_hires', p, 'social_insurance', f.newHires, dates.social_insurance);
  if (f.inventionPatents !== null) out.add(id, 'invention_patents', p, 'ip_office', f.inventionPatents, dates.ip_office);
  if (f.utilityPatents !== null) out.add(id, 'utility_patents', p, 'ip_office', f.utilityPatents, dates.ip_office);
  if (f.electricityKwh !== null) out.add(id, 'electricity_kwh', p, 'electricity', f.electricityKwh, dates.electricity);
  out.add(id, 'admin_penalties', p, 'market_regulation', f.adminPenalties, dates.registry);
  out.add(id, 'major_admin_penalty', p, 'market_regulation', f.majorPenalty, dates.registry);
  out.add(id, 'dishonest_debtor', p, 'credit', f.dishonestDebtor, dates.registry);
  if (f.aboveScale !== null) out.add(id, 'above_scale', p, 'statistics', f.aboveScale, dates.statistics);
  if (f.constructionQualification !== null) out.add(id, 'construction_qualification', p, 'market_regulation', f.constructionQualification, dates.registry);
  if (f.realEstateDevelopment !== null) out.add(id, 'real_estate_development', p, 'statistics', f.realEstateDevelopment, dates.statistics);
}

function writeFacts(plan: EnterprisePlan, id: number, ctx: Context, values: ValueColumns, certs: CertificationColumns): void {
  const rng = new Prng(plan.factsSeed);
  const salt = rng.int(0, 27);
  const years = plan.isShowcase ? showcaseYears(ctx) : drawYears(plan, rng, ctx);
  for (const f of years) emitYear(values, id, f, asOfDates(f.year, salt, ctx.referenceDate));
  if (plan.isShowcase) writeShowcaseCertifications(id, ctx, certs);
  else drawCertifications(plan, years, rng, ctx, id, certs);
}

// ---------------------------------------------------------------------------------------------------------
// Drawing the facts of an ordinary enterprise.

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const uniform = (rng: Prng, lo: number, hi: number): number => lo + (hi - lo) * rng.next();

function drawYears(plan: EnterprisePlan, rng: Prng, ctx: Context): YearFacts[] {
  const a = plan.archetype;
  const years = ctx.years.filter((y) => y >= plan.registeredYear && y <= plan.lastDataYear);
  if (years.length === 0) return [];
  const isIndividual = plan.type === 'individual_business';
  const isCoop = plan.type === 'cooperative';
  const isCompany = !isIndividual && !isCoop;
  const last = years[years.length - 1];
  const age = last - plan.registeredYear;

  // Head count and revenue of the latest year, then walked back along a firm-specific trend.
  const ageFactor = age <= 0 ? 0.5 : age === 1 ? 0.7 : age <= 4 ? 0.9 : 1 + Math.min(0.4, (age - 5) * 0.03);
  const typeFactor = plan.type === 'joint_stock_company' ? 3 : plan.type === 'branch' ? 0.6 : plan.type === 'sole_proprietorship' || plan.type === 'partnership' ? 0.4 : 1;
  let employeesLast: number;
  let revenueLastWan: number;
  if (isIndividual) {
    employeesLast = 1 + Math.floor(rng.logNormal(1.2, 0.7));
    revenueLastWan = employeesLast * rng.logNormal(a.revenuePerHead * 0.8, 0.5);
  } else if (isCoop) {
    employeesLast = Math.max(1, Math.round(rng.logNormal(5, 0.7)));
    revenueLastWan = rng.logNormal(35, 1.0);
  } else {
    employeesLast = Math.max(1, Math.round(a.employees * typeFactor * ageFactor * Math.exp(0.95 * plan.sizeZ)));
    revenueLastWan = employeesLast * rng.logNormal(a.revenuePerHead, 0.55);
  }
  const trend = clamp(0.05 + 0.12 * rng.normal() + (age <= 3 ? 0.15 : 0), -0.35, 0.8);
  const revenueWan = new Map<number, number>();
  const employees = new Map<number, number>();
  revenueWan.set(last, revenueLastWan);
  employees.set(last, employeesLast);
  for (let i = years.length - 2; i >= 0; i--) {
    const y = years[i];
    revenueWan.set(y, revenueWan.get(y + 1)! / Math.max(0.3, 1 + trend + 0.08 * rng.normal()));
    employees.set(y, Math.max(1, Math.round(employees.get(y + 1)! / Math.max(0.5, 1 + 0.5 * trend + 0.05 * rng.normal()))));
  }
  if (years[0] === plan.registeredYear) revenueWan.set(years[0], revenueWan.get(years[0])! * plan.firstYearShare);

  // Operating and main-business revenue in fen; scripted stories fix the 四上 basis figure instead.
  const mainShare = plan.sector === 'services' ? uniform(rng, 0.85, 1) : uniform(rng, 0.92, 1);
  const operating = new Map<number, number>();
  const main = new Map<number, number>();
  for (const y of years) {
    const op = Math.round(revenueWan.get(y)! * WAN);
    operating.set(y, op);
    main.set(y, Math.floor(op * mainShare));
  }
  if (plan.story && plan.line?.kind === 'revenue') applyStory(plan, plan.line, years, rng, operating, main, employees);
  if (plan.status === 'suspended' && last === ctx.lastYear) {
    operating.set(last, 0);
    main.set(last, 0);
    employees.set(last, Math.max(1, Math.round(employees.get(last)! * 0.3)));
  }

  // Real-estate developers sell in some years and not in others; their balance sheets are large.
  const isDeveloper = plan.line?.kind === 'activity';
  const developing = new Map<number, boolean>();
  if (isDeveloper && isCompany) {
    for (const y of years) {
      const active = rng.chance(0.8);
      developing.set(y, active);
      const op = active ? Math.round(rng.logNormal(2500, 1.0) * WAN) : rng.chance(0.5) ? 0 : Math.round(rng.logNormal(30, 1) * WAN);
      operating.set(y, op);
      main.set(y, Math.floor(op * mainShare));
    }
  }

  // Construction: a contracting qualification makes a firm 四上 (有资质建筑业); some obtain it late.
  const qualifiedFrom = plan.line?.kind === 'qualification' && isCompany && plan.type !== 'branch' && rng.chance(0.25)
    ? (rng.chance(0.12) ? rng.pick(years) : years[0])
    : null;

  const assetsRatio = rng.logNormal(a.assetsToRevenue, 0.5);
  const developerAssets = rng.logNormal(15000, 0.8) * WAN;
  const taxRate = a.taxRate * rng.logNormal(1, 0.4);
  const margin = 0.05 + 0.05 * rng.normal();
  const complianceScore = 81 + 7 * rng.normal();
  const hasTax = isIndividual ? rng.chance(0.7) : isCoop ? rng.chance(0.6) : plan.type === 'branch' ? rng.chance(0.5) : rng.chance(0.94);
  const gradeEvaluated = isIndividual ? rng.chance(0.12) : plan.type === 'branch' ? rng.chance(0.3) : rng.chance(0.94);
  const selfReports = isIndividual ? rng.chance(0.55) : isCoop ? rng.chance(0.5) : rng.chance(0.8);
  const insuredShare = isIndividual ? (rng.chance(0.12) ? 1 : 0) : isCoop ? (rng.chance(0.2) ? uniform(rng, 0.3, 1) : 0) : rng.chance(0.85) ? uniform(rng, 0.55, 1) : 0;
  const recordsZeroInsured = rng.chance(0.4);
  const hasElectricity = isCompany ? rng.chance(0.9) : rng.chance(0.6);
  const kwhIntensity = a.kwhPerWan * rng.logNormal(1, 0.4);
  const isIndustry = plan.sector === 'industry';
  const innovates = plan.isInnovative;
  const isTechSector = isIndustry || plan.division === '65' || plan.section === 'M';
  const rdRatio = innovates
    ? (isIndustry ? uniform(rng, 0.03, 0.08) : uniform(rng, 0.05, 0.15))
    : isCompany && isTechSector && rng.chance(0.12)
      ? uniform(rng, 0.003, 0.02)
      : null;
  const recordsZeroRd = rdRatio === null && isCompany && rng.chance(isTechSector ? 0.6 : 0.3);
  const scienceShare = innovates ? uniform(rng, 0.08, 0.3) : rdRatio !== null ? uniform(rng, 0, 0.04) : null;
  let invention = innovates ? Math.floor(rng.logNormal(2, 0.9)) : 0;
  let utility = innovates ? Math.max(1, Math.floor(rng.logNormal(8, 0.8))) : isCompany && isTechSector && rng.chance(0.1) ? rng.int(1, 5) : 0;
  const exportShare = isIndustry && isCompany && rng.chance(a.exporter * (innovates ? 2 : 1)) ? uniform(rng, 0.1, 0.6) : null;
  const dishonestFrom = rng.chance(isIndividual ? 0.008 : 0.014) ? rng.pick(years) : null;

  // Patent stocks grow: walk back from the latest year.
  const inventionByYear = new Map<number, number>();
  const utilityByYear = new Map<number, number>();
  for (let i = years.length - 1; i >= 0; i--) {
    inventionByYear.set(years[i], invention);
    utilityByYear.set(years[i], utility);
    invention = Math.max(0, invention - (rng.chance(0.4) ? 1 : 0));
    utility = Math.max(0, utility - rng.int(0, Math.ceil(utility * 0.3)));
  }

  const facts: YearFacts[] = [];
  let official: 0 | 1 = 0;
  for (const y of years) {
    const op = operating.get(y)!;
    const mr = main.get(y)!;
    const staff = employees.get(y)!;
    const revenueInWan = op / WAN;

    // The official 四上 status: follows the line; a few firms over it are not yet counted (应统未统).
    let aboveScale: 0 | 1 | null = null;
    let qualification: 0 | 1 | null = null;
    let realEstate: 0 | 1 | null = null;
    if (isCompany && plan.type !== 'branch' && plan.line) {
      if (plan.line.kind === 'revenue') {
        const basis = plan.line.basis === 'main' ? mr : op;
        const meets = basis >= plan.line.thresholdFen;
        official = meets && (official === 1 || plan.story !== null || rng.chance(0.93)) ? 1 : 0;
      } else if (plan.line.kind === 'qualification') {
        qualification = qualifiedFrom !== null && y >= qualifiedFrom ? 1 : 0;
        official = qualification;
      } else {
        realEstate = developing.get(y) ? 1 : 0;
        official = realEstate;
      }
      aboveScale = official;
    }
    const inStatistics = aboveScale === 1;

    const penalised = rng.chance(isCompany ? 0.03 : 0.02);
    const adminPenalties = penalised ? rng.int(1, 3) : 0;
    const majorPenalty: 0 | 1 = penalised && rng.chance(0.1) ? 1 : 0;
    const dishonest: 0 | 1 = dishonestFrom !== null && y >= dishonestFrom ? 1 : 0;

    let taxGrade: string | null = null;
    if (hasTax && gradeEvaluated) {
      const score = complianceScore + 3 * rng.normal() - adminPenalties * 8 - majorPenalty * 30;
      if (dishonest || majorPenalty) taxGrade = 'D';
      else if (y === plan.registeredYear || (op === 0 && score >= 70)) taxGrade = 'M';
      else taxGrade = score >= 90 ? 'A' : score >= 70 ? 'B' : score >= 40 ? 'C' : 'D';
    }

    const taxFactor = !hasTax ? null : inStatistics ? 1 + clamp(0.012 * rng.normal(), -0.03, 0.03) : 1;
    const smallTaxpayer = revenueInWan < 120;
    const taxPaid = hasTax ? Math.max(0, Math.round(op * (isIndividual ? 0.004 : taxRate) * (smallTaxpayer ? 0.4 : 1) * rng.logNormal(1, 0.2))) : null;
    const taxableIncome = hasTax && isCompany ? Math.max(0, Math.round(op * (margin + 0.03 * rng.normal()))) : null;
    const insured = insuredShare > 0 ? Math.min(staff, isIndividual ? rng.int(1, 2) : Math.round(staff * insuredShare)) : isCompany && recordsZeroInsured ? 0 : null;
    const previousStaff = employees.get(y - 1) ?? 0;
    const newHires = insured !== null && insured > 0 ? Math.min(staff, Math.round(staff * uniform(rng, 0.03, 0.3)) + Math.max(0, staff - previousStaff)) : null;
    const rdExpense = rdRatio !== null ? Math.round(op * rdRatio * uniform(rng, 0.9, 1.1)) : recordsZeroRd ? 0 : null;
    const scienceStaff = scienceShare !== null && (innovates || inStatistics) ? Math.max(innovates ? 1 : 0, Math.round(staff * scienceShare)) : null;
    const hasPatents = (inventionByYear.get(y) ?? 0) + (utilityByYear.get(y) ?? 0) > 0;
    const electricity = hasElectricity
      ? Math.max(isCompany ? 1500 : 600, Math.round(revenueInWan * kwhIntensity * rng.logNormal(1, 0.1)) + (isDeveloper ? 20_000 : 0))
      : null;
    const exportsValue = exportShare !== null && op > 0 ? Math.round(op * exportShare * uniform(rng, 0.85, 1.15)) : null;

    facts.push({
      year: y,
      operatingRevenue: op,
      mainRevenue: isIndividual ? null : mr,
      totalAssets: isIndividual ? null : Math.round((isDeveloper ? developerAssets : Math.max(op, 5 * WAN) * assetsRatio) * (1 + 0.04 * rng.normal())),
      employees: staff,
      employeesAvg: Math.max(1, Math.round(staff * uniform(rng, 0.92, 1.03))),
      inStatistics,
      taxFactor,
      employeesSelfReported: selfReports,
      insured,
      newHires,
      taxPaid,
      taxableIncome,
      taxGrade,
      rdExpense: hasTax || inStatistics ? rdExpense : null,
      scienceStaff,
      inventionPatents: hasPatents ? inventionByYear.get(y)! : null,
      utilityPatents: hasPatents ? utilityByYear.get(y)! : null,
      electricityKwh: electricity,
      industrialOutput: inStatistics && isIndustry ? Math.round(mr * uniform(rng, 1.0, 1.1)) : null,
      exports: exportsValue,
      exportRefunds: exportsValue !== null ? Math.round(exportsValue * uniform(rng, 0.06, 0.13)) : null,
      adminPenalties,
      majorPenalty,
      dishonestDebtor: dishonest,
      aboveScale,
      constructionQualification: qualification,
      realEstateDevelopment: realEstate,
    });
  }
  return facts;
}

/** Sets the 四上 basis figure of each year so the official status follows the story exactly. */
function applyStory(
  plan: EnterprisePlan,
  line: { basis: 'main' | 'operating'; thresholdFen: number },
  years: readonly number[],
  rng: Prng,
  operating: Map<number, number>,
  main: Map<number, number>,
  employees: Map<number, number>,
): void {
  const t = line.thresholdFen;
  const above = (): number => Math.round(t * uniform(rng, 1.03, 1.6));
  const below = (): number => Math.round(t * uniform(rng, 0.6, 0.96));
  const [y1, y2, y3] = years;
  const basis = new Map<number, number>();
  switch (plan.story) {
    case 'entered_middle':
      basis.set(y1, below()).set(y2, above()).set(y3, above());
      break;
    case 'entered_last':
      basis.set(y1, below()).set(y2, below()).set(y3, above());
      break;
    case 'exited':
      basis.set(y1, above()).set(y2, above()).set(y3, below());
      break;
    case 'reentered':
      basis.set(y1, above()).set(y2, below()).set(y3, above());
      break;
    case 'on_line':
      basis.set(y1, below()).set(y2, Math.round(t * uniform(rng, 0.8, 1.1))).set(y3, t);
      break;
    case 'one_yuan_below':
      basis.set(y1, Math.round(t * uniform(rng, 0.8, 1.1))).set(y2, Math.round(t * uniform(rng, 0.8, 1.1))).set(y3, t - 100);
      break;
    default:
      for (const y of years) basis.set(y, Math.round(t * uniform(rng, 0.82, 1.2)));
  }
  const share = uniform(rng, 0.92, 1);
  const perHeadFen = plan.archetype.revenuePerHead * WAN * rng.logNormal(1, 0.25);
  for (const y of years) {
    const b = basis.get(y)!;
    if (line.basis === 'main') {
      main.set(y, b);
      operating.set(y, Math.ceil(b / share));
    } else {
      operating.set(y, b);
      main.set(y, Math.floor(b * share));
    }
    employees.set(y, Math.max(3, Math.round(operating.get(y)! / perHeadFen)));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Certifications: concentrated on innovative manufacturers and IT firms.

function drawCertifications(plan: EnterprisePlan, years: readonly YearFacts[], rng: Prng, ctx: Context, id: number, certs: CertificationColumns): void {
  if (years.length === 0 || plan.status !== 'operating') return;
  const latest = years[years.length - 1];
  const revenueWan = latest.operatingRevenue / WAN;
  // Technology certifications go to manufacturers, software and IT firms, and scientific services.
  const isTechSector = plan.section === 'C' || plan.division === '65' || plan.section === 'M';
  const y0 = plan.registeredYear;
  const Y = ctx.lastYear;

  if (plan.isInnovative && isTechSector) {
    // 高新技术企业: three-year certificates, mostly renewed (重新认定).
    if (Y - y0 >= 2 && revenueWan >= 200 && rng.chance(0.55)) {
      let year = rng.int(Math.max(y0 + 1, Y - 9), Y);
      while (year - 3 >= Math.max(y0 + 1, Y - 9) && rng.chance(0.5)) year -= 3;
      let renewal = false;
      while (year <= Y) {
        const awarded = `${year}-${rng.chance(0.6) ? '11' : '12'}-${pad2(rng.int(1, 28))}`;
        if (awarded > ctx.referenceDate) break;
        certs.add(id, 'high_tech', awarded, addYears(awarded, 3), renewal, `GR${year}511${String(rng.int(0, 99999)).padStart(5, '0')}`, 'kjj');
        if (!rng.chance(0.85)) break;
        renewal = true;
        year += 3;
      }
    }
    // 科技型中小企业: evaluated every year, valid to the end of the year.
    if (rng.chance(0.8)) {
      for (let year = Math.max(y0, Y - 2); year <= ctx.referenceYear; year++) {
        if (!rng.chance(0.85)) continue;
        const awarded = `${year}-${pad2(rng.int(4, 8))}-${pad2(rng.int(1, 28))}`;
        if (awarded > ctx.referenceDate || awarded < plan.registeredOn) continue;
        certs.add(id, 'tech_sme', awarded, `${year}-12-31`, false, `${year}${REGION.code}A0${String(rng.int(0, 9999)).padStart(4, '0')}`, 'kjj');
      }
    }
    if (plan.section === 'C') {
      // 专精特新中小企业 (3 years) and, for a very few, the national 小巨人.
      if (revenueWan >= 1000 && Y - y0 >= 3 && rng.chance(0.35)) {
        const first = rng.int(Math.max(y0 + 3, Y - 5), Y);
        for (let year = first, renewal = false; year <= Y; year += 3, renewal = true) {
          certs.add(id, 'specialized_sme', `${year}-12-${pad2(rng.int(1, 28))}`, `${year + 3}-12-31`, renewal, null, 'jxw');
        }
        if (revenueWan >= 5000 && first < Y && rng.chance(0.2)) {
          const year = rng.int(first + 1, Y);
          certs.add(id, 'little_giant', `${year}-07-${pad2(rng.int(1, 28))}`, `${year + 3}-07-01`, false, null, 'jxw');
        }
      }
      // 企业技术中心 (county or municipal): recognised once, re-evaluated, no fixed expiry.
      if (rng.chance(0.15)) {
        const year = rng.int(Math.max(y0 + 2, 2015), Y);
        if (year <= Y) certs.add(id, 'enterprise_tech_center', `${year}-${pad2(rng.int(9, 12))}-${pad2(rng.int(1, 28))}`, null, false, null, 'jxw');
      }
    }
  } else if (isTechSector && plan.type !== 'individual_business' && plan.type !== 'cooperative' && latest.rdExpense !== null && latest.rdExpense > 0 && rng.chance(0.2)) {
    const awarded = `${Y}-${pad2(rng.int(4, 8))}-${pad2(rng.int(1, 28))}`;
    if (awarded >= plan.registeredOn) certs.add(id, 'tech_sme', awarded, `${Y}-12-31`, false, null, 'kjj');
  }

  // 成长型微型企业: micro companies growing fast.
  if (years.length >= 2 && plan.type === 'limited_company' && latest.employees < 20) {
    const previous = years[years.length - 2].operatingRevenue;
    if (previous > 0 && latest.operatingRevenue >= previous * 1.2 && rng.chance(0.06)) {
      const year = rng.chance(0.5) ? Y : Y - 1;
      certs.add(id, 'growth_micro', `${year}-09-${pad2(rng.int(1, 28))}`, `${year + 2}-09-01`, false, null, 'jxw');
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// The showcase's facts, fixed: 主营业务收入 rises over the 2,000万元 line in the last year (新增规上).

function showcaseYears(ctx: Context): YearFacts[] {
  const [y1, y2, y3] = ctx.years;
  const row = (
    year: number,
    mainWan: number,
    operatingWan: number,
    assetsWan: number,
    employees: number,
    insured: number,
    newHires: number,
    taxWan: number,
    taxableWan: number,
    rdWan: number,
    science: number,
    invention: number,
    utility: number,
    kwh: number,
    aboveScale: 0 | 1,
  ): YearFacts => ({
    year,
    operatingRevenue: operatingWan * WAN,
    mainRevenue: mainWan * WAN,
    totalAssets: assetsWan * WAN,
    employees,
    employeesAvg: employees - 2,
    inStatistics: aboveScale === 1,
    taxFactor: 1,
    employeesSelfReported: true,
    insured,
    newHires,
    taxPaid: Math.round(taxWan * WAN),
    taxableIncome: Math.round(taxableWan * WAN),
    taxGrade: 'A',
    rdExpense: Math.round(rdWan * WAN),
    scienceStaff: science,
    inventionPatents: invention,
    utilityPatents: utility,
    electricityKwh: kwh,
    industrialOutput: aboveScale === 1 ? Math.round(mainWan * 1.04 * WAN) : null,
    exports: null,
    exportRefunds: null,
    adminPenalties: 0,
    majorPenalty: 0,
    dishonestDebtor: 0,
    aboveScale,
    constructionQualification: null,
    realEstateDevelopment: null,
  });
  return [
    row(y1, 1520, 1565, 1780, 64, 58, 9, 52.8, 118, 56.3, 8, 1, 11, 560_000, 0),
    row(y2, 1860, 1912, 2050, 73, 69, 12, 66.4, 152, 72.5, 10, 2, 15, 655_000, 0),
    row(y3, 2350, 2410, 2460, 85, 80, 16, 84.1, 196, 94.0, 12, 3, 18, 812_000, 1),
  ];
}

function writeShowcaseCertifications(id: number, ctx: Context, certs: CertificationColumns): void {
  const Y = ctx.lastYear;
  // 高新技术企业 first recognised in the year before last (2024 when today is 2026).
  certs.add(id, 'high_tech', `${Y - 1}-11-26`, `${Y + 2}-11-26`, false, `GR${Y - 1}51100318`, 'kjj');
  for (let year = Y - 1; year <= ctx.referenceYear; year++) {
    const awarded = `${year}-05-20`;
    if (awarded <= ctx.referenceDate) certs.add(id, 'tech_sme', awarded, `${year}-12-31`, false, `${year}${REGION.code}A0${String(318 + year - Y).padStart(4, '0')}`, 'kjj');
  }
  certs.add(id, 'enterprise_tech_center', `${Y - 2}-10-15`, null, false, null, 'jxw');
}

// ---------------------------------------------------------------------------------------------------------
// Inserting the registry rows.

async function insertEnterprises(trx: Transaction<DB>, plans: readonly EnterprisePlan[]): Promise<number[]> {
  const column = <T>(get: (p: EnterprisePlan) => T): T[] => plans.map(get);
  const result = await sql<{ id: number; uscc: string }>`
    insert into enterprises (uscc, uscc_status, name, name_sort, type, legal_representative, registered_on, registered_capital_fen,
      town_code, address, industry_code, industry_section, industry_division, status, closed_on)
    select uscc, uscc_status, name, name_sort, type, legal_representative, registered_on, registered_capital_fen,
      town_code, address, industry_code, industry_section, industry_division, status, closed_on
    from unnest(${column((p) => p.uscc)}::text[], ${column((p) => p.usccStatus)}::text[], ${column((p) => p.name)}::text[],
      ${column((p) => pinyinSortKey(p.name))}::text[],
      ${column((p) => p.type)}::text[], ${column((p) => p.legalRepresentative)}::text[], ${column((p) => p.registeredOn)}::date[],
      ${column((p) => p.capitalFen)}::int8[], ${column((p) => p.town.code)}::text[], ${column((p) => p.address)}::text[],
      ${column((p) => p.archetype.code)}::text[], ${column((p) => p.section)}::text[], ${column((p) => p.division)}::text[],
      ${column((p) => p.status)}::text[], ${column((p) => p.closedOn)}::date[])
      with ordinality as t(uscc, uscc_status, name, name_sort, type, legal_representative, registered_on, registered_capital_fen,
        town_code, address, industry_code, industry_section, industry_division, status, closed_on, ord)
    order by ord
    returning id, uscc`.execute(trx);
  const idByUscc = new Map(result.rows.map((r) => [r.uscc, r.id]));
  return plans.map((p) => {
    const id = idByUscc.get(p.uscc);
    if (id === undefined) throw new Error(`enterprise ${p.uscc} was not inserted`);
    return id;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Dates.

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** 0-based day of the year of an ISO date. */
function dayOfYear(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000);
}

function dateFromDay(year: number, day: number): string {
  return new Date(Date.UTC(year, 0, 1 + day)).toISOString().slice(0, 10);
}

function addYears(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) + years;
  const rest = iso.slice(4);
  return rest === '-02-29' && !isLeap(y) ? `${y}-02-28` : `${y}${rest}`;
}
