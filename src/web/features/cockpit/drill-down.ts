import dayjs from 'dayjs';
import { queryString } from './api.ts';

/** What a policy chart opens in /gov/applications: a department, a status, or other dates than the cockpit's period. */
export interface ApplicationsDrill {
  orgId?: string;
  status?: string;
  from?: string;
  to?: string;
}

/**
 * The link of a policy chart's click: /gov/applications with the cockpit's period and `drill`. Department
 * staff read their own department's applications only: another department's bar opens nothing (null), and
 * their own needs no `orgId` (the server scopes them). The county's readers pass the department on.
 */
export function applicationsLink(period: { from?: string; to?: string }, ownDepartment: number | null, drill: ApplicationsDrill): string | null {
  if (ownDepartment !== null && drill.orgId !== undefined && drill.orgId !== String(ownDepartment)) return null;
  const orgId = ownDepartment !== null ? undefined : drill.orgId;
  return `/gov/applications?${queryString({ from: drill.from ?? period.from, to: drill.to ?? period.to, orgId, status: drill.status })}`;
}

/** The days of `month` ('YYYY-MM') inside the cockpit's period `from`–`to`. */
export function monthWithin(month: string, from: string, to: string): { from: string; to: string } {
  const first = `${month}-01`;
  const last = dayjs(first).endOf('month').format('YYYY-MM-DD');
  return { from: first < from ? from : first, to: last > to ? to : last };
}
