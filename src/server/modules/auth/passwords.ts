import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../errors.ts';
import { isCommonPassword } from './common-passwords.ts';

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

/** Lower-case, upper-case, digits, anything else (CJK characters and symbols count as "other"). */
const CHARACTER_CLASSES = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/];

/**
 * Password policy (等保 level 3), applied to every password chosen (change, reset, new account), never
 * re-checked at sign-in: at least 10 characters, three of the four character classes, not a common
 * password or keyboard walk, not containing the username (any case).
 */
export function passwordProblems(password: string, username?: string): string[] {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) problems.push(`at least ${MIN_PASSWORD_LENGTH} characters`);
  if (CHARACTER_CLASSES.filter((pattern) => pattern.test(password)).length < 3) {
    problems.push('three of: lower-case letters, upper-case letters, digits, other characters');
  }
  if (isCommonPassword(password)) problems.push('too common or a keyboard pattern');
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) problems.push('must not contain the username');
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
