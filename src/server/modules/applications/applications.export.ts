/**
 * 申报 and 公示 as XLSX (platform/xlsx-export.ts streams them): the list's filters and the list's access
 * (a department its policies', an enterprise its own, a county reader the whole county), rows read in
 * keyset batches by id, one audit entry `report.export` per export.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { fenToYuanCell, keysetBatches, sheet, type Sheet } from '../../platform/xlsx-export.ts';
import { countyDateTimeCell, YUAN_FORMAT } from '../../platform/xlsx-cells.ts';
import { type Actor } from '../../request-context.ts';
import { recordExport } from '../audit/index.ts';
import { otherPublicNotices } from './applications.grant-routes.ts';
import { isOverdue, planOf, stepsOf } from './applications.presenter.ts';
import { applicationScopeOf } from './applications.read.ts';
import * as repo from './applications.repository.ts';
import type { ApplicationListFilter } from './applications.schemas.ts';

const BATCH = 1000;

export const APPLICATION_STATUS_ZH: Record<string, string> = {
  submitted: '已提交',
  accepted: '已受理',
  in_review: '审核中',
  returned: '退回补正',
  approved: '已核准',
  in_notice: '公示中',
  notice_passed: '待兑付',
  paid: '已兑付',
  rejected: '不予支持',
  withdrawn: '已撤回',
};
const NOTICE_KIND_ZH: Record<string, string> = { application: '申报兑现', auto_grant: '免申即享' };

async function auditExport(db: Kysely<DB>, actor: Actor, list: string, filter: object): Promise<void> {
  await recordExport(db, actor, list, { filter });
}

/** The applications of the list with the same filters and the same access, one sheet. */
export async function applicationsExport(db: Kysely<DB>, actor: Actor, filter: ApplicationListFilter, now: Date = new Date()): Promise<Sheet[]> {
  const scope = await applicationScopeOf(db, actor, filter);
  await auditExport(db, actor, 'applications', filter);
  type Row = Awaited<ReturnType<typeof repo.findApplicationBatch>>[number];
  const stepName = (r: Row) => (r.current_step ? (stepsOf(planOf(r)).find((s) => s.key === r.current_step)?.nameZh ?? r.current_step) : null);
  return [
    sheet<Row>({
      name: '政策申报',
      columns: [
        { header: '申报编号', value: (r) => r.number, width: 24 },
        { header: '政策编号', value: (r) => r.policy_code, width: 16 },
        { header: '政策名称', value: (r) => r.policy_title, width: 40 },
        { header: '主管部门', value: (r) => r.department_name, width: 24 },
        { header: '企业名称', value: (r) => r.enterprise_name, width: 32 },
        { header: '统一社会信用代码', value: (r) => r.enterprise_uscc, width: 22 },
        { header: '状态', value: (r) => APPLICATION_STATUS_ZH[r.status] ?? r.status },
        { header: '当前环节', value: stepName },
        { header: '环节时限', value: (r) => countyDateTimeCell(r.step_due_at), width: 18 },
        { header: '是否超期', value: (r) => (isOverdue(r, now) ? '是' : '否') },
        { header: '申报金额（元）', value: (r) => fenToYuanCell(r.estimated_amount_fen), numFmt: YUAN_FORMAT, width: 18 },
        { header: '核定金额（元）', value: (r) => fenToYuanCell(r.approved_amount_fen), numFmt: YUAN_FORMAT, width: 18 },
        { header: '公示截止', value: (r) => countyDateTimeCell(r.notice_until), width: 18 },
        { header: '申报时间', value: (r) => countyDateTimeCell(r.submitted_at), width: 18 },
        { header: '更新时间', value: (r) => countyDateTimeCell(r.updated_at), width: 18 },
      ],
      rows: keysetBatches((after: number | null, limit) => repo.findApplicationBatch(db, scope, filter, now, after, limit), (r) => r.id, BATCH),
    }),
  ];
}

/** The public notices running now (公示 is public: every signed-in user), with the list's filters. */
export async function publicNoticesExport(db: Kysely<DB>, actor: Actor, filter: { policyId?: number; q?: string }, now: Date = new Date()): Promise<Sheet[]> {
  await auditExport(db, actor, 'public-notices', filter);
  const others = otherPublicNotices(now);
  type Row = Awaited<ReturnType<typeof repo.findPublicNoticeBatch>>[number];
  return [
    sheet<Row>({
      name: '公示公告',
      columns: [
        { header: '类别', value: (r) => NOTICE_KIND_ZH[r.kind] ?? r.kind },
        { header: '编号', value: (r) => r.id },
        { header: '申报编号', value: (r) => r.application_number, width: 24 },
        { header: '政策编号', value: (r) => r.policy_code, width: 16 },
        { header: '政策名称', value: (r) => r.policy_title, width: 40 },
        { header: '主管部门', value: (r) => r.department_name, width: 24 },
        { header: '企业名称', value: (r) => r.enterprise_name, width: 32 },
        { header: '统一社会信用代码', value: (r) => r.enterprise_uscc, width: 22 },
        { header: '兑现金额（元）', value: (r) => fenToYuanCell(Number(r.amount_fen)), numFmt: YUAN_FORMAT, width: 18 },
        { header: '公示开始', value: (r) => countyDateTimeCell(r.notice_from), width: 18 },
        { header: '公示截止', value: (r) => countyDateTimeCell(r.notice_until), width: 18 },
      ],
      rows: keysetBatches(
        (after: { kind: string; id: number } | null, limit) => repo.findPublicNoticeBatch(db, filter, now, others, after, limit),
        (r) => ({ kind: r.kind, id: r.id }),
        BATCH,
      ),
    }),
  ];
}
