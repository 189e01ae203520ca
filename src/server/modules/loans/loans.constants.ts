/** The stable code of the county's 垫易贷-style product (the risk pool and the seed refer to it). */
export const DIANYIDAI_CODE = 'DIANYIDAI';
/** Working days before the response deadline when the bank is warned. */
export const WARN_WORKING_DAYS_BEFORE = 2;
/** The purpose written on the consent granted with a loan application. */
export const LOAN_CONSENT_PURPOSE = '贷款';
