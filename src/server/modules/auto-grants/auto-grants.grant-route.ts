/**
 * 免申即享 as a grant route of the applications module: an enterprise included in a grant may not apply for
 * the policy as well, the included items of a grant in notice are in the public notices (公示), and the
 * items of a confirmed grant count as "applied" in the policy's funnel.
 */
import type { GrantRoute } from '../applications/index.ts';
import * as repo from './auto-grants.repository.ts';

export const autoGrantRoute: GrantRoute = {
  name: 'auto_grant',
  isGranted: (db, policyId, enterpriseId) => repo.hasIncludedItem(db, policyId, enterpriseId),
  publicNotices: (now) => repo.itemsInNotice(now),
  applied: (policyId) => repo.confirmedItemsOfPolicy(policyId),
  holdings: () => repo.includedItemHoldings(),
};
