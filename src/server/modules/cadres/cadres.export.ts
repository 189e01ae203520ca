/**
 * XLSX exports of 千人联千企 (streamed by platform/xlsx-export.ts): the cadre roster with coverage and work
 * (phones masked as in the list), the visits (government viewers all, a cadre their own) and 我的企业 (the
 * signed-in cadre's firms). Each authorises as its list does, takes the list's filters and records one
 * `report.export` audit entry. Visits are read in keyset batches by id; the roster (about 1,000 rows) and
 * a cadre's firms are computed in memory by the list itself.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { fenToYuanCell, keysetBatches, sheet, type Sheet } from '../../platform/xlsx-export.ts';
import { YUAN_FORMAT, countyDateTimeCell } from '../../platform/xlsx-cells.ts';
import { type Actor } from '../../request-context.ts';
import { recordExport } from '../audit/index.ts';
import { viewsAllCadres } from './cadres.policy.ts';
import * as repo from './cadres.repository.ts';
import type { CadreListQuery, CadreSummary, MyEnterprises, VisitListQuery } from './cadres.schemas.ts';
import { listCadres, myEnterprises, requireOwnCadre } from './cadres.service.ts';

const pct = (bp: number | null) => (bp === null ? null : bp / 100);
const APPLICATION_STATUS_ZH: Record<string, string> = { submitted: '已提交', in_review: '银行审查中', approved: '已批准', refused: '未获批准', contracted: '已签合同', disbursed: '已放款', withdrawn: '已撤回' };

async function audit(db: Kysely<DB>, actor: Actor, list: string, filter: object): Promise<void> {
  await recordExport(db, actor, list, { filter });
}

/** The roster as GET /api/cadres shows it (government viewers), in the list's order. */
export async function cadresExport(db: Kysely<DB>, actor: Actor, filter: Omit<CadreListQuery, 'page' | 'pageSize'>): Promise<Sheet[]> {
  // The list itself authorises (government viewers) and computes coverage and work for the whole roster.
  const list = await listCadres(db, actor, filter, { page: 1, pageSize: 1_000_000 });
  await audit(db, actor, 'cadres', filter);
  return [
    sheet<CadreSummary>({
      name: '联企干部',
      caption: [`走访覆盖统计季度：${list.quarter}（截至 ${list.asOf}）`],
      columns: [
        { header: '姓名', value: (r) => r.name },
        { header: '职务', value: (r) => r.position, width: 16 },
        { header: '单位', value: (r) => r.orgName, width: 28 },
        { header: '乡镇街道', value: (r) => r.townName },
        { header: '联系电话', value: (r) => r.phone, width: 16 },
        { header: '联系企业（户）', value: (r) => r.coverage.linked },
        { header: '本季已走访（户）', value: (r) => r.coverage.visited },
        { header: '走访覆盖率（%）', value: (r) => pct(r.coverage.rateBp) },
        { header: '代办诉求（件）', value: (r) => r.work.demandsCollected },
        { header: '已办结（件）', value: (r) => r.work.demandsSolved },
        { header: '平均评价', value: (r) => r.work.averageRating },
        { header: '联系企业获兑付（元）', value: (r) => fenToYuanCell(r.work.policyPaidFen), numFmt: YUAN_FORMAT, width: 20 },
        { header: '超期诉求（件）', value: (r) => r.work.overdueDemands },
        { header: '计划未走访（户）', value: (r) => r.work.plannedNotVisited },
      ],
      rows: [list.items],
    }),
  ];
}

/** Visits as GET /api/visits shows them: government viewers every visit, a cadre their own only. */
export async function visitsExport(db: Kysely<DB>, actor: Actor, query: Omit<VisitListQuery, 'page' | 'pageSize'>): Promise<Sheet[]> {
  const filter = { ...query };
  if (!viewsAllCadres(actor)) {
    const cadre = await requireOwnCadre(db, actor);
    if (filter.cadreId !== undefined && filter.cadreId !== cadre.id) throw new AppError('forbidden', 'A cadre sees their own visits only');
    filter.cadreId = cadre.id;
  }
  await audit(db, actor, 'visits', filter);
  type Row = Awaited<ReturnType<typeof repo.findVisitBatch>>[number];
  return [
    sheet<Row>({
      name: '走访记录',
      columns: [
        { header: '走访编号', value: (r) => r.id },
        { header: '走访日期', value: (r) => r.visited_on },
        { header: '干部', value: (r) => r.cadre_name },
        { header: '企业名称', value: (r) => r.enterprise_name, width: 32 },
        { header: '见面人员', value: (r) => r.people_met, width: 20 },
        { header: '走访情况', value: (r) => r.findings, width: 50 },
        { header: '照片（张）', value: (r) => Number(r.photo_count ?? 0) },
        { header: '收集诉求（件）', value: (r) => Number(r.demand_count ?? 0) },
        { header: '录入时间', value: (r) => countyDateTimeCell(r.created_at), width: 18 },
      ],
      rows: keysetBatches((after: number | null, limit) => repo.findVisitBatch(db, filter, after, limit), (r) => r.id),
    }),
  ];
}

/** 我的企业 of the signed-in cadre (their current firms only), as GET /api/me/cadre/enterprises shows it. */
export async function myEnterprisesExport(db: Kysely<DB>, actor: Actor): Promise<Sheet[]> {
  const mine = await myEnterprises(db, actor);
  await audit(db, actor, 'my-enterprises', { cadreId: mine.cadre.id });
  type Row = MyEnterprises['items'][number];
  return [
    sheet<Row>({
      name: '我的企业',
      caption: [`${mine.cadre.name}（${mine.cadre.orgName} ${mine.cadre.position}）联系企业，${mine.quarter}`],
      columns: [
        { header: '企业名称', value: (r) => r.name, width: 32 },
        { header: '统一社会信用代码', value: (r) => r.uscc, width: 22 },
        { header: '乡镇街道', value: (r) => r.townName },
        { header: '联系日期', value: (r) => r.linkedOn },
        { header: '未办结诉求（件）', value: (r) => r.openDemands },
        { header: '可申报未申报政策', value: (r) => r.matchedPolicies.map((p) => p.title).join('；'), width: 40 },
        { header: '可申报金额（元）', value: (r) => fenToYuanCell(r.matchedAmountFen), numFmt: YUAN_FORMAT, width: 18 },
        { header: '贷款申请（笔）', value: (r) => r.loans.applications },
        { header: '最近申请状态', value: (r) => (r.loans.latestApplicationStatus ? (APPLICATION_STATUS_ZH[r.loans.latestApplicationStatus] ?? r.loans.latestApplicationStatus) : null) },
        { header: '在贷笔数', value: (r) => r.loans.activeLoans },
        { header: '贷款余额（元）', value: (r) => fenToYuanCell(r.loans.outstandingFen), numFmt: YUAN_FORMAT, width: 18 },
        { header: '贷款逾期', value: (r) => (r.loans.overdue ? '是' : '否') },
        { header: '最近走访', value: (r) => r.lastVisitedOn },
        { header: '本季计划走访', value: (r) => (r.plannedThisQuarter ? '是' : '否') },
      ],
      rows: [mine.items],
    }),
  ];
}
