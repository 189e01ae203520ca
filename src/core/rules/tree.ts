/**
 * Node kinds and paths. A node is recognised by its distinguishing key; its path is the JSON Pointer
 * (RFC 6901) from the root of the rule, e.g. "/all/2/left". The root's path is "".
 */
import type { Expr, RuleNode } from './schema.ts';
import { isConstant } from './units.ts';

export type RuleKind = 'all' | 'any' | 'atLeast' | 'not' | 'compare' | 'between' | 'bands' | 'in' | 'is' | 'industry' | 'history' | 'certification' | 'review' | 'declared';
export type ExprKind = 'fact' | 'constant' | 'param' | 'ratio' | 'growth' | 'change' | 'sum' | 'yearsSince' | 'records' | 'window' | 'dateShift';

/** Keys allowed on each rule node kind (besides `clause`). */
export const RULE_KEYS: Readonly<Record<RuleKind, readonly string[]>> = {
  all: ['all'],
  any: ['any'],
  atLeast: ['atLeast', 'of'],
  not: ['not'],
  compare: ['left', 'op', 'right'],
  between: ['value', 'between', 'bounds'],
  bands: ['value', 'op', 'by', 'bands'],
  in: ['value', 'in'],
  is: ['value', 'is'],
  industry: ['industry'],
  history: ['history', 'test', 'year', 'years', 'since'],
  certification: ['certification', 'test', 'year', 'years', 'levels'],
  review: ['review', 'reviewEn'],
  declared: ['declared', 'equals', 'op', 'value', 'oneOf'],
};

/** The kind of a rule node by its distinguishing key, or null when none is present. */
export function ruleKind(node: object): RuleKind | null {
  if ('declared' in node) return 'declared';
  if ('all' in node) return 'all';
  if ('any' in node) return 'any';
  if ('atLeast' in node) return 'atLeast';
  if ('not' in node) return 'not';
  if ('left' in node) return 'compare';
  if ('between' in node) return 'between';
  if ('bands' in node) return 'bands';
  if ('in' in node) return 'in';
  if ('is' in node) return 'is';
  if ('industry' in node) return 'industry';
  if ('history' in node) return 'history';
  if ('certification' in node) return 'certification';
  if ('review' in node) return 'review';
  return null;
}

/** The kind of an expression, or null when unrecognised. */
export function exprKind(expr: object): ExprKind | null {
  if ('fact' in expr) return 'fact';
  if ('param' in expr) return 'param';
  if ('ratio' in expr) return 'ratio';
  if ('growth' in expr) return 'growth';
  if ('change' in expr) return 'change';
  if ('sum' in expr) return 'sum';
  if ('yearsSince' in expr) return 'yearsSince';
  if ('records' in expr) return 'records';
  if ('window' in expr) return 'window';
  if ('dateShift' in expr) return 'dateShift';
  if (isConstant(expr)) return 'constant';
  return null;
}

/** Escapes one JSON Pointer segment. */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Appends segments to a JSON Pointer. */
export function childPath(path: string, ...keys: (string | number)[]): string {
  return path + keys.map((k) => `/${pointerSegment(k)}`).join('');
}

/** Resolves a JSON Pointer inside a rule (or any JSON value); undefined when it does not exist. */
export function nodeAtPath(root: unknown, path: string): unknown {
  if (path === '') return root;
  let current: unknown = root;
  for (const raw of path.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The child rule nodes of a node with their paths (groups and negation only). */
export function ruleChildren(node: RuleNode, path: string): { node: RuleNode; path: string }[] {
  if ('all' in node) return node.all.map((child, i) => ({ node: child, path: childPath(path, 'all', i) }));
  if ('any' in node) return node.any.map((child, i) => ({ node: child, path: childPath(path, 'any', i) }));
  if ('atLeast' in node) return node.of.map((child, i) => ({ node: child, path: childPath(path, 'of', i) }));
  if ('not' in node) return [{ node: node.not, path: childPath(path, 'not') }];
  return [];
}

/** Counts the leaf clauses of a rule (comparisons, sets, histories …), the unit of work of a match. */
export function countLeaves(node: RuleNode): number {
  const kind = ruleKind(node);
  if (kind === 'all' || kind === 'any' || kind === 'atLeast' || kind === 'not') {
    return ruleChildren(node, '').reduce((total, child) => total + countLeaves(child.node), 0);
  }
  return 1;
}

export type { Expr, RuleNode };
