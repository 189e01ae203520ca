import { describe, expect, it } from 'vitest';
import { checkBankAccount, formatBankAccount } from './bank-account.ts';

const NAME = '重庆垫江机械（集团）有限公司';

describe('checkBankAccount', () => {
  it('accepts a corporate account in the registered name, normalised', () => {
    const checked = checkBankAccount({ bankName: ' 中国工商银行垫江支行 ', accountName: '重庆垫江机械(集团)有限公司', accountNumber: '3100 0212-3456 7890 123' }, NAME);
    expect(checked).toEqual({ ok: true, account: { bankName: '中国工商银行垫江支行', accountName: NAME, accountNumber: '3100021234567890123' } });
    expect(formatBankAccount((checked as { account: Parameters<typeof formatBankAccount>[0] }).account)).toBe(`中国工商银行垫江支行 · ${NAME} · 3100 0212 3456 7890 123`);
  });
  it('names each wrong part', () => {
    expect(checkBankAccount({ bankName: '工行', accountName: '张三', accountNumber: '31000212345678901X' }, NAME)).toEqual({
      ok: false,
      problems: { bankName: 'bank_name', accountName: 'account_name_mismatch', accountNumber: 'account_number_digits' },
    });
    expect(checkBankAccount({ bankName: '垫江县农村信用社', accountName: NAME, accountNumber: '1234567' }, NAME)).toEqual({ ok: false, problems: { accountNumber: 'account_number_length' } });
    expect(checkBankAccount({ bankName: '垫江县农村信用社', accountName: NAME, accountNumber: '1'.repeat(31) }, NAME)).toEqual({ ok: false, problems: { accountNumber: 'account_number_length' } });
    expect(checkBankAccount({ bankName: '垫江县农村信用社', accountName: NAME, accountNumber: '12345678' }, NAME).ok).toBe(true);
    expect(checkBankAccount({}, NAME)).toEqual({ ok: false, problems: { bankName: 'required', accountName: 'required', accountNumber: 'required' } });
  });
});
