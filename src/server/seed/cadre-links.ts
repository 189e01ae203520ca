import { sql, type Kysely } from 'kysely';
import { quarterOf, quarterRange, previousQuarter } from '../../core/cadres/coverage.ts';
import type { Prng } from '../../core/random/prng.ts';
import type { DB } from '../db/schema.ts';
import { personName } from './names.ts';

/**
 * 千人联千企 for the demo county (after demands, finance and policies, whose rows it links to):
 *   - every cadre gets a mobile number;
 *   - every enterprise is linked to one cadre (town cadres mostly take firms of their town); a firm whose
 *     demand a cadre filed on its behalf is linked to that cadre; a few firms were reassigned (closed links
 *     with a reason), some within the current quarter;
 *   - the demo `cadre` account gets eight firms: some with open demands, some matched to policies they have
 *     not applied for, some with loans;
 *   - a year of visits (the last four quarters) with uneven coverage: each town and each unit has its own
 *     diligence, and the second-to-last quarter is a slack one; the demands cadres filed on their firms'
 *     behalf become visits that raised them (visit_demands);
 *   - visit plans of the current quarter.
 * Set-based: a handful of bulk inserts.
 */

const REASONS = ['干部岗位调整', '驻村干部轮岗', '企业迁址调整挂联', '工作职责调整', '干部退休'];
const ROLES_MET = ['总经理', '董事长', '财务负责人', '生产厂长', '行政主管', '办公室主任', '法定代表人'];
const FINDINGS = [
  '企业生产经营正常，订单饱满，产能利用率较高；宣讲了稳岗返还和技改补贴政策。',
  '企业反映原材料价格上涨，利润收窄；已介绍“垫易贷”等信用贷款产品。',
  '企业计划扩建生产线，关注用地和环评办理进度；已告知相关部门联系方式。',
  '企业用工较紧张，技术工人招聘难；推荐参加县人社局专场招聘会。',
  '企业经营平稳，无明显困难；核实了企业画像信息并提醒按时报送统计数据。',
  '企业正在申报高新技术企业认定，需要研发费用归集辅导；已对接县科技局。',
  '企业回款周期长，流动资金紧张；宣讲了应收账款融资和贷款贴息政策。',
  '企业关注电费和天然气价格，询问用能补贴；已解释相关政策适用条件。',
];

const DAY = 86_400_000;
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
const CHUNK = 2_000;

function phoneOf(rng: Prng): string {
  return `1${rng.pick(['3', '5', '7', '8', '9'])}${rng.int(0, 9)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
}

export interface SeedCadreLinksOptions {
  referenceDate: string;
  demoCadreUserId: number;
}

export async function seedCadreLinks(db: Kysely<DB>, rng: Prng, options: SeedCadreLinksOptions): Promise<{ links: number; visits: number; plans: number }> {
  const today = options.referenceDate;
  const cadres = await db.selectFrom('cadres').select(['id', 'org_id', 'town_code', 'user_id']).orderBy('id').execute();
  const enterprises = await db.selectFrom('enterprises').select(['id', 'town_code']).orderBy('id').execute();
  const demo = cadres.find((c) => c.user_id === options.demoCadreUserId);
  if (!demo || cadres.length < 2) throw new Error('seedCadreLinks needs the cadre roster with the demo cadre');

  // Phones, in one statement.
  const phones = cadres.map(() => phoneOf(rng));
  await sql`update cadres c set phone = p.phone from unnest(${cadres.map((c) => c.id)}::int[], ${phones}::text[]) as p(id, phone) where c.id = p.id`.execute(db);

  // The demo cadre's eight firms: open demands, unapplied matches, loans.
  const pickIds = async (query: Promise<{ id: number }[]>, n: number, taken: Set<number>) => {
    const out: number[] = [];
    for (const { id } of await query) {
      if (out.length >= n) break;
      if (!taken.has(id)) {
        out.push(id);
        taken.add(id);
      }
    }
    return out;
  };
  const demoFirms = new Set<number>();
  await pickIds(
    sql<{ id: number }>`select enterprise_id as id from demands where state in ('submitted','triaged','assigned','accepted','in_progress','waiting')
      and enterprise_id not in (select e.id from enterprises e where e.org_id is not null) group by enterprise_id order by count(*) desc, enterprise_id limit 20`.execute(db).then((r) => r.rows),
    3,
    demoFirms,
  );
  await pickIds(
    sql<{ id: number }>`select m.enterprise_id as id from policy_matches m join policy_versions v on v.id = m.policy_version_id
      where m.outcome = 'eligible' and v.status = 'published'
        and not exists (select 1 from applications a where a.enterprise_id = m.enterprise_id and a.policy_id = v.policy_id)
      group by m.enterprise_id order by count(*) desc, m.enterprise_id limit 40`.execute(db).then((r) => r.rows),
    3,
    demoFirms,
  );
  await pickIds(
    sql<{ id: number }>`select enterprise_id as id from loans where status in ('active','overdue') group by enterprise_id order by enterprise_id limit 20`.execute(db).then((r) => r.rows),
    2,
    demoFirms,
  );

  // Who filed demands for whom: the first cadre to file for a firm is its cadre (unless it is the demo one).
  const filers = await db.selectFrom('demands').where('on_behalf_cadre_id', 'is not', null).select(['enterprise_id', 'on_behalf_cadre_id']).orderBy('id').execute();
  const filerOf = new Map<number, number>();
  for (const f of filers) if (!filerOf.has(f.enterprise_id) && f.on_behalf_cadre_id !== demo.id) filerOf.set(f.enterprise_id, f.on_behalf_cadre_id!);

  const others = cadres.filter((c) => c.id !== demo.id);
  const byTown = new Map<string, typeof cadres>();
  for (const c of others) if (c.town_code) byTown.set(c.town_code, [...(byTown.get(c.town_code) ?? []), c]);
  const countyCadres = others.filter((c) => c.town_code === null);

  const currentQuarter = quarterOf(today);
  const { from: currentFrom } = quarterRange(currentQuarter);
  const links: { cadre_id: number; enterprise_id: number; linked_on: string; unlinked_on: string | null; reason: string }[] = [];
  const currentOf = new Map<number, { cadreId: number; linkedOn: string }>();
  for (const e of enterprises) {
    let cadreId: number;
    if (demoFirms.has(e.id)) cadreId = demo.id;
    else if (filerOf.has(e.id)) cadreId = filerOf.get(e.id)!;
    else {
      const local = e.town_code ? byTown.get(e.town_code) : undefined;
      cadreId = local && rng.chance(0.6) ? rng.pick(local).id : rng.pick(countyCadres.length ? countyCadres : others).id;
    }
    // Linked 13 to 30 months ago; some firms changed cadre (a few of them this quarter).
    let linkedOn = addDays(today, -rng.int(400, 900));
    const reassigned = !demoFirms.has(e.id) && rng.chance(0.04);
    if (reassigned) {
      const previous = rng.pick(others).id;
      const changedOn = rng.chance(0.3) ? addDays(currentFrom, rng.int(0, Math.max(0, daysBetween(currentFrom, today)))) : addDays(today, -rng.int(120, 380));
      if (previous !== cadreId) {
        links.push({ cadre_id: previous, enterprise_id: e.id, linked_on: linkedOn, unlinked_on: changedOn, reason: rng.pick(REASONS) });
        linkedOn = changedOn;
      }
    }
    links.push({ cadre_id: cadreId, enterprise_id: e.id, linked_on: linkedOn, unlinked_on: null, reason: '' });
    currentOf.set(e.id, { cadreId, linkedOn });
  }
  // The demo cadre's own history: two firms looked after before and handed over.
  const handedOver = enterprises.filter((e) => !demoFirms.has(e.id)).slice(10, 12);
  for (const e of handedOver) {
    const current = currentOf.get(e.id)!;
    const start = addDays(current.linkedOn, -rng.int(200, 400));
    links.push({ cadre_id: demo.id, enterprise_id: e.id, linked_on: start, unlinked_on: current.linkedOn, reason: '工作职责调整' });
  }
  for (let i = 0; i < links.length; i += CHUNK) await db.insertInto('cadre_links').values(links.slice(i, i + CHUNK)).execute();

  // Diligence: per town and per unit, and a slack quarter (the one before last).
  const towns = [...new Set(enterprises.map((e) => e.town_code).filter((t): t is string => t !== null))].sort();
  const townFactor = new Map(towns.map((t, i) => [t, i % 5 === 3 ? 0.35 + rng.next() * 0.15 : 0.6 + rng.next() * 0.35]));
  const units = [...new Set(cadres.map((c) => c.org_id))].sort((a, b) => a - b);
  const unitFactor = new Map(units.map((u) => [u, 0.65 + rng.next() * 0.45]));
  const orgOf = new Map(cadres.map((c) => [c.id, c.org_id]));
  const quarters = [currentQuarter];
  while (quarters.length < 4) quarters.unshift(previousQuarter(quarters[0]));

  const visits: { cadre_id: number; enterprise_id: number; visited_on: string; people_met: string; findings: string; created_by: number | null }[] = [];
  const visit = (cadreId: number, enterpriseId: number, day: string) =>
    visits.push({
      cadre_id: cadreId,
      enterprise_id: enterpriseId,
      visited_on: day,
      people_met: `${rng.pick(ROLES_MET)} ${personName(rng)}`,
      findings: rng.pick(FINDINGS),
      created_by: cadreId === demo.id ? options.demoCadreUserId : null,
    });
  for (const q of quarters) {
    const { from, to } = quarterRange(q);
    const end = to < today ? to : today;
    const elapsed = Math.min(1, (daysBetween(from, end) + 1) / (daysBetween(from, to) + 1));
    const slack = q === quarters[2] ? 0.6 : 1;
    for (const e of enterprises) {
      const { cadreId, linkedOn } = currentOf.get(e.id)!;
      const start = linkedOn > from ? linkedOn : from;
      if (start > end) continue;
      const p = cadreId === demo.id ? (q === currentQuarter ? 0.5 : 0.9) : Math.min(0.97, (townFactor.get(e.town_code ?? '') ?? 0.7) * (unitFactor.get(orgOf.get(cadreId)!) ?? 1) * slack * elapsed);
      if (!rng.chance(p)) continue;
      const span = daysBetween(start, end);
      visit(cadreId, e.id, addDays(start, rng.int(0, span)));
      if (rng.chance(0.15)) visit(cadreId, e.id, addDays(start, rng.int(0, span)));
    }
  }
  for (let i = 0; i < visits.length; i += CHUNK) await db.insertInto('visits').values(visits.slice(i, i + CHUNK)).execute();

  // Demands the current cadre filed for their firm since the link: each raised on a visit that day.
  const raised = await sql<{ id: number; enterprise_id: number; cadre_id: number; day: string; submitted_by: number | null }>`
    select d.id, d.enterprise_id, d.on_behalf_cadre_id as cadre_id, to_char(d.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day, d.submitted_by
    from demands d join cadre_links l on l.enterprise_id = d.enterprise_id and l.cadre_id = d.on_behalf_cadre_id and l.unlinked_on is null
    where d.channel = 'cadre' and (d.created_at at time zone 'Asia/Shanghai')::date >= l.linked_on
    order by d.id`.execute(db);
  let raisedVisits = 0;
  for (let i = 0; i < raised.rows.length; i += CHUNK) {
    const chunk = raised.rows.slice(i, i + CHUNK);
    const ids = await db
      .insertInto('visits')
      .values(chunk.map((d) => ({ cadre_id: d.cadre_id, enterprise_id: d.enterprise_id, visited_on: d.day, people_met: `${rng.pick(ROLES_MET)} ${personName(rng)}`, findings: `走访中企业反映困难，已代为登记诉求。${rng.pick(FINDINGS)}`, created_by: d.submitted_by })))
      .returning('id')
      .execute();
    await db.insertInto('visit_demands').values(ids.map((v, j) => ({ visit_id: v.id, demand_id: chunk[j].id }))).execute();
    raisedVisits += ids.length;
  }

  // This quarter's plans: most cadres plan most of their firms; the demo cadre all of theirs.
  const { to: currentTo } = quarterRange(currentQuarter);
  const plans: { cadre_id: number; enterprise_id: number; quarter: string; planned_on: string | null; created_by: number | null }[] = [];
  for (const e of enterprises) {
    const { cadreId } = currentOf.get(e.id)!;
    if (cadreId !== demo.id && !rng.chance(0.7)) continue;
    plans.push({ cadre_id: cadreId, enterprise_id: e.id, quarter: currentQuarter, planned_on: addDays(currentFrom, rng.int(0, daysBetween(currentFrom, currentTo))), created_by: cadreId === demo.id ? options.demoCadreUserId : null });
  }
  for (let i = 0; i < plans.length; i += CHUNK) await db.insertInto('visit_plans').values(plans.slice(i, i + CHUNK)).execute();
  return { links: links.length, visits: visits.length + raisedVisits, plans: plans.length };
}
