/**
 * Verification of the audit log's hash chain (migration 20261209T0200_audit_chain): walks the links in
 * order, in keyset batches (flat memory for millions of entries), rebuilds each entry's canonical text from
 * its columns, recomputes the SHA-256 here in Node (not with the database's function, which an owner could
 * replace) and stops at the first broken link:
 *
 *   missing_link     a link is missing (seq gap, or the chain ends before the head)
 *   prev_mismatch    a link does not point to the previous link's hash
 *   missing_entry    the entry a link names is gone (deleted with owner rights)
 *   hash_mismatch    the entry (or its link) was changed: the recomputed hash differs from the stored one
 *   head_mismatch    the last link is not the head the database recorded (the tail was cut or rewritten)
 *   unchained_entry  an entry without a link (inserted with the chain's trigger disabled)
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export const GENESIS_HASH = '0'.repeat(64);

export type ChainProblem = 'missing_link' | 'prev_mismatch' | 'missing_entry' | 'hash_mismatch' | 'head_mismatch' | 'unchained_entry';

export interface ChainBreak {
  problem: ChainProblem;
  /** Position in the chain (null for an entry without a link). */
  seq: number | null;
  /** The audit entry's id (null when the link itself is missing). */
  auditId: number | null;
  expected: string;
  found: string;
}

export interface ChainVerification {
  ok: boolean;
  /** Links checked. */
  checked: number;
  /** Links in the chain when the verification started. */
  total: number;
  /** Hash of the last link: an auditor who writes it down can later prove nothing before it was rewritten. */
  headHash: string;
  firstBreak: ChainBreak | null;
  durationMs: number;
}

export interface VerifyOptions {
  batchSize?: number;
  onProgress?: (checked: number, total: number) => void;
  signal?: AbortSignal;
}

interface LinkRow {
  seq: number;
  audit_id: number;
  prev_hash: string;
  hash: string;
  entry_id: string | null;
  at_us: string | null;
  actor_user_id: string | null;
  actor_username: string | null;
  actor_org_id: string | null;
  action: string | null;
  target_type: string | null;
  target_id: string | null;
  outcome: string | null;
  request_id: string | null;
  ip: string | null;
  details: string | null;
}

/** Characters as PostgreSQL's length(text) counts them: code points. */
function codePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

const field = (value: string | null): string => (value === null ? '~' : `${codePoints(value)}:${value}`);

/** The canonical text of an entry at a position, as audit_entry_canonical() builds it in the database. */
export function canonicalEntry(seq: number, e: Omit<LinkRow, 'seq' | 'audit_id' | 'prev_hash' | 'hash'>): string {
  return [
    'v1',
    field(String(seq)),
    field(e.entry_id),
    field(e.at_us),
    field(e.actor_user_id),
    field(e.actor_username),
    field(e.actor_org_id),
    field(e.action),
    field(e.target_type),
    field(e.target_id),
    field(e.outcome),
    field(e.request_id),
    field(e.ip),
    field(e.details),
  ].join('|');
}

export function chainHash(canonical: string, prevHash: string): string {
  return createHash('sha256').update(`${canonical}|${prevHash}`, 'utf8').digest('hex');
}

async function linksAfter(db: Kysely<DB>, after: number, upTo: number, limit: number): Promise<LinkRow[]> {
  const result = await sql<LinkRow>`
    select c.seq, c.audit_id, c.prev_hash, c.hash,
           a.id::text as entry_id,
           ((extract(epoch from a.at) * 1000000)::bigint)::text as at_us,
           a.actor_user_id::text as actor_user_id, a.actor_username, a.actor_org_id::text as actor_org_id,
           a.action, a.target_type, a.target_id, a.outcome, a.request_id, a.ip, a.details::text as details
      from audit_chain c
      left join audit_log a on a.id = c.audit_id
     where c.seq > ${after} and c.seq <= ${upTo}
     order by c.seq
     limit ${limit}`.execute(db);
  return result.rows;
}

/** Walks the whole chain and reports the first broken link (or none). */
export async function verifyAuditChain(db: Kysely<DB>, options: VerifyOptions = {}): Promise<ChainVerification> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 5000;
  const head = await db.selectFrom('audit_chain_head').select(['seq', 'hash']).executeTakeFirst();
  const total = head?.seq ?? 0;
  const headHash = head?.hash ?? GENESIS_HASH;
  let checked = 0;
  let prevHash = GENESIS_HASH;
  const done = (firstBreak: ChainBreak | null): ChainVerification => ({ ok: firstBreak === null, checked, total, headHash, firstBreak, durationMs: Date.now() - started });

  options.onProgress?.(0, total);
  while (checked < total) {
    options.signal?.throwIfAborted();
    const rows = await linksAfter(db, checked, total, batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = checked + 1;
      if (row.seq !== seq) return done({ problem: 'missing_link', seq, auditId: null, expected: `link ${seq}`, found: `link ${row.seq}` });
      if (row.prev_hash !== prevHash) return done({ problem: 'prev_mismatch', seq, auditId: row.audit_id, expected: prevHash, found: row.prev_hash });
      if (row.entry_id === null) return done({ problem: 'missing_entry', seq, auditId: row.audit_id, expected: row.hash, found: '' });
      const expected = chainHash(canonicalEntry(seq, row), prevHash);
      if (expected !== row.hash) return done({ problem: 'hash_mismatch', seq, auditId: row.audit_id, expected, found: row.hash });
      prevHash = row.hash;
      checked = seq;
    }
    options.onProgress?.(checked, total);
  }
  if (checked < total) return done({ problem: 'missing_link', seq: checked + 1, auditId: null, expected: `link ${checked + 1}`, found: 'end of chain' });
  if (prevHash !== headHash) return done({ problem: 'head_mismatch', seq: checked, auditId: null, expected: headHash, found: prevHash });

  // Every committed entry has its link (both are written in the entry's transaction), so in one snapshot an
  // entry without a link was inserted around the trigger.
  const unchained = await sql<{ id: number | null }>`
    select min(a.id) as id from audit_log a where not exists (select 1 from audit_chain c where c.audit_id = a.id)`.execute(db);
  const id = unchained.rows[0]?.id ?? null;
  if (id !== null) return done({ problem: 'unchained_entry', seq: null, auditId: Number(id), expected: 'a link', found: 'none' });
  return done(null);
}
