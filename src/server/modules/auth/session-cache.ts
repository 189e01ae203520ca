import type { StoredSessionUser } from './auth.service.ts';

export interface CachedSession {
  user: StoredSessionUser;
  lastSeenAt: number;
  expiresAt: number;
  cachedAt: number;
  /** The revocation counter read before this entry was loaded: a higher counter means reload. */
  revocation: number;
}

/**
 * Resolved sessions kept in memory for a few seconds, so an active user does not cost the session, user
 * and organisation read on every request. Revocation is instant on every instance: whatever ends a
 * session or changes an account (logout, password change or reset, disabling, new roles, the session
 * limit, the security administrator) bumps the revocation counter in the same transaction, and every
 * request reads that counter (one small read shared by concurrent requests, see RevocationClock) and
 * trusts an entry only if it was loaded under the same counter. This instance also drops entries at once.
 */
export class SessionCache {
  private readonly entries = new Map<string, CachedSession>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 50_000,
  ) {}

  get(tokenHash: string, now: number): CachedSession | undefined {
    if (this.ttlMs === 0) return undefined;
    const entry = this.entries.get(tokenHash);
    if (entry && now - entry.cachedAt >= this.ttlMs) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry;
  }

  set(tokenHash: string, entry: CachedSession): void {
    if (this.ttlMs === 0) return;
    // Oldest first out when full: Map keeps insertion order.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(tokenHash, entry);
  }

  delete(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  /** Forgets every cached session of a user (their sessions were ended or their powers changed). */
  deleteUser(userId: number): void {
    for (const [hash, entry] of this.entries) if (entry.user.id === userId) this.entries.delete(hash);
  }
}
