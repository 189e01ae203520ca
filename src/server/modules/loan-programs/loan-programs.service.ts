/**
 * Policy-loan programmes (抗疫贷-style): eligibility rules in the rule language of policies, a quota, banks,
 * products and a risk pool. The whitelist is generated from the rule over the whole county by a job (the
 * compiled vector engine over the county's columns, loaded by the policies face as matching does); the
 * finance office reviews it (removal needs a reason, audited), pushes it to the banks and the enterprises
 * (notifications), and conversion pushed → applied → approved → lent is read through the loans face.
 */
import type { Kysely } from 'kysely';
import { compilePrepared, matchCounty, prepareRule, validateRule, type RuleNode } from '../../../core/rules/index.ts';
import { formatFen } from '../../../core/money/money.ts';
import type { DatabaseKind, Executor } from '../../db/database.ts';
import type { DB, WhitelistStatus } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import type { PageRequest } from '../../platform/pagination.ts';
import { isUniqueViolation } from '../../platform/unique-violation.ts';
import { auditContextOfActor, hasRole, type Actor } from '../../request-context.ts';
import { recordAudit, type AuditAction } from '../audit/index.ts';
import { conversionOfEnterprises, findProductById, isFinanceOffice, requireFinanceOffice } from '../loans/index.ts';
import { notifyEnterprises, notifyOrg } from '../notifications/index.ts';
import { factNeedsOf, loadChunkSizeFor, loadCountyColumns, loadRuleRegistry, parametersOf, prepareOptionsOf } from '../policies/index.ts';
import * as repo from './loan-programs.repository.ts';
import type { CreateProgramBody, ProgramDetail, ProgramSummary, WhitelistEntry } from './loan-programs.schemas.ts';

export const WHITELIST_JOB = 'loan-programs.whitelist';

type Scope = { kind: 'all' } | { kind: 'bank'; bankOrgId: number } | { kind: 'enterprise'; enterpriseId: number };

async function scopeOf(db: Executor, actor: Actor): Promise<Scope> {
  if (actor.orgType === 'bank' && hasRole(actor, 'bank_staff')) return { kind: 'bank', bankOrgId: actor.orgId };
  if (hasRole(actor, 'enterprise_user')) {
    const row = await db.selectFrom('enterprises').where('org_id', '=', actor.orgId).select('id').executeTakeFirst();
    if (!row) throw new AppError('not_found', 'Your organisation is not linked to an enterprise');
    return { kind: 'enterprise', enterpriseId: row.id };
  }
  if (await isFinanceOffice(db, actor)) return { kind: 'all' };
  throw new AppError('forbidden', 'Programmes are seen by the finance office, the member banks and the enterprises pushed');
}

const audit = (trx: Executor, actor: Actor, action: AuditAction, id: number, details: Record<string, unknown>) =>
  recordAudit(trx, { ...auditContextOfActor(actor), action, targetType: 'loan_program', targetId: id, details });

const EMPTY = { listed: 0, removed: 0, pushed: 0, applied: 0, approved: 0, lent: 0, appliedFen: 0, approvedFen: 0, lentFen: 0 };

/** pushed → applied → approved → lent of a programme: applications of pushed firms to its products since the push. */
async function conversionOf(db: Executor, program: { id: number; pushed_at: Date | null }) {
  const ids = await repo.pushedEnterprises(db, program.id);
  if (!program.pushed_at || ids.length === 0) return new Map<number, Awaited<ReturnType<typeof conversionOfEnterprises>>[number]>();
  const rows = await conversionOfEnterprises(db, { enterpriseIds: ids, productIds: await repo.productIdsOf(db, program.id), since: program.pushed_at });
  return new Map(rows.map((r) => [r.enterpriseId, r]));
}

async function summaries(db: Executor, rows: repo.ProgramRow[], scope: Scope): Promise<ProgramSummary[]> {
  const ids = rows.map((r) => r.id);
  const [members, counts] = await Promise.all([repo.findMembers(db, ids), repo.countByStatus(db, ids)]);
  const out: ProgramSummary[] = [];
  for (const row of rows) {
    const conversion = { ...EMPTY };
    if (scope.kind !== 'enterprise') {
      for (const c of counts.filter((x) => x.program_id === row.id)) conversion[c.status] = Number(c.n);
      for (const c of (await conversionOf(db, row)).values()) {
        conversion.applied++;
        if (c.approved) conversion.approved++;
        if (c.lent) conversion.lent++;
        conversion.appliedFen += c.appliedFen;
        conversion.approvedFen += c.approvedFen;
        conversion.lentFen += c.lentFen;
      }
    }
    out.push({
      id: row.id,
      code: row.code,
      name: row.name,
      description: row.description,
      status: row.status,
      quotaFen: row.quota_fen,
      pool: row.pool_id === null ? null : { id: row.pool_id, name: row.pool_name ?? '' },
      banks: members.banks.filter((b) => b.program_id === row.id).map((b) => ({ id: b.id, name: b.name })),
      products: members.products.filter((p) => p.program_id === row.id).map((p) => ({ id: p.id, code: p.code, name: p.name })),
      generatedAt: row.generated_at?.toISOString() ?? null,
      pushedAt: row.pushed_at?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
      generation: { done: row.generation_done, total: row.generation_total, error: row.generation_error },
      conversion,
    });
  }
  return out;
}

export async function listPrograms(db: Kysely<DB>, actor: Actor): Promise<{ items: ProgramSummary[] }> {
  const scope = await scopeOf(db, actor);
  const rows = await repo.findPrograms(db, scope.kind === 'bank' ? { bankOrgId: scope.bankOrgId } : scope.kind === 'enterprise' ? { enterpriseId: scope.enterpriseId } : {});
  return { items: await summaries(db, rows, scope) };
}

/** A programme the actor may see: the finance office any, a member bank its own, an enterprise one it was pushed (404 otherwise). */
async function visibleProgram(db: Executor, scope: Scope, id: number) {
  const row = await repo.findProgram(db, id);
  if (!row) throw notFound('Programme');
  if (scope.kind === 'bank' && !(await repo.isProgramBank(db, id, scope.bankOrgId))) throw notFound('Programme');
  if (scope.kind === 'enterprise' && (await repo.whitelistEntryOf(db, id, scope.enterpriseId))?.status !== 'pushed') throw notFound('Programme');
  return row;
}

export async function getProgram(db: Kysely<DB>, actor: Actor, id: number): Promise<ProgramDetail> {
  const scope = await scopeOf(db, actor);
  const row = await visibleProgram(db, scope, id);
  const [summary] = await summaries(db, [row], scope);
  const entry = scope.kind === 'enterprise' ? await repo.whitelistEntryOf(db, id, scope.enterpriseId) : undefined;
  return { ...summary, rule: row.rule, myEntry: entry ? { status: entry.status, pushedAt: entry.pushed_at?.toISOString() ?? null } : null };
}

/** The finance office creates a programme: the rule is checked like a policy's (fact catalogue, units, periods). */
export async function createProgram(db: Kysely<DB>, actor: Actor, body: CreateProgramBody): Promise<ProgramDetail> {
  await requireFinanceOffice(db, actor);
  const registry = await loadRuleRegistry(db);
  const problems = validateRule(body.rule, registry.catalogue, { params: parametersOf([]) });
  if (problems.length) throw new AppError('validation_failed', 'The eligibility rule has problems', problems.map((p) => ({ path: `body/rule${p.path}`, message: p.message, code: p.code })));
  const banks = await db.selectFrom('organizations').where('id', 'in', body.bankOrgIds).where('type', '=', 'bank').select('id').execute();
  if (banks.length !== body.bankOrgIds.length) throw new AppError('unprocessable', 'Every member must be a bank', [{ path: 'body/bankOrgIds', reason: 'not_a_bank' }]);
  for (const productId of body.productIds) {
    const product = await findProductById(db, productId);
    if (!product) throw new AppError('unprocessable', `Product ${productId} does not exist`, [{ path: 'body/productIds', reason: 'unknown_product', id: productId }]);
    if (!body.bankOrgIds.includes(product.bankOrgId)) throw new AppError('unprocessable', `Product ${product.code} belongs to a bank that is not a member`, [{ path: 'body/productIds', reason: 'product_of_other_bank', id: productId }]);
  }
  if (body.poolId !== undefined && !(await db.selectFrom('risk_pools').where('id', '=', body.poolId).select('id').executeTakeFirst())) {
    throw new AppError('unprocessable', `Risk pool ${body.poolId} does not exist`, [{ path: 'body/poolId', reason: 'unknown_pool' }]);
  }
  const id = await db
    .transaction()
    .execute(async (trx) => {
      const { id: programId } = await trx
        .insertInto('loan_programs')
        .values({
          code: body.code,
          name: body.name.trim(),
          description: body.description?.trim() ?? '',
          department_org_id: actor.orgId,
          rule: JSON.stringify(body.rule),
          quota_fen: body.quotaFen,
          pool_id: body.poolId ?? null,
          created_by: actor.userId,
          generation_error: null,
          pushed_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('loan_program_banks').values(body.bankOrgIds.map((bank_org_id) => ({ program_id: programId, bank_org_id }))).execute();
      await trx.insertInto('loan_program_products').values(body.productIds.map((product_id) => ({ program_id: programId, product_id }))).execute();
      await audit(trx, actor, 'loan_program.create', programId, { code: body.code, quotaFen: body.quotaFen, poolId: body.poolId ?? null, bankOrgIds: body.bankOrgIds, productIds: body.productIds });
      return programId;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new AppError('conflict', `A programme with the code ${body.code} exists already`, [{ path: 'body/code', reason: 'code_taken' }]);
      throw error;
    });
  return getProgram(db, actor, id);
}

/** Queues the whitelist generation (one queued run per programme at a time); the programme shows its progress. */
export async function requestWhitelist(db: Kysely<DB>, actor: Actor, id: number): Promise<{ jobId: number | null; program: ProgramDetail }> {
  await requireFinanceOffice(db, actor);
  const jobId = await db.transaction().execute(async (trx) => {
    const program = await repo.lockProgram(trx, id);
    if (!program) throw notFound('Programme');
    if (program.status === 'closed') throw new AppError('conflict', 'The programme is closed', [{ reason: 'closed' }]);
    if (program.status === 'generating') throw new AppError('conflict', 'The whitelist is being generated', [{ reason: 'generating' }]);
    await trx.updateTable('loan_programs').set({ status: 'generating', generation_done: 0, generation_total: 0, generation_error: null }).where('id', '=', id).execute();
    const queued = await enqueueJob(trx, WHITELIST_JOB, { programId: id, previousStatus: program.status }, { dedupeKey: `${WHITELIST_JOB}:${id}:${Date.now()}` });
    await audit(trx, actor, 'loan_program.whitelist_generate', id, { jobId: queued });
    return queued;
  });
  return { jobId, program: await getProgram(db, actor, id) };
}

/**
 * The job: the programme's rule over every operating enterprise of the county (compiled engine), then the
 * listed rows replaced by the eligible set in one transaction (rows removed on review and rows pushed stay
 * as they are). Idempotent: a second run stores the same set.
 */
export async function generateWhitelist(db: Kysely<DB>, programId: number, options: { dbKind?: DatabaseKind; heartbeat?: () => Promise<void>; evaluationDate?: string; now?: Date } = {}) {
  const program = await repo.findProgram(db, programId);
  if (!program) return { skipped: 'missing' };
  const evaluationDate = options.evaluationDate ?? todayInCounty();
  try {
    const registry = await loadRuleRegistry(db);
    const rule = program.rule as RuleNode;
    const total = Number((await db.selectFrom('enterprises').where('status', '=', 'operating').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    await db.updateTable('loan_programs').set({ generation_total: total, generation_done: 0 }).where('id', '=', programId).execute();
    const chunkSize = loadChunkSizeFor(options.dbKind ?? 'pglite');
    let done = 0;
    const county = await loadCountyColumns(db, registry, factNeedsOf([rule], evaluationDate), {
      chunkSize,
      between: async () => {
        done = Math.min(total, done + chunkSize);
        await db.updateTable('loan_programs').set({ generation_done: done }).where('id', '=', programId).execute();
        await options.heartbeat?.();
      },
    });
    const [result] = matchCounty([compilePrepared(prepareRule(rule, prepareOptionsOf({ params: [] }, registry.catalogue, evaluationDate)))], county.columns);
    const eligible: number[] = [];
    for (let i = 0; i < result.length; i++) if (result[i] === 1) eligible.push(county.enterpriseIds[i]);
    const now = options.now ?? new Date();
    const stored = await db.transaction().execute(async (trx) => {
      const locked = await repo.lockProgram(trx, programId);
      const counts = await repo.storeWhitelist(trx, programId, eligible, now);
      await trx
        .updateTable('loan_programs')
        .set({ status: locked!.pushed_at ? 'pushed' : 'review', generated_at: now, generation_done: total, generation_total: total })
        .where('id', '=', programId)
        .execute();
      return counts;
    });
    return { eligible: eligible.length, ...stored };
  } catch (error) {
    await db.updateTable('loan_programs').set({ status: program.pushed_at ? 'pushed' : 'draft', generation_error: error instanceof Error ? error.message.slice(0, 500) : String(error) }).where('id', '=', programId).execute();
    throw error;
  }
}

function stageOf(status: WhitelistStatus, conversion: { approved: boolean; lent: boolean } | undefined): WhitelistEntry['stage'] {
  if (status !== 'pushed' || !conversion) return status;
  return conversion.lent ? 'lent' : conversion.approved ? 'approved' : 'applied';
}

/** The whitelist: the finance office all rows; a member bank the pushed ones; enterprises none. */
export async function getWhitelist(db: Kysely<DB>, actor: Actor, id: number, filter: { status?: WhitelistStatus; q?: string }, page: PageRequest) {
  const scope = await scopeOf(db, actor);
  if (scope.kind === 'enterprise') throw new AppError('forbidden', 'The whitelist is seen by the finance office and the member banks');
  const program = await visibleProgram(db, scope, id);
  if (scope.kind === 'bank' && filter.status && filter.status !== 'pushed') return { items: [], total: 0, ...page };
  const { rows, total } = await repo.findWhitelist(db, id, { ...filter, ...(scope.kind === 'bank' && { status: 'pushed' as const }) }, page);
  const conversion = await conversionOf(db, program);
  return { items: rows.map((r) => presentEntry(r, conversion)), total, ...page };
}

/**
 * The whitelist's export source: authorised as getWhitelist (the finance office all rows, a member bank the
 * pushed ones), and its rows in keyset batches by id with the same filters and stages.
 */
export async function whitelistExportSource(db: Kysely<DB>, actor: Actor, id: number, filter: { status?: WhitelistStatus; q?: string }) {
  const scope = await scopeOf(db, actor);
  if (scope.kind === 'enterprise') throw new AppError('forbidden', 'The whitelist is seen by the finance office and the member banks');
  const program = await visibleProgram(db, scope, id);
  const none = scope.kind === 'bank' && filter.status !== undefined && filter.status !== 'pushed';
  const effective = { ...filter, ...(scope.kind === 'bank' && { status: 'pushed' as const }) };
  const conversion = await conversionOf(db, program);
  return {
    program: { id: program.id, code: program.code, name: program.name },
    batch: async (after: number | null, limit: number): Promise<WhitelistEntry[]> => (none ? [] : (await repo.findWhitelistBatch(db, id, effective, after, limit)).map((r) => presentEntry(r, conversion))),
  };
}

type WhitelistRow = Awaited<ReturnType<typeof repo.findWhitelistBatch>>[number];

function presentEntry(r: WhitelistRow, conversion: Awaited<ReturnType<typeof conversionOf>>): WhitelistEntry {
  const c = r.status === 'pushed' ? conversion.get(r.enterprise_id) : undefined;
  return {
    id: r.id,
    enterprise: { id: r.enterprise_id, name: r.name, uscc: r.uscc, town: r.town },
    status: r.status,
    generatedAt: r.generated_at.toISOString(),
    removedReason: r.removed_reason,
    removedAt: r.removed_at?.toISOString() ?? null,
    pushedAt: r.pushed_at?.toISOString() ?? null,
    stage: stageOf(r.status, c),
    appliedFen: c?.appliedFen ?? 0,
    approvedFen: c?.approvedFen ?? 0,
    lentFen: c?.lentFen ?? 0,
  };
}

/** Review: a listed enterprise is taken off the whitelist with a reason (audited). */
export async function removeEntry(db: Kysely<DB>, actor: Actor, id: number, entryId: number, reason: string, now: Date = new Date()) {
  await requireFinanceOffice(db, actor);
  await db.transaction().execute(async (trx) => {
    const program = await repo.lockProgram(trx, id);
    if (!program) throw notFound('Programme');
    const entry = await trx.selectFrom('loan_program_whitelist').where('id', '=', entryId).where('program_id', '=', id).selectAll().forUpdate().executeTakeFirst();
    if (!entry) throw notFound('Whitelist entry');
    if (entry.status !== 'listed') throw new AppError('conflict', `The entry is ${entry.status}; only a listed entry can be removed`, [{ reason: 'not_listed' }]);
    await trx.updateTable('loan_program_whitelist').set({ status: 'removed', removed_reason: reason.trim(), removed_by: actor.userId, removed_at: now }).where('id', '=', entryId).execute();
    await audit(trx, actor, 'loan_program.whitelist_remove', id, { entryId, enterpriseId: entry.enterprise_id, reason: reason.trim() });
  });
  return getWhitelist(db, actor, id, {}, { page: 1, pageSize: 20 });
}

/** Push: every listed entry is pushed; the enterprises and the member banks are told. Pushing again pushes only new entries. */
export async function pushWhitelist(db: Kysely<DB>, actor: Actor, id: number, now: Date = new Date()) {
  await requireFinanceOffice(db, actor);
  const pushed = await db.transaction().execute(async (trx) => {
    const program = await repo.lockProgram(trx, id);
    if (!program) throw notFound('Programme');
    if (program.status === 'generating') throw new AppError('conflict', 'The whitelist is being generated', [{ reason: 'generating' }]);
    if (program.status === 'closed') throw new AppError('conflict', 'The programme is closed', [{ reason: 'closed' }]);
    const rows = await trx
      .updateTable('loan_program_whitelist')
      .set({ status: 'pushed', pushed_at: now })
      .where('program_id', '=', id)
      .where('status', '=', 'listed')
      .returning('enterprise_id')
      .execute();
    if (rows.length === 0) throw new AppError('conflict', 'No listed enterprise to push; generate the whitelist first', [{ reason: 'nothing_to_push' }]);
    await trx.updateTable('loan_programs').set({ status: 'pushed', pushed_at: program.pushed_at ?? now, pushed_by: actor.userId }).where('id', '=', id).execute();
    const quota = formatFen(program.quota_fen, 'zh-CN');
    await notifyEnterprises(
      trx,
      rows.map((r) => ({
        enterpriseId: r.enterprise_id,
        notification: {
          kind: 'loan_program.pushed',
          params: { programId: id },
          titleZh: `政策性贷款白名单：${program.name}`,
          titleEn: `Policy-loan whitelist: ${program.name}`,
          bodyZh: `贵企业已列入「${program.name}」白名单（额度 ${quota}），可在金融超市向合作银行申请，享受风险补偿支持。`,
          bodyEn: `Your enterprise is on the whitelist of “${program.name}”; apply to the partner banks in the loan marketplace.`,
          link: '/portal/finance',
          dedupeKey: `loan_program.pushed:${id}`,
        },
      })),
    );
    for (const bankOrgId of await repo.bankIdsOf(trx, id)) {
      await notifyOrg(trx, bankOrgId, {
        kind: 'loan_program.pushed_bank',
        params: { programId: id, count: rows.length },
        titleZh: `白名单推送：${program.name}`,
        titleEn: `Whitelist pushed: ${program.name}`,
        bodyZh: `金融办推送「${program.name}」白名单企业 ${rows.length} 家，请对接授信。`,
        bodyEn: `The finance office pushed ${rows.length} whitelisted enterprises of “${program.name}”.`,
        link: '/bank',
        dedupeKey: `loan_program.pushed_bank:${id}:${now.getTime()}`,
      }, { roles: ['bank_staff'] });
    }
    await audit(trx, actor, 'loan_program.push', id, { pushed: rows.length });
    return rows.length;
  });
  return { pushed, program: await getProgram(db, actor, id) };
}
