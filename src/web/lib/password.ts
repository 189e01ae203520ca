/** The server's rule for new passwords: at least 10 characters, with letters and digits. */
export const MIN_PASSWORD_LENGTH = 10;

export function isStrongEnough(password: string): boolean {
  return password.length >= MIN_PASSWORD_LENGTH && /\p{L}/u.test(password) && /\d/.test(password);
}
