/**
 * The policy list (政策管理) as XLSX (platform/xlsx-export.ts streams it): the list's filters and what the
 * list shows the caller (published policies; a department its own drafts too), rows read in keyset batches
 * by policy id, one audit entry `report.export`.
 */
import { todayInCounty } from '../../platform/county-date.ts';
import { keysetBatches, sheet, type Sheet } from '../../platform/xlsx-export.ts';
import { countyDateTimeCell } from '../../platform/xlsx-cells.ts';
import { type Actor } from '../../request-context.ts';
import { recordExport } from '../audit/index.ts';
import type { Db } from './policies.loading.ts';
import { effectiveStatus } from './policies.presenter.ts';
import * as repo from './policies.repository.ts';
import type { PolicyListFilter } from './policies.schemas.ts';
import { policyListScope } from './policy-reading.service.ts';

const POLICY_STATUS_ZH: Record<string, string> = { draft: '草稿', in_review: '审核中', published: '已发布', superseded: '已替代', closed: '已关闭', expired: '已过期' };

export async function policiesExport(db: Db, actor: Actor, filter: PolicyListFilter): Promise<Sheet[]> {
  const today = todayInCounty();
  await repo.expireLapsedVersions(db, today);
  const { scope, effective } = policyListScope(actor, filter);
  await recordExport(db, actor, 'policies', { filter });
  type Row = Awaited<ReturnType<typeof repo.listPolicyBatch>>[number];
  return [
    sheet<Row>({
      name: '政策清单',
      columns: [
        { header: '政策编号', value: (r) => r.code, width: 16 },
        { header: '政策名称', value: (r) => r.title, width: 44 },
        { header: '发文字号', value: (r) => r.document_no, width: 24 },
        { header: '主管部门', value: (r) => r.department_name, width: 24 },
        { header: '版本', value: (r) => r.version },
        { header: '状态', value: (r) => POLICY_STATUS_ZH[effectiveStatus(r, today)] ?? r.status },
        { header: '免申即享', value: (r) => (r.is_auto_grant ? '是' : '否') },
        { header: '有效期起', value: (r) => r.valid_from },
        { header: '有效期止', value: (r) => r.valid_until },
        { header: '申报开始', value: (r) => countyDateTimeCell(r.apply_from), width: 18 },
        { header: '申报截止', value: (r) => countyDateTimeCell(r.apply_until), width: 18 },
        { header: '标签', value: (r) => r.tags.join('、'), width: 24 },
        { header: '发布时间', value: (r) => countyDateTimeCell(r.published_at), width: 18 },
      ],
      rows: keysetBatches((after: number | null, limit) => repo.listPolicyBatch(db, scope, effective, today, after, limit), (r) => r.policy_id, 1000),
    }),
  ];
}
