/**
 * The credit module's face (数字普惠金融: credit assessment).
 *
 * Layering: credit sits above loans (it reads the historical loan outcomes and the leads through the loans
 * face) and above enterprises, profiles, indicators and consents (the access decision, effective values,
 * catalogue). Risk pools, loan programmes and reporting may call this face; loans never do.
 *
 * Tables owned: `credit_models` (the registry: expert and trained scorecards, versions, one active, training
 * state and report), `credit_assessments` (every assessment with its model version and inputs).
 *
 * Routes: GET /api/me/credit-assessment, GET /api/finance/applications/:id/credit-report,
 * GET/POST /api/finance/credit-models, GET /api/finance/credit-models/:id, POST /api/finance/credit-models/train,
 * POST /api/finance/credit-models/:id/activate. Job: 'credit.train'.
 */
export { creditPlugin } from './credit.plugin.ts';
export { ensureDefaultModel, loadActiveModel } from './credit-models.service.ts';
export { seedCreditModels } from './credit.seed.ts';
export { MyCreditAssessment, CreditModel, CreditReport } from './credit.schemas.ts';
