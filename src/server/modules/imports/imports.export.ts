/**
 * The data administrators' XLSX export of the import batches (streamed by platform/xlsx-export.ts) with the
 * list's filters and visibility, through the list's own page function; one `report.export` audit entry.
 */
import type { Kysely } from 'kysely';
import type { DB, ImportStatus } from '../../db/schema.ts';
import { sheet, type Sheet } from '../../platform/xlsx-export.ts';
import { pagedRows } from '../../platform/xlsx-batches.ts';
import { countyDateTimeCell } from '../../platform/xlsx-cells.ts';
import { type Actor } from '../../request-context.ts';
import { recordExport } from '../audit/index.ts';
import type * as repo from './imports.repository.ts';
import type { ImportBatch } from './imports.schemas.ts';
import { listImports } from './imports.service.ts';

const KIND_ZH: Record<string, string> = { indicators: '经营指标', enterprises: '企业名录', certifications: '资质认定', demands_12345: '12345 热线诉求', cadre_links: '干部联系企业' };
const STATUS_ZH: Record<string, string> = { queued: '排队中', running: '导入中', completed: '已完成', failed: '失败' };

export async function importsExport(db: Kysely<DB>, actor: Actor, filter: { kind?: repo.ImportKind; status?: ImportStatus }): Promise<Sheet[]> {
  const rows = await pagedRows((page, pageSize) => listImports(db, actor, filter, { page, pageSize }));
  await recordExport(db, actor, 'imports', { filter });
  return [
    sheet<ImportBatch>({
      name: '数据导入',
      columns: [
        { header: '批次编号', value: (r) => r.id },
        { header: '导入类型', value: (r) => KIND_ZH[r.kind] ?? r.kind },
        { header: '数据来源', value: (r) => r.source, width: 16 },
        { header: '文件名', value: (r) => r.fileName, width: 30 },
        { header: '状态', value: (r) => STATUS_ZH[r.status] ?? r.status },
        { header: '数据行数', value: (r) => r.totalRows },
        { header: '已处理', value: (r) => r.processedRows },
        { header: '新增', value: (r) => r.insertedRows },
        { header: '更新', value: (r) => r.updatedRows },
        { header: '未变化', value: (r) => r.unchangedRows },
        { header: '错误行', value: (r) => r.errorRows },
        { header: '说明', value: (r) => r.message, width: 40 },
        { header: '发起人', value: (r) => r.createdBy?.username, width: 16 },
        { header: '创建时间', value: (r) => countyDateTimeCell(r.createdAt), width: 18 },
        { header: '完成时间', value: (r) => countyDateTimeCell(r.finishedAt), width: 18 },
      ],
      rows,
    }),
  ];
}
