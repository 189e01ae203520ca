/**
 * Loans through their API: a bank drafts a product, the finance office approves it, an enterprise applies.
 * (test/factories/risk-pools.ts writes loans straight into the tables for tests that need many.)
 */
import type { FastifyInstance } from 'fastify';
import { createOrg } from './accounts.ts';
import { createManufacturer, LAST_YEAR, signIn } from './enterprises.ts';
import { financeOfficeOrg } from './risk-pools.ts';

export type Client = Awaited<ReturnType<typeof signIn>>;

/** Main-business revenue of last year ≥ 500万元: the target rule of the test products. */
export const REVENUE_TARGET = {
  clause: '上年度主营业务收入500万元以上',
  all: [{ clause: '主营业务收入500万元以上', left: { fact: 'main_revenue', period: { yearsAgo: 1 } }, op: '>=', right: { wan: 500 } }],
};

let sequence = 0;

export function productBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  sequence++;
  return {
    code: `T${Date.now() % 100000}${sequence}`,
    name: `测试信用贷${sequence}`,
    productType: 'credit',
    summary: '纯信用、线上申请，用于流动资金周转。',
    amountMinFen: 100_000_00,
    amountMaxFen: 3_000_000_00,
    rateMinBp: 350,
    rateMaxBp: 600,
    termMinMonths: 6,
    termMaxMonths: 36,
    repaymentMethods: ['equal_instalment', 'interest_first', 'bullet'],
    dataCategories: ['tax', 'operations'],
    tags: ['信用贷', '首贷'],
    targetRule: REVENUE_TARGET,
    ...over,
  };
}

/** A bank (new organisation) with one staff member signed in. */
export async function signInBank(app: FastifyInstance, name?: string): Promise<Client> {
  return signIn(app, ['bank_staff'], await createOrg(app.db, 'bank', name));
}

/** Staff of the finance office (organisation 'jrb'). */
export async function signInFinance(app: FastifyInstance): Promise<Client> {
  return signIn(app, ['department_staff'], await financeOfficeOrg(app.db));
}

/** A product drafted by `bank` and approved by `finance`: its id. */
export async function publishedProduct(bank: Client, finance: Client, over: Record<string, unknown> = {}): Promise<number> {
  const created = await bank.post('/api/finance/products', productBody(over));
  if (created.statusCode !== 201) throw new Error(`create product: ${created.body}`);
  const id = created.json().id as number;
  const submitted = await bank.post(`/api/finance/products/${id}/submit`, {});
  if (submitted.statusCode !== 200) throw new Error(`submit: ${submitted.body}`);
  const approved = await finance.post(`/api/finance/products/${id}/approve`, {});
  if (approved.statusCode !== 200) throw new Error(`approve: ${approved.body}`);
  return id;
}

/** An enterprise with last year's revenue (万元) and a signed-in user of it. */
export async function signInBorrower(app: FastifyInstance, revenueWan = 2_000): Promise<Client & { enterpriseId: number }> {
  const enterprise = await createManufacturer(app.db, revenueWan, { withOrg: true });
  const client = await signIn(app, ['enterprise_user'], enterprise.orgId!);
  return Object.assign(client, { enterpriseId: enterprise.id });
}

export const applicationBody = (productId: number, over: Record<string, unknown> = {}) => ({
  productId,
  amountFen: 500_000_00,
  termMonths: 12,
  purpose: '采购原材料，补充流动资金',
  repaymentMethod: 'equal_instalment',
  consentMonths: 12,
  ...over,
});

export { LAST_YEAR };
