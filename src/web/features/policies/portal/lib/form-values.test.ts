import { describe, expect, it } from 'vitest';
import type { ApplicationFormField } from '../../../../api/types.ts';
import { collectForm, fenToWanText, fieldOfProblemPath, initialValues, readMoney } from './form-values.ts';

function field(key: string, type: ApplicationFormField['type'], required = true, source: ApplicationFormField['source'] = 'enterprise'): ApplicationFormField {
  return { key, label: key, labelZh: key, labelEn: key, value: null, source, required, type, period: null, dataSource: null, unit: null };
}

describe('readMoney', () => {
  it.each([
    [{ text: '12.5', moneyUnit: 'wan' as const }, 12_500_000],
    [{ text: '2,350', moneyUnit: 'wan' as const }, 2_350_000_000],
    [{ text: '0.000001', moneyUnit: 'wan' as const }, 1],
    [{ text: '8000.50', moneyUnit: 'yuan' as const }, 800_050],
    // 0.1 + 0.2 in floats is 0.30000000000000004; typed money never goes through a float.
    [{ text: '0.3', moneyUnit: 'yuan' as const }, 30],
  ])('%j → %d fen', (typed, fen) => {
    expect(readMoney(typed)).toEqual({ ok: true, fen });
  });

  it.each([
    [{ text: '1.001', moneyUnit: 'yuan' as const }, 'too_many_decimals'],
    [{ text: '0.0000001', moneyUnit: 'wan' as const }, 'too_many_decimals'],
    [{ text: 'abc', moneyUnit: 'wan' as const }, 'not_a_number'],
    [{ text: '-5', moneyUnit: 'wan' as const }, 'negative'],
    [{ text: '99999999999999999', moneyUnit: 'wan' as const }, 'too_large'],
  ])('%j is refused: %s', (typed, problem) => {
    expect(readMoney(typed)).toEqual({ ok: false, problem });
  });
});

describe('fenToWanText', () => {
  it('writes fen as 万元 exactly', () => {
    expect(fenToWanText(125_000_000)).toBe('125');
    expect(fenToWanText(1_234_567)).toBe('1.234567');
    expect(fenToWanText(0)).toBe('0');
    expect(readMoney({ text: fenToWanText(987_654_321), moneyUnit: 'wan' })).toEqual({ ok: true, fen: 987_654_321 });
  });
});

describe('collectForm', () => {
  const fields = [field('name', 'text', false, 'profile'), field('bankAccount', 'text'), field('investment', 'money'), field('staff', 'number', false), field('startedOn', 'date', false), field('report', 'file')];
  const file = new File(['%PDF-1.4'], 'report.pdf', { type: 'application/pdf' });

  it('reads the enterprise fields into formData and files; profile fields are not sent', () => {
    const collected = collectForm(fields, { name: 'x', bankAccount: ' 6217 0000 ', investment: { text: '120.5', moneyUnit: 'wan' }, staff: '12', startedOn: '2026-03-01', report: file });
    expect(collected).toEqual({
      formData: { bankAccount: '6217 0000', investment: 120_500_000, staff: 12, startedOn: '2026-03-01' },
      files: [{ fieldKey: 'report', file }],
      problems: [],
    });
  });

  it('names every required field left empty and every value that does not read', () => {
    const collected = collectForm(fields, { bankAccount: '', investment: { text: '1.0000001', moneyUnit: 'wan' }, staff: 'twelve' });
    expect(collected.problems).toEqual([
      { key: 'bankAccount', problem: 'required' },
      { key: 'investment', problem: 'too_many_decimals' },
      { key: 'staff', problem: 'not_a_number' },
      { key: 'report', problem: 'required' },
    ]);
  });

  it('does not require files again when resubmitting', () => {
    const collected = collectForm(fields, { bankAccount: 'x', investment: { text: '1', moneyUnit: 'wan' } }, { requireFiles: false });
    expect(collected.problems).toEqual([]);
    expect(collected.formData).toEqual({ bankAccount: 'x', investment: 1_000_000, staff: null, startedOn: null });
  });
});

describe('initialValues and server problems', () => {
  it('turns what was entered back into form values, money in 万元', () => {
    expect(initialValues([field('bankAccount', 'text'), field('investment', 'money'), field('report', 'file')], { bankAccount: '6217', investment: 120_500_000 })).toEqual({
      bankAccount: '6217',
      investment: { text: '120.5', moneyUnit: 'wan' },
    });
  });

  it('finds the field of a problem path', () => {
    expect(fieldOfProblemPath('body/formData/bankAccount')).toBe('bankAccount');
    expect(fieldOfProblemPath('body/policyId')).toBeNull();
    expect(fieldOfProblemPath(undefined)).toBeNull();
  });
});
