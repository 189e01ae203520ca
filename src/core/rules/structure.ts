/**
 * Structure checks against the rule language's TypeBox schema (schema.ts), in the core: whatever the
 * server's schema refuses, the core refuses too — an unknown key (`when` beside `amount`), a construct
 * of another branch (`sum` as an amount), a missing field. The semantic checks (validate.ts,
 * benefit.ts) then only see well-formed trees; a benefit that passed could never pay unconditionally
 * or throw at evaluation because of its shape.
 */
import Schema from 'typebox/schema';
import { BenefitSchema, RuleSchema } from './schema.ts';
import type { RuleProblem } from './validate.ts';

const ruleCheck = Schema.Compile(RuleSchema);
const benefitCheck = Schema.Compile(BenefitSchema);

interface SchemaIssue {
  instancePath: string;
  keyword: string;
  message?: string;
}

/**
 * Structural problems of a value against a schema, reduced to the deepest nodes: a union reports one
 * failure per alternative, and the one that got furthest is the one the author meant.
 */
export function structuralProblems(issues: readonly SchemaIssue[], prefix = ''): RuleProblem[] {
  if (issues.length === 0) return [{ path: prefix, code: 'invalid_node', message: 'does not match the rule language' }];
  const depth = (path: string) => (path === '' ? 0 : path.split('/').length);
  const deepest = Math.max(...issues.map((i) => depth(i.instancePath)));
  const seen = new Set<string>();
  const out: RuleProblem[] = [];
  for (const issue of issues) {
    if (depth(issue.instancePath) !== deepest) continue;
    const message = issue.keyword === 'boolean' || issue.keyword === 'additionalProperties' ? 'unexpected key' : (issue.message ?? issue.keyword);
    const key = `${issue.instancePath}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: `${prefix}${issue.instancePath}`, code: 'invalid_node', message });
    if (out.length >= 10) break;
  }
  return out;
}

interface Compiled {
  Check(value: unknown): boolean;
  Errors(value: unknown): unknown;
}

function check(compiled: Compiled, value: unknown): RuleProblem[] {
  if (compiled.Check(value)) return [];
  return structuralProblems((compiled.Errors(value) as [boolean, SchemaIssue[]])[1]);
}

const benefitCache = new WeakMap<object, RuleProblem[]>();

/** Problems of a rule's shape against RuleSchema (empty when it matches). */
export function ruleStructureProblems(rule: unknown): RuleProblem[] {
  return check(ruleCheck, rule);
}

/** Problems of a benefit's shape against BenefitSchema (empty when it matches); cached per object. */
export function benefitStructureProblems(benefit: unknown): RuleProblem[] {
  if (benefit === null || typeof benefit !== 'object') return check(benefitCheck, benefit);
  let problems = benefitCache.get(benefit);
  if (!problems) benefitCache.set(benefit, (problems = check(benefitCheck, benefit)));
  return problems;
}
