/**
 * XLSX exports of the 政策性贷款 programmes (streamed by platform/xlsx-export.ts): the programme list (as
 * GET /api/finance/programs shows it to the caller) and a programme's whitelist (the finance office all
 * rows, a member bank the pushed ones), the latter in keyset batches by id so a county-wide whitelist
 * streams with flat memory. Each records one `report.export` audit entry.
 */
import type { Kysely } from 'kysely';
import type { DB, WhitelistStatus } from '../../db/schema.ts';
import { fenToYuanCell, keysetBatches, sheet, type Sheet } from '../../platform/xlsx-export.ts';
import { YUAN_FORMAT, countyDateTimeCell } from '../../platform/xlsx-cells.ts';
import { type Actor } from '../../request-context.ts';
import { recordExport } from '../audit/index.ts';
import type { ProgramSummary, WhitelistEntry } from './loan-programs.schemas.ts';
import { listPrograms, whitelistExportSource } from './loan-programs.service.ts';

const PROGRAM_STATUS_ZH: Record<string, string> = { draft: '草稿', generating: '生成白名单中', review: '白名单待审核', pushed: '已推送', closed: '已结束' };
const STAGE_ZH: Record<string, string> = { listed: '在名单', removed: '已移出', pushed: '已推送', applied: '已申请', approved: '已审批', lent: '已放款' };

async function audit(db: Kysely<DB>, actor: Actor, list: string, filter: object): Promise<void> {
  await recordExport(db, actor, list, { filter });
}

export async function programsExport(db: Kysely<DB>, actor: Actor): Promise<Sheet[]> {
  const { items } = await listPrograms(db, actor);
  await audit(db, actor, 'loan-programs', {});
  return [
    sheet<ProgramSummary>({
      name: '政策性贷款项目',
      columns: [
        { header: '项目代码', value: (r) => r.code },
        { header: '项目名称', value: (r) => r.name, width: 30 },
        { header: '状态', value: (r) => PROGRAM_STATUS_ZH[r.status] ?? r.status },
        { header: '额度（元）', value: (r) => fenToYuanCell(r.quotaFen), numFmt: YUAN_FORMAT, width: 18 },
        { header: '风险补偿资金池', value: (r) => r.pool?.name, width: 24 },
        { header: '合作银行', value: (r) => r.banks.map((b) => b.name).join('、'), width: 30 },
        { header: '在名单（户）', value: (r) => r.conversion.listed },
        { header: '已移出（户）', value: (r) => r.conversion.removed },
        { header: '已推送（户）', value: (r) => r.conversion.pushed },
        { header: '已申请（户）', value: (r) => r.conversion.applied },
        { header: '已审批（户）', value: (r) => r.conversion.approved },
        { header: '已放款（户）', value: (r) => r.conversion.lent },
        { header: '放款金额（元）', value: (r) => fenToYuanCell(r.conversion.lentFen), numFmt: YUAN_FORMAT, width: 18 },
        { header: '推送时间', value: (r) => countyDateTimeCell(r.pushedAt), width: 18 },
      ],
      rows: [items],
    }),
  ];
}

export async function whitelistExport(db: Kysely<DB>, actor: Actor, id: number, filter: { status?: WhitelistStatus; q?: string }): Promise<{ programName: string; sheets: Sheet[] }> {
  const source = await whitelistExportSource(db, actor, id, filter);
  await audit(db, actor, 'loan-program-whitelist', { programId: id, ...filter });
  return {
    programName: source.program.name,
    sheets: [
      sheet<WhitelistEntry>({
        name: '白名单',
        caption: [`${source.program.name}（${source.program.code}）白名单`],
        columns: [
          { header: '企业名称', value: (r) => r.enterprise.name, width: 32 },
          { header: '统一社会信用代码', value: (r) => r.enterprise.uscc, width: 22 },
          { header: '乡镇街道', value: (r) => r.enterprise.town },
          { header: '转化环节', value: (r) => STAGE_ZH[r.stage] ?? r.stage },
          { header: '生成时间', value: (r) => countyDateTimeCell(r.generatedAt), width: 18 },
          { header: '推送时间', value: (r) => countyDateTimeCell(r.pushedAt), width: 18 },
          { header: '移出原因', value: (r) => r.removedReason, width: 30 },
          { header: '申请金额（元）', value: (r) => fenToYuanCell(r.appliedFen), numFmt: YUAN_FORMAT, width: 16 },
          { header: '审批金额（元）', value: (r) => fenToYuanCell(r.approvedFen), numFmt: YUAN_FORMAT, width: 16 },
          { header: '放款金额（元）', value: (r) => fenToYuanCell(r.lentFen), numFmt: YUAN_FORMAT, width: 16 },
        ],
        rows: keysetBatches(source.batch, (r) => r.id),
      }),
    ],
  };
}
