/**
 * 资金兑付 as XLSX (platform/xlsx-export.ts streams it): the list's filters and the list's access (a
 * department the payments of its policies, an enterprise those paid to it), rows read in keyset batches
 * by id, one audit entry `report.export`.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { fenToYuanCell, keysetBatches, sheet, type Sheet } from '../../platform/xlsx-export.ts';
import { countyDateTimeCell, YUAN_FORMAT } from '../../platform/xlsx-cells.ts';
import { type Actor } from '../../request-context.ts';
import { recordExport } from '../audit/index.ts';
import * as repo from './payments.repository.ts';
import type { DisbursementListFilter } from './payments.schemas.ts';
import { paymentScopeOf } from './payments.service.ts';

const PAYMENT_STATUS_ZH: Record<string, string> = { prepared: '待复核', paid: '已兑付', cancelled: '已撤销' };
const TARGET_KIND_ZH: Record<string, string> = { application: '申报兑现', auto_grant_item: '免申即享', risk_pool_claim: '风险补偿代偿' };

/** The payments of the list with the same filters and the same access, one sheet. */
export async function paymentsExport(db: Kysely<DB>, actor: Actor, filter: DisbursementListFilter): Promise<Sheet[]> {
  const scope = await paymentScopeOf(db, actor);
  await recordExport(db, actor, 'disbursements', { filter });
  type Row = Awaited<ReturnType<typeof repo.findPaymentBatch>>[number];
  return [
    sheet<Row>({
      name: '资金兑付',
      columns: [
        { header: '兑付编号', value: (r) => r.id },
        { header: '政策编号', value: (r) => r.policy_code, width: 16 },
        { header: '主管部门', value: (r) => r.department_name, width: 24 },
        { header: '企业名称', value: (r) => r.enterprise_name, width: 32 },
        { header: '统一社会信用代码', value: (r) => r.enterprise_uscc, width: 22 },
        { header: '兑付类别', value: (r) => TARGET_KIND_ZH[r.target_kind] ?? r.target_kind },
        { header: '兑付金额（元）', value: (r) => fenToYuanCell(r.amount_fen), numFmt: YUAN_FORMAT, width: 18 },
        { header: '状态', value: (r) => PAYMENT_STATUS_ZH[r.status] ?? r.status },
        { header: '经办人', value: (r) => r.prepared_by_name },
        { header: '经办时间', value: (r) => countyDateTimeCell(r.prepared_at), width: 18 },
        { header: '复核人', value: (r) => r.approved_by_name },
        { header: '支付时间', value: (r) => countyDateTimeCell(r.paid_at), width: 18 },
        { header: '支付凭证号', value: (r) => r.payment_ref, width: 20 },
        { header: '撤销原因', value: (r) => r.cancel_reason, width: 30 },
      ],
      rows: keysetBatches((after: number | null, limit) => repo.findPaymentBatch(db, scope, filter, after, limit), (r) => r.id, 1000),
    }),
  ];
}
