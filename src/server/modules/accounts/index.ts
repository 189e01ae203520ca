/**
 * accounts: users and organisations, managed by the platform administrator (owns `users`,
 * `organizations`). Other modules join organisations for names; they create none.
 */
export { ADMIN_KINDS, type AdminKind } from './accounts.policy.ts';
export { createPlatformAdmin } from './accounts.service.ts';
