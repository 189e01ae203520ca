import type { ApplicationForm } from '../../../../api/types.ts';

export type DeclaredFact = ApplicationForm['declaredFacts'][number];

/** The form item of a declaration and of its evidence file. */
export const declarationName = (key: string) => `decl_${key}`;

/**
 * The declarations typed on the form read into the body's `declarations` and the evidence files to upload,
 * with a problem per declaration the rule needs but is missing and per required evidence not chosen.
 */
export function collectDeclarations(
  facts: readonly DeclaredFact[],
  values: Record<string, unknown>,
): { declarations: Record<string, boolean | number | string>; files: { fieldKey: string; file: File }[]; problems: { key: string; problem: 'required' | 'not_a_number' | 'evidence_required' }[] } {
  const out: ReturnType<typeof collectDeclarations> = { declarations: {}, files: [], problems: [] };
  for (const fact of facts) {
    const raw = values[declarationName(fact.key)];
    const empty = raw === undefined || raw === null || raw === '';
    if (empty) {
      if (fact.required) out.problems.push({ key: declarationName(fact.key), problem: 'required' });
    } else if (fact.type === 'yesno') out.declarations[fact.key] = raw === true || raw === 'true';
    else if (fact.type === 'number') {
      const number = Number(String(raw).replace(/[,，\s]/g, ''));
      if (Number.isFinite(number)) out.declarations[fact.key] = number;
      else out.problems.push({ key: declarationName(fact.key), problem: 'not_a_number' });
    } else out.declarations[fact.key] = String(raw);
    const file = values[fact.evidenceFieldKey];
    if (file instanceof File) out.files.push({ fieldKey: fact.evidenceFieldKey, file });
    else if (fact.evidence === 'required' && !empty) out.problems.push({ key: fact.evidenceFieldKey, problem: 'evidence_required' });
  }
  return out;
}
