/**
 * The applications module's face: what other modules may call.
 *
 * owns: applications, application_events, application_files
 */
export { findCurrentApplicationsOfEnterprise } from './applications.outcomes.ts';
