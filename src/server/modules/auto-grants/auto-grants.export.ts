/**
 * 免申即享 as XLSX (platform/xlsx-export.ts streams it): the department's grants, and one grant's items,
 * with the lists' filters and access (staff of the department owning the policy), rows read in keyset
 * batches by id, one audit entry `report.export` each.
 */
import type { Kysely } from 'kysely';
import type { AutoGrantStatus, DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { fenToYuanCell, keysetBatches, sheet, type Sheet } from '../../platform/xlsx-export.ts';
import { countyDateTimeCell, YUAN_FORMAT } from '../../platform/xlsx-cells.ts';
import { type Actor } from '../../request-context.ts';
import { recordExport } from '../audit/index.ts';
import * as repo from './auto-grants.repository.ts';
import { loadOwnedGrant } from './auto-grants.service.ts';

const GRANT_STATUS_ZH: Record<string, string> = { proposed: '待确认', in_notice: '公示中', notice_passed: '待兑付', paid: '已兑付' };
const ITEM_STATUS_ZH: Record<string, string> = { included: '纳入', removed: '已剔除' };
const PAYMENT_STATUS_ZH: Record<string, string> = { prepared: '待复核', paid: '已兑付' };

async function auditExport(db: Kysely<DB>, actor: Actor, list: string, filter: object): Promise<void> {
  await recordExport(db, actor, list, { filter });
}

/** The department's grants with the list's filters, each with its item counts and amounts. */
export async function autoGrantsExport(db: Kysely<DB>, actor: Actor, filter: { policyId?: number; status?: AutoGrantStatus }): Promise<Sheet[]> {
  if (!actor.roles.includes('department_staff')) throw new AppError('forbidden', 'Auto grants are run by department staff');
  await auditExport(db, actor, 'auto-grants', filter);
  type Row = Awaited<ReturnType<typeof repo.findGrantBatch>>[number];
  return [
    sheet<Row>({
      name: '免申即享',
      columns: [
        { header: '批次编号', value: (r) => r.id },
        { header: '政策编号', value: (r) => r.policy_code, width: 16 },
        { header: '政策名称', value: (r) => r.policy_title, width: 40 },
        { header: '状态', value: (r) => GRANT_STATUS_ZH[r.status] ?? r.status },
        { header: '纳入企业（户）', value: (r) => r.included },
        { header: '剔除企业（户）', value: (r) => r.removed },
        { header: '拟兑现金额（元）', value: (r) => fenToYuanCell(r.included_fen), numFmt: YUAN_FORMAT, width: 18 },
        { header: '已兑付（笔）', value: (r) => r.paid },
        { header: '已兑付金额（元）', value: (r) => fenToYuanCell(r.paid_fen), numFmt: YUAN_FORMAT, width: 18 },
        { header: '生成时间', value: (r) => countyDateTimeCell(r.created_at), width: 18 },
        { header: '确认时间', value: (r) => countyDateTimeCell(r.confirmed_at), width: 18 },
        { header: '公示截止', value: (r) => countyDateTimeCell(r.notice_until), width: 18 },
      ],
      rows: keysetBatches((after: number | null, limit) => repo.findGrantBatch(db, actor.orgId, filter, after, limit), (r) => r.id, 1000),
    }),
  ];
}

/** One grant's items (staff of the owning department), with the detail's item filter. */
export async function autoGrantItemsExport(db: Kysely<DB>, actor: Actor, grantId: number, filter: { status?: 'included' | 'removed' }): Promise<{ fileName: string; sheets: Sheet[] }> {
  const grant = await loadOwnedGrant(db, actor, grantId);
  await auditExport(db, actor, `auto-grants/${grantId}`, filter);
  type Row = Awaited<ReturnType<typeof repo.findItemBatch>>[number];
  return {
    fileName: `免申即享名单_${grant.policy_code}_${grantId}.xlsx`,
    sheets: [
      sheet<Row>({
        name: '免申即享名单',
        caption: [`${grant.policy_title}（${grant.policy_code}）免申即享名单 · 批次 ${grantId} · ${GRANT_STATUS_ZH[grant.status] ?? grant.status}`],
        columns: [
          { header: '序号', value: (r) => r.id },
          { header: '企业名称', value: (r) => r.enterprise_name, width: 32 },
          { header: '统一社会信用代码', value: (r) => r.enterprise_uscc, width: 22 },
          { header: '兑现金额（元）', value: (r) => fenToYuanCell(r.amount_fen), numFmt: YUAN_FORMAT, width: 18 },
          { header: '状态', value: (r) => ITEM_STATUS_ZH[r.status] ?? r.status },
          { header: '剔除原因', value: (r) => r.removed_reason, width: 30 },
          { header: '剔除时间', value: (r) => countyDateTimeCell(r.removed_at), width: 18 },
          { header: '兑付状态', value: (r) => (r.disbursement_status ? (PAYMENT_STATUS_ZH[r.disbursement_status] ?? r.disbursement_status) : null) },
          { header: '支付时间', value: (r) => countyDateTimeCell(r.paid_at), width: 18 },
        ],
        rows: keysetBatches((after: number | null, limit) => repo.findItemBatch(db, grantId, filter, after, limit), (r) => r.id, 1000),
      }),
    ],
  };
}
