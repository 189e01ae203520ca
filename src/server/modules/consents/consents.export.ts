/**
 * A bank's or service provider's XLSX export of the consents it received (streamed by
 * platform/xlsx-export.ts), with the list's status filter through the list's own page function (its own
 * organisation's consents only); one `report.export` audit entry.
 */
import type { Kysely } from 'kysely';
import { DATA_CATEGORY_NAMES, type DataCategory } from '../../../core/profile/indicators.ts';
import type { DB } from '../../db/schema.ts';
import { sheet, type Sheet } from '../../platform/xlsx-export.ts';
import { pagedRows } from '../../platform/xlsx-batches.ts';
import { countyDateTimeCell } from '../../platform/xlsx-cells.ts';
import { type Actor } from '../../request-context.ts';
import { recordExport } from '../audit/index.ts';
import type * as repo from './consents.repository.ts';
import type { ReceivedConsent } from './consents.schemas.ts';
import { listReceivedConsents } from './consents.service.ts';

const STATUS_ZH: Record<string, string> = { active: '有效', expired: '已过期', revoked: '已撤回', scheduled: '未生效' };

export async function receivedConsentsExport(db: Kysely<DB>, actor: Actor, filter: { status?: repo.ConsentStatus }): Promise<Sheet[]> {
  const rows = await pagedRows((page, pageSize) => listReceivedConsents(db, actor, filter, { page, pageSize }));
  await recordExport(db, actor, 'consents-received', { filter });
  return [
    sheet<ReceivedConsent>({
      name: '收到的授权',
      columns: [
        { header: '授权编号', value: (r) => r.id },
        { header: '企业名称', value: (r) => r.enterprise.name, width: 32 },
        { header: '统一社会信用代码', value: (r) => r.enterprise.uscc, width: 22 },
        { header: '数据类别', value: (r) => r.categories.map((c) => DATA_CATEGORY_NAMES[c as DataCategory]?.zh ?? c).join('、'), width: 30 },
        { header: '用途', value: (r) => r.purpose, width: 20 },
        { header: '生效时间', value: (r) => countyDateTimeCell(r.validFrom), width: 18 },
        { header: '到期时间', value: (r) => countyDateTimeCell(r.validUntil), width: 18 },
        { header: '撤回时间', value: (r) => countyDateTimeCell(r.revokedAt), width: 18 },
        { header: '状态', value: (r) => STATUS_ZH[r.status] ?? r.status },
      ],
      rows,
    }),
  ];
}
