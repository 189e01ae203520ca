import type { Refusal } from '../../core/applications/payment.ts';
import { AppError, type ErrorCode } from '../errors.ts';

/** How a refusal of a workflow engine (applications, 免申即享 grants, maker–checker payments) answers over HTTP. */
const REFUSAL_STATUS: Record<Refusal['code'], ErrorCode> = {
  illegal_transition: 'conflict',
  not_permitted: 'forbidden',
  reason_required: 'validation_failed',
  notice_not_over: 'conflict',
  same_person: 'forbidden',
  payment_exists: 'conflict',
  payment_missing: 'conflict',
};

/** Turns a refusal of the workflow into the API's error. */
export function refusalError(refusal: Refusal): AppError {
  const details = refusal.code === 'reason_required' ? [{ path: 'body/reason', message: 'required', reason: refusal.code }] : [{ reason: refusal.code, message: refusal.message }];
  return new AppError(REFUSAL_STATUS[refusal.code], refusal.message, details);
}
