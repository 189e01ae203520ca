import type { AreaId } from '../../../../app/areas.ts';
import type { DemandAction, DemandState } from '../../../../api/types.ts';

/** Where a demand's page is in each area. */
export function demandPath(area: AreaId, id: number): string {
  return area === 'portal' ? `/portal/demands/${id}` : area === 'provider' ? `/provider/demands/${id}` : `/gov/demands/${id}`;
}

/** Antd tag colours of the states: waiting for someone (blue/orange), done (green), pool (purple). */
export const STATE_COLOURS: Record<DemandState, string> = {
  submitted: 'blue',
  triaged: 'geekblue',
  offered: 'purple',
  assigned: 'cyan',
  accepted: 'cyan',
  in_progress: 'processing',
  waiting: 'orange',
  resolved: 'green',
  rated: 'success',
  closed: 'default',
};

/**
 * The handler's buttons in the order they are shown, of the actions the server allows now. Assign, offer and
 * triage belong to the dispatcher's suggestion panel; pick to the catalogue; claim to the pool.
 */
const HANDLER_ORDER: readonly DemandAction[] = ['claim', 'accept', 'start', 'resume', 'resolve', 'wait', 'transfer', 'return', 'rate', 'reopen', 'close', 'follow_up'];

export function handlerActions(allowed: readonly DemandAction[]): DemandAction[] {
  return HANDLER_ORDER.filter((action) => allowed.includes(action));
}

/** Actions that need a written reason (the server refuses them without one). */
export const NEEDS_REASON: ReadonlySet<DemandAction> = new Set(['wait', 'transfer', 'return', 'reopen']);

/** Confidence 0–1 as a whole percentage. */
export function percent(confidence: number): string {
  return `${Math.round(Math.max(0, Math.min(1, confidence)) * 100)}%`;
}

/** Working minutes as "3 h 20 min" parts, for the remaining time of a clock. */
export function splitMinutes(minutes: number): { hours: number; minutes: number; overdue: boolean } {
  const overdue = minutes < 0;
  const total = Math.abs(Math.round(minutes));
  return { hours: Math.floor(total / 60), minutes: total % 60, overdue };
}

/** On-time share of the handled demands, basis points → percent text (null when nothing handled). */
export function onTimeRate(handled: number, overdue: number): number | null {
  if (handled <= 0) return null;
  return Math.round(((handled - Math.min(overdue, handled)) / handled) * 1000) / 10;
}
