/**
 * The consents module's face (数据授权): what other modules may use of it.
 *
 * Layering (lowest first; a module imports only the faces of modules below it):
 *   indicators → consents → profiles → enterprises → disputes, imports
 * Consents record which bank or service provider an enterprise authorised to see which data categories,
 * for how long. They do not decide access: the enterprises module's enterprise-access.ts does, from the
 * consents in force that this face reads. So consents never import enterprises (they find the grantor
 * enterprise of an enterprise user with a narrow read of their own).
 *
 * Tables owned: `consents` (history kept: revoked and expired consents stay).
 */
export { activeConsentCategories, findActiveConsents, hasActiveConsent } from './consents.repository.ts';
export { CONSENT_MAX_YEARS, grantConsentInTransaction } from './consents.service.ts';
