/**
 * The policy editor's form of the declared facts (申报时声明, src/core/rules/declared.ts): one row per fact
 * with every optional text as a plain string ('' when absent), read from the version's `declaredFacts` and
 * written back to it — units only for number facts, choices only for choice facts, empty texts left out,
 * so what the server validates is exactly what the official typed. Pure, so the mapping is unit-tested.
 */
import type { DeclaredFactDefinition, DeclaredType } from '../../../../../core/rules/declared.ts';

export interface DeclaredChoiceValue {
  code: string;
  labelZh: string;
  labelEn: string;
}

export interface DeclaredFactFormValue {
  key: string;
  labelZh: string;
  labelEn: string;
  type: DeclaredType;
  unitZh: string;
  unitEn: string;
  choices: DeclaredChoiceValue[];
  evidence: 'required' | 'optional' | 'none';
  evidenceHintZh: string;
  evidenceHintEn: string;
  clause: string;
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const TYPES: readonly DeclaredType[] = ['yesno', 'number', 'date', 'choice'];
const EVIDENCE = ['required', 'optional', 'none'] as const;

/** A new row of the form: a yes/no declaration without evidence. */
export function blankDeclaredFact(index: number): DeclaredFactFormValue {
  return { key: `declaration_${index + 1}`, labelZh: '', labelEn: '', type: 'yesno', unitZh: '', unitEn: '', choices: [], evidence: 'none', evidenceHintZh: '', evidenceHintEn: '', clause: '' };
}

/** The form rows of a version's `declaredFacts` (anything not a list reads as none). */
export function declaredFactsToForm(json: unknown): DeclaredFactFormValue[] {
  if (!Array.isArray(json)) return [];
  return json
    .filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item))
    .map((fact) => ({
      key: str(fact.key),
      labelZh: str(fact.labelZh),
      labelEn: str(fact.labelEn),
      type: TYPES.includes(fact.type as DeclaredType) ? (fact.type as DeclaredType) : 'yesno',
      unitZh: str(fact.unitZh),
      unitEn: str(fact.unitEn),
      choices: Array.isArray(fact.choices) ? fact.choices.map((c: Record<string, unknown>) => ({ code: str(c?.code), labelZh: str(c?.labelZh), labelEn: str(c?.labelEn) })) : [],
      evidence: EVIDENCE.includes(fact.evidence as never) ? (fact.evidence as DeclaredFactFormValue['evidence']) : 'none',
      evidenceHintZh: str(fact.evidenceHintZh),
      evidenceHintEn: str(fact.evidenceHintEn),
      clause: str(fact.clause),
    }));
}

/** The `declaredFacts` of the form rows: trimmed, empty optional texts left out, units and choices only where their type has them. */
export function declaredFactsFromForm(rows: readonly DeclaredFactFormValue[] | undefined): DeclaredFactDefinition[] {
  return (rows ?? []).map((row) => {
    const optional = (name: string, value: string | undefined) => (value?.trim() ? { [name]: value.trim() } : {});
    return {
      key: (row.key ?? '').trim(),
      labelZh: (row.labelZh ?? '').trim(),
      labelEn: (row.labelEn ?? '').trim(),
      type: row.type,
      ...(row.type === 'number' && { ...optional('unitZh', row.unitZh), ...optional('unitEn', row.unitEn) }),
      ...(row.type === 'choice' && { choices: (row.choices ?? []).map((c) => ({ code: (c.code ?? '').trim(), labelZh: (c.labelZh ?? '').trim(), labelEn: (c.labelEn ?? '').trim() })) }),
      evidence: row.evidence,
      ...(row.evidence !== 'none' && { ...optional('evidenceHintZh', row.evidenceHintZh), ...optional('evidenceHintEn', row.evidenceHintEn) }),
      ...optional('clause', row.clause),
    } as DeclaredFactDefinition;
  });
}

/**
 * Where a server problem under `body/declaredFacts` belongs in the form: `/0/labelZh` → ['declaredFacts', 0,
 * 'labelZh'], a choice's `/1/choices/2/code` → ['declaredFacts', 1, 'choices', 2, 'code']; a problem of the
 * whole list or a whole fact lands on the fact's key (the row's first field).
 */
export function declaredFieldOfPath(rest: readonly string[]): (string | number)[] {
  const index = Number(rest[0]);
  if (!Number.isInteger(index)) return ['declaredFacts', 0, 'key'];
  const inner = rest.slice(1).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  if (inner.length === 0) return ['declaredFacts', index, 'key'];
  if (inner[0] === 'choices') return inner.length >= 3 ? ['declaredFacts', index, 'choices', inner[1], inner[2]] : ['declaredFacts', index, 'type'];
  return ['declaredFacts', index, inner[0]];
}
