/**
 * Declared facts (申报时声明): facts no register holds, which the applicant declares on the application
 * form, with evidence where the policy asks for it — "近两年无拖欠工资", "承诺十年内不搬离本县",
 * "稳定就业人数". The policy version declares them beside its rule (key, zh/en label, type, evidence):
 *
 *   [{ "key": "no_wage_arrears_2y", "labelZh": "近两年无拖欠农民工工资", "labelEn": "No wage arrears in the last two years",
 *      "type": "yesno", "evidence": "required" }]
 *
 * and the rule reads them with a node, one form per type:
 *
 *   { "declared": "no_wage_arrears_2y", "equals": true }              yes/no
 *   { "declared": "jobs_kept", "op": ">=", "value": 10 }                number, in the fact's unit
 *   { "declared": "move_in_date", "op": "<=", "value": "2026-12-31" }   date
 *   { "declared": "site_kind", "oneOf": ["owned", "leased"] }            choice
 *
 * Three-valued like every leaf: unknown until declared. They reach the engines only as
 * `EnterpriseFacts.declared` (key → value) on an application; county matching (the columnar engine,
 * 免申即享 grant lists) never has them, so a rule that needs a declaration never auto-grants. The smallest
 * missing-fact set names them as `declared:<key>` ("申报时声明：…"). Pure: no IO.
 */
import Schema from 'typebox/schema';
import { Type, type Static } from 'typebox';
import type { Prng } from '../random/prng.ts';
import type { CompareOperator, RuleNode } from './schema.ts';
import { structuralProblems } from './structure.ts';
import { childPath, ruleChildren } from './tree.ts';

/** Prefix of a declared fact in missing-fact lists: `declared:no_wage_arrears_2y`. */
export const DECLARED_PREFIX = 'declared:';

export const DECLARED_TYPES = ['yesno', 'number', 'date', 'choice'] as const;
export type DeclaredType = (typeof DECLARED_TYPES)[number];

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

export const DeclaredFactSchema = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,47}$', description: 'Stable key the rule refers to, e.g. no_wage_arrears_2y.' }),
    labelZh: Text(200),
    labelEn: Text(200),
    type: Type.Union([Type.Literal('yesno'), Type.Literal('number'), Type.Literal('date'), Type.Literal('choice')]),
    /** number facts: the unit as the form shows it (人, 年, 亩 …). */
    unitZh: Type.Optional(Text(20)),
    unitEn: Type.Optional(Text(20)),
    /** choice facts: the choices offered. */
    choices: Type.Optional(Type.Array(Type.Object({ code: Type.String({ pattern: '^[A-Za-z0-9_-]{1,48}$' }), labelZh: Text(100), labelEn: Text(100) }, { additionalProperties: false }), { minItems: 2, maxItems: 30 })),
    /** Whether the declaration needs an evidence file (证明材料): required, optional or none. */
    evidence: Type.Union([Type.Literal('required'), Type.Literal('optional'), Type.Literal('none')]),
    /** What the evidence is, for the form: "近两年工资发放台账或人社部门证明". */
    evidenceHintZh: Type.Optional(Text(200)),
    evidenceHintEn: Type.Optional(Text(200)),
    clause: Type.Optional(Type.String({ maxLength: 500, description: 'The policy text of the declaration.' })),
  },
  { additionalProperties: false },
);
export type DeclaredFactDefinition = Static<typeof DeclaredFactSchema>;
export const DeclaredFactsSchema = Type.Array(DeclaredFactSchema, { maxItems: 30 });

export type DeclaredValue = boolean | number | string;
export type DeclaredNode = Extract<RuleNode, { declared: string }>;

export interface DeclaredProblem {
  path: string;
  code: 'invalid_node' | 'unknown_declared_fact' | 'unit_mismatch';
  message: string;
}

const check = Schema.Compile(DeclaredFactsSchema);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar date (2026-02-30 is not). */
export const isIsoDate = (text: unknown): text is string =>
  typeof text === 'string' && DATE.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
const OPS = new Set(['>=', '>', '<=', '<', '==', '!=']);

/** Save-time checks of a version's declared facts: shape, unique keys, choices only for choice facts. */
export function validateDeclaredFacts(input: unknown): DeclaredProblem[] {
  if (!check.Check(input)) return structuralProblems(check.Errors(input)[1] as never, '').map((p) => ({ path: p.path, code: 'invalid_node' as const, message: p.message }));
  const problems: DeclaredProblem[] = [];
  const seen = new Set<string>();
  (input as DeclaredFactDefinition[]).forEach((fact, i) => {
    if (seen.has(fact.key)) problems.push({ path: `/${i}/key`, code: 'invalid_node', message: `declared fact "${fact.key}" is defined twice` });
    seen.add(fact.key);
    if (fact.type === 'choice' && !fact.choices) problems.push({ path: `/${i}/choices`, code: 'invalid_node', message: 'a choice fact lists its choices' });
    if (fact.type !== 'choice' && fact.choices) problems.push({ path: `/${i}/choices`, code: 'invalid_node', message: 'only choice facts have choices' });
    if (fact.type !== 'number' && (fact.unitZh || fact.unitEn)) problems.push({ path: `/${i}/unitZh`, code: 'invalid_node', message: 'only number facts have a unit' });
    if (fact.choices && new Set(fact.choices.map((c) => c.code)).size !== fact.choices.length) problems.push({ path: `/${i}/choices`, code: 'invalid_node', message: 'choice codes must differ' });
  });
  return problems;
}

/** Shape checks of a declared node, without the version's definitions (the engines' own validation). */
export function validateDeclaredNode(node: Record<string, unknown>, path: string, report: (path: string, message: string) => void): void {
  if (typeof node.declared !== 'string' || node.declared === '') return report(childPath(path, 'declared'), 'names a declared fact of the policy, e.g. "no_wage_arrears_2y"');
  const forms = ['equals' in node, 'op' in node || 'value' in node, 'oneOf' in node].filter(Boolean).length;
  if (forms !== 1) return report(path, 'a declared condition is one of { equals: true|false }, { op, value } or { oneOf: [...] }');
  if ('equals' in node && typeof node.equals !== 'boolean') report(childPath(path, 'equals'), 'equals must be true or false');
  if ('op' in node || 'value' in node) {
    if (!OPS.has(node.op as string)) report(childPath(path, 'op'), 'op must be one of >=, >, <=, <, ==, !=');
    if (!(typeof node.value === 'number' && Number.isFinite(node.value)) && !isIsoDate(node.value)) report(childPath(path, 'value'), 'a number, or a date YYYY-MM-DD');
  }
  if ('oneOf' in node && !(Array.isArray(node.oneOf) && node.oneOf.length > 0 && node.oneOf.every((c) => typeof c === 'string'))) report(childPath(path, 'oneOf'), 'oneOf lists choice codes');
}

/** The declared nodes of a rule with their paths, in document order. */
export function declaredNodesOf(rule: RuleNode, path = ''): { path: string; node: DeclaredNode }[] {
  if ('declared' in rule) return [{ path, node: rule }];
  return ruleChildren(rule, path).flatMap((child) => declaredNodesOf(child.node, child.path));
}

/**
 * The references of a rule checked against the version's declarations: every key declared, and the
 * node's form matching the fact's type (equals for yes/no, op+number, op+date, oneOf of its choices).
 */
export function declaredReferenceProblems(rule: RuleNode, declared: readonly DeclaredFactDefinition[]): DeclaredProblem[] {
  const byKey = new Map(declared.map((d) => [d.key, d]));
  const problems: DeclaredProblem[] = [];
  for (const { path, node } of declaredNodesOf(rule)) {
    const fact = byKey.get(node.declared);
    if (!fact) {
      problems.push({ path: childPath(path, 'declared'), code: 'unknown_declared_fact', message: `"${node.declared}" is not a declared fact of this policy version (declare it in declaredFacts first)` });
      continue;
    }
    const wrong = (message: string, key: string) => problems.push({ path: childPath(path, key), code: 'unit_mismatch', message });
    if (fact.type === 'yesno' && node.equals === undefined) wrong(`"${fact.key}" is a yes/no fact: use equals: true|false`, 'declared');
    if (fact.type === 'number' && typeof node.value !== 'number') wrong(`"${fact.key}" is a number: compare it with a number${fact.unitZh ? ` in ${fact.unitZh}` : ''}`, node.value === undefined ? 'declared' : 'value');
    if (fact.type === 'date' && !isIsoDate(node.value)) wrong(`"${fact.key}" is a date: compare it with a date YYYY-MM-DD`, node.value === undefined ? 'declared' : 'value');
    if (fact.type === 'choice') {
      if (!node.oneOf) wrong(`"${fact.key}" is a choice: use oneOf`, 'declared');
      else {
        const codes = new Set(fact.choices?.map((c) => c.code));
        node.oneOf.forEach((code, i) => {
          if (!codes.has(code)) problems.push({ path: childPath(path, 'oneOf', i), code: 'unknown_declared_fact', message: `"${code}" is not a choice of "${fact.key}"` });
        });
      }
    }
  }
  return problems;
}

function compare(a: number | string, op: CompareOperator, b: number | string): boolean {
  switch (op) {
    case '>=':
      return a >= b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '<':
      return a < b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
}

/** The node's test on a declared value: true/false, or undefined when not declared (or of another type). */
export function declaredTest(node: Pick<DeclaredNode, 'equals' | 'op' | 'value' | 'oneOf'>, value: DeclaredValue | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (node.equals !== undefined) return typeof value === 'boolean' ? value === node.equals : undefined;
  if (node.oneOf) return typeof value === 'string' ? node.oneOf.includes(value) : undefined;
  if (node.op && node.value !== undefined) {
    if (typeof node.value === 'number') return typeof value === 'number' && Number.isFinite(value) ? compare(value, node.op, node.value) : undefined;
    return isIsoDate(value) ? compare(value, node.op, node.value) : undefined;
  }
  return undefined;
}

/** A declared value of the facts, when there is one. */
export function declaredValue(declared: EnterpriseDeclarations, key: string): DeclaredValue | undefined {
  const value = declared?.[key];
  return value === null || value === undefined ? undefined : value;
}
type EnterpriseDeclarations = Readonly<Record<string, DeclaredValue>> | null | undefined;

/**
 * Values that would satisfy every declared node of the rule (the opposite under a `not`): "eligible once
 * the applicant declares so" (the calculator's 需在申报时声明). When two nodes ask different things of
 * one key, the first wins — an approximation only for such contradictory rules.
 */
export function favourableDeclarations(rule: RuleNode): Record<string, DeclaredValue> {
  const out: Record<string, DeclaredValue> = {};
  const visit = (node: RuleNode, negated: boolean) => {
    if ('declared' in node) {
      if (!(node.declared in out)) {
        const value = satisfying(node, !negated);
        if (value !== undefined) out[node.declared] = value;
      }
      return;
    }
    for (const child of ruleChildren(node, '')) visit(child.node, negated !== 'not' in node);
  };
  visit(rule, false);
  return out;
}

function satisfying(node: DeclaredNode, want: boolean): DeclaredValue | undefined {
  if (node.equals !== undefined) return want ? node.equals : !node.equals;
  if (node.oneOf) return want ? node.oneOf[0] : `${node.oneOf.join('_')}_other`;
  if (node.op === undefined || node.value === undefined) return undefined;
  const candidates: DeclaredValue[] =
    typeof node.value === 'number' ? [node.value, node.value + 1, node.value - 1] : [node.value, shiftDay(node.value, 1), shiftDay(node.value, -1)];
  return candidates.find((c) => declaredTest(node, c) === want);
}

function shiftDay(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

// ------------------------------------------------------------------------------------- words

/** The declared fact's name, falling back to its key when the definitions are not at hand. */
export function declaredLabel(key: string, declared: readonly DeclaredFactDefinition[] | undefined, zh: boolean): string {
  const fact = declared?.find((d) => d.key === key);
  return fact ? (zh ? fact.labelZh : fact.labelEn) : key;
}

/** A declared value in words: 是/否, 12 人, 2026-12-31, the choice's label. */
export function declaredValueText(key: string, value: DeclaredValue, declared: readonly DeclaredFactDefinition[] | undefined, zh: boolean): string {
  const fact = declared?.find((d) => d.key === key);
  if (typeof value === 'boolean') return value ? (zh ? '是' : 'yes') : zh ? '否' : 'no';
  if (typeof value === 'number') {
    const unit = zh ? fact?.unitZh : fact?.unitEn;
    return unit ? `${value}${zh ? '' : ' '}${unit}` : String(value);
  }
  const choice = fact?.choices?.find((c) => c.code === value);
  return choice ? (zh ? choice.labelZh : choice.labelEn) : value;
}

const OP_SYMBOL: Record<CompareOperator, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '==': '=', '!=': '≠' };

/** The condition in words: "申报时声明：近两年无拖欠工资" / "申报时声明：稳定就业人数 ≥ 10人". */
export function declaredText(node: DeclaredNode, declared: readonly DeclaredFactDefinition[] | undefined, zh: boolean): string {
  const label = declaredLabel(node.declared, declared, zh);
  let condition: string;
  if (node.equals !== undefined) condition = node.equals ? label : zh ? `非“${label}”` : `not "${label}"`;
  else if (node.oneOf) condition = `${label}${zh ? '为' : ' is '}${node.oneOf.map((c) => declaredValueText(node.declared, c, declared, zh)).join(zh ? '或' : ' or ')}`;
  else condition = `${label} ${OP_SYMBOL[node.op!]} ${declaredValueText(node.declared, node.value!, declared, zh)}`;
  return zh ? `申报时声明：${condition}` : `Declared on application: ${condition}`;
}

/** The state of a declared node in an explanation: 待申报时声明 / 自行申报：是. */
export function declaredStateText(key: string, value: DeclaredValue | null, declared: readonly DeclaredFactDefinition[] | undefined, zh: boolean): string {
  if (value === null) return zh ? '需在申报时声明' : 'to be declared on application';
  return `${zh ? '自行申报：' : 'self-declared: '}${declaredValueText(key, value, declared, zh)}`;
}

/** The name of a missing declared fact (`declared:<key>`): "申报时声明：近两年无拖欠工资". */
export function declaredMissingName(fact: string, declared: readonly DeclaredFactDefinition[] | undefined, zh: boolean): string | null {
  if (!fact.startsWith(DECLARED_PREFIX)) return null;
  const label = declaredLabel(fact.slice(DECLARED_PREFIX.length), declared, zh);
  return zh ? `申报时声明：${label}` : `Declared on application: ${label}`;
}

// ------------------------------------------------------------------------------- submission

/**
 * Checks the declarations of an application against the version's definitions: each one the rule reads
 * given, of its type (a choice among the choices, a real date, a finite number); nothing undeclared.
 * Problems carry the path under `pathPrefix` (body/declarations/<key>).
 */
export function checkDeclarations(
  definitions: readonly DeclaredFactDefinition[],
  needed: ReadonlySet<string>,
  input: Readonly<Record<string, unknown>>,
  pathPrefix = 'body/declarations',
): { values: Record<string, DeclaredValue>; problems: { path: string; message: string }[] } {
  const values: Record<string, DeclaredValue> = {};
  const problems: { path: string; message: string }[] = [];
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  for (const [key, value] of Object.entries(input)) {
    const fact = byKey.get(key);
    const path = `${pathPrefix}/${key}`;
    if (!fact) problems.push({ path, message: 'not a declared fact of this policy' });
    else if (value === null || value === undefined) continue;
    else if (fact.type === 'yesno' && typeof value !== 'boolean') problems.push({ path, message: 'true or false' });
    else if (fact.type === 'number' && !(typeof value === 'number' && Number.isFinite(value))) problems.push({ path, message: 'a number' });
    else if (fact.type === 'date' && !isIsoDate(value)) problems.push({ path, message: 'a date YYYY-MM-DD' });
    else if (fact.type === 'choice' && !(typeof value === 'string' && fact.choices?.some((c) => c.code === value))) problems.push({ path, message: `one of ${fact.choices?.map((c) => c.code).join(', ')}` });
    else values[key] = value as DeclaredValue;
  }
  for (const key of needed) if (values[key] === undefined && !problems.some((p) => p.path === `${pathPrefix}/${key}`)) problems.push({ path: `${pathPrefix}/${key}`, message: 'required: the policy’s rule reads this declaration' });
  return { values, problems };
}

// ------------------------------------------------------------------------------------- tests

const KEYS = ['no_wage_arrears_2y', 'stay_ten_years', 'jobs_kept', 'site_kind', 'moved_in_on'];

/** Definitions of the random declared facts of the agreement tests. */
export const TEST_DECLARED_FACTS: readonly DeclaredFactDefinition[] = [
  { key: 'no_wage_arrears_2y', labelZh: '近两年无拖欠工资', labelEn: 'No wage arrears in two years', type: 'yesno', evidence: 'required' },
  { key: 'stay_ten_years', labelZh: '承诺十年内不搬离本县', labelEn: 'Stays in the county ten years', type: 'yesno', evidence: 'none' },
  { key: 'jobs_kept', labelZh: '稳定就业人数', labelEn: 'Jobs kept', type: 'number', unitZh: '人', unitEn: 'people', evidence: 'optional' },
  { key: 'site_kind', labelZh: '生产场地', labelEn: 'Production site', type: 'choice', choices: [{ code: 'owned', labelZh: '自有', labelEn: 'owned' }, { code: 'leased', labelZh: '租赁', labelEn: 'leased' }], evidence: 'none' },
  { key: 'moved_in_on', labelZh: '入驻日期', labelEn: 'Moved in on', type: 'date', evidence: 'none' },
];

/** A random declared node over TEST_DECLARED_FACTS. */
export function randomDeclaredNode(random: Prng): RuleNode {
  switch (random.pick(KEYS)) {
    case 'no_wage_arrears_2y':
      return { declared: 'no_wage_arrears_2y', equals: random.chance(0.8) };
    case 'stay_ten_years':
      return { declared: 'stay_ten_years', equals: true };
    case 'jobs_kept':
      return { declared: 'jobs_kept', op: random.pick(['>=', '>', '<=', '<', '==', '!='] as const), value: random.pick([0, 10, 20]) };
    case 'site_kind':
      return { declared: 'site_kind', oneOf: random.chance(0.5) ? ['owned'] : ['owned', 'leased'] };
    default:
      return { declared: 'moved_in_on', op: random.pick(['>=', '<='] as const), value: random.pick(['2024-01-01', '2025-06-30']) };
  }
}

/** Random declarations for TEST_DECLARED_FACTS, some keys left undeclared. */
export function randomDeclarations(random: Prng): Record<string, DeclaredValue> {
  const out: Record<string, DeclaredValue> = {};
  if (random.chance(0.7)) out.no_wage_arrears_2y = random.chance(0.7);
  if (random.chance(0.7)) out.stay_ten_years = random.chance(0.7);
  if (random.chance(0.7)) out.jobs_kept = random.pick([0, 9, 10, 11, 20, 35]);
  if (random.chance(0.7)) out.site_kind = random.pick(['owned', 'leased']);
  if (random.chance(0.7)) out.moved_in_on = random.pick(['2023-12-31', '2024-01-01', '2025-06-30', '2025-07-01']);
  return out;
}
