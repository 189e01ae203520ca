/** Rows → API shapes of 千人联千企. */
import type { LinkRow } from './cadres.repository.ts';
import type { CadreLink, VisitSummary } from './cadres.schemas.ts';

export function presentLink(row: LinkRow): CadreLink {
  return {
    id: row.id,
    cadreId: row.cadre_id,
    cadreName: row.cadre_name,
    cadrePosition: row.cadre_position,
    cadreOrgName: row.cadre_org_name,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    enterpriseUscc: row.enterprise_uscc,
    townName: row.town_name,
    linkedOn: row.linked_on,
    unlinkedOn: row.unlinked_on,
    reason: row.reason,
  };
}

export interface VisitSource {
  id: number;
  cadre_id: number;
  cadre_name: string;
  enterprise_id: number;
  enterprise_name: string;
  visited_on: string;
  people_met: string;
  findings: string;
  created_at: Date;
  photo_count: number | string | null;
  demand_count: number | string | null;
}

export function presentVisit(row: VisitSource): VisitSummary {
  return {
    id: row.id,
    cadre: { id: row.cadre_id, name: row.cadre_name },
    enterprise: { id: row.enterprise_id, name: row.enterprise_name },
    visitedOn: row.visited_on,
    peopleMet: row.people_met,
    findings: row.findings,
    photoCount: Number(row.photo_count ?? 0),
    demandCount: Number(row.demand_count ?? 0),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
