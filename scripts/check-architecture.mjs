#!/usr/bin/env node
/**
 * The architecture check of `npm run lint:arch`: dependency-cruiser applies the rules of
 * .dependency-cruiser.cjs to every import of src/, and this script adds the one rule it cannot express —
 * no cycle between module folders (A's files import B's face while B's files import A's is a cycle even
 * when no single file cycle exists). Exits 1 on any violation, naming each.
 */
import { execFileSync } from 'node:child_process';

const MODULE_FOLDER = /^src\/server\/modules\/([^/]+)\//;

const json = execFileSync('npx', ['depcruise', 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
  // depcruise exits non-zero when rules are broken; its JSON still says which.
}).toString();
const result = JSON.parse(json);

const problems = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle: ${v.cycle.map((c) => c.name ?? c).join(' → ')})` : ''}`);

// Folder graph of the modules, type-only imports included: a cycle of types still ties two modules together.
const edges = new Map();
for (const mod of result.modules) {
  const from = MODULE_FOLDER.exec(mod.source)?.[1];
  if (!from) continue;
  for (const dep of mod.dependencies) {
    const to = MODULE_FOLDER.exec(dep.resolved)?.[1];
    if (!to || to === from) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    if (!edges.get(from).has(to)) edges.get(from).set(to, `${mod.source} → ${dep.resolved}`);
  }
}
// Tarjan's strongly connected components: every component of more than one folder is a cycle.
let index = 0;
const stack = [];
const state = new Map();
const components = [];
function visit(node) {
  state.set(node, { index, low: index, onStack: true });
  index++;
  stack.push(node);
  for (const next of edges.get(node)?.keys() ?? []) {
    if (!state.has(next)) {
      visit(next);
      state.get(node).low = Math.min(state.get(node).low, state.get(next).low);
    } else if (state.get(next).onStack) state.get(node).low = Math.min(state.get(node).low, state.get(next).index);
  }
  if (state.get(node).low === state.get(node).index) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      state.get(member).onStack = false;
      component.push(member);
    } while (member !== node);
    if (component.length > 1) components.push(component.sort());
  }
}
for (const node of edges.keys()) if (!state.has(node)) visit(node);
for (const component of components) {
  const links = component.flatMap((from) => component.filter((to) => edges.get(from)?.has(to)).map((to) => `    ${from} → ${to}: ${edges.get(from).get(to)}`));
  problems.push(`no-cycle-between-modules: ${component.join(', ')}\n${links.join('\n')}`);
}

if (problems.length > 0) {
  console.error(problems.map((p) => `  error ${p}`).join('\n'));
  console.error(`\n✖ ${problems.length} architecture violation(s) (rules: .dependency-cruiser.cjs, docs/ARCHITECTURE.md › Layers)`);
  process.exit(1);
}
console.log(`✔ architecture: ${result.summary.totalCruised} files, ${result.summary.totalDependenciesCruised} imports, no violation, no cycle between ${new Set([...edges.keys()]).size} module folders`);
