/**
 * audit: the append-only audit log (owns `audit_log`). Every module records its state changes here, in the
 * transaction of the change; the auditor searches it. Lowest of the modules: imports none.
 */
export { recordAudit, recordAudits, recordExport, recordRead, type AuditEvent } from './audit.service.ts';
export { AUDIT_ACTIONS, routeAction, type AuditAction } from './audit.actions.ts';
export { verifyAuditChain, type ChainVerification, type ChainBreak, type ChainProblem } from './audit.chain.ts';
