import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { registerPayableTarget } from '../payments/index.ts';
import { riskPoolClaimPayable } from './risk-pools.payable.ts';
import { riskPoolsRoutes } from './risk-pools.routes.ts';
import { coverDisbursedLoan, releaseRepaidLoan, shareLoanRecovery } from './risk-pools.service.ts';

/**
 * Risk pools: the routes, claims as a payable target of the payments core, and the reactions to the loans'
 * events — a disbursed loan of a covered product is registered (capacity permitting), a fully repaid one
 * released, money recovered on a claimed loan shared back. Each subscriber is idempotent (unique keys).
 */
export const riskPoolsPlugin: FastifyPluginAsyncTypebox = async (app) => {
  registerPayableTarget(riskPoolClaimPayable);
  await app.register(riskPoolsRoutes);
  app.events.subscribe('risk-pools.cover-disbursed', 'loan.disbursed', async (payload, context) => coverDisbursedLoan(context.db, payload.loanId));
  app.events.subscribe('risk-pools.release-repaid', 'loan.repaid', async (payload, context) => (payload.fullyRepaid ? releaseRepaidLoan(context.db, payload.loanId) : { released: false }));
  app.events.subscribe('risk-pools.share-recovery', 'loan.recovered', async (payload, context) => shareLoanRecovery(context.db, payload));
};
