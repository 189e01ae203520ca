/**
 * The visual rule builder's descriptor layer: one descriptor per node kind of the rule language
 * (src/core/rules/schema.ts) says how to recognise a node, how to split it into the fields the builder edits
 * (`toModel`) and how to put it back together (`fromModel`), exactly: fromModel(toModel(node)) equals node,
 * key order aside, for every node. A node no descriptor recognises (a kind another branch adds to the
 * language) becomes an `opaque` node: shown read-only as its readable text, edited as JSON, and given back
 * unchanged. New kinds are added by appending a descriptor to RULE_DESCRIPTORS / AMOUNT_DESCRIPTORS (and,
 * for the screen, an editor in components/rule-builder/editors.tsx keyed by the same kind).
 * Pure: no React, so the round trip is unit-tested on every construct, demo policy and random rule.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The keys of `node` other than `keys`, kept so a node goes back with everything it came with (clause, new keys). */
function restOf(node: JsonObject, keys: readonly string[]): JsonObject {
  const rest: JsonObject = {};
  for (const [key, value] of Object.entries(node)) if (!keys.includes(key)) rest[key] = value;
  return rest;
}

/** The kinds of rule nodes the builder edits with its own controls. */
export type RuleKind = 'all' | 'any' | 'atLeast' | 'not' | 'notIn' | 'compare' | 'between' | 'bands' | 'in' | 'is' | 'industry' | 'history' | 'certification' | 'opaque';

/** A group's kinds: their children are builder nodes themselves (nested, indented). */
export const GROUP_KINDS: ReadonlySet<RuleKind> = new Set(['all', 'any', 'atLeast', 'not']);

export interface NodeDescriptor<M extends JsonObject = JsonObject> {
  kind: RuleKind;
  /** Whether this descriptor takes the node (descriptors are tried in order; the first match wins). */
  match(node: JsonObject): boolean;
  /** The node's fields as the builder edits them; a group's children are listed in `children` (raw JSON). */
  toModel(node: JsonObject): { model: M; children?: Json[] };
  /** The node back from its fields and (for groups) its children's JSON. */
  fromModel(model: M, children?: Json[]): JsonObject;
}

const has = (node: JsonObject, ...keys: string[]) => keys.every((key) => Object.hasOwn(node, key));
const simple = (kind: RuleKind, keys: string[], extraMatch: (node: JsonObject) => boolean = () => true): NodeDescriptor => ({
  kind,
  match: (node) => has(node, ...keys) && extraMatch(node),
  toModel: (node) => ({ model: { ...node } }),
  fromModel: (model) => ({ ...model }),
});

/** Groups: 同时满足 (all), 满足任一 (any), 至少满足 k 项 (atLeast), 不得 (not). */
const groupDescriptor = (kind: 'all' | 'any'): NodeDescriptor => ({
  kind,
  match: (node) => Array.isArray(node[kind]),
  toModel: (node) => ({ model: restOf(node, [kind]), children: node[kind] as Json[] }),
  fromModel: (model, children = []) => ({ ...model, [kind]: children }),
});

export const RULE_DESCRIPTORS: readonly NodeDescriptor[] = [
  groupDescriptor('all'),
  groupDescriptor('any'),
  {
    kind: 'atLeast',
    match: (node) => typeof node.atLeast === 'number' && Array.isArray(node.of),
    toModel: (node) => ({ model: restOf(node, ['of']), children: node.of as Json[] }),
    fromModel: (model, children = []) => ({ ...model, of: children }),
  },
  // 不属于: a `not` over a single code list, shown as one row with the comparator 不属于.
  {
    kind: 'notIn',
    match: (node) => Object.keys(node).length === 1 && isObject(node.not) && has(node.not, 'value', 'in'),
    toModel: (node) => ({ model: { ...(node.not as JsonObject) } }),
    fromModel: (model) => ({ not: { ...model } }),
  },
  // 不得: the negated child; several children become 不得(同时满足 …) on the way back.
  {
    kind: 'not',
    match: (node) => isObject(node.not),
    toModel: (node) => ({ model: restOf(node, ['not']), children: [node.not as Json] }),
    fromModel: (model, children = []) => ({ ...model, not: children.length === 1 ? children[0] : { all: children } }),
  },
  simple('compare', ['left', 'op', 'right']),
  simple('between', ['value', 'between']),
  simple('bands', ['value', 'bands']),
  simple('in', ['value', 'in']),
  simple('is', ['value', 'is']),
  simple('industry', ['industry']),
  simple('history', ['history', 'test']),
  simple('certification', ['certification', 'test']),
];

const OPAQUE: NodeDescriptor = { kind: 'opaque', match: () => true, toModel: (node) => ({ model: { ...node } }), fromModel: (model) => ({ ...model }) };

export function ruleDescriptorOf(node: Json): NodeDescriptor {
  if (!isObject(node)) return OPAQUE;
  return RULE_DESCRIPTORS.find((d) => d.match(node)) ?? OPAQUE;
}

/** A rule as the builder holds it: a tree of nodes, each with its descriptor's kind and model. */
export interface BuilderNode {
  /** Stable within one editing session (React keys, drag and drop). */
  id: string;
  kind: RuleKind;
  model: JsonObject;
  /** Groups only. */
  children?: BuilderNode[];
  /** Opaque nodes that are not objects (never valid, but kept exactly). */
  raw?: Json;
}

let nextId = 0;
export const newNodeId = () => `n${++nextId}`;

/** JSON rule → builder tree. */
export function toBuilder(node: Json): BuilderNode {
  if (!isObject(node)) return { id: newNodeId(), kind: 'opaque', model: {}, raw: node };
  const descriptor = ruleDescriptorOf(node);
  const { model, children } = descriptor.toModel(node);
  return { id: newNodeId(), kind: descriptor.kind, model, ...(children && { children: children.map(toBuilder) }) };
}

/** Builder tree → JSON rule. */
export function fromBuilder(node: BuilderNode): Json {
  if (node.raw !== undefined) return node.raw;
  const descriptor = node.kind === 'opaque' ? OPAQUE : RULE_DESCRIPTORS.find((d) => d.kind === node.kind)!;
  return descriptor.fromModel(node.model, node.children?.map(fromBuilder));
}

// ---------------------------------------------------------------------------------------------
// The benefit: 定额 / 分档 / 按比例（封顶、保底）/ 按人 / 分年, other kinds (最高, 按情形 …) opaque.
// ---------------------------------------------------------------------------------------------

export type AmountKind = 'fixed' | 'tiers' | 'percentOf' | 'perHead' | 'installments' | 'opaque';

export const AMOUNT_KINDS: readonly AmountKind[] = ['fixed', 'tiers', 'percentOf', 'perHead', 'installments'];

export interface BenefitModel {
  amountKind: AmountKind;
  /** The amount formula's fields (the whole formula for opaque kinds). */
  amount: JsonObject;
  /** split, firstYear, clause and any key the builder does not edit. */
  rest: JsonObject;
  /** A benefit that is not even an object (kept exactly). */
  raw?: Json;
}

export function amountKindOf(amount: Json): AmountKind {
  if (!isObject(amount)) return 'opaque';
  if (has(amount, 'fixed') && Object.keys(amount).length === 1) return 'fixed';
  if (has(amount, 'tiers')) return 'tiers';
  if (has(amount, 'percentOf', 'rate')) return 'percentOf';
  if (has(amount, 'perHead', 'count')) return 'perHead';
  if (has(amount, 'installments')) return 'installments';
  return 'opaque';
}

export function benefitToModel(benefit: Json): BenefitModel {
  if (!isObject(benefit) || !has(benefit, 'amount')) return { amountKind: 'opaque', amount: {}, rest: {}, raw: benefit };
  const amount = benefit.amount;
  return { amountKind: amountKindOf(amount), amount: isObject(amount) ? { ...amount } : {}, rest: restOf(benefit, ['amount']), ...(!isObject(amount) && { raw: benefit }) };
}

export function benefitFromModel(model: BenefitModel): Json {
  if (model.raw !== undefined) return model.raw;
  return { ...model.rest, amount: { ...model.amount } };
}

/** Deep equality of JSON values, object key order aside (what "round trip exact" means). */
export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]));
  }
  return false;
}

/** Counts the nodes of a builder tree by whether the builder edits them with its controls (the rest: opaque). */
export function coverageOf(node: BuilderNode): { nodes: number; opaque: number } {
  const own = { nodes: 1, opaque: node.kind === 'opaque' ? 1 : 0 };
  for (const child of node.children ?? []) {
    const c = coverageOf(child);
    own.nodes += c.nodes;
    own.opaque += c.opaque;
  }
  return own;
}
