/**
 * Finance rows for the tests of risk pools, programmes and KPIs: the finance office (organisation 'jrb'),
 * banks, products with a published version, applications and loans written straight into the loans
 * module's tables (the loans module's own tests go through its API; these tests need many loans in given
 * states fast).
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB, LoanApplicationStatus, LoanStatus } from '../../src/server/db/schema.ts';
import { createOrg } from './accounts.ts';
import { signIn } from './enterprises.ts';

let sequence = 0;

/** The county finance office (金融办, organisation code 'jrb'), created once per database. */
export async function financeOfficeOrg(db: Kysely<DB>): Promise<number> {
  const existing = await db.selectFrom('organizations').where('code', '=', 'jrb').select('id').executeTakeFirst();
  if (existing) return existing.id;
  const row = await db.insertInto('organizations').values({ type: 'department', name: '县政府金融工作办公室', code: 'jrb', service_team: null }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function signInFinanceOffice(app: FastifyInstance) {
  return signIn(app, ['department_staff'], await financeOfficeOrg(app.db));
}

export async function createBank(db: Kysely<DB>, name?: string): Promise<number> {
  return createOrg(db, 'bank', name ?? `测试银行${++sequence}支行`);
}

/** A product of a bank with a published version (credit loan, 10万–500万, 1–36 months). */
export async function createProduct(db: Kysely<DB>, bankOrgId: number, options: { code?: string; name?: string } = {}): Promise<number> {
  sequence++;
  const product = await db
    .insertInto('loan_products')
    .values({ bank_org_id: bankOrgId, code: options.code ?? `TP${sequence}`, created_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('loan_product_versions')
    .values({
      product_id: product.id,
      version: 1,
      status: 'published',
      name: options.name ?? `测试贷${sequence}`,
      product_type: 'credit',
      amount_min_fen: 100_000_00,
      amount_max_fen: 5_000_000_00,
      rate_min_bp: 300,
      rate_max_bp: 800,
      term_min_months: 1,
      term_max_months: 36,
      repayment_methods: ['equal_instalment'],
      data_categories: ['tax'],
      target_rule: JSON.stringify({ clause: '所有企业', all: [] }),
      created_by: null,
      submitted_by: null,
      submitted_at: null,
      decided_by: null,
      decided_at: null,
      reject_reason: null,
      published_at: new Date(),
    })
    .execute();
  return product.id;
}

export interface ApplicationSpec {
  productId: number;
  enterpriseId: number;
  status: LoanApplicationStatus;
  amountFen: number;
  submittedAt?: Date;
  decidedAt?: Date | null;
  refusalCode?: string;
  /** With status 'disbursed': the loan written too. */
  loan?: { disbursedOn: string; principalFen?: number; status?: LoanStatus; isFirstLoan?: boolean; defaultedOn?: string; defaultAmountFen?: number };
}

/** An application (and its loan) in any state, written directly. Returns the ids. */
export async function createLoanRecord(db: Kysely<DB>, spec: ApplicationSpec): Promise<{ applicationId: number; loanId: number | null }> {
  const product = await db
    .selectFrom('loan_products as p')
    .innerJoin('loan_product_versions as v', 'v.product_id', 'p.id')
    .where('p.id', '=', spec.productId)
    .select(['p.bank_org_id', 'v.id as version_id'])
    .executeTakeFirstOrThrow();
  const decided = ['approved', 'refused', 'contracted', 'disbursed'].includes(spec.status);
  const approved = ['approved', 'contracted', 'disbursed'].includes(spec.status);
  const submittedAt = spec.submittedAt ?? new Date();
  const application = await db
    .insertInto('loan_applications')
    .values({
      product_id: spec.productId,
      product_version_id: product.version_id,
      enterprise_id: spec.enterpriseId,
      bank_org_id: product.bank_org_id,
      consent_id: null,
      status: spec.status,
      amount_fen: spec.amountFen,
      term_months: 12,
      repayment_method: 'equal_instalment',
      purpose: '流动资金周转',
      due_at: new Date(submittedAt.getTime() + 14 * 86_400_000),
      submitted_at: submittedAt,
      decided_at: decided ? (spec.decidedAt ?? new Date(submittedAt.getTime() + 3 * 86_400_000)) : null,
      approved_amount_fen: approved ? (spec.loan?.principalFen ?? spec.amountFen) : null,
      approved_rate_bp: approved ? 450 : null,
      approved_term_months: approved ? 12 : null,
      refusal_code: spec.status === 'refused' ? (spec.refusalCode ?? 'weak_cash_flow') : null,
      refusal_text: spec.status === 'refused' ? '经营收入不足' : null,
      contract_no: spec.status === 'contracted' || spec.status === 'disbursed' ? `HT${++sequence}` : null,
      contracted_on: null,
      submitted_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (spec.status !== 'disbursed' || !spec.loan) return { applicationId: application.id, loanId: null };
  const principal = spec.loan.principalFen ?? spec.amountFen;
  const status = spec.loan.status ?? 'active';
  const loan = await db
    .insertInto('loans')
    .values({
      application_id: application.id,
      product_id: spec.productId,
      enterprise_id: spec.enterpriseId,
      bank_org_id: product.bank_org_id,
      principal_fen: principal,
      rate_bp: 450,
      term_months: 12,
      repayment_method: 'equal_instalment',
      disbursed_on: spec.loan.disbursedOn,
      maturity_on: `${Number(spec.loan.disbursedOn.slice(0, 4)) + 1}${spec.loan.disbursedOn.slice(4)}`,
      status,
      outstanding_principal_fen: principal,
      is_first_loan: spec.loan.isFirstLoan ?? true,
      overdue_since: null,
      defaulted_on: spec.loan.defaultedOn ?? null,
      default_amount_fen: spec.loan.defaultAmountFen ?? null,
      closed_on: null,
      reference: null,
      disbursed_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { applicationId: application.id, loanId: loan.id };
}

/** Declares a loan defaulted with its loss (what the loans module's default does to the row). */
export async function defaultLoan(db: Kysely<DB>, loanId: number, defaultedOn: string, amountFen?: number): Promise<void> {
  const loan = await db.selectFrom('loans').where('id', '=', loanId).select('outstanding_principal_fen').executeTakeFirstOrThrow();
  await db
    .updateTable('loans')
    .set({ status: 'defaulted', defaulted_on: defaultedOn, default_amount_fen: amountFen ?? loan.outstanding_principal_fen })
    .where('id', '=', loanId)
    .execute();
}
