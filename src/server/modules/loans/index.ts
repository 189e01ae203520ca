/**
 * The loans module's face (数字普惠金融): what other modules may call.
 *
 * owns: loan_products, loan_product_versions, loan_applications, loan_events, loans, loan_installments,
 *       loan_repayments
 *
 * Layering: loans sit above consents, profiles, enterprises, policies (the rule engine's facts), payments and
 * notifications, whose faces they call; credit, risk-pools, loan-programs and reporting sit ABOVE loans and
 * call this face. Loans never import them: they react to the events below.
 *
 * Products (versioned like policies):
 *   draft ──submit──▶ in_review ──approve (金融办)──▶ published ──(a newer version is approved)──▶ superseded
 *                        └──reject (reason)──▶ rejected            └──withdraw (bank)──▶ withdrawn
 *   A new version is drafted from the published one (POST …/versions) while the published one stays live.
 *   The target customers are a rule of the policies' rule language, validated at save and evaluated per
 *   enterprise by the same engine (explained clause by clause in the 金融超市).
 *
 * Applications (leads), one open per enterprise and product:
 *   submitted ──take / note──▶ in_review ──decision approve──▶ approved ──contract──▶ contracted ──disburse──▶ disbursed
 *       │                         └──decision refuse (reason code + text, shown to the enterprise)──▶ refused
 *       └──(submitted or in_review) withdraw (enterprise)──▶ withdrawn
 *   Applying grants the bank a consent (the product's data categories, purpose 贷款, consentMonths) in the
 *   same transaction. The bank answers by `due_at` (product.responseDays working days on the county
 *   calendar); the deadline job warns the bank two working days before and escalates to the finance office
 *   when late (notifications). Disbursing creates the loan and its schedule; a second disbursement is refused
 *   (unique application_id).
 *
 * Loans:
 *   active ──(an instalment past due, the daily job)──▶ overdue ──(paid up)──▶ active
 *   active | overdue ──(all principal repaid)──▶ repaid
 *   active | overdue ──default (bank)──▶ defaulted ──recovery … (close: true)──▶ closed
 *
 * Events (src/server/events): loan.applied, loan.decided, loan.disbursed, loan.repaid, loan.defaulted,
 * loan.recovered — published in the transaction of the change.
 *
 * Routes (all under /api/finance, in the OpenAPI document):
 *   GET    /products                      list (enterprise & all: published; bank: own incl. drafts; 金融办: all)
 *   POST   /products                      bank drafts a product (version 1)
 *   GET    /products/:id                  detail with every version (bank own / 金融办)
 *   PATCH  /products/:id                  bank edits the open draft
 *   POST   /products/:id/versions         bank drafts a new version from the published one
 *   POST   /products/:id/submit           bank submits the draft for approval
 *   POST   /products/:id/approve          金融办 publishes the version in review (the previous one is superseded)
 *   POST   /products/:id/reject           金融办 returns it with a reason
 *   POST   /products/:id/withdraw         bank takes the published version off the market
 *   GET    /marketplace                   enterprise: products matched to it, with the explanation and comparison
 *   GET    /codes                         refusal reasons and note kinds with their names
 *   POST   /applications                  enterprise applies under consent
 *   GET    /applications                  enterprise: own; bank: own leads; 金融办: all (filters, overdue)
 *   GET    /applications/:id              detail with consent, contract and timeline
 *   POST   /applications/:id/take         bank takes the lead in review
 *   POST   /applications/:id/notes        bank records a verification note (site visit …)
 *   POST   /applications/:id/decision     bank approves {amountFen, rateBp, termMonths} or refuses {reasonCode, text}
 *   POST   /applications/:id/contract     bank records the signed contract
 *   POST   /applications/:id/disburse     bank disburses once → the loan and its schedule
 *   POST   /applications/:id/withdraw     enterprise withdraws an undecided application
 *   GET    /loans                         enterprise: own; bank: own; 金融办 and the leader: all (filters status, bank,
 *                                         product, enterprise, disbursed from/to, firstLoan, town, industry 门类)
 *   GET    /applications/export.xlsx      the leads as XLSX, same scope and filters (loans.export.ts)
 *   GET    /products/export.xlsx          the products as XLSX, same visibility and filters
 *   GET    /loans/:id                     detail with schedule, repayments and timeline
 *   POST   /loans/:id/repayments          bank records a repayment (oldest instalment first, interest first)
 *   POST   /loans/:id/default             bank declares the default (publishes loan.defaulted)
 *   POST   /loans/:id/recoveries          bank records money recovered after a default (publishes loan.recovered)
 *
 * Jobs: 'loans.deadlines' (warn / escalate leads, re-queued at each deadline), 'loans.overdue' (daily at county
 * midnight: instalments past due make a loan overdue; paid-up ones make it active again).
 */
export { loansPlugin, startLoanJobs } from './loans.plugin.ts';
export { FINANCE_OFFICE_ORG_CODE, isFinanceOffice, requireFinanceOffice } from './loans.policy.ts';
export {
  BAD_DAYS_PAST_DUE,
  conversionOfEnterprises,
  findApplication,
  findApplicationsOfEnterprise,
  findLoan,
  findProductByCode,
  findProductById,
  findProductsByIds,
  findPublishedProducts,
  historicalLoanOutcomes,
  loadVisibleApplication,
  loansOfEnterprise,
  lockLoanForUpdate,
  recoveriesOfLoan,
  type ApplicationRef,
  type HistoricalOutcome,
  type LoanOutcome,
  type LoanRecoveryRef,
  type LoanRef,
  type ProductRef,
} from './loans.face.ts';
export { DIANYIDAI_CODE } from './loans.constants.ts';
export { LOAN_PRODUCT_TYPES, REFUSAL_REASONS, REPAYMENT_METHODS } from './loans.schemas.ts';
export { REFUSAL_LABELS } from './loans.presenter.ts';
