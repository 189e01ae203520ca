/**
 * Declarations on the application form (申报时声明, src/core/rules/declared.ts): the policy version's declared
 * facts offered on the form, the enterprise's declarations checked against them at submission, the
 * evidence files (ordinary attachments under the field key `declared_<key>`), and the declarations as the
 * reviewer reads them, marked 自行申报 with their evidence.
 */
import {
  checkDeclarations,
  declaredNodesOf,
  declaredValueText,
  type DeclaredFactDefinition,
  type DeclaredValue,
} from '../../../core/rules/declared.ts';
import type { Explanation, RuleNode } from '../../../core/rules/index.ts';
import { AppError } from '../../errors.ts';
import type { DeclarationView, DeclaredFactView } from './applications.schemas.ts';

/** The attachment field key of a declaration's evidence. */
export const evidenceKey = (key: string) => `declared_${key}`;

export function definitionsOf(version: { declared_facts?: unknown }): DeclaredFactDefinition[] {
  return Array.isArray(version.declared_facts) ? (version.declared_facts as DeclaredFactDefinition[]) : [];
}

/** The keys the rule reads: declaring them is required on the form. */
export function neededKeys(rule: unknown): Set<string> {
  return new Set(declaredNodesOf(rule as RuleNode).map((d) => d.node.declared));
}

/** The declared facts as the form offers them. */
export function declaredFactViews(version: { declared_facts?: unknown; rule: unknown }): DeclaredFactView[] {
  const needed = neededKeys(version.rule);
  return definitionsOf(version).map((d) => ({
    key: d.key,
    labelZh: d.labelZh,
    labelEn: d.labelEn,
    type: d.type,
    unitZh: d.unitZh ?? null,
    unitEn: d.unitEn ?? null,
    choices: d.choices ?? null,
    evidence: d.evidence,
    evidenceHintZh: d.evidenceHintZh ?? null,
    evidenceHintEn: d.evidenceHintEn ?? null,
    evidenceFieldKey: evidenceKey(d.key),
    required: needed.has(d.key),
    clause: d.clause ?? null,
  }));
}

/** The declarations of a submission checked against the version (400 naming each bad one). */
export function assertDeclarations(version: { declared_facts?: unknown; rule: unknown }, input: Record<string, unknown> | undefined): Record<string, DeclaredValue> {
  const { values, problems } = checkDeclarations(definitionsOf(version), neededKeys(version.rule), input ?? {});
  if (problems.length > 0) throw new AppError('validation_failed', 'The declarations are incomplete or invalid', problems);
  return values;
}

/**
 * The declarations that make the rule fail: declared leaves that failed (passed, under an odd number of
 * `not`s). The refusal names them with what was declared.
 */
export function failingDeclarations(explanation: Explanation, definitions: readonly DeclaredFactDefinition[]): { key: string; labelZh: string; labelEn: string; declared: DeclaredValue }[] {
  const out: { key: string; labelZh: string; labelEn: string; declared: DeclaredValue }[] = [];
  const visit = (node: Explanation, negated: boolean) => {
    if (node.kind === 'declared') {
      const effective = negated ? (node.value === 'pass' ? 'fail' : node.value === 'fail' ? 'pass' : 'unknown') : node.value;
      if (effective === 'fail' && node.declared !== null && !out.some((o) => o.key === node.key)) {
        const d = definitions.find((f) => f.key === node.key);
        out.push({ key: node.key, labelZh: d?.labelZh ?? node.key, labelEn: d?.labelEn ?? node.key, declared: node.declared });
      }
      return;
    }
    if ('children' in node) for (const child of node.children) visit(child, negated !== (node.kind === 'not'));
  };
  visit(explanation, false);
  return out;
}

/** Required evidence not attached: declared facts with evidence 'required' that were declared. */
export function missingEvidence(version: { declared_facts?: unknown }, declarations: Readonly<Record<string, unknown>>, presentFieldKeys: ReadonlySet<string>): DeclaredFactDefinition[] {
  return definitionsOf(version).filter((d) => d.evidence === 'required' && declarations[d.key] !== undefined && !presentFieldKeys.has(evidenceKey(d.key)));
}

/** The declarations of an application as the reviewer reads them: 自行申报, with the evidence files. */
export function presentDeclarations(
  version: { declared_facts?: unknown },
  declarations: Readonly<Record<string, DeclaredValue>> | null | undefined,
  files: readonly { id: number; field_key: string }[],
): DeclarationView[] {
  const definitions = definitionsOf(version);
  // In the order the policy declares them (jsonb keeps its own key order).
  const order = (key: string) => {
    const i = definitions.findIndex((d) => d.key === key);
    return i < 0 ? definitions.length : i;
  };
  const entries = Object.entries(declarations ?? {}).sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b));
  return entries.map(([key, value]) => {
    const d = definitions.find((f) => f.key === key);
    return {
      key,
      labelZh: d?.labelZh ?? key,
      labelEn: d?.labelEn ?? key,
      value,
      valueText: { zh: declaredValueText(key, value, definitions, true), en: declaredValueText(key, value, definitions, false) },
      source: 'self_declared' as const,
      evidence: d?.evidence ?? 'none',
      evidenceFileIds: files.filter((f) => f.field_key === evidenceKey(key)).map((f) => f.id),
    };
  });
}
