/**
 * A policy version's machine-checkable part — rule, benefit, parameters — checked at save time and bound
 * to an evaluation date for the engines. Every problem names the offending node by its path from the
 * request body (`body/rule/all/2/left`), as the rule language's validators report them.
 */
import Schema from 'typebox/schema';
import { Type } from 'typebox';
import {
  BUILT_IN_PARAMETERS,
  ParameterSchema,
  structuralProblems,
  validateBenefit,
  validateParameters,
  validateRule,
  type Benefit,
  type FactCatalogue,
  type ParameterDefinition,
  type PrepareOptions,
  type RuleNode,
} from '../../../core/rules/index.ts';
import { validateDeclaredFacts, type DeclaredFactDefinition } from '../../../core/rules/declared.ts';
import { AppError } from '../../errors.ts';

export interface RuleProblemDetail {
  path: string;
  code: string;
  message: string;
}

const paramsCheck = Schema.Compile(Type.Array(ParameterSchema));

interface SchemaIssue {
  instancePath: string;
  keyword: string;
  message?: string;
}

/** The parameters a version's rule sees: the built-in dated thresholds, then its own (same name overrides). */
export function parametersOf(params: readonly ParameterDefinition[] | null | undefined): ParameterDefinition[] {
  const byName = new Map<string, ParameterDefinition>();
  for (const p of [...BUILT_IN_PARAMETERS, ...(params ?? [])]) byName.set(p.name, p);
  return [...byName.values()];
}

/** The declared facts of a version (declared.ts): what its applicants declare on the form. */
export function declaredFactsOf(version: { declared_facts?: unknown }): DeclaredFactDefinition[] {
  return Array.isArray(version.declared_facts) ? (version.declared_facts as DeclaredFactDefinition[]) : [];
}

/** The engines' options for a version on a date. */
export function prepareOptionsOf(version: { params: unknown }, catalogue: FactCatalogue, evaluationDate: string): PrepareOptions {
  return { evaluationDate, catalogue, params: parametersOf(version.params as ParameterDefinition[]) };
}

/**
 * Validates the rule, benefit and parameters of a save. Returns every problem, with paths from the
 * request body; parameters are checked first, because the rule and benefit are checked against them.
 */
export function checkPolicyRules(input: { rule: unknown; benefit: unknown; params: unknown; declaredFacts?: unknown }, catalogue: FactCatalogue, pathPrefix = 'body'): RuleProblemDetail[] {
  const problems: RuleProblemDetail[] = [];
  let params: ParameterDefinition[] = [];
  if (!paramsCheck.Check(input.params)) {
    problems.push(...structuralProblems(paramsCheck.Errors(input.params)[1] as SchemaIssue[], `${pathPrefix}/params`));
  } else {
    params = input.params as ParameterDefinition[];
    for (const p of validateParameters(params)) problems.push({ path: `${pathPrefix}/params${p.path}`, code: p.code, message: p.message });
    const names = new Set<string>();
    params.forEach((p, i) => {
      if (names.has(p.name)) problems.push({ path: `${pathPrefix}/params/${i}/name`, code: 'invalid_node', message: `parameter "${p.name}" is defined twice` });
      names.add(p.name);
    });
  }
  const all = parametersOf(params);
  // Declared facts (declared.ts) come before the rule too: the rule's declared nodes must name one of them.
  const declaredProblems = validateDeclaredFacts(input.declaredFacts ?? []);
  for (const p of declaredProblems) problems.push({ path: `${pathPrefix}/declaredFacts${p.path}`, code: p.code, message: p.message });
  const declared = declaredProblems.length === 0 ? (input.declaredFacts as DeclaredFactDefinition[] | undefined) ?? [] : undefined;
  for (const p of validateRule(input.rule, catalogue, { params: all, declared })) problems.push({ path: `${pathPrefix}/rule${p.path}`, code: p.code, message: p.message });
  // The core checks the benefit's shape against its schema first, then its meaning (one place for both).
  for (const p of validateBenefit(input.benefit, catalogue, all)) problems.push({ path: `${pathPrefix}/benefit${p.path}`, code: p.code, message: p.message });
  return problems;
}

/** checkPolicyRules, throwing 400 with the problems. */
export function assertPolicyRules(input: { rule: unknown; benefit: unknown; params: unknown; declaredFacts?: unknown }, catalogue: FactCatalogue): { rule: RuleNode; benefit: Benefit; params: ParameterDefinition[] } {
  const problems = checkPolicyRules(input, catalogue);
  if (problems.length > 0) throw new AppError('validation_failed', 'The rule, benefit, parameters or declared facts are invalid', problems);
  return { rule: input.rule as RuleNode, benefit: input.benefit as Benefit, params: input.params as ParameterDefinition[] };
}
