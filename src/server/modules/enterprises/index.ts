/**
 * The enterprises module's face: what other modules may use of it.
 *
 * Layering (lowest first; a module imports only the faces of modules below it):
 *   indicators → consents → profiles → enterprises → disputes, imports
 * Enterprises are the registry and the one access decision on enterprise data (enterprise-access.ts: own,
 * government, or under a consent in force — read through consents' face). They sit above profiles and
 * indicators, so the use cases that combine the three live here: the detail with its derived profile, a
 * registry edit that recomputes the profile in the request, and an enterprise's indicator values read or
 * written with an access check (enterprise-indicators.service.ts).
 *
 * Tables owned: `enterprises` (the registry columns; the derived-profile columns are written by profiles),
 * `towns`, `certifications`.
 */
export { linkedEnterprisesOfCadreUser, registerCadreLinkLookup, type CadreLinkLookup } from './cadre-links.ts';
export {
  auditEnterpriseRead,
  authorizeEnterpriseRead,
  isLinkBoundCadre,
  findEnterpriseAccess,
  GOVERNMENT_READER_ROLES,
  requireOwnEnterprise,
  type EnterpriseAccess,
} from './enterprise-access.ts';
export { readIndicatorValues } from './enterprise-indicators.service.ts';
export { fillNameSortKeys, findEnterpriseById, findEnterpriseRef } from './enterprises.repository.ts';
export { EnterpriseSearchQuery, type EnterpriseFilter } from './enterprises.schemas.ts';
