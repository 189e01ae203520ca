import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../errors.ts';

/** argon2id with the library defaults (19 MiB, t=2, p=1): OWASP's recommended minimum. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real verification when the user does not exist, so response times do not
 * tell an attacker which usernames are real.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hash('dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}

export const MIN_PASSWORD_LENGTH = 10;

/** Password policy: at least 10 characters with letters and digits, and not the username. */
export function passwordProblems(password: string, username?: string): string[] {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) problems.push(`at least ${MIN_PASSWORD_LENGTH} characters`);
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) problems.push('letters and digits');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('must not contain the username');
  return problems;
}

export function assertPasswordStrong(password: string, field: string, username?: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length > 0) {
    throw new AppError('validation_failed', 'The password is too weak', problems.map((message) => ({ path: field, message })));
  }
}

/** The demo accounts' password, refused outside demo mode. */
export const DEMO_PASSWORD = 'demo123456';
