import { sql, type Kysely } from 'kysely';

/**
 * The audit log's hash chain (issue 13 item 2), so an entry changed or removed with owner rights (triggers
 * disabled, or as a superuser) is detected by `npm run cli -- audit verify` and the auditor's page.
 *
 *   audit_chain       one link per audit entry, in commit order: seq 1, 2, 3 … (no gap), the entry's id, the
 *                     previous link's hash and this link's hash =
 *                       sha256(audit_entry_canonical(entry, seq) || '|' || prev_hash)   (hex; the first prev is 64 '0')
 *   audit_chain_head  the last link (seq, hash): one row, locked FOR UPDATE by each append
 *
 * The link is written by a DEFERRABLE INITIALLY DEFERRED constraint trigger, i.e. at COMMIT of the transaction
 * that wrote the entry: the head's lock is the last lock the transaction takes and is held only while it
 * commits, so concurrent writers form one chain (in commit order) without holding the head through their own
 * work, and no lock is taken after it (no deadlock through the head). The trigger function is SECURITY DEFINER
 * (runs as the owner): the application role may read the chain but not write it. Links are append-only like
 * the entries (the same trigger refuses UPDATE, DELETE and TRUNCATE).
 *
 * The canonical form is text the verifier (modules/audit/audit.chain.ts) rebuilds from the same columns: each
 * field as `<characters>:<text>` or `~` for null, joined by '|', prefixed by 'v1'; `at` as microseconds since
 * the epoch, `details` as PostgreSQL's jsonb text. Existing entries are chained here, in id order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function audit_chain_field(value text) returns text language sql immutable as $$
      select case when value is null then '~' else length(value)::text || ':' || value end
    $$`.execute(db);
  await sql`
    create function audit_entry_canonical(entry audit_log, seq bigint) returns text language sql stable as $$
      select concat_ws('|', 'v1',
        audit_chain_field(seq::text),
        audit_chain_field(entry.id::text),
        audit_chain_field(((extract(epoch from entry.at) * 1000000)::bigint)::text),
        audit_chain_field(entry.actor_user_id::text),
        audit_chain_field(entry.actor_username),
        audit_chain_field(entry.actor_org_id::text),
        audit_chain_field(entry.action),
        audit_chain_field(entry.target_type),
        audit_chain_field(entry.target_id),
        audit_chain_field(entry.outcome),
        audit_chain_field(entry.request_id),
        audit_chain_field(entry.ip),
        audit_chain_field(entry.details::text))
    $$`.execute(db);
  await sql`
    create function audit_chain_hash(canonical text, prev_hash text) returns text language sql immutable as $$
      select encode(sha256(convert_to(canonical || '|' || prev_hash, 'UTF8')), 'hex')
    $$`.execute(db);

  await sql`
    create table audit_chain_head (
      singleton boolean primary key default true check (singleton),
      seq bigint not null,
      hash text not null
    )`.execute(db);
  await sql`
    create table audit_chain (
      seq bigint primary key check (seq > 0),
      audit_id bigint not null unique,
      prev_hash text not null,
      hash text not null
    )`.execute(db);
  await sql`create trigger audit_chain_no_update_delete before update or delete on audit_chain
    for each row execute function audit_log_reject_change()`.execute(db);
  await sql`create trigger audit_chain_no_truncate before truncate on audit_chain
    for each statement execute function audit_log_reject_change()`.execute(db);

  // Chain what is there, in id order, with no entry written meanwhile.
  await sql`lock table audit_log in exclusive mode`.execute(db);
  await sql`
    do $$
    declare
      entry audit_log;
      n bigint := 0;
      prev text := repeat('0', 64);
      next text;
    begin
      for entry in select * from audit_log order by id loop
        n := n + 1;
        next := audit_chain_hash(audit_entry_canonical(entry, n), prev);
        insert into audit_chain (seq, audit_id, prev_hash, hash) values (n, entry.id, prev, next);
        prev := next;
      end loop;
      insert into audit_chain_head (singleton, seq, hash) values (true, n, prev);
    end $$`.execute(db);

  await sql`
    create function audit_log_chain() returns trigger language plpgsql security definer set search_path = public, pg_temp as $$
    declare
      head audit_chain_head;
      next text;
    begin
      select * into head from audit_chain_head where singleton for update;
      next := audit_chain_hash(audit_entry_canonical(new, head.seq + 1), head.hash);
      insert into audit_chain (seq, audit_id, prev_hash, hash) values (head.seq + 1, new.id, head.hash, next);
      update audit_chain_head set seq = head.seq + 1, hash = next where singleton;
      return null;
    end $$`.execute(db);
  await sql`create constraint trigger audit_log_chain after insert on audit_log
    deferrable initially deferred for each row execute function audit_log_chain()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists audit_log_chain on audit_log`.execute(db);
  await sql`drop function if exists audit_log_chain()`.execute(db);
  await sql`drop table if exists audit_chain`.execute(db);
  await sql`drop table if exists audit_chain_head`.execute(db);
  await sql`drop function if exists audit_chain_hash(text, text)`.execute(db);
  await sql`drop function if exists audit_entry_canonical(audit_log, bigint)`.execute(db);
  await sql`drop function if exists audit_chain_field(text)`.execute(db);
}
