/**
 * The auditor's XLSX export of the audit log (streamed by platform/xlsx-export.ts): the search's filters,
 * newest first like the page, read in keyset batches by id up to the last entry at the start (so a log of
 * millions streams with flat memory and the export's own entry is not in it). Auditor only, like the search.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { keysetBatches, sheet, type Sheet } from '../../platform/xlsx-export.ts';
import { countyDateTimeCell } from '../../platform/xlsx-cells.ts';
import { requireRole, type Actor } from '../../request-context.ts';
import { findAuditBatch, lastAuditId, type AuditFilter } from './audit.repository.ts';
import { recordExport } from './audit.service.ts';

const OUTCOME_ZH: Record<string, string> = { success: '成功', failure: '失败', denied: '拒绝' };

export async function auditLogExport(db: Kysely<DB>, actor: Actor, filter: AuditFilter): Promise<Sheet[]> {
  requireRole(actor, 'auditor');
  const upTo = await lastAuditId(db);
  await recordExport(db, actor, 'audit-log', { filter, upTo });
  type Row = Awaited<ReturnType<typeof findAuditBatch>>[number];
  return [
    sheet<Row>({
      name: '审计日志',
      columns: [
        { header: '编号', value: (r) => r.id },
        { header: '时间', value: (r) => countyDateTimeCell(r.at), width: 18 },
        { header: '操作人', value: (r) => r.actor_username, width: 16 },
        { header: '所属机构', value: (r) => r.actor_org_name, width: 28 },
        { header: '操作', value: (r) => r.action, width: 28 },
        { header: '对象类型', value: (r) => r.target_type, width: 16 },
        { header: '对象编号', value: (r) => r.target_id, width: 16 },
        { header: '结果', value: (r) => OUTCOME_ZH[r.outcome] ?? r.outcome },
        { header: '请求编号', value: (r) => r.request_id, width: 24 },
        { header: 'IP 地址', value: (r) => r.ip, width: 16 },
        { header: '详情', value: (r) => JSON.stringify(r.details ?? {}), width: 60 },
      ],
      rows: keysetBatches((before: number | null, limit) => findAuditBatch(db, filter, upTo, before, limit), (r) => r.id),
    }),
  ];
}
