/**
 * The reading assistant on its development set (src/core/policy-reading/dev-set.ts): precision and
 * recall of conditions (atomic nodes) and of amounts (benefit formulas), per kind of condition, and the
 * clauses it misses. Last line: one JSON object.
 */
import { DEV_SET, HELD_OUT_SET } from '../src/core/policy-reading/dev-set.ts';
import { atomicConditions, meaningKey, newTally, rates, scoreReading, type Tally } from '../src/core/policy-reading/measure.ts';
import { readPolicyText } from '../src/core/policy-reading/read.ts';
import type { RuleNode } from '../src/core/rules/schema.ts';

function kindOf(node: RuleNode): string {
  const inner = 'not' in node ? node.not : node;
  if ('certification' in inner) return 'certification';
  if ('history' in inner) return 'history';
  if ('industry' in inner) return 'industry';
  if ('in' in inner) return 'set';
  if ('is' in inner) return 'yes/no';
  if ('between' in inner) return 'range';
  if ('left' in inner) {
    if ('ratio' in inner.left) return 'ratio';
    if ('growth' in inner.left || 'change' in inner.left) return 'growth';
    if ('yearsSince' in inner.left) return 'age';
    return 'threshold';
  }
  return 'other';
}

const verbose = process.argv.includes('--verbose');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function run(name: string, set: typeof DEV_SET) {
const tallies = { conditions: newTally(), amounts: newTally() };
const byKind = new Map<string, Tally>();
const misses: string[] = [];
for (const clause of set) {
  const result = readPolicyText(clause.text);
  const report = scoreReading(result, clause, tallies);
  // Per kind: expected and proposed atomic conditions of that kind.
  const proposed = result.conditions.flatMap((c) => atomicConditions(c.node));
  const expected = clause.conditions.flatMap(atomicConditions);
  for (const node of [...proposed, ...expected]) if (!byKind.has(kindOf(node))) byKind.set(kindOf(node), newTally());
  for (const [kind, tally] of byKind) {
    const p = proposed.filter((n) => kindOf(n) === kind).map(meaningKey);
    const e = expected.filter((n) => kindOf(n) === kind).map(meaningKey);
    tally.proposed += p.length;
    tally.expected += e.length;
    const pool = [...e];
    for (const key of p) {
      const at = pool.indexOf(key);
      if (at >= 0) {
        pool.splice(at, 1);
        tally.matched++;
      }
    }
  }
  const wrong = report.missedConditions.length + report.extraConditions.length + report.missedAmounts.length + report.extraAmounts.length;
  if (wrong > 0) {
    misses.push(`${clause.id}: ${clause.text}`);
    if (verbose) {
      for (const k of report.missedConditions) misses.push(`   missed condition ${k}`);
      for (const k of report.extraConditions) misses.push(`   extra condition  ${k}`);
      for (const k of report.missedAmounts) misses.push(`   missed amount    ${k}`);
      for (const k of report.extraAmounts) misses.push(`   extra amount     ${k}`);
    }
  }
}

console.log(`\n${name}: ${set.length} clauses`);
console.log('kind            proposed expected matched precision recall');
for (const [kind, tally] of [...byKind].sort()) {
  const r = rates(tally);
  console.log(`${kind.padEnd(15)} ${String(tally.proposed).padStart(8)} ${String(tally.expected).padStart(8)} ${String(tally.matched).padStart(7)} ${pct(r.precision).padStart(9)} ${pct(r.recall).padStart(6)}`);
}
const c = rates(tallies.conditions);
const a = rates(tallies.amounts);
console.log(`conditions      ${String(tallies.conditions.proposed).padStart(8)} ${String(tallies.conditions.expected).padStart(8)} ${String(tallies.conditions.matched).padStart(7)} ${pct(c.precision).padStart(9)} ${pct(c.recall).padStart(6)}`);
console.log(`amounts         ${String(tallies.amounts.proposed).padStart(8)} ${String(tallies.amounts.expected).padStart(8)} ${String(tallies.amounts.matched).padStart(7)} ${pct(a.precision).padStart(9)} ${pct(a.recall).padStart(6)}`);
console.log(`clauses with a difference (${misses.filter((m) => !m.startsWith('   ')).length}):`);
for (const m of misses) console.log(`  ${m}`);
  return { c: rates(tallies.conditions), a: rates(tallies.amounts) };
}

const dev = run('development set', DEV_SET);
const held = run('held-out set (not used to change the patterns)', HELD_OUT_SET);
const round = (x: number) => Math.round(x * 1000) / 1000;
console.log(
  JSON.stringify({
    conditionPrecision: round(dev.c.precision),
    conditionRecall: round(dev.c.recall),
    amountPrecision: round(dev.a.precision),
    amountRecall: round(dev.a.recall),
    clauses: DEV_SET.length,
    heldOut: { conditionPrecision: round(held.c.precision), conditionRecall: round(held.c.recall), amountPrecision: round(held.a.precision), amountRecall: round(held.a.recall), clauses: HELD_OUT_SET.length },
  }),
);
