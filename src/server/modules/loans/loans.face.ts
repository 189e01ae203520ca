/**
 * The reads and locks the modules above loans (credit, risk pools, loan programmes, reporting) use through
 * the face. Plain rows in API-like camelCase; every function takes the executor first (a transaction when
 * the caller locks).
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { LoanApplicationStatus, LoanProductType, LoanStatus, RepaymentMethod } from '../../db/schema.ts';
import type { Actor } from '../../request-context.ts';
import { notFound } from '../../errors.ts';
import { assertInScope, scopeOf } from './loans.policy.ts';

/** A loan application (lead) as other modules see it: who applied, to which bank, under which consent. */
export interface ApplicationRef {
  id: number;
  status: LoanApplicationStatus;
  enterpriseId: number;
  bankOrgId: number;
  productId: number;
  productVersionId: number;
  productCode: string;
  productType: LoanProductType;
  /** The consent granted with the application (null only for seeded historical records). */
  consentId: number | null;
  /** The data categories of the product version (what the consent covers). */
  dataCategories: string[];
  amountFen: number;
  termMonths: number;
  repaymentMethod: RepaymentMethod;
  submittedAt: Date;
  decidedAt: Date | null;
  approvedAmountFen: number | null;
  loanId: number | null;
}

function applicationRefs(db: Executor) {
  return db
    .selectFrom('loan_applications as a')
    .innerJoin('loan_products as p', 'p.id', 'a.product_id')
    .innerJoin('loan_product_versions as v', 'v.id', 'a.product_version_id')
    .leftJoin('loans as l', 'l.application_id', 'a.id')
    .select([
      'a.id',
      'a.status',
      'a.enterprise_id as enterpriseId',
      'a.bank_org_id as bankOrgId',
      'a.product_id as productId',
      'a.product_version_id as productVersionId',
      'p.code as productCode',
      'v.product_type as productType',
      'a.consent_id as consentId',
      'v.data_categories as dataCategories',
      'a.amount_fen as amountFen',
      'a.term_months as termMonths',
      'a.repayment_method as repaymentMethod',
      'a.submitted_at as submittedAt',
      'a.decided_at as decidedAt',
      'a.approved_amount_fen as approvedAmountFen',
      'l.id as loanId',
    ]);
}

/** One application by id (no access check: the caller authorises, or use loadVisibleApplication). */
export async function findApplication(db: Executor, id: number): Promise<ApplicationRef | undefined> {
  return applicationRefs(db).where('a.id', '=', id).executeTakeFirst();
}

/**
 * One application the actor may see: the enterprise its own, a bank its own bank's leads, the finance office
 * all (404 otherwise, 403 for actors who see no loans at all).
 */
export async function loadVisibleApplication(db: Executor, actor: Actor, id: number): Promise<ApplicationRef> {
  const scope = await scopeOf(db, actor);
  const app = await findApplication(db, id);
  if (!app) throw notFound('Loan application');
  assertInScope(scope, { bank_org_id: app.bankOrgId, enterprise_id: app.enterpriseId }, 'Loan application');
  return app;
}

/** Every application of an enterprise, newest first. */
export async function findApplicationsOfEnterprise(db: Executor, enterpriseId: number): Promise<ApplicationRef[]> {
  return applicationRefs(db).where('a.enterprise_id', '=', enterpriseId).orderBy('a.id', 'desc').execute();
}

/** A loan as other modules see it. */
export interface LoanRef {
  id: number;
  applicationId: number;
  status: LoanStatus;
  enterpriseId: number;
  bankOrgId: number;
  productId: number;
  productCode: string;
  productType: LoanProductType;
  principalFen: number;
  rateBp: number;
  termMonths: number;
  disbursedOn: string;
  maturityOn: string;
  outstandingPrincipalFen: number;
  isFirstLoan: boolean;
  overdueSince: string | null;
  worstDaysPastDue: number;
  defaultedOn: string | null;
  defaultAmountFen: number | null;
  recoveredFen: number;
}

function loanRefs(db: Executor) {
  return db
    .selectFrom('loans as l')
    .innerJoin('loan_products as p', 'p.id', 'l.product_id')
    .innerJoin('loan_applications as a', 'a.id', 'l.application_id')
    .innerJoin('loan_product_versions as v', 'v.id', 'a.product_version_id')
    .select([
      'l.id',
      'l.application_id as applicationId',
      'l.status',
      'l.enterprise_id as enterpriseId',
      'l.bank_org_id as bankOrgId',
      'l.product_id as productId',
      'p.code as productCode',
      'v.product_type as productType',
      'l.principal_fen as principalFen',
      'l.rate_bp as rateBp',
      'l.term_months as termMonths',
      'l.disbursed_on as disbursedOn',
      'l.maturity_on as maturityOn',
      'l.outstanding_principal_fen as outstandingPrincipalFen',
      'l.is_first_loan as isFirstLoan',
      'l.overdue_since as overdueSince',
      'l.worst_days_past_due as worstDaysPastDue',
      'l.defaulted_on as defaultedOn',
      'l.default_amount_fen as defaultAmountFen',
      'l.recovered_fen as recoveredFen',
    ]);
}

export async function findLoan(db: Executor, id: number): Promise<LoanRef | undefined> {
  return loanRefs(db).where('l.id', '=', id).executeTakeFirst();
}

/**
 * Locks a loan row (`FOR UPDATE`) inside the caller's transaction and returns it: risk pools register a
 * covered loan or file a claim with the loan held, so a concurrent repayment, default or second
 * registration waits. Lock order everywhere: the loan first, then the caller's own rows.
 */
export async function lockLoanForUpdate(trx: Executor, id: number): Promise<LoanRef | undefined> {
  await trx.selectFrom('loans').where('id', '=', id).select('id').forUpdate().executeTakeFirst();
  return findLoan(trx, id);
}

/** Money recovered on a loan after its default (repayments of kind 'recovery'), oldest first. */
export interface LoanRecoveryRef {
  repaymentId: number;
  amountFen: number;
  recoveredOn: string;
}

/** The recoveries of a loan: risk pools count those recorded before a claim against its net loss. */
export async function recoveriesOfLoan(db: Executor, loanId: number): Promise<LoanRecoveryRef[]> {
  const rows = await db.selectFrom('loan_repayments').where('loan_id', '=', loanId).where('kind', '=', 'recovery').select(['id', 'amount_fen', 'paid_on']).orderBy('id').execute();
  return rows.map((r) => ({ repaymentId: r.id, amountFen: r.amount_fen, recoveredOn: r.paid_on }));
}

/** Every loan of an enterprise, oldest first (credit's repayment-history indicators). */
export async function loansOfEnterprise(db: Executor, enterpriseId: number): Promise<LoanRef[]> {
  return loanRefs(db).where('l.enterprise_id', '=', enterpriseId).orderBy('l.disbursed_on').orderBy('l.id').execute();
}

/**
 * The outcome of a loan for scorecard training: 'defaulted' (bad), 'overdue' (90+ days past due at worst:
 * bad), 'late' (1–89 days past due at worst: good), 'repaid' and 'current' (good).
 */
export type LoanOutcome = 'repaid' | 'current' | 'late' | 'overdue' | 'defaulted';

export interface HistoricalOutcome {
  loanId: number;
  enterpriseId: number;
  bankOrgId: number;
  productId: number;
  productCode: string;
  disbursedOn: string;
  principalFen: number;
  termMonths: number;
  outcome: LoanOutcome;
  /** 1 bad (defaulted, or 90+ days past due), 0 good: the target of a scorecard. */
  bad: 0 | 1;
}

/** 90 days past due: the usual line of a bad loan. */
export const BAD_DAYS_PAST_DUE = 90;

/**
 * The outcomes of the loans disbursed in [from, to] (county dates, inclusive; both optional), oldest first:
 * what a trained scorecard learns from. One statement; the credit module joins the enterprises' facts
 * as of each disbursement itself.
 */
export async function historicalLoanOutcomes(db: Executor, range: { from?: string; to?: string } = {}): Promise<HistoricalOutcome[]> {
  let query = db
    .selectFrom('loans as l')
    .innerJoin('loan_products as p', 'p.id', 'l.product_id')
    .select([
      'l.id as loanId',
      'l.enterprise_id as enterpriseId',
      'l.bank_org_id as bankOrgId',
      'l.product_id as productId',
      'p.code as productCode',
      'l.disbursed_on as disbursedOn',
      'l.principal_fen as principalFen',
      'l.term_months as termMonths',
      'l.status',
      'l.worst_days_past_due as worst',
      'l.defaulted_on as defaultedOn',
    ]);
  if (range.from) query = query.where('l.disbursed_on', '>=', range.from);
  if (range.to) query = query.where('l.disbursed_on', '<=', range.to);
  const rows = await query.orderBy('l.disbursed_on').orderBy('l.id').execute();
  return rows.map((r) => {
    const outcome: LoanOutcome =
      r.defaultedOn !== null || r.status === 'defaulted' || r.status === 'closed'
        ? 'defaulted'
        : r.worst >= BAD_DAYS_PAST_DUE
          ? 'overdue'
          : r.worst > 0
            ? 'late'
            : r.status === 'repaid'
              ? 'repaid'
              : 'current';
    return {
      loanId: r.loanId,
      enterpriseId: r.enterpriseId,
      bankOrgId: r.bankOrgId,
      productId: r.productId,
      productCode: r.productCode,
      disbursedOn: r.disbursedOn,
      principalFen: r.principalFen,
      termMonths: r.termMonths,
      outcome,
      bad: outcome === 'defaulted' || outcome === 'overdue' ? 1 : 0,
    };
  });
}

/** A product as other modules see it (by its stable code: 'DIANYIDAI' …). */
export interface ProductRef {
  id: number;
  code: string;
  bankOrgId: number;
  publishedVersionId: number | null;
  name: string | null;
  productType: LoanProductType | null;
}

function productRefs(db: Executor) {
  return db
    .selectFrom('loan_products as p')
    .leftJoin('loan_product_versions as v', (j) => j.onRef('v.product_id', '=', 'p.id').on('v.status', '=', 'published'))
    .select(['p.id', 'p.code', 'p.bank_org_id as bankOrgId', 'v.id as publishedVersionId', 'v.name', 'v.product_type as productType']);
}

export async function findProductByCode(db: Executor, code: string): Promise<ProductRef | undefined> {
  return productRefs(db).where('p.code', '=', code).executeTakeFirst();
}

export async function findProductById(db: Executor, id: number): Promise<ProductRef | undefined> {
  return productRefs(db).where('p.id', '=', id).executeTakeFirst();
}

/** Several products at once, by code (the products a programme or a pool names). */
export async function findProductsByIds(db: Executor, ids: readonly number[]): Promise<ProductRef[]> {
  if (ids.length === 0) return [];
  return productRefs(db).where('p.id', 'in', [...ids]).orderBy('p.code').execute();
}

/** Products with a published version, by code (programmes pick their products from these). */
export async function findPublishedProducts(db: Executor): Promise<ProductRef[]> {
  return productRefs(db).where('v.id', 'is not', null).orderBy('p.code').execute();
}

/**
 * Per enterprise, the conversion of a set of enterprises on a set of products since a date: applied (any
 * application submitted), approved (an approval decision), lent (a loan disbursed) and the amounts. What a
 * programme's whitelist tracks (pushed → applied → approved → lent).
 */
export async function conversionOfEnterprises(
  db: Executor,
  filter: { enterpriseIds: readonly number[]; productIds?: readonly number[]; since?: Date },
): Promise<{ enterpriseId: number; applied: boolean; approved: boolean; lent: boolean; appliedFen: number; approvedFen: number; lentFen: number }[]> {
  if (filter.enterpriseIds.length === 0) return [];
  let query = db
    .selectFrom('loan_applications as a')
    .leftJoin('loans as l', 'l.application_id', 'a.id')
    .where('a.enterprise_id', 'in', [...filter.enterpriseIds]);
  if (filter.productIds) query = filter.productIds.length === 0 ? query.where(sql<boolean>`false`) : query.where('a.product_id', 'in', [...filter.productIds]);
  if (filter.since) query = query.where('a.submitted_at', '>=', filter.since);
  const rows = await query
    .groupBy('a.enterprise_id')
    .select([
      'a.enterprise_id as enterpriseId',
      sql<string>`coalesce(sum(a.amount_fen), 0)`.as('appliedFen'),
      sql<string>`coalesce(sum(a.approved_amount_fen) filter (where a.status in ('approved','contracted','disbursed')), 0)`.as('approvedFen'),
      sql<string>`coalesce(sum(l.principal_fen), 0)`.as('lentFen'),
      sql<boolean>`bool_or(a.status in ('approved','contracted','disbursed'))`.as('approved'),
      sql<boolean>`bool_or(l.id is not null)`.as('lent'),
    ])
    .execute();
  return rows.map((r) => ({
    enterpriseId: r.enterpriseId,
    applied: true,
    approved: Boolean(r.approved),
    lent: Boolean(r.lent),
    appliedFen: Number(r.appliedFen),
    approvedFen: Number(r.approvedFen),
    lentFen: Number(r.lentFen),
  }));
}
