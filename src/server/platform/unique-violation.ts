/**
 * Whether a database error is a unique-constraint violation (SQLSTATE 23505), the same code from PGlite and
 * from node-postgres. Services rely on unique keys to make a race lose cleanly ("one payment per item",
 * "one application per policy") and turn this error into a 409 that says which rule held.
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
