/**
 * The editor's live check and rendering of a rule, a benefit formula and parameters, with the pure engines
 * of src/core/rules: the same validators the server runs at save time (against the built-in fact catalogue;
 * the server's registry may know more facts, so the server's answer on save is the one that counts) and the
 * same renderers that produce the readable rule, in the reader's language.
 */
import type { DeclaredFactDefinition } from '../../../../../core/rules/declared.ts';
import { renderBenefit, validateBenefit } from '../../../../../core/rules/benefit.ts';
import { DEFAULT_CATALOGUE } from '../../../../../core/rules/catalogue.ts';
import { renderRule, type Locale, type RenderedLine } from '../../../../../core/rules/explain/render.ts';
import { BUILT_IN_PARAMETERS } from '../../../../../core/rules/params.ts';
import type { Benefit, ParameterDefinition, RuleNode } from '../../../../../core/rules/schema.ts';
import { validateParameters, validateRule } from '../../../../../core/rules/validate.ts';

/** A problem at a node: its JSON Pointer inside the checked value, a code and the engine's message. */
export interface NodeProblem {
  pointer: string;
  code: string;
  message: string;
}

export interface CheckResult {
  problems: NodeProblem[];
  /** The readable text, when the value is valid enough to render. */
  lines: RenderedLine[] | null;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The parameters a rule sees: the built-in dated thresholds, then the policy's own (a same name overrides). */
export function parametersOf(params: unknown): ParameterDefinition[] {
  const own = Array.isArray(params) ? (params.filter(isObject) as unknown as ParameterDefinition[]) : [];
  const byName = new Map<string, ParameterDefinition>();
  for (const p of [...BUILT_IN_PARAMETERS, ...own]) if (typeof p.name === 'string') byName.set(p.name, p);
  return [...byName.values()];
}

/** Checks the policy's own parameters (a list of named, dated values). */
export function checkParams(params: unknown): NodeProblem[] {
  if (!Array.isArray(params)) return [{ pointer: '', code: 'invalid_node', message: 'parameters must be a list' }];
  const problems: NodeProblem[] = [];
  params.forEach((p, i) => {
    if (!isObject(p) || typeof p.name !== 'string' || typeof p.nameZh !== 'string' || typeof p.nameEn !== 'string' || !Array.isArray(p.values)) {
      problems.push({ pointer: `/${i}`, code: 'invalid_node', message: 'a parameter is {name, nameZh, nameEn, values: [{from, value}]}' });
    }
  });
  if (problems.length) return problems;
  try {
    for (const p of validateParameters(params as ParameterDefinition[])) problems.push({ pointer: p.path, code: p.code, message: p.message });
  } catch (error) {
    problems.push({ pointer: '', code: 'invalid_node', message: (error as Error).message });
  }
  return problems;
}

/** Validates a rule and, when it has no problems, renders it for the evaluation date. */
export function checkRule(rule: unknown, params: unknown, locale: Locale, evaluationDate: string, declared?: readonly DeclaredFactDefinition[]): CheckResult {
  const all = parametersOf(params);
  let problems: NodeProblem[];
  try {
    problems = validateRule(rule, DEFAULT_CATALOGUE, { params: all }).map((p) => ({ pointer: p.path, code: p.code, message: p.message }));
  } catch (error) {
    return { problems: [{ pointer: '', code: 'invalid_node', message: (error as Error).message }], lines: null };
  }
  if (problems.length) return { problems, lines: null };
  try {
    return { problems, lines: renderRule(rule as RuleNode, { locale, params: all, evaluationDate, declared }) };
  } catch {
    return { problems, lines: null };
  }
}

/**
 * Validates a benefit formula and renders it. The server first checks its shape against the schema; here a
 * shape the validator cannot read shows as one problem at the root, and the server's answer names the node.
 */
export function checkBenefit(benefit: unknown, params: unknown, locale: Locale, evaluationDate: string): CheckResult {
  if (!isObject(benefit) || !isObject(benefit.amount)) {
    return { problems: [{ pointer: isObject(benefit) ? '/amount' : '', code: 'invalid_node', message: 'a benefit is {"amount": {fixed | installments | tiers | percentOf | perHead}}' }], lines: null };
  }
  const all = parametersOf(params);
  try {
    const problems = validateBenefit(benefit as unknown as Benefit, DEFAULT_CATALOGUE, all).map((p) => ({ pointer: p.path, code: p.code, message: p.message }));
    if (problems.length) return { problems, lines: null };
    const text = renderBenefit(benefit as unknown as Benefit, { locale, params: all, evaluationDate });
    return { problems, lines: [{ path: '', depth: 0, text }] };
  } catch (error) {
    return { problems: [{ pointer: '/amount', code: 'invalid_node', message: (error as Error).message }], lines: null };
  }
}
