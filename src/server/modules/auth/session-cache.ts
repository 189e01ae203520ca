import type { SessionUser } from './auth.service.ts';

export interface CachedSession {
  user: SessionUser;
  lastSeenAt: number;
  expiresAt: number;
  cachedAt: number;
}

/**
 * Resolved sessions kept in memory for a few seconds, so an active user costs a database read every
 * few seconds rather than on every request. The database stays the truth: an entry is trusted for at
 * most `ttlMs`, and this instance drops a user's entries the moment it ends their sessions (logout,
 * password change, disabling, new roles). Another instance may keep serving a revoked session for at
 * most `ttlMs`; set SESSION_CACHE_SECONDS=0 to trade that window for a read per request.
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
