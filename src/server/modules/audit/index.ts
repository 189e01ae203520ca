/** The audit module's face: what other modules may call. */
export { recordAudit } from './audit.service.ts';
