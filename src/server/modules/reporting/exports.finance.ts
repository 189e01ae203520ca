/**
 * The finance KPIs' tables as XLSX (streamed by platform/xlsx-export.ts): the same figures as
 * GET /api/finance/kpis for the same filters and readers (the finance office any bank or all, a bank its
 * own), one sheet per table; one `report.export` audit entry.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { fenToYuanCell, sheet, type Sheet } from '../../platform/xlsx-export.ts';
import { YUAN_FORMAT } from '../../platform/xlsx-cells.ts';
import { type Actor } from '../../request-context.ts';
import { recordExport } from '../audit/index.ts';
import { REFUSAL_LABELS } from '../loans/index.ts';
import { pct, poolColumns } from './exports.ts';
import { readFinanceKpis } from './finance-kpis.ts';
import type { FinanceKpis, FinanceKpisQuery } from './finance-kpis.schemas.ts';


export async function financeKpisExport(db: Kysely<DB>, actor: Actor, query: FinanceKpisQuery): Promise<{ kpis: FinanceKpis; sheets: Sheet[] }> {
  const k = await readFinanceKpis(db, actor, query);
  await recordExport(db, actor, 'finance-kpis', { filter: query });
  const caption = [`金融指标，统计期间：${k.from} 至 ${k.to}`];
  const overview: [string, number | null][] = [
    ['获贷企业（户）', k.enterprisesWithLoans],
    ['发放贷款（笔）', k.loans],
    ['贷款金额（元）', fenToYuanCell(k.amountLentFen)],
    ['获贷企业中首贷企业（户）', k.firstLoan.firstTimeBorrowers],
    ['首贷率（%）', pct(k.firstLoan.rateBp)],
    ['审批决定（笔）', k.approvalTime.decisions],
    ['平均审批时长（工作日）', k.approvalTime.averageWorkingDays],
    ['审批时长中位数（工作日）', k.approvalTime.medianWorkingDays],
  ];
  return {
    kpis: k,
    sheets: [
      sheet<[string, number | null]>({ name: '概览', caption, columns: [{ header: '指标', value: (r) => r[0], width: 30 }, { header: '数值', value: (r) => r[1], width: 20 }], rows: [overview] }),
      sheet<FinanceKpis['series'][number]>({
        name: '贷款投放（分期）',
        caption,
        columns: [
          { header: '期间', value: (r) => r.period },
          { header: '笔数', value: (r) => r.loans },
          { header: '获贷企业（户）', value: (r) => r.enterprises },
          { header: '金额（元）', value: (r) => fenToYuanCell(r.amountFen), numFmt: YUAN_FORMAT, width: 18 },
        ],
        rows: [k.series],
      }),
      sheet<FinanceKpis['byBank'][number]>({
        name: '贷款投放（银行）',
        caption,
        columns: [
          { header: '银行', value: (r) => r.name, width: 30 },
          { header: '笔数', value: (r) => r.loans },
          { header: '获贷企业（户）', value: (r) => r.enterprises },
          { header: '金额（元）', value: (r) => fenToYuanCell(r.amountFen), numFmt: YUAN_FORMAT, width: 18 },
        ],
        rows: [k.byBank],
      }),
      sheet<FinanceKpis['byProduct'][number]>({
        name: '贷款投放（产品）',
        caption,
        columns: [
          { header: '产品代码', value: (r) => r.code },
          { header: '产品名称', value: (r) => r.name, width: 24 },
          { header: '笔数', value: (r) => r.loans },
          { header: '金额（元）', value: (r) => fenToYuanCell(r.amountFen), numFmt: YUAN_FORMAT, width: 18 },
        ],
        rows: [k.byProduct],
      }),
      sheet<FinanceKpis['refusals'][number]>({
        name: '未获批准原因',
        caption,
        columns: [{ header: '原因', value: (r) => REFUSAL_LABELS[r.reason as keyof typeof REFUSAL_LABELS]?.zh ?? r.reason, width: 36 }, { header: '笔数', value: (r) => r.count }],
        rows: [k.refusals],
      }),
      sheet<FinanceKpis['pools'][number]>({
        name: '风险补偿资金池',
        caption,
        columns: [
          ...poolColumns<FinanceKpis['pools'][number]>(),
          { header: '已代偿（元）', value: (r) => fenToYuanCell(r.claimsPaidFen), numFmt: YUAN_FORMAT, width: 18 },
          { header: '已追回（元）', value: (r) => fenToYuanCell(r.recoveredFen), numFmt: YUAN_FORMAT, width: 18 },
        ],
        rows: [k.pools],
      }),
    ],
  };
}

