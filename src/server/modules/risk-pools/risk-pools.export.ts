/**
 * XLSX exports of the risk pools (streamed by platform/xlsx-export.ts): a pool's ledger (the finance
 * office; a member bank sees no ledger in the pool's page, so it exports none) read in keyset batches, and
 * the claims (a bank its own, the finance office all) through the list's own page function. Each records
 * one `report.export` audit entry.
 */
import type { Kysely } from 'kysely';
import type { DB, RiskPoolClaimStatus } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { fenToYuanCell, keysetBatches, sheet, type Sheet } from '../../platform/xlsx-export.ts';
import { pagedRows } from '../../platform/xlsx-batches.ts';
import { YUAN_FORMAT, countyDateTimeCell } from '../../platform/xlsx-cells.ts';
import { type Actor } from '../../request-context.ts';
import { recordExport } from '../audit/index.ts';
import { poolScopeOf } from './risk-pools.policy.ts';
import * as repo from './risk-pools.repository.ts';
import type { Claim } from './risk-pools.schemas.ts';
import { listClaims, visiblePool } from './risk-pools.service.ts';

const KIND_ZH: Record<string, string> = { contribution: '注资', payout: '代偿支出', recovery: '追偿回收' };
const REF_ZH: Record<string, string> = { contribution: '注资', claim: '代偿申请', recovery: '追偿' };
const CLAIM_STATUS_ZH: Record<string, string> = { filed: '待审核', approved: '已批准，待拨付', paid: '已拨付', rejected: '已驳回' };

async function audit(db: Kysely<DB>, actor: Actor, list: string, filter: object): Promise<void> {
  await recordExport(db, actor, list, { filter });
}

/** The ledger of one pool, oldest first (the finance office, which alone reads ledgers). */
export async function ledgerExport(db: Kysely<DB>, actor: Actor, poolId: number): Promise<{ poolName: string; sheets: Sheet[] }> {
  const scope = await poolScopeOf(db, actor);
  const pool = await visiblePool(db, scope, poolId);
  if (scope.kind === 'bank') throw new AppError('forbidden', 'The ledger of a pool is read by the finance office');
  await audit(db, actor, 'risk-pool-ledger', { poolId });
  type Row = Awaited<ReturnType<typeof repo.findLedgerBatch>>[number];
  return {
    poolName: pool.name,
    sheets: [
      sheet<Row>({
        name: '资金台账',
        caption: [`${pool.name} 资金台账`],
        columns: [
          { header: '分录编号', value: (r) => r.id },
          { header: '记账时间', value: (r) => countyDateTimeCell(r.posted_at), width: 18 },
          { header: '类型', value: (r) => KIND_ZH[r.kind] ?? r.kind },
          { header: '借方科目', value: (r) => r.debit, width: 24 },
          { header: '贷方科目', value: (r) => r.credit, width: 24 },
          { header: '金额（元）', value: (r) => fenToYuanCell(r.amount_fen), numFmt: YUAN_FORMAT, width: 18 },
          { header: '业务类型', value: (r) => REF_ZH[r.ref_type] ?? r.ref_type },
          { header: '业务编号', value: (r) => r.ref_id },
          { header: '摘要', value: (r) => r.memo, width: 40 },
        ],
        rows: keysetBatches((after: number | null, limit) => repo.findLedgerBatch(db, poolId, after, limit), (r) => r.id),
      }),
    ],
  };
}

/** Claims as GET /api/finance/risk-pools/claims shows them: a bank its own, the finance office all. */
export async function claimsExport(db: Kysely<DB>, actor: Actor, filter: { poolId?: number; status?: RiskPoolClaimStatus }): Promise<Sheet[]> {
  const rows = await pagedRows((page, pageSize) => listClaims(db, actor, filter, { page, pageSize }), 200);
  await audit(db, actor, 'risk-pool-claims', filter);
  return [
    sheet<Claim>({
      name: '代偿申请',
      columns: [
        { header: '申请编号', value: (r) => r.id },
        { header: '资金池', value: (r) => r.poolName, width: 28 },
        { header: '银行', value: (r) => r.bank.name, width: 28 },
        { header: '企业名称', value: (r) => r.enterprise.name, width: 32 },
        { header: '贷款编号', value: (r) => r.loanId },
        { header: '损失金额（元）', value: (r) => fenToYuanCell(r.lossFen), numFmt: YUAN_FORMAT, width: 16 },
        { header: '已扣减回收（元）', value: (r) => fenToYuanCell(r.deductedFen), numFmt: YUAN_FORMAT, width: 16 },
        { header: '申请代偿（元）', value: (r) => fenToYuanCell(r.claimedFen), numFmt: YUAN_FORMAT, width: 16 },
        { header: '银行分担（元）', value: (r) => fenToYuanCell(r.bankShareFen), numFmt: YUAN_FORMAT, width: 16 },
        { header: '政府分担（元）', value: (r) => fenToYuanCell(r.governmentShareFen), numFmt: YUAN_FORMAT, width: 16 },
        { header: '状态', value: (r) => CLAIM_STATUS_ZH[r.status] ?? r.status },
        { header: '申请时间', value: (r) => countyDateTimeCell(r.filedAt), width: 18 },
        { header: '审核时间', value: (r) => countyDateTimeCell(r.decidedAt), width: 18 },
        { header: '拨付时间', value: (r) => countyDateTimeCell(r.paidAt), width: 18 },
        { header: '驳回原因', value: (r) => r.rejectReason, width: 30 },
        { header: '代偿后回收（元）', value: (r) => fenToYuanCell(r.recoveredFen), numFmt: YUAN_FORMAT, width: 16 },
      ],
      rows,
    }),
  ];
}
