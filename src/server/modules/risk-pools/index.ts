/**
 * The risk-pools module's face (风险补偿资金池): what other modules may call.
 *
 * owns: risk_pools, risk_pool_banks, risk_pool_products, ledger_accounts, ledger_entries,
 *       risk_pool_contributions, risk_pool_registrations, risk_pool_claims, risk_pool_recoveries
 *
 * Above loans (it calls the loans face: loans and their locks, products, the finance office), payments
 * (claims are the payable target 'risk_pool_claim'), policies (the pool's policy), notifications, audit.
 *
 * A pool: leverage (1:10), bank/government loss shares in bp (3000/7000), member banks, covered products.
 * The ledger (src/core/ledger) is double-entry in fen, append-only (trigger); balances are sums of entries:
 *   contribution   cash ← capital:<source>
 *   payout         claims_paid ← cash            (the government share of a paid claim; cash never < 0)
 *   recovery       cash ← recoveries             (the government share of money recovered)
 * Capacity = leverage × contributed capital ≥ covered outstanding (sum of active registrations), checked
 * under the pool's row lock. Claims: filed (bank) → approved (finance office, maker: the payment is prepared)
 * → paid (another finance office member, checker) | rejected (reason); one live claim per default.
 *
 * Routes under /api/finance/risk-pools (see risk-pools.routes.ts).
 */
export { riskPoolsPlugin } from './risk-pools.plugin.ts';
export { CLAIM_TARGET_KIND } from './risk-pools.repository.ts';
