/**
 * The loan-programs module's face (政策性贷款 programmes, 抗疫贷-style whitelists).
 *
 * owns: loan_programs, loan_program_banks, loan_program_products, loan_program_whitelist
 *
 * Above loans (conversion of applications, products, the finance office), policies (the rule language's
 * registry and the county's columns, the way matching loads them), notifications and audit.
 *
 *   draft ──generate (job: the rule over the county, compiled engine)──▶ review ──push──▶ pushed
 *   Whitelist rows: listed ──remove (reason, audited)──▶ removed;  listed ──push──▶ pushed (enterprise and banks notified).
 *   Regenerating replaces listed rows by the eligible set; removed and pushed rows stay.
 *   Conversion: applications of pushed enterprises to the programme's products since the push (loans face):
 *   pushed → applied → approved → lent, with amounts.
 *
 * Routes under /api/finance/programs (see loan-programs.routes.ts).
 */
export { loanProgramsPlugin } from './loan-programs.plugin.ts';
export { generateWhitelist, WHITELIST_JOB } from './loan-programs.service.ts';
