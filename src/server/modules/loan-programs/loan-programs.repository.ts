import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { WhitelistStatus } from '../../db/schema.ts';
import { findProductsByIds } from '../loans/index.ts';
import { findPage, type PageRequest } from '../../platform/pagination.ts';

function programQuery(db: Executor) {
  return db
    .selectFrom('loan_programs as p')
    .leftJoin('risk_pools as rp', 'rp.id', 'p.pool_id')
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.description',
      'p.status',
      'p.department_org_id',
      'p.rule',
      'p.quota_fen',
      'p.pool_id',
      'rp.name as pool_name',
      'p.generated_at',
      'p.generation_done',
      'p.generation_total',
      'p.generation_error',
      'p.pushed_at',
      'p.created_at',
    ]);
}
export type ProgramRow = NonNullable<Awaited<ReturnType<typeof findProgram>>>;

export async function findProgram(db: Executor, id: number) {
  return programQuery(db).where('p.id', '=', id).executeTakeFirst();
}

/** Programmes: all, those of a member bank, or those that pushed an enterprise. */
export async function findPrograms(db: Executor, scope: { bankOrgId?: number; enterpriseId?: number }) {
  let query = programQuery(db);
  if (scope.bankOrgId !== undefined) query = query.where('p.id', 'in', db.selectFrom('loan_program_banks').where('bank_org_id', '=', scope.bankOrgId).select('program_id'));
  if (scope.enterpriseId !== undefined) {
    query = query.where('p.id', 'in', db.selectFrom('loan_program_whitelist').where('enterprise_id', '=', scope.enterpriseId).where('status', '=', 'pushed').select('program_id'));
  }
  return query.orderBy('p.id', 'desc').execute();
}

export async function lockProgram(trx: Executor, id: number) {
  return trx.selectFrom('loan_programs').where('id', '=', id).selectAll().forUpdate().executeTakeFirst();
}

export async function findMembers(db: Executor, ids: readonly number[]) {
  if (ids.length === 0) return { banks: [], products: [] };
  const [banks, members] = await Promise.all([
    db.selectFrom('loan_program_banks as b').innerJoin('organizations as o', 'o.id', 'b.bank_org_id').where('b.program_id', 'in', [...ids]).select(['b.program_id', 'o.id', 'o.name']).orderBy('o.id').execute(),
    db.selectFrom('loan_program_products').where('program_id', 'in', [...ids]).select(['program_id', 'product_id']).execute(),
  ]);
  // The products' codes and names are the loans module's: read through its face.
  const byId = new Map((await findProductsByIds(db, [...new Set(members.map((m) => m.product_id))])).map((p) => [p.id, p]));
  const products = members
    .map((m) => ({ program_id: m.program_id, product: byId.get(m.product_id)! }))
    .sort((a, b) => a.product.code.localeCompare(b.product.code))
    .map(({ program_id, product }) => ({ program_id, id: product.id, code: product.code, name: product.name }));
  return { banks, products };
}

export async function isProgramBank(db: Executor, programId: number, bankOrgId: number): Promise<boolean> {
  return Boolean(await db.selectFrom('loan_program_banks').where('program_id', '=', programId).where('bank_org_id', '=', bankOrgId).select('program_id').executeTakeFirst());
}

export async function whitelistEntryOf(db: Executor, programId: number, enterpriseId: number) {
  return db.selectFrom('loan_program_whitelist').where('program_id', '=', programId).where('enterprise_id', '=', enterpriseId).select(['status', 'pushed_at']).executeTakeFirst();
}

export async function countByStatus(db: Executor, programIds: readonly number[]) {
  if (programIds.length === 0) return [];
  return db
    .selectFrom('loan_program_whitelist')
    .where('program_id', 'in', [...programIds])
    .groupBy(['program_id', 'status'])
    .select(['program_id', 'status', sql<number>`count(*)::int4`.as('n')])
    .execute();
}

export async function pushedEnterprises(db: Executor, programId: number): Promise<number[]> {
  return (await db.selectFrom('loan_program_whitelist').where('program_id', '=', programId).where('status', '=', 'pushed').select('enterprise_id').execute()).map((r) => r.enterprise_id);
}

export async function productIdsOf(db: Executor, programId: number): Promise<number[]> {
  return (await db.selectFrom('loan_program_products').where('program_id', '=', programId).select('product_id').execute()).map((r) => r.product_id);
}

export async function bankIdsOf(db: Executor, programId: number): Promise<number[]> {
  return (await db.selectFrom('loan_program_banks').where('program_id', '=', programId).select('bank_org_id').execute()).map((r) => r.bank_org_id);
}

function filteredWhitelist(db: Executor, programId: number, filter: { status?: WhitelistStatus; q?: string }) {
  let query = db
    .selectFrom('loan_program_whitelist as w')
    .innerJoin('enterprises as e', 'e.id', 'w.enterprise_id')
    .leftJoin('towns as t', 't.code', 'e.town_code')
    .where('w.program_id', '=', programId);
  if (filter.status) query = query.where('w.status', '=', filter.status);
  if (filter.q?.trim()) query = query.where((eb) => eb.or([eb('e.name', 'like', `%${filter.q!.trim()}%`), eb('e.uscc', '=', filter.q!.trim().toUpperCase())]));
  return query;
}

const WHITELIST_COLUMNS = ['w.id', 'w.enterprise_id', 'e.name', 'e.uscc', 't.name as town', 'w.status', 'w.generated_at', 'w.removed_reason', 'w.removed_at', 'w.pushed_at'] as const;

export async function findWhitelist(db: Executor, programId: number, filter: { status?: WhitelistStatus; q?: string }, page: PageRequest) {
  return findPage(filteredWhitelist(db, programId, filter), (q) => q.select(WHITELIST_COLUMNS).orderBy('w.id'), page);
}

/** A keyset batch (ids after `after`, in the list's order) of the whitelist with the list's filters, for the export. */
export async function findWhitelistBatch(db: Executor, programId: number, filter: { status?: WhitelistStatus; q?: string }, after: number | null, limit: number) {
  let query = filteredWhitelist(db, programId, filter);
  if (after !== null) query = query.where('w.id', '>', after);
  return query.select(WHITELIST_COLUMNS).orderBy('w.id').limit(limit).execute();
}

/** Replaces the listed (not yet reviewed-away, not pushed) rows by the eligible set: new ones inserted, gone ones deleted; removed and pushed rows stay. */
export async function storeWhitelist(trx: Executor, programId: number, eligible: readonly number[], now: Date): Promise<{ added: number; dropped: number }> {
  const dropped = await sql`
    delete from loan_program_whitelist
    where program_id = ${programId} and status = 'listed' and not (enterprise_id = any(${[...eligible]}::int[]))`.execute(trx);
  let added = 0;
  for (let start = 0; start < eligible.length; start += 5_000) {
    const chunk = eligible.slice(start, start + 5_000);
    const result = await sql`
      insert into loan_program_whitelist (program_id, enterprise_id, generated_at)
      select ${programId}, e, ${now} from unnest(${chunk}::int[]) as t(e)
      on conflict (program_id, enterprise_id) do nothing`.execute(trx);
    added += Number(result.numAffectedRows ?? 0);
  }
  return { added, dropped: Number(dropped.numAffectedRows ?? 0) };
}
