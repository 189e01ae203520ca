/** The enterprises module's face: what other modules may call. */
export { requireOwnEnterprise } from './enterprise-access.ts';
export { findEnterpriseById } from './enterprises.repository.ts';
export { Nullable } from './enterprises.schemas.ts';
