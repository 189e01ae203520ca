import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import type { NotificationViewRow } from './notifications.presenter.ts';
import { findPage, type PageRequest } from '../../platform/pagination.ts';

/** One notification to insert, numbered so recipients can be matched to it. */
export interface NotificationItem {
  idx: number;
  enterprise_id: number | null;
  kind: string;
  params: Record<string, unknown>;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  link: string | null;
  dedupe_key: string;
}

/**
 * Who receives which item: a query of `(idx, user_id)` over the `items` CTE. Disabled users are never
 * recipients: they cannot read it, and an outbound channel must not text someone who left.
 */
export type Recipients =
  | { kind: 'users'; userIds: readonly number[] }
  | { kind: 'org'; orgId: number; roles: readonly Role[] | null }
  | { kind: 'enterprises' };

function recipientsQuery(recipients: Recipients): RawBuilder<unknown> {
  switch (recipients.kind) {
    case 'users':
      return sql`select i.idx, u.id as user_id from items i cross join users u
        where u.id = any(${[...recipients.userIds]}::int[]) and not u.is_disabled`;
    case 'org':
      return sql`select i.idx, u.id as user_id from items i cross join users u
        where u.org_id = ${recipients.orgId} and not u.is_disabled
          ${recipients.roles ? sql`and u.roles && ${[...recipients.roles]}::text[]` : sql``}`;
    case 'enterprises':
      // An enterprise's users are the users of its organisation (enterprises.org_id → users.org_id).
      return sql`select i.idx, u.id as user_id from items i
        join enterprises e on e.id = i.enterprise_id
        join users u on u.org_id = e.org_id
        where not u.is_disabled`;
  }
}

/**
 * Inserts the items for their recipients in one statement; a (user, dedupe key) already notified is
 * skipped. Returns the rows actually created.
 */
export async function insertNotifications(db: Executor, items: readonly NotificationItem[], recipients: Recipients): Promise<{ id: number; user_id: number }[]> {
  if (items.length === 0) return [];
  if (recipients.kind === 'users' && recipients.userIds.length === 0) return [];
  const result = await sql<{ id: number; user_id: number }>`
    with items as (
      select * from jsonb_to_recordset(${JSON.stringify(items)}::jsonb) as x(idx int, enterprise_id int, kind text,
        params jsonb, title_zh text, title_en text, body_zh text, body_en text, link text, dedupe_key text)
    ), recipients as (${recipientsQuery(recipients)})
    insert into notifications (user_id, enterprise_id, kind, params, title_zh, title_en, body_zh, body_en, link, dedupe_key)
    select r.user_id, i.enterprise_id, i.kind, coalesce(i.params, '{}'::jsonb), i.title_zh, i.title_en, i.body_zh, i.body_en, i.link, i.dedupe_key
    from recipients r join items i on i.idx = r.idx
    -- one order for every writer, so concurrent batches take the unique-index locks alike (no deadlock)
    order by r.user_id, i.dedupe_key
    on conflict (user_id, dedupe_key) do nothing
    returning id, user_id`.execute(db);
  return result.rows.sort((a, b) => a.id - b.id);
}

const VIEW_COLUMNS = ['id', 'user_id', 'enterprise_id', 'kind', 'params', 'title_zh', 'title_en', 'body_zh', 'body_en', 'link', 'created_at', 'read_at'] as const;

export async function findUserNotifications(db: Executor, userId: number, filter: { unread?: boolean }, page: PageRequest) {
  let query = db.selectFrom('notifications').where('user_id', '=', userId);
  if (filter.unread) query = query.where('read_at', 'is', null);
  const { rows, total } = await findPage(query, (q) => q.select(VIEW_COLUMNS).orderBy('id', 'desc'), page);
  return { rows: rows as NotificationViewRow[], total };
}

export async function countUnread(db: Executor, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one of the user's notifications read (keeping the first read time); undefined if not theirs. */
export async function markRead(db: Executor, userId: number, id: number): Promise<NotificationViewRow | undefined> {
  const row = await db
    .updateTable('notifications')
    .set((eb) => ({ read_at: eb.fn.coalesce('read_at', sql<Date>`now()`) }))
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returning(VIEW_COLUMNS)
    .executeTakeFirst();
  return row as NotificationViewRow | undefined;
}

export async function markAllRead(db: Executor, userId: number): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// --- for the notification streams -----------------------------------------------------------------

/** The snapshot of the running transaction ('xmin:xmax:xip,…'): what it sees as committed. */
export async function currentSnapshot(db: Executor): Promise<string> {
  const result = await sql<{ snapshot: string }>`select pg_current_snapshot()::text as snapshot`.execute(db);
  return result.rows[0].snapshot;
}

/**
 * The users' notifications committed after `snapshot` was taken and visible now. By transaction, not by
 * id: a long transaction (a county-wide push) commits its low ids after later, quicker ones, and an id
 * cursor would skip them for good. Rows not visible in a snapshot have a transaction id ≥ its xmin,
 * which keeps this an index range scan over recent rows.
 */
export async function findCommittedSince(db: Executor, snapshot: string, userIds: readonly number[]): Promise<NotificationViewRow[]> {
  if (userIds.length === 0) return [];
  const result = await sql<NotificationViewRow>`
    select id, user_id, enterprise_id, kind, params, title_zh, title_en, body_zh, body_en, link, created_at, read_at
    from notifications
    where tx_id >= pg_snapshot_xmin(${snapshot}::pg_snapshot)
      and not pg_visible_in_snapshot(tx_id, ${snapshot}::pg_snapshot)
      and user_id = any(${[...userIds]}::int[])
    order by id`.execute(db);
  return result.rows;
}

export async function countUnreadByUser(db: Executor, userIds: readonly number[]): Promise<Map<number, number>> {
  if (userIds.length === 0) return new Map();
  const result = await sql<{ user_id: number; n: number }>`
    select user_id, count(*)::int as n from notifications
    where user_id = any(${[...userIds]}::int[]) and read_at is null
    group by user_id`.execute(db);
  return new Map(result.rows.map((row) => [row.user_id, Number(row.n)]));
}

/**
 * Which of these sessions are still alive, by the same rules as signing in with them (auth.service
 * resolveSession): not expired, not idle too long, user not disabled. Logged-out sessions are gone.
 */
export async function findLiveSessions(db: Executor, tokenHashes: readonly string[], idleMinutes: number): Promise<Set<string>> {
  if (tokenHashes.length === 0) return new Set();
  const result = await sql<{ token_hash: string }>`
    select s.token_hash from sessions s join users u on u.id = s.user_id
    where s.token_hash = any(${[...tokenHashes]}::text[])
      and not u.is_disabled and s.expires_at > now()
      and s.last_seen_at >= now() - make_interval(mins => ${idleMinutes})`.execute(db);
  return new Set(result.rows.map((row) => row.token_hash));
}
