/**
 * Visit coverage of 千人联千企: the share of a cadre's linked enterprises the cadre has visited in a
 * quarter, and the same share summed over a unit (the cadres' organisation) or a town (the firms' town).
 *
 * The rule, one for every level so that the figures add up:
 *   - the pairs counted are the links current at the reference date `asOf` (the quarter's last day, or
 *     today while the quarter runs): linked on or before `asOf`, not unlinked by then;
 *   - a pair is covered when THAT cadre visited THAT enterprise within the quarter, on or after the day the
 *     link began (a visit on the day of linking counts);
 *   - a unit's or a town's coverage is the sum of its pairs' covered over the sum of its pairs.
 *
 * Reassignment within the quarter: the firm is the new cadre's, and only the new cadre's visits count. A
 * visit the previous cadre paid before the reassignment credits nobody — the previous cadre no longer has
 * the firm, and the new cadre has not been there yet. Coverage asks "has the firm's cadre been to see it this
 * quarter", which a hand-over does not answer. A cadre with no links has coverage null (not 0 and not 100 %),
 * and is left out of averages.
 *
 * Pure: no IO. Dates are ISO 'YYYY-MM-DD' strings (the county's calendar days), compared as strings.
 */

export type Quarter = `${number}-Q${1 | 2 | 3 | 4}`;

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** The quarter of a calendar day: '2026-12-07' → '2026-Q4'. */
export function quarterOf(day: string): Quarter {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  if (!Number.isInteger(year) || !(month >= 1 && month <= 12)) throw new RangeError(`not a date: ${day}`);
  return `${year}-Q${Math.ceil(month / 3) as 1 | 2 | 3 | 4}`;
}

export function isQuarter(text: string): text is Quarter {
  return QUARTER.test(text);
}

/** First and last day of a quarter: '2026-Q4' → { from: '2026-10-01', to: '2026-12-31' }. */
export function quarterRange(quarter: string): { from: string; to: string } {
  const match = QUARTER.exec(quarter);
  if (!match) throw new RangeError(`not a quarter: ${quarter}`);
  const year = Number(match[1]);
  const q = Number(match[2]);
  const first = (q - 1) * 3 + 1;
  const last = first + 2;
  const lastDay = [31, 30, 30, 31][q - 1];
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDay)}` };
}

/** The quarter before: '2026-Q1' → '2025-Q4'. */
export function previousQuarter(quarter: string): Quarter {
  const match = QUARTER.exec(quarter);
  if (!match) throw new RangeError(`not a quarter: ${quarter}`);
  const year = Number(match[1]);
  const q = Number(match[2]);
  return (q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`) as Quarter;
}

/** The day coverage of a quarter is measured at: its last day, or `today` while it runs. */
export function referenceDay(quarter: string, today: string): string {
  const { to } = quarterRange(quarter);
  return today < to ? today : to;
}

export interface CoverageLink {
  cadreId: number;
  enterpriseId: number;
  linkedOn: string;
  unlinkedOn: string | null;
}

export interface CoverageVisit {
  cadreId: number;
  enterpriseId: number;
  visitedOn: string;
}

export interface CoveragePair {
  cadreId: number;
  enterpriseId: number;
  covered: boolean;
}

/** Whether a link is current at `asOf` (linked by then, not yet unlinked). */
export function isCurrentAt(link: Pick<CoverageLink, 'linkedOn' | 'unlinkedOn'>, asOf: string): boolean {
  return link.linkedOn <= asOf && (link.unlinkedOn === null || link.unlinkedOn > asOf);
}

/**
 * The pairs of a quarter: one per link current at `asOf`, covered when the linked cadre visited the firm
 * between max(quarter start, linked on) and `asOf` (visits after `asOf` are not counted).
 */
export function coveragePairs(links: readonly CoverageLink[], visits: readonly CoverageVisit[], quarter: string, asOf: string): CoveragePair[] {
  const { from } = quarterRange(quarter);
  const visited = new Map<string, string[]>();
  for (const v of visits) {
    if (v.visitedOn < from || v.visitedOn > asOf) continue;
    const key = `${v.cadreId}:${v.enterpriseId}`;
    const days = visited.get(key);
    if (days) days.push(v.visitedOn);
    else visited.set(key, [v.visitedOn]);
  }
  const pairs: CoveragePair[] = [];
  for (const link of links) {
    if (!isCurrentAt(link, asOf)) continue;
    const since = link.linkedOn > from ? link.linkedOn : from;
    const days = visited.get(`${link.cadreId}:${link.enterpriseId}`) ?? [];
    pairs.push({ cadreId: link.cadreId, enterpriseId: link.enterpriseId, covered: days.some((d) => d >= since) });
  }
  return pairs;
}

export interface Coverage {
  linked: number;
  visited: number;
  /** visited ÷ linked in basis points (0–10,000, rounded half up); null when nothing is linked. */
  rateBp: number | null;
}

/** visited ÷ linked in basis points, integer arithmetic; null for 0 ÷ 0. */
export function rateBp(visited: number, linked: number): number | null {
  if (linked === 0) return null;
  return Math.floor((visited * 10_000 * 2 + linked) / (linked * 2));
}

/** Sums pairs by a key (the cadre, the cadre's unit, the firm's town …); pairs whose key is null are left out. */
export function coverageBy<K>(pairs: readonly CoveragePair[], keyOf: (pair: CoveragePair) => K | null): Map<K, Coverage> {
  const out = new Map<K, { linked: number; visited: number }>();
  for (const pair of pairs) {
    const key = keyOf(pair);
    if (key === null) continue;
    const c = out.get(key) ?? { linked: 0, visited: 0 };
    c.linked++;
    if (pair.covered) c.visited++;
    out.set(key, c);
  }
  return new Map([...out].map(([k, c]) => [k, { ...c, rateBp: rateBp(c.visited, c.linked) }]));
}

/** The whole county's coverage. */
export function totalCoverage(pairs: readonly CoveragePair[]): Coverage {
  const visited = pairs.filter((p) => p.covered).length;
  return { linked: pairs.length, visited, rateBp: rateBp(visited, pairs.length) };
}

/** Masks a mobile number for lists: '13812341234' → '138****1234'. Anything else keeps only its last 2. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null || phone === '') return null;
  if (/^\d{11}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  return `${'*'.repeat(Math.max(0, phone.length - 2))}${phone.slice(-2)}`;
}
