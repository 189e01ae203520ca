import { describe, expect, it } from 'vitest';
import { validateDeclaredFacts, type DeclaredFactDefinition } from '../../../../../core/rules/declared.ts';
import { blankDeclaredFact, declaredFactsFromForm, declaredFactsToForm, declaredFieldOfPath } from './declared-form.ts';
import { blankPolicyValues, formFieldOfPath, inputFromFormValues } from './policy-form.ts';

const FACTS: DeclaredFactDefinition[] = [
  { key: 'no_wage_arrears_2y', labelZh: '近两年无拖欠农民工工资', labelEn: 'No wage arrears in the last two years', type: 'yesno', evidence: 'required', evidenceHintZh: '人社部门证明', evidenceHintEn: 'A letter of the labour bureau' },
  { key: 'jobs_kept', labelZh: '稳定就业人数', labelEn: 'Jobs kept', type: 'number', unitZh: '人', unitEn: 'people', evidence: 'optional' },
  { key: 'move_in_date', labelZh: '入驻日期', labelEn: 'Move-in date', type: 'date', evidence: 'none', clause: '2026年底前入驻' },
  { key: 'site_kind', labelZh: '场地性质', labelEn: 'Site', type: 'choice', choices: [{ code: 'owned', labelZh: '自有', labelEn: 'Owned' }, { code: 'leased', labelZh: '租赁', labelEn: 'Leased' }], evidence: 'none' },
];

describe('declared facts form ↔ JSON', () => {
  it('a version’s declared facts come back exactly through the form', () => {
    const rows = declaredFactsToForm(FACTS);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ key: 'no_wage_arrears_2y', type: 'yesno', evidence: 'required', unitZh: '', choices: [] });
    expect(declaredFactsFromForm(rows)).toEqual(FACTS);
    expect(validateDeclaredFacts(declaredFactsFromForm(rows))).toEqual([]);
  });

  it('trims texts, leaves out empty ones, and keeps units and choices only where the type has them', () => {
    const row = { ...blankDeclaredFact(0), key: ' a_b ', labelZh: ' 甲 ', labelEn: 'A ', unitZh: '人', unitEn: ' ', choices: [{ code: 'x', labelZh: 'x', labelEn: 'x' }], evidenceHintZh: '不用' };
    expect(declaredFactsFromForm([row])).toEqual([{ key: 'a_b', labelZh: '甲', labelEn: 'A', type: 'yesno', evidence: 'none' }]);
    expect(declaredFactsFromForm([{ ...row, type: 'number', evidence: 'optional' }])).toEqual([{ key: 'a_b', labelZh: '甲', labelEn: 'A', type: 'number', unitZh: '人', evidence: 'optional', evidenceHintZh: '不用' }]);
    expect(declaredFactsFromForm([{ ...row, type: 'choice' }])[0].choices).toEqual([{ code: 'x', labelZh: 'x', labelEn: 'x' }]);
    expect(declaredFactsFromForm(undefined)).toEqual([]);
  });

  it('reads anything that is not a list of facts as none, unknown types and evidence as the defaults', () => {
    expect(declaredFactsToForm(null)).toEqual([]);
    expect(declaredFactsToForm({})).toEqual([]);
    expect(declaredFactsToForm([7, { key: 'k', type: 'weird', evidence: 'maybe' }])).toEqual([{ ...blankDeclaredFact(0), key: 'k' }]);
  });

  it('a new row is a valid yes/no declaration once named', () => {
    expect(validateDeclaredFacts(declaredFactsFromForm([{ ...blankDeclaredFact(2), labelZh: '承诺', labelEn: 'Pledge' }]))).toEqual([]);
    expect(blankDeclaredFact(2).key).toBe('declaration_3');
  });

  it('the editor sends the declarations with the policy, and the server’s problem paths land on the row fields', () => {
    const values = { ...blankPolicyValues('2026-05-01'), benefitText: '{"amount":{"fixed":{"wan":1}}}', declaredFacts: declaredFactsToForm(FACTS) };
    const result = inputFromFormValues(values);
    expect(result.ok && result.input.declaredFacts).toEqual(FACTS);
    expect(formFieldOfPath('body/declaredFacts/1/labelZh')).toEqual(['declaredFacts', 1, 'labelZh']);
    expect(formFieldOfPath('body/declaredFacts/3/choices/1/code')).toEqual(['declaredFacts', 3, 'choices', 1, 'code']);
    expect(formFieldOfPath('body/declaredFacts/3/choices')).toEqual(['declaredFacts', 3, 'type']);
    expect(formFieldOfPath('body/declaredFacts/2')).toEqual(['declaredFacts', 2, 'key']);
    expect(declaredFieldOfPath([])).toEqual(['declaredFacts', 0, 'key']);
  });
});
