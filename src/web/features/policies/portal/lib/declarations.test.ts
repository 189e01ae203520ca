import { describe, expect, it } from 'vitest';
import { collectDeclarations, declarationName, type DeclaredFact } from './declarations.ts';

const fact = (over: Partial<DeclaredFact>): DeclaredFact => ({
  key: 'no_wage_arrears_2y',
  labelZh: '近两年无拖欠工资',
  labelEn: 'No wage arrears',
  type: 'yesno',
  unitZh: null,
  unitEn: null,
  choices: null,
  evidence: 'none',
  evidenceHintZh: null,
  evidenceHintEn: null,
  evidenceFieldKey: `declared_${over.key ?? 'no_wage_arrears_2y'}`,
  required: true,
  clause: null,
  ...over,
});

describe('the declarations of the application form', () => {
  it('reads yes/no, numbers and dates; names the missing ones and the missing evidence', () => {
    const facts = [fact({ evidence: 'required' }), fact({ key: 'jobs_kept', type: 'number' }), fact({ key: 'moved_in_on', type: 'date', required: false })];
    expect(collectDeclarations(facts, {}).problems).toEqual([
      { key: declarationName('no_wage_arrears_2y'), problem: 'required' },
      { key: declarationName('jobs_kept'), problem: 'required' },
    ]);
    const file = new File(['%PDF'], 'proof.pdf');
    const read = collectDeclarations(facts, { decl_no_wage_arrears_2y: true, decl_jobs_kept: '1,200', declared_no_wage_arrears_2y: file });
    expect(read).toEqual({ declarations: { no_wage_arrears_2y: true, jobs_kept: 1200 }, files: [{ fieldKey: 'declared_no_wage_arrears_2y', file }], problems: [] });
    expect(collectDeclarations(facts, { decl_no_wage_arrears_2y: false, decl_jobs_kept: 'x' }).problems).toEqual([
      { key: 'declared_no_wage_arrears_2y', problem: 'evidence_required' },
      { key: declarationName('jobs_kept'), problem: 'not_a_number' },
    ]);
  });
});
