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
export type RuleKind = 'all' | 'any' | 'atLeast' | 'not' | 'notIn' | 'records' | 'compare' | 'between' | 'bands' | 'in' | 'is' | 'industry' | 'history' | 'certification' | 'review' | 'declared' | 'opaque';

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
  // 记录条件: a comparison whose left side counts/sums an enterprise's records (records.schema.ts).
  simple('records', ['left', 'op', 'right'], (node) => isObject(node.left) && typeof node.left.records === 'string'),
  simple('compare', ['left', 'op', 'right']),
  simple('between', ['value', 'between']),
  simple('bands', ['value', 'bands']),
  simple('in', ['value', 'in']),
  simple('is', ['value', 'is']),
  simple('industry', ['industry']),
  simple('history', ['history', 'test']),
  simple('certification', ['certification', 'test']),
  // 评审认定: a criterion the reviewer judges (经营状况良好), review.ts.
  simple('review', ['review'], (node) => typeof node.review === 'string'),
  // 申报时声明: a fact the applicant declares on the form (declared.ts), read with equals, op+value or oneOf.
  simple('declared', ['declared'], (node) => typeof node.declared === 'string'),
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
// The benefit: 定额 / 分档 / 按比例（封顶、保底）/ 按人 / 分年 / 最高 / 仅资格认定 / 按情形 / 计算 / 按条计发.
// An amount form is recognised only when its keys are those of the form (extra keys: opaque, kept exactly).
// ---------------------------------------------------------------------------------------------

export type AmountKind = 'fixed' | 'tiers' | 'percentOf' | 'perHead' | 'installments' | 'upTo' | 'none' | 'cases' | 'compute' | 'perRecord' | 'opaque';

export const AMOUNT_KINDS: readonly AmountKind[] = ['fixed', 'tiers', 'percentOf', 'perHead', 'installments', 'upTo', 'cases', 'compute', 'perRecord', 'none'];

/** The keys each amount form may have: its distinguishing key first. */
const AMOUNT_KEYS: Record<Exclude<AmountKind, 'opaque'>, readonly string[]> = {
  fixed: ['fixed'],
  tiers: ['tiers'],
  percentOf: ['percentOf', 'rate', 'cap', 'floor'],
  perHead: ['perHead', 'count', 'cap'],
  installments: ['installments'],
  upTo: ['upTo'],
  none: ['none'],
  cases: ['cases', 'otherwise'],
  compute: ['compute', 'round', 'cap', 'floor'],
  perRecord: ['perRecord', 'each', 'recordCap', 'maxRecords', 'cap'],
};

export interface BenefitModel {
  amountKind: AmountKind;
  /** The amount formula's fields (the whole formula for opaque kinds). */
  amount: JsonObject;
  /** split, firstYear, clause and any key the builder does not edit. */
  rest: JsonObject;
  /** A benefit that is not even an object (kept exactly). */
  raw?: Json;
}

export function amountKindOf(amount: Json | undefined): AmountKind {
  if (!isObject(amount)) return 'opaque';
  for (const [kind, keys] of Object.entries(AMOUNT_KEYS) as [Exclude<AmountKind, 'opaque'>, readonly string[]][]) {
    if (has(amount, keys[0]) && Object.keys(amount).every((key) => keys.includes(key))) {
      if (kind === 'percentOf' && !has(amount, 'rate')) return 'opaque';
      if (kind === 'perHead' && !has(amount, 'count')) return 'opaque';
      if (kind === 'perRecord' && !has(amount, 'each')) return 'opaque';
      if (kind === 'none' && amount.none !== true) return 'opaque';
      if (kind === 'cases' && !(Array.isArray(amount.cases) && amount.cases.every((c) => isObject(c) && has(c, 'when', 'amount')))) return 'opaque';
      return kind;
    }
  }
  return 'opaque';
}

/** One case of a 按情形 amount as the builder edits it: the condition as a builder tree, the amount as JSON. */
export interface CaseModel {
  when: BuilderNode;
  amount: Json;
  /** clause and any other key of the case. */
  rest: JsonObject;
}

export function casesToModel(amount: JsonObject): { cases: CaseModel[]; otherwise?: Json } {
  const cases = (amount.cases as JsonObject[]).map((c) => ({ when: toBuilder(c.when), amount: c.amount, rest: restOf(c, ['when', 'amount']) }));
  return { cases, ...(Object.hasOwn(amount, 'otherwise') && { otherwise: amount.otherwise }) };
}

export function casesFromModel(model: { cases: CaseModel[]; otherwise?: Json }): JsonObject {
  return { cases: model.cases.map((c) => ({ ...c.rest, when: fromBuilder(c.when), amount: c.amount })), ...(model.otherwise !== undefined && { otherwise: model.otherwise }) };
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
