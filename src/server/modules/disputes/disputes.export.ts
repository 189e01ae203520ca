/**
 * The data administrators' XLSX export of the disputes (数据异议), streamed by platform/xlsx-export.ts, with
 * the list's status filter through the list's own page function; one `report.export` audit entry.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { sheet, type Sheet } from '../../platform/xlsx-export.ts';
import { pagedRows } from '../../platform/xlsx-batches.ts';
import { countyDateTimeCell } from '../../platform/xlsx-cells.ts';
import { type Actor } from '../../request-context.ts';
import { recordExport } from '../audit/index.ts';
import type * as repo from './disputes.repository.ts';
import type { AdminDispute } from './disputes.schemas.ts';
import { listDisputes } from './disputes.service.ts';

const STATUS_ZH: Record<string, string> = { open: '待处理', accepted: '已采纳', rejected: '未采纳' };

export async function disputesExport(db: Kysely<DB>, actor: Actor, filter: { status?: repo.DisputeStatus }): Promise<Sheet[]> {
  const rows = await pagedRows((page, pageSize) => listDisputes(db, actor, filter, { page, pageSize }));
  await recordExport(db, actor, 'disputes', { filter });
  return [
    sheet<AdminDispute>({
      name: '数据异议',
      columns: [
        { header: '异议编号', value: (r) => r.id },
        { header: '企业名称', value: (r) => r.enterprise.name, width: 32 },
        { header: '统一社会信用代码', value: (r) => r.enterprise.uscc, width: 22 },
        { header: '指标', value: (r) => r.nameZh, width: 20 },
        { header: '期间', value: (r) => r.period },
        { header: '数据来源', value: (r) => r.source },
        { header: '现值', value: (r) => r.currentValue, width: 16 },
        { header: '企业主张值', value: (r) => r.proposedValue, width: 16 },
        { header: '理由', value: (r) => r.reason, width: 40 },
        { header: '状态', value: (r) => STATUS_ZH[r.status] ?? r.status },
        { header: '提出时间', value: (r) => countyDateTimeCell(r.createdAt), width: 18 },
      ],
      rows,
    }),
  ];
}
