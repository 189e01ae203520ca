/**
 * auth: sign-in, sessions and their cache, CSRF token, password change (owns `sessions`,
 * `login_throttle`). Accounts use it to end sessions and hash passwords when an administrator acts.
 */
export { bumpRevocation, clearThrottle, deleteUserSessions, passwordExpiresAtSql, updatePassword } from './auth.repository.ts';
export { assertPasswordStrong, DEMO_PASSWORD, hashPassword, MIN_PASSWORD_LENGTH, passwordProblems, verifyPassword } from './passwords.ts';
export { SessionCache } from './session-cache.ts';
export { passwordPolicyInForce } from './auth.security.ts';
