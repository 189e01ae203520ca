import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IdParams } from '../../http/schemas.ts';
import { exportQueryOf, sendXlsx, xlsxRoute } from '../../http/xlsx-reply.ts';
import { pageOf } from '../../platform/pagination.ts';
import { actorOf } from '../../request-context.ts';
import {
  addNote,
  applicationCounts,
  applyForLoan,
  decide,
  listLoanApplications,
  loanCodes,
  readLoanApplication,
  recordContract,
  takeLead,
  withdrawApplication,
} from './loans.applications.service.ts';
import { declareDefault, disburseLoan, listLoans, readLoan, loanCounts, recordRecovery, recordRepayment } from './loans.loans.service.ts';
import { applicationsExport, productsExport } from './loans.export.ts';
import { scopeOf } from './loans.policy.ts';
import {
  approveProduct,
  createProduct,
  getProduct,
  listProducts,
  marketplace,
  newProductVersion,
  rejectProduct,
  submitProduct,
  updateProduct,
  withdrawProduct,
} from './loans.products.service.ts';
import {
  ContractBody,
  CreateLoanApplicationBody,
  CreateProductBody,
  DecisionBody,
  DefaultBody,
  DisburseBody,
  LoanApplicationDetail,
  LoanApplicationList,
  LoanApplicationListQuery,
  LoanApplicationSummary,
  LoanCodes,
  LoanDetail,
  LoanList,
  LoanListQuery,
  LoanSummary,
  Marketplace,
  MarketplaceQuery,
  NoteBody,
  ProductDetail,
  ProductList,
  ProductListQuery,
  ProductSummary,
  ProductVersionView,
  RecoveryBody,
  RejectBody,
  RepaymentBody,
  UpdateProductBody,
  WorkbenchSummary,
} from './loans.schemas.ts';

const ApplicationExportQuery = exportQueryOf(LoanApplicationListQuery.properties);
const ProductExportQuery = exportQueryOf(ProductListQuery.properties);

/** /api/finance: products, the 金融超市, applications (leads), the bank workbench and loans. */
export const loansRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(ProductVersionView);
  app.addSchema(ProductSummary);
  app.addSchema(LoanApplicationSummary);
  app.addSchema(LoanSummary);
  const tags = ['finance'];
  const product = { 200: ProductDetail, ...errorResponses(400, 401, 403, 404, 409) };
  const application = { 200: LoanApplicationDetail, ...errorResponses(400, 401, 403, 404, 409, 422) };
  const loan = { 200: LoanDetail, ...errorResponses(400, 401, 403, 404, 409, 422) };

  // Products -------------------------------------------------------------------------------------
  app.get('/api/finance/products', {
    schema: { tags, summary: 'Loan products: published ones; a bank also its own drafts; the finance office all', querystring: ProductListQuery, response: { 200: ProductList, ...errorResponses(400, 401) } },
  }, async (request) => listProducts(app.db, actorOf(request), request.query, pageOf(request.query)));

  app.get('/api/finance/products/export.xlsx', {
    schema: { tags, summary: 'Export loan products with the list’s filters and visibility (bank: published and its own; finance office: all)', querystring: ProductExportQuery, ...xlsxRoute },
  }, async (request, reply) => sendXlsx(reply, '贷款产品.xlsx', await productsExport(app.db, actorOf(request), request.query)));

  app.post('/api/finance/products', {
    schema: { tags, summary: 'A bank drafts a loan product (version 1); the target rule is checked at save', body: CreateProductBody, response: { 201: ProductDetail, ...errorResponses(400, 401, 403, 409) } },
  }, async (request, reply) => reply.status(201).send(await createProduct(app.db, actorOf(request), request.body)));

  app.get('/api/finance/products/:id', {
    schema: { tags, summary: 'A loan product with its versions', params: IdParams, response: product },
  }, async (request) => getProduct(app.db, actorOf(request), request.params.id));

  app.patch('/api/finance/products/:id', {
    schema: { tags, summary: 'The bank edits the open draft of its product', params: IdParams, body: UpdateProductBody, response: product },
  }, async (request) => updateProduct(app.db, actorOf(request), request.params.id, request.body));

  app.get('/api/finance/products/:id/versions', {
    schema: { tags, summary: 'The versions of a product, newest first', params: IdParams, response: { 200: Type.Array(Type.Ref('LoanProductVersion')), ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => (await getProduct(app.db, actorOf(request), request.params.id)).versions);

  app.post('/api/finance/products/:id/versions', {
    schema: { tags, summary: 'The bank drafts a new version from the published one', params: IdParams, response: { ...product, 201: ProductDetail } },
  }, async (request, reply) => reply.status(201).send(await newProductVersion(app.db, actorOf(request), request.params.id)));

  app.post('/api/finance/products/:id/submit', {
    schema: { tags, summary: 'The bank submits its draft to the finance office (金融办)', params: IdParams, response: product },
  }, async (request) => submitProduct(app.db, actorOf(request), request.params.id));

  app.post('/api/finance/products/:id/approve', {
    schema: { tags, summary: 'The finance office publishes the version in review (the previous one is superseded)', params: IdParams, response: product },
  }, async (request) => approveProduct(app.db, actorOf(request), request.params.id));

  app.post('/api/finance/products/:id/reject', {
    schema: { tags, summary: 'The finance office returns the version in review with a reason', params: IdParams, body: RejectBody, response: product },
  }, async (request) => rejectProduct(app.db, actorOf(request), request.params.id, request.body));

  app.post('/api/finance/products/:id/withdraw', {
    schema: { tags, summary: 'The bank takes its published version off the market', params: IdParams, response: product },
  }, async (request) => withdrawProduct(app.db, actorOf(request), request.params.id));

  app.get('/api/finance/marketplace', {
    schema: { tags, summary: '金融超市: the products matched to my enterprise, with the explanation and comparison data', querystring: MarketplaceQuery, response: { 200: Marketplace, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => marketplace(app.db, actorOf(request), request.query));

  app.get('/api/finance/codes', {
    schema: { tags, summary: 'Refusal reasons and verification note kinds with their names', response: { 200: LoanCodes, ...errorResponses(401) } },
  }, async (request) => {
    actorOf(request);
    return loanCodes();
  });

  app.get('/api/finance/workbench', {
    schema: { tags, summary: 'Workbench home: counts of leads and loans, and the leads due soonest (bank: own; finance office: all)', response: { 200: WorkbenchSummary, ...errorResponses(401, 403) } },
  }, async (request) => {
    const actor = actorOf(request);
    const scope = await scopeOf(app.db, actor);
    const now = new Date();
    const dueSoon = await listLoanApplications(app.db, actor, { open: true }, { page: 1, pageSize: 10 });
    return { applications: await applicationCounts(app.db, scope, now), loans: await loanCounts(app.db, scope), dueSoon: dueSoon.items };
  });

  // Applications -----------------------------------------------------------------------------------
  app.post('/api/finance/applications', {
    schema: { tags, summary: 'The enterprise applies for a loan, granting the bank a consent for the product’s data categories in the same step', body: CreateLoanApplicationBody, response: { ...application, 201: LoanApplicationDetail } },
  }, async (request, reply) => reply.status(201).send(await applyForLoan(app.db, actorOf(request), request.body)));

  app.get('/api/finance/applications', {
    schema: { tags, summary: 'Loan applications: an enterprise its own, a bank its leads, the finance office all', querystring: LoanApplicationListQuery, response: { 200: LoanApplicationList, ...errorResponses(400, 401, 403) } },
  }, async (request) => listLoanApplications(app.db, actorOf(request), request.query, pageOf(request.query)));

  app.get('/api/finance/applications/export.xlsx', {
    schema: { tags, summary: 'Export loan applications (leads) with the list’s filters: a bank its own, the finance office all', querystring: ApplicationExportQuery, ...xlsxRoute },
  }, async (request, reply) => sendXlsx(reply, '贷款申请.xlsx', await applicationsExport(app.db, actorOf(request), request.query)));

  app.get('/api/finance/applications/:id', {
    schema: { tags, summary: 'One application with its consent, contract and timeline', params: IdParams, response: application },
  }, async (request) => readLoanApplication(app.db, actorOf(request), request.params.id));

  app.post('/api/finance/applications/:id/take', {
    schema: { tags, summary: 'The bank takes the lead into review', params: IdParams, response: application },
  }, async (request) => takeLead(app.db, actorOf(request), request.params.id));

  app.post('/api/finance/applications/:id/notes', {
    schema: { tags, summary: 'The bank records a verification note (site visit, phone call …)', params: IdParams, body: NoteBody, response: application },
  }, async (request) => addNote(app.db, actorOf(request), request.params.id, request.body));

  app.post('/api/finance/applications/:id/decision', {
    schema: { tags, summary: 'The bank approves {amountFen, rateBp, termMonths} or refuses {reasonCode, text} (the enterprise sees the reason)', params: IdParams, body: DecisionBody, response: application },
  }, async (request) => decide(app.db, actorOf(request), request.params.id, request.body));

  app.post('/api/finance/applications/:id/contract', {
    schema: { tags, summary: 'The bank records the signed contract of an approved application', params: IdParams, body: ContractBody, response: application },
  }, async (request) => recordContract(app.db, actorOf(request), request.params.id, request.body));

  app.post('/api/finance/applications/:id/disburse', {
    schema: { tags, summary: 'The bank disburses the loan once: the loan and its repayment schedule (409 the second time)', params: IdParams, body: DisburseBody, response: { ...loan, 201: LoanDetail } },
  }, async (request, reply) => reply.status(201).send(await disburseLoan(app.db, actorOf(request), request.params.id, request.body ?? {})));

  app.post('/api/finance/applications/:id/withdraw', {
    schema: { tags, summary: 'The enterprise withdraws an undecided application', params: IdParams, response: application },
  }, async (request) => withdrawApplication(app.db, actorOf(request), request.params.id));

  // Loans -------------------------------------------------------------------------------------------
  app.get('/api/finance/loans', {
    schema: { tags, summary: 'Loans: an enterprise its own, a bank its own, the finance office all', querystring: LoanListQuery, response: { 200: LoanList, ...errorResponses(400, 401, 403) } },
  }, async (request) => listLoans(app.db, actorOf(request), request.query, pageOf(request.query)));

  app.get('/api/finance/loans/:id', {
    schema: { tags, summary: 'One loan with its schedule, repayments and timeline', params: IdParams, response: loan },
  }, async (request) => readLoan(app.db, actorOf(request), request.params.id));

  app.post('/api/finance/loans/:id/repayments', {
    schema: { tags, summary: 'The bank records a repayment (oldest instalment first, interest first; more than owed → 422)', params: IdParams, body: RepaymentBody, response: loan },
  }, async (request) => recordRepayment(app.db, actorOf(request), request.params.id, request.body));

  app.post('/api/finance/loans/:id/default', {
    schema: { tags, summary: 'The bank declares the loan in default (loan.defaulted)', params: IdParams, body: DefaultBody, response: loan },
  }, async (request) => declareDefault(app.db, actorOf(request), request.params.id, request.body));

  app.post('/api/finance/loans/:id/recoveries', {
    schema: { tags, summary: 'The bank records money recovered after a default (loan.recovered)', params: IdParams, body: RecoveryBody, response: loan },
  }, async (request) => recordRecovery(app.db, actorOf(request), request.params.id, request.body));
};
