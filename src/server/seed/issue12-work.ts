/**
 * Applications for the demo policies of issue 12's constructs (policies-content.ts, `showcase: 'issue12'`):
 * 按情形 (cases), 最高 X with reviewer-judged criteria (待评审) and eligibility only. Kept apart from the bulk
 * history (no earlier editions, no random draw), so the rest of the demo stays as it was. Each policy gets
 * applications in sensible states: just submitted, at review (the reviewer's page shows the 待评审 criteria
 * to judge), and one decided and in its public notice — for 最高 X with the reviewer's judgements and the
 * amount decided within the cap, for eligibility only approved without an amount. The amounts and bounds
 * are the benefit's for the enterprise's facts (the matching case's bound, issue 12), as the service would
 * have kept them.
 */
import type { Kysely } from 'kysely';
import type { WorkingCalendar } from '../../core/sla/calendar.ts';
import { estimateBenefit, estimateBound } from '../../core/rules/benefit.ts';
import { evaluatePrepared, prepareRule, type Benefit, type RuleNode } from '../../core/rules/index.ts';
import { allReviewsMet, reviewNodesOf } from '../../core/rules/review.ts';
import type { DB } from '../db/schema.ts';
import { ALL_FACTS, loadEnterpriseFacts, loadRuleRegistry, prepareOptionsOf } from '../modules/policies/index.ts';
import { demoPolicies } from './policies-content.ts';

/** The code suffixes (e.g. "KJJ-004") of the issue-12 demo policies, numbered as seedPolicies numbers them. */
export function issue12CodeSuffixes(referenceDate: string): Set<string> {
  const seq = new Map<string, number>();
  const codes = new Set<string>();
  for (const policy of demoPolicies(referenceDate)) {
    const n = (seq.get(policy.department) ?? 0) + 1;
    seq.set(policy.department, n);
    if (policy.showcase === 'issue12') codes.add(`${policy.department.toUpperCase()}-${String(n).padStart(3, '0')}`);
  }
  return codes;
}

type Move = { action: 'submit' | 'accept' | 'approve_step' | 'start_notice'; actor: 'enterprise' | 'maker' | 'checker'; after: number };
export interface Issue12Target {
  policyId: number;
  versionId: number;
  departmentOrgId: number;
  plan: { reviews: readonly unknown[]; publicNoticeDays: number };
}
interface Walked {
  row: { status: string; notice_until: Date | null; approved_amount_fen: number | null; estimated_amount_fen: number | null };
  events: { action: string; details: Record<string, unknown> }[];
}
export type Simulate<T extends Walked> = (target: never, enterpriseId: number, amountFen: number | null, start: Date, moves: readonly Move[], who: { enterprise: number; maker: number; checker: number }, calendar: WorkingCalendar) => T;

const DAY = 86_400_000;

/** The applications of the issue-12 policies, walked by the seed's `simulate` (the workflow's `decide`). */
export async function issue12Work<T extends Walked>(
  db: Kysely<DB>,
  options: { targets: Issue12Target[]; staff: ReadonlyMap<number, { maker: number; checker: number }>; applicant: (enterpriseId: number) => number; exclude: ReadonlySet<number>; referenceDate: string; now: Date; calendar: WorkingCalendar; simulate: Simulate<T> },
): Promise<T[]> {
  const registry = await loadRuleRegistry(db);
  const out: T[] = [];
  const day = (n: number) => new Date(options.now.getTime() - n * DAY);
  for (const target of options.targets) {
    const version = await db.selectFrom('policy_versions').where('id', '=', target.versionId).selectAll().executeTakeFirstOrThrow();
    const rule = version.rule as RuleNode;
    const benefit = version.benefit as Benefit;
    const prepareOptions = prepareOptionsOf(version, registry.catalogue, options.referenceDate);
    const prepared = prepareRule(rule, prepareOptions);
    const judged = reviewNodesOf(rule);
    // Who the county match found eligible or pending review, in id order; the hard conditions checked here.
    const matched = await db.selectFrom('policy_matches').where('policy_version_id', '=', target.versionId).select('enterprise_id').orderBy('enterprise_id').limit(400).execute();
    const ids = matched.map((m) => m.enterprise_id).filter((id) => !options.exclude.has(id));
    const facts = await loadEnterpriseFacts(db, registry, ids, ALL_FACTS);
    const firms: { id: number; amountFen: number | null; boundFen: number | null }[] = [];
    for (const id of ids) {
      const f = facts.get(id);
      if (!f) continue;
      if (evaluatePrepared(prepared, judged.length > 0 ? { ...f, reviews: allReviewsMet(rule) } : f).outcome !== 'eligible') continue;
      const estimate = estimateBenefit(benefit, f, prepareOptions);
      if (estimate.status !== 'known') continue;
      firms.push({ id, amountFen: estimate.amountFen, boundFen: estimateBound(benefit, estimate) });
      if (firms.length >= 5) break;
    }
    const people = options.staff.get(target.departmentOrgId)!;
    const submit: Move = { action: 'submit', actor: 'enterprise', after: 0 };
    const accept: Move = { action: 'accept', actor: 'maker', after: 1.2 };
    const reviews: Move[] = target.plan.reviews.map((_, k) => ({ action: 'approve_step', actor: k % 2 === 0 ? 'maker' : 'checker', after: 2 }));
    const eligibilityOnly = 'none' in benefit.amount;
    const upTo = 'upTo' in benefit.amount;
    firms.forEach((firm, i) => {
      const who = { enterprise: options.applicant(firm.id), ...people };
      const walk = (amountFen: number | null, start: Date, moves: Move[]) => options.simulate(target as never, firm.id, amountFen, start, moves, who, options.calendar);
      let sim: T;
      // The decided one first (a small county may have one or two firms), then at review, then submitted.
      const stage = (['in_notice', 'accepted', 'submitted', 'accepted', 'submitted'] as const)[i];
      if (stage === 'submitted') sim = walk(firm.amountFen, day(1 + i), [submit]);
      else if (stage === 'accepted') sim = walk(firm.amountFen, day(3 + i), [submit, accept]);
      else {
        // Decided and in its public notice now: started so that the notice still runs.
        const decided = eligibilityOnly ? null : upTo ? Math.min(firm.boundFen ?? 0, 20 * 1_000_000) : firm.amountFen;
        const moves = [submit, accept, ...reviews, { action: 'start_notice' as const, actor: 'maker' as const, after: 1 }];
        const walked = moves.reduce((sum, m) => sum + m.after, 0);
        let found: T | null = null;
        for (let back = walked + 1; back <= walked + target.plan.publicNoticeDays + 12 && !found; back++) {
          const candidate = walk(decided, day(back), moves);
          if (candidate.row.notice_until && candidate.row.notice_until.getTime() > options.now.getTime()) found = candidate;
        }
        if (!found) return;
        sim = found;
        const approval = sim.events.filter((e) => e.action === 'approve_step').at(-1)!;
        if (judged.length > 0) approval.details.judgements = judged.map((n) => ({ path: n.path, criterion: n.review, met: true, reason: n.review.includes('经营') ? '近三年财务报表显示营收、利润稳定增长，无欠税欠薪记录' : '经专家组评审，项目属于装备制造产业链关键环节' }));
        if (eligibilityOnly) Object.assign(approval.details, { eligibilityOnly: true, approvedAmountFen: null, boundFen: 0 });
        if (upTo) Object.assign(approval.details, { requestedAmountFen: null, boundFen: firm.boundFen, isAdjusted: true });
        Object.assign(sim.row, {
          eligibility_only: eligibilityOnly,
          amount_reason: upTo ? '专家评审：项目创新性较强，按评审得分核定补助20万元' : null,
        });
      }
      Object.assign(sim.row, { estimated_amount_fen: firm.amountFen, amount_bound_fen: firm.boundFen });
      out.push(sim);
    });
  }
  return out;
}
