import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** The one auth_state row: the revocation counter and the security administrator's policy overrides. */
export interface AuthState {
  revocation: number;
  passwordMaxAgeDays: number | null;
  maxSessionsPerUser: number | null;
}

export async function readAuthState(db: Kysely<DB>): Promise<AuthState> {
  const row = await db
    .selectFrom('auth_state')
    .select(['revocation', 'password_max_age_days', 'max_sessions_per_user'])
    .executeTakeFirstOrThrow();
  return { revocation: Number(row.revocation), passwordMaxAgeDays: row.password_max_age_days, maxSessionsPerUser: row.max_sessions_per_user };
}

const ignore = () => {};

/**
 * Reads the revocation counter for a request so that the answer reflects every revocation committed
 * before the request arrived (on any instance), while many concurrent requests share one read: a request
 * joins a read only if that read starts after the request arrived, i.e. the read queued behind the one in
 * flight. Under load, one database round trip serves every request that arrived during the previous one.
 */
export class RevocationClock {
  private inFlight: Promise<AuthState> | null = null;
  private queued: Promise<AuthState> | null = null;

  constructor(private readonly db: Kysely<DB>) {}

  read(): Promise<AuthState> {
    if (!this.inFlight) return this.start();
    this.queued ??= this.inFlight.then(ignore, ignore).then(() => {
      this.queued = null;
      return this.start();
    });
    return this.queued;
  }

  private start(): Promise<AuthState> {
    const read = readAuthState(this.db);
    this.inFlight = read;
    read.then(
      () => {
        if (this.inFlight === read) this.inFlight = null;
      },
      () => {
        if (this.inFlight === read) this.inFlight = null;
      },
    );
    return read;
  }
}
