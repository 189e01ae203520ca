/** Demand rows → API shapes, with the names they mention loaded in bulk. */
import type { Executor } from '../../db/database.ts';
import type { DemandRow } from '../../db/schema.ts';
import { isClockPaused } from './demands.clock.ts';
import * as repo from './demands.repository.ts';
import type { DemandFile, DemandSuggestion, DemandSummaryItem, TimelineEntry } from './demands.schemas.ts';

export type PresentableDemand = DemandRow & { enterprise_name: string };

export interface Refs {
  categories: Map<string, repo.CategoryRow>;
  orgs: Map<number, string>;
  users: Map<number, string>;
  cadres: Map<number, repo.CadreInfo>;
  services: Map<number, string>;
}

/** Loads every name the rows mention, a query per kind. */
export async function loadRefs(db: Executor, rows: readonly DemandRow[]): Promise<Refs> {
  const serviceIds = [...new Set(rows.flatMap((r) => (r.service_id !== null ? [r.service_id] : [])))];
  const [categories, orgs, users, cadres, services] = await Promise.all([
    repo.findCategories(db),
    repo.findOrgNames(db, rows.flatMap((r) => [...(r.handler_org_id !== null ? [r.handler_org_id] : []), ...(r.offer_org_ids ?? [])])),
    repo.findUserNames(db, rows.flatMap((r) => [r.handler_user_id, r.submitted_by].filter((id): id is number => id !== null))),
    repo.findCadres(db, rows.flatMap((r) => [r.leader_cadre_id, r.on_behalf_cadre_id].filter((id): id is number => id !== null))),
    serviceIds.length ? db.selectFrom('services').where('id', 'in', serviceIds).select(['id', 'name']).execute() : Promise.resolve([]),
  ]);
  return { categories: new Map(categories.map((c) => [c.code, c])), orgs, users, cadres, services: new Map(services.map((s) => [s.id, s.name])) };
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

function categoryRef(refs: Refs, code: string | null) {
  const c = code ? refs.categories.get(code) : undefined;
  return c ? { code: c.code, nameZh: c.name_zh, nameEn: c.name_en } : null;
}

function cadreRef(refs: Refs, id: number | null) {
  const c = id !== null ? refs.cadres.get(id) : undefined;
  return c ? { id: c.id, name: c.name, position: c.position, orgId: c.org_id, orgName: c.org_name } : null;
}

/** Whether the resolution deadline has passed (a paused clock only if it was already late when it stopped). */
export function isDemandOverdue(row: Pick<DemandRow, 'state' | 'resolution_due_at' | 'clock_pauses'>, now: Date): boolean {
  if (!row.resolution_due_at) return false;
  const due = new Date(row.resolution_due_at).getTime();
  if (row.state === 'waiting') {
    const last = (row.clock_pauses ?? []).at(-1);
    return last !== undefined && last.to === null && new Date(last.from).getTime() > due;
  }
  return (row.state === 'assigned' || row.state === 'accepted' || row.state === 'in_progress') && now.getTime() > due;
}

export function presentSummary(row: PresentableDemand, refs: Refs, now: Date): DemandSummaryItem {
  const suggestion = row.suggestion as DemandSuggestion | null;
  return {
    id: row.id,
    title: row.title,
    state: row.state,
    urgency: row.urgency,
    channel: row.channel,
    externalRef: row.external_ref,
    category: categoryRef(refs, row.category_code),
    declaredCategory: categoryRef(refs, row.declared_category_code),
    suggestedCategory: suggestion?.category ?? null,
    enterprise: { id: row.enterprise_id, name: row.enterprise_name },
    dispatchMode: row.dispatch_mode,
    handlerOrg: row.handler_org_id !== null ? { id: row.handler_org_id, name: refs.orgs.get(row.handler_org_id) ?? '' } : null,
    handlerUser: row.handler_user_id !== null ? { id: row.handler_user_id, displayName: refs.users.get(row.handler_user_id) ?? '' } : null,
    leader: cadreRef(refs, row.leader_cadre_id),
    service: row.service_id !== null ? { id: row.service_id, name: refs.services.get(row.service_id) ?? '' } : null,
    claimExpiresAt: iso(row.claim_expires_at),
    responseDueAt: iso(row.response_due_at),
    resolutionDueAt: iso(row.resolution_due_at),
    isPaused: isClockPaused(row),
    isOverdue: isDemandOverdue(row, now),
    escalationLevel: row.escalation_level,
    rating: row.rating,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}

type TimelineRow = Awaited<ReturnType<typeof repo.findTimeline>>[number];

export function presentTimeline(rows: readonly TimelineRow[]): TimelineEntry[] {
  return rows.map((r) => ({
    id: r.id,
    at: iso(r.at)!,
    action: r.action as TimelineEntry['action'],
    fromState: r.from_state as TimelineEntry['fromState'],
    toState: r.to_state as TimelineEntry['toState'],
    reason: r.reason,
    actor: r.actor_user_id !== null ? { id: r.actor_user_id, displayName: r.actor_name ?? '', orgName: r.actor_org_name ?? '' } : null,
    details: (r.details ?? {}) as Record<string, unknown>,
  }));
}

export function presentFile(row: { id: number; file_name: string; content_type: string; size_bytes: number; uploaded_at: Date }): DemandFile {
  return { id: row.id, fileName: row.file_name, contentType: row.content_type, sizeBytes: Number(row.size_bytes), uploadedAt: iso(row.uploaded_at)! };
}

export function presentDetailParts(row: PresentableDemand, refs: Refs) {
  return {
    description: row.description,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    submittedBy: row.submitted_by !== null ? { id: row.submitted_by, displayName: refs.users.get(row.submitted_by) ?? '' } : null,
    onBehalfCadre: cadreRef(refs, row.on_behalf_cadre_id),
    offerOrgs: (row.offer_org_ids ?? []).map((id) => ({ id, name: refs.orgs.get(id) ?? '' })),
    assignedAt: iso(row.assigned_at),
    acceptedAt: iso(row.accepted_at),
    resolvedAt: iso(row.resolved_at),
    resolution: row.resolution,
    resolutionMode: row.resolution_mode,
    ratingComment: row.rating_comment,
    ratedAt: iso(row.rated_at),
    rectificationDueAt: iso(row.rectification_due_at),
    reopenCount: row.reopen_count,
    transferCount: row.transfer_count,
    closedAt: iso(row.closed_at),
    followUpDueOn: row.follow_up_due_on,
    followUpOutcome: row.follow_up_outcome,
    followUpNote: row.follow_up_note,
    followUpAt: iso(row.follow_up_at),
  };
}
