/**
 * Where the enterprise corrects a fact it reports itself: 我的画像's correction form, opened for the
 * indicator and period the calculator asks about (`/portal/profile?report=rd_expense&period=2025`).
 */
export function correctionPath(fact: string | null | undefined, period: string | null | undefined): string {
  const params = new URLSearchParams();
  if (fact) params.set('report', fact);
  if (fact && period) params.set('period', period);
  const query = params.toString();
  return query ? `/portal/profile?${query}` : '/portal/profile';
}
