/**
 * Every action the audit log records. The list is the contract between the code that writes entries
 * (recordAudit takes only these) and the auditor's page, which names each one in Chinese and English (a
 * web test checks that every action has both names).
 */
import { APPLICATION_ACTIONS } from '../../../core/applications/workflow.ts';
import { AUTO_GRANT_ACTIONS } from '../../../core/applications/auto-grant.ts';
import { DEMAND_ACTIONS } from '../../../core/demands/workflow.ts';

export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.password_change',
  'auth.unlock',
  'auth.session_end',
  'auth.policy_update',
  'user.create',
  'user.update',
  'user.reset_password',
  'org.create',
  'audit.search',
  'enterprise.create',
  'enterprise.update',
  'enterprise.uscc_override',
  'enterprise.list',
  'enterprise.read',
  'enterprise.indicators.read',
  'enterprise.indicators.write',
  'indicator.create',
  'import.create',
  'import.complete',
  'import.report',
  'report.export',
  'dispute.file',
  'dispute.resolve',
  'consent.grant',
  'consent.revoke',
  'policy.create',
  'policy.update',
  'policy.submit',
  'policy.publish',
  'policy.close',
  'policy.version',
  'policy.evaluate',
  'policy.explanation_export',
  'policy.preview',
  'policy.golden_case.create',
  'policy.golden_case.delete',
  'policy.golden_cases.run',
  ...APPLICATION_ACTIONS.map((action) => `application.${action}` as const),
  'application.read',
  'application.file.upload',
  'application.file.download',
  ...AUTO_GRANT_ACTIONS.map((action) => `auto_grant.${action}` as const),
  'disbursement.prepare',
  'disbursement.approve',
  'disbursement.cancel',
  'disbursement.prepare_batch',
  'disbursement.approve_batch',
  'outbound.retry',
  ...DEMAND_ACTIONS.map((action) => `demand.${action}` as const),
  'demand.escalate',
  'demand.file.upload',
  'demand.file.download',
  'demand.rule.create',
  'demand.rule.update',
  'demand.rule.delete',
  'demand.router.train',
  'service.create',
  'service.update',
  // Credit assessment (module credit): the model registry and a bank's reading of a lead's credit report.
  'credit_model.create',
  'credit_model.update',
  'credit_model.train',
  'credit_model.activate',
  'credit_report.read',
  'loan_product.create',
  'loan_product.update',
  'loan_product.version',
  'loan_product.submit',
  'loan_product.approve',
  'loan_product.reject',
  'loan_product.withdraw',
  'loan_application.submit',
  'loan_application.take',
  'loan_application.note',
  'loan_application.approve',
  'loan_application.refuse',
  'loan_application.contract',
  'loan_application.withdraw',
  'loan_application.escalate',
  'loan.disburse',
  'loan.repayment',
  'loan.overdue',
  'loan.default',
  'loan.recovery',
  // Risk-compensation pools and policy-loan programmes (modules risk-pools, loan-programs).
  'risk_pool.create',
  'risk_pool.contribute',
  'risk_pool.register_loan',
  'risk_pool.release_loan',
  'risk_pool.claim_file',
  'risk_pool.claim_approve',
  'risk_pool.claim_reject',
  'risk_pool.claim_paid',
  'risk_pool.claim_payment_cancelled',
  'risk_pool.recovery',
  'risk_pool.recovery_deducted',
  'loan_program.create',
  'loan_program.whitelist_generate',
  'loan_program.whitelist_remove',
  'loan_program.push',
  // 千人联千企 (module cadres).
  'cadre.link',
  'cadre.unlink',
  'visit.create',
  'visit.photo.upload',
  'visit.photo.download',
  'visit_plan.save',
] as const;

/**
 * A named action, or a refused request recorded by its route ("POST /api/policies/:id/publish"), which
 * the page shows as it is.
 */
export type AuditAction = (typeof AUDIT_ACTIONS)[number] | RouteAction;
type RouteAction = `${string} /${string}`;

/** The action of a refused request: its method and route pattern. */
export function routeAction(method: string, route: string): RouteAction {
  return `${method} /${route.replace(/^\//, '')}`;
}
