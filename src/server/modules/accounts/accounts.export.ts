/**
 * The administrator's XLSX exports (streamed by platform/xlsx-export.ts) of the accounts and the
 * organisations, with the lists' filters, through the lists' own page functions (which authorise: admin
 * only). Each records one `report.export` audit entry. No password material is ever in a row.
 */
import type { Kysely } from 'kysely';
import type { DB, OrgType, Role } from '../../db/schema.ts';
import { sheet, type Sheet } from '../../platform/xlsx-export.ts';
import { pagedRows } from '../../platform/xlsx-batches.ts';
import { countyDateTimeCell } from '../../platform/xlsx-cells.ts';
import { type Actor } from '../../request-context.ts';
import { recordExport } from '../audit/index.ts';
import type { AdminUser, UserStatusFilter } from './accounts.schemas.ts';
import { listOrgs, listUsers } from './accounts.service.ts';

export const ROLE_ZH: Record<Role, string> = {
  enterprise_user: '企业用户',
  department_staff: '部门工作人员',
  dispatcher: '调度中心',
  cadre: '联企干部',
  provider_staff: '服务机构',
  bank_staff: '银行工作人员',
  data_admin: '数据管理员',
  admin: '系统管理员',
  auditor: '审计员',
  security_admin: '安全管理员',
  leader: '县领导',
};
export const ORG_TYPE_ZH: Record<OrgType, string> = { enterprise: '企业', department: '政府部门', dispatch_centre: '调度中心', bank: '银行', service_provider: '服务机构', platform: '平台' };

async function audit(db: Kysely<DB>, actor: Actor, list: string, filter: object): Promise<void> {
  await recordExport(db, actor, list, { filter });
}

export async function usersExport(db: Kysely<DB>, actor: Actor, filter: { q?: string; orgId?: number; role?: Role; status?: UserStatusFilter }): Promise<Sheet[]> {
  const rows = await pagedRows((page, pageSize) => listUsers(db, actor, filter, { page, pageSize }));
  await audit(db, actor, 'users', filter);
  return [
    sheet<AdminUser>({
      name: '用户',
      columns: [
        { header: '用户名', value: (r) => r.username, width: 18 },
        { header: '姓名', value: (r) => r.displayName, width: 16 },
        { header: '角色', value: (r) => r.roles.map((role) => ROLE_ZH[role] ?? role).join('、'), width: 24 },
        { header: '所属机构', value: (r) => r.org.name, width: 30 },
        { header: '机构类型', value: (r) => ORG_TYPE_ZH[r.org.type] ?? r.org.type },
        { header: '已停用', value: (r) => (r.isDisabled ? '是' : '否') },
        { header: '锁定至', value: (r) => countyDateTimeCell(r.lockedUntil), width: 18 },
        { header: '最近登录', value: (r) => countyDateTimeCell(r.lastLoginAt), width: 18 },
        { header: '创建时间', value: (r) => countyDateTimeCell(r.createdAt), width: 18 },
      ],
      rows,
    }),
  ];
}

export async function orgsExport(db: Kysely<DB>, actor: Actor, filter: { type?: OrgType; q?: string }): Promise<Sheet[]> {
  const rows = await pagedRows((page, pageSize) => listOrgs(db, actor, filter, { page, pageSize }));
  await audit(db, actor, 'orgs', filter);
  type Row = Awaited<ReturnType<typeof listOrgs>>['items'][number];
  return [
    sheet<Row>({
      name: '机构',
      columns: [
        { header: '机构编号', value: (r) => r.id },
        { header: '机构名称', value: (r) => r.name, width: 36 },
        { header: '机构类型', value: (r) => ORG_TYPE_ZH[r.type] ?? r.type },
        { header: '机构代码', value: (r) => r.code, width: 16 },
        { header: '创建时间', value: (r) => countyDateTimeCell(r.createdAt), width: 18 },
      ],
      rows,
    }),
  ];
}
