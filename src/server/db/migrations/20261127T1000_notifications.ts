import { sql, type Kysely } from 'kysely';

/**
 * Notifications (站内消息) of every module, and their outbound deliveries (webhook). Frozen in time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notifications (
      id bigint generated always as identity primary key,
      user_id integer not null references users(id) on delete cascade,
      -- the enterprise the notification is about, when there is one (webhook receivers route by it)
      enterprise_id integer references enterprises(id) on delete set null,
      kind text not null check (kind ~ '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$' and char_length(kind) <= 64),
      -- what the web needs to render the message in either language
      params jsonb not null default '{}'::jsonb,
      -- rendered texts for channels that cannot render (webhook → SMS, WeChat …)
      title_zh text not null check (char_length(title_zh) between 1 and 500),
      title_en text not null check (char_length(title_en) between 1 and 500),
      body_zh text not null default '' check (char_length(body_zh) <= 4000),
      body_en text not null default '' check (char_length(body_en) <= 4000),
      -- an app path, never an absolute URL: a notification cannot send a user off-site
      link text check (link ~ '^/[^/\\\\]' or link = '/'),
      -- the event, as the producer names it: the same event never notifies a user twice
      dedupe_key text not null check (char_length(dedupe_key) between 1 and 200),
      -- the writing transaction: the notification streams find rows committed since their last look by
      -- snapshot, because ids are handed out at insert and a long transaction commits lower ids late
      tx_id xid8 not null default pg_current_xact_id(),
      created_at timestamptz not null default now(),
      read_at timestamptz,
      unique (user_id, dedupe_key)
    )`.execute(db);
  await sql`create index notifications_user on notifications (user_id, id desc)`.execute(db);
  await sql`create index notifications_user_unread on notifications (user_id) where read_at is null`.execute(db);
  await sql`create index notifications_tx on notifications (tx_id)`.execute(db);

  await sql`
    create table outbound_deliveries (
      id bigint generated always as identity primary key,
      notification_id bigint not null references notifications(id) on delete cascade,
      channel text not null default 'webhook' check (channel in ('webhook')),
      status text not null default 'pending' check (status in ('pending','delivered','dead')),
      -- attempts ever made; an administrator's retry raises max_attempts for a new round
      attempts integer not null default 0 check (attempts >= 0),
      max_attempts integer not null default 8 check (max_attempts > 0),
      next_attempt_at timestamptz not null default now(),
      -- an attempt in progress holds the delivery until then; a crashed sender's attempt is redone after it
      locked_until timestamptz,
      last_status integer,
      last_error text,
      delivered_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (notification_id, channel)
    )`.execute(db);
  await sql`create index outbound_deliveries_status on outbound_deliveries (status, id desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists outbound_deliveries`.execute(db);
  await sql`drop table if exists notifications`.execute(db);
}
