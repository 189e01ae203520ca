/**
 * XLSX exports of the bank's and the finance office's lists (streamed by platform/xlsx-export.ts): the leads
 * (loan applications) and the loan products. Each authorises exactly as its list does (the same scope
 * function), takes the list's filters and records one `report.export` audit entry. Leads are read in keyset
 * batches by id (a county can have 100,000); products page through the list's own function (a few dozen).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { fenToYuanCell, keysetBatches, sheet, type Sheet } from '../../platform/xlsx-export.ts';
import { pagedRows } from '../../platform/xlsx-batches.ts';
import { YUAN_FORMAT, countyDateTimeCell } from '../../platform/xlsx-cells.ts';
import { type Actor } from '../../request-context.ts';
import { recordExport } from '../audit/index.ts';
import { applicationBatch, type ApplicationFilter } from './loans.applications.service.ts';
import { scopeOf } from './loans.policy.ts';
import { listProducts } from './loans.products.service.ts';
import type { LoanApplicationSummary, ProductListQuery, ProductSummary, ProductVersionView } from './loans.schemas.ts';

export const APPLICATION_STATUS_ZH: Record<string, string> = { submitted: '已提交', in_review: '银行审查中', approved: '已批准', refused: '未获批准', contracted: '已签合同', disbursed: '已放款', withdrawn: '已撤回' };
export const PRODUCT_TYPE_ZH: Record<string, string> = { credit: '信用贷', collateral: '抵押贷', guarantee: '担保贷', policy: '政策性贷款' };
const PRODUCT_STATUS_ZH: Record<string, string> = { draft: '草稿', in_review: '待金融办审核', published: '已上架', rejected: '未通过', superseded: '已被新版本替代', withdrawn: '已撤回' };
const REPAYMENT_ZH: Record<string, string> = { equal_instalment: '等额本息', interest_first: '先息后本', bullet: '到期一次还本付息' };

async function audit(db: Kysely<DB>, actor: Actor, list: string, filter: object): Promise<void> {
  await recordExport(db, actor, list, { filter });
}

/** Leads as GET /api/finance/applications shows them: a bank its own, the finance office all, an enterprise its own. */
export async function applicationsExport(db: Kysely<DB>, actor: Actor, filter: ApplicationFilter): Promise<Sheet[]> {
  const scope = await scopeOf(db, actor);
  await audit(db, actor, 'loan-applications', filter);
  const now = new Date();
  return [
    sheet<LoanApplicationSummary>({
      name: '贷款申请',
      columns: [
        { header: '申请编号', value: (r) => r.id },
        { header: '企业名称', value: (r) => r.enterprise.name, width: 32 },
        { header: '统一社会信用代码', value: (r) => r.enterprise.uscc, width: 22 },
        { header: '贷款银行', value: (r) => r.bank.name, width: 28 },
        { header: '产品名称', value: (r) => r.product.name, width: 24 },
        { header: '产品类型', value: (r) => PRODUCT_TYPE_ZH[r.product.productType] ?? r.product.productType },
        { header: '申请金额（元）', value: (r) => fenToYuanCell(r.amountFen), numFmt: YUAN_FORMAT, width: 18 },
        { header: '期限（月）', value: (r) => r.termMonths },
        { header: '还款方式', value: (r) => REPAYMENT_ZH[r.repaymentMethod] ?? r.repaymentMethod },
        { header: '状态', value: (r) => APPLICATION_STATUS_ZH[r.status] ?? r.status },
        { header: '提交时间', value: (r) => countyDateTimeCell(r.submittedAt), width: 18 },
        { header: '答复时限', value: (r) => countyDateTimeCell(r.dueAt), width: 18 },
        { header: '已超时', value: (r) => (r.overdue ? '是' : '否') },
        { header: '决定时间', value: (r) => countyDateTimeCell(r.decidedAt), width: 18 },
        { header: '批准金额（元）', value: (r) => fenToYuanCell(r.approved?.amountFen), numFmt: YUAN_FORMAT, width: 18 },
        { header: '批准年利率（%）', value: (r) => (r.approved ? r.approved.rateBp / 100 : null) },
        { header: '未获批准原因', value: (r) => (r.refusal ? [r.refusal.label.zh, r.refusal.text].filter(Boolean).join('：') : null), width: 30 },
      ],
      rows: keysetBatches((after: number | null, limit) => applicationBatch(db, scope, filter, now, after, limit), (r) => r.id),
    }),
  ];
}

/** Products as GET /api/finance/products shows them (published ones; a bank also its own drafts; the finance office all). */
export async function productsExport(db: Kysely<DB>, actor: Actor, filter: Omit<ProductListQuery, 'page' | 'pageSize'>): Promise<Sheet[]> {
  const rows = await pagedRows((page, pageSize) => listProducts(db, actor, filter, { page, pageSize }), 200);
  await audit(db, actor, 'loan-products', filter);
  const current = (p: ProductSummary) => (p.published ?? p.pending) as ProductVersionView | null;
  const pending = (p: ProductSummary) => p.pending as ProductVersionView | null;
  const published = (p: ProductSummary) => p.published as ProductVersionView | null;
  return [
    sheet<ProductSummary>({
      name: '贷款产品',
      columns: [
        { header: '产品代码', value: (r) => r.code },
        { header: '银行', value: (r) => r.bank.name, width: 28 },
        { header: '产品名称', value: (r) => current(r)?.name, width: 24 },
        { header: '产品类型', value: (r) => { const t = current(r)?.productType; return t ? (PRODUCT_TYPE_ZH[t] ?? t) : null; } },
        { header: '上架版本', value: (r) => (published(r) ? `V${published(r)!.version}` : '未上架') },
        { header: '待审版本', value: (r) => { const v = pending(r); return v ? `V${v.version}（${PRODUCT_STATUS_ZH[v.status] ?? v.status}）` : null; }, width: 20 },
        { header: '最低额度（元）', value: (r) => fenToYuanCell(current(r)?.amountMinFen), numFmt: YUAN_FORMAT, width: 16 },
        { header: '最高额度（元）', value: (r) => fenToYuanCell(current(r)?.amountMaxFen), numFmt: YUAN_FORMAT, width: 16 },
        { header: '年利率下限（%）', value: (r) => { const v = current(r); return v ? v.rateMinBp / 100 : null; } },
        { header: '年利率上限（%）', value: (r) => { const v = current(r); return v ? v.rateMaxBp / 100 : null; } },
        { header: '期限（月）', value: (r) => { const v = current(r); return v ? `${v.termMinMonths}–${v.termMaxMonths}` : null; } },
        { header: '还款方式', value: (r) => current(r)?.repaymentMethods.map((m) => REPAYMENT_ZH[m] ?? m).join('、'), width: 24 },
        { header: '答复时限（工作日）', value: (r) => current(r)?.responseDays },
        { header: '准入条件', value: (r) => current(r)?.targetRuleText.zh, width: 40 },
      ],
      rows,
    }),
  ];
}
