/** The payee account (收款账户) of an application: bank, the enterprise's own name, 8–30 digits — or 400 naming the part. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.ts';
import { signInApplicant } from '../factories/applications.ts';
import { createManufacturer } from '../factories/enterprises.ts';
import { createPolicy } from '../factories/policies.ts';

let t: TestApp;
let policyId: number;

beforeAll(async () => {
  t = await createTestApp();
  policyId = (await createPolicy(t.app, { body: { formFields: [{ key: 'bankAccount', labelZh: '收款账户（基本户）', labelEn: 'Bank account for payment', type: 'bank_account', required: true }] } })).id;
});
afterAll(async () => {
  await t.close();
});

describe(`payee account on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('refuses any text, a stranger’s name and a wrong number; keeps the checked account', async () => {
    const enterprise = await createManufacturer(t.app.db, 3000, { name: '垫江收款测试机械有限公司' });
    const applicant = await signInApplicant(t.app, { enterprise });
    const form = (await applicant.get(`/api/policies/${policyId}/application-form`)).json<{ fields: { key: string; type: string }[] }>();
    expect(form.fields.find((f) => f.key === 'bankAccount')?.type).toBe('bank_account');

    const text = await applicant.post('/api/applications', { policyId, formData: { bankAccount: '随便写的账户' } });
    expect(text.statusCode).toBe(400);
    expect(text.json().error.details.map((d: { path: string }) => d.path)).toEqual(['body/formData/bankAccount']);

    const wrong = await applicant.post('/api/applications', { policyId, formData: { bankAccount: { bankName: '工行', accountName: '别家公司', accountNumber: '6222-abc' } } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.map((d: { path: string }) => d.path).sort()).toEqual(['body/formData/bankAccount/accountName', 'body/formData/bankAccount/accountNumber', 'body/formData/bankAccount/bankName']);
    const short = await applicant.post('/api/applications', { policyId, formData: { bankAccount: { bankName: '中国农业银行垫江支行', accountName: '垫江收款测试机械有限公司', accountNumber: '1234567' } } });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details[0].path).toBe('body/formData/bankAccount/accountNumber');
    expect(await t.app.db.selectFrom('applications').where('enterprise_id', '=', enterprise.id).select('id').execute()).toHaveLength(0);

    const ok = await applicant.post('/api/applications', { policyId, formData: { bankAccount: { bankName: '中国农业银行垫江支行', accountName: '垫江收款测试机械有限公司', accountNumber: '3108 0101 0400 1234 5' } } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().formData.entered.bankAccount).toEqual({ bankName: '中国农业银行垫江支行', accountName: '垫江收款测试机械有限公司', accountNumber: '31080101040012345' });
  });
});
