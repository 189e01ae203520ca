/**
 * The eligibility rule language and its engines (policy direct access, 政策直达).
 *
 *   schema.ts      the rule JSON: TypeBox schema, static types, RULE_JSON_SCHEMA
 *   catalogue.ts   facts a rule may read (indicators, attributes, derived facts, certifications)
 *   params.ts      named, dated parameters
 *   periods.ts     periods relative to an evaluation date
 *   validate.ts    save-time problems with JSON Pointer paths
 *   prepare.ts     a rule bound to an evaluation date (shared by both engines)
 *   evaluate.ts    scalar evaluation with explanations (one enterprise)
 *   missing.ts     the facts that would decide unknown results; the next question
 *   explain/       Chinese and English rendering of rules and explanations, audit export
 *   vector/        county columns, compiled rules over typed arrays, matching
 *   benefit.ts     benefit formulas, schedules and stacking of exclusive policies
 *   golden.ts      golden cases that gate publishing
 *   declared.ts    declared facts (申报时声明): the applicant declares them on the form; unknown county-wide
 */
export * from './schema.ts';
export * from './units.ts';
export * from './catalogue.ts';
export * from './params.ts';
export * from './periods.ts';
export * from './facts.ts';
export * from './validate.ts';
export * from './prepare.ts';
export * from './evaluate.ts';
export * from './missing.ts';
export * from './industry.ts';
export { TRI_FALSE, TRI_TRUE, TRI_UNKNOWN, type Tri } from './logic.ts';
export { countLeaves, nodeAtPath, ruleKind, exprKind, type RuleKind, type ExprKind } from './tree.ts';
export * from './explain/render.ts';
export * from './vector/columns.ts';
export * from './vector/compile.ts';
export * from './vector/match.ts';
export * from './benefit.ts';
export * from './golden.ts';
export * from './structure.ts';
export * from './registry.ts';
export * from './registry-rules.ts';
export * from './records.ts';
export * from './records.explain.ts';
export * from './records.benefit.ts';
