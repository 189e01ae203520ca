/**
 * Loan products, versioned like policies: a bank drafts, submits; the finance office (金融办) approves (the
 * version is published, the previous published one superseded) or rejects with a reason. The target
 * customers are a rule of the policies' rule language, validated at save against the indicator registry.
 * And the 金融超市: the published products evaluated for one enterprise by the same rule engine.
 */
import type { Kysely } from 'kysely';
import { evaluatePrepared, prepareRule, renderExplanation, validateRule, type RuleNode } from '../../../core/rules/index.ts';
import { repaymentSchedule } from '../../../core/loans/schedule.ts';
import type { Executor } from '../../db/database.ts';
import type { DB, LoanProductVersionsTable } from '../../db/schema.ts';
import { AppError, notFound, type ErrorDetail } from '../../errors.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import type { PageRequest } from '../../platform/pagination.ts';
import { isUniqueViolation } from '../../platform/unique-violation.ts';
import { auditContextOfActor, type Actor } from '../../request-context.ts';
import { recordAudit, type AuditAction } from '../audit/index.ts';
import { notifyOrg } from '../notifications/index.ts';
import { ALL_FACTS, loadEnterpriseFacts, loadRuleRegistry, parametersOf } from '../policies/index.ts';
import { isBankStaff, isFinanceOffice, requireBankStaff, requireFinanceOffice, requireOwnEnterpriseId } from './loans.policy.ts';
import { presentVersion, ruleText } from './loans.presenter.ts';
import type {
  CreateProductInput,
  Marketplace,
  MarketplaceItem,
  MarketplaceQuery,
  ProductDetail,
  ProductListQuery,
  ProductSummary,
  RejectInput,
  UpdateProductInput,
} from './loans.schemas.ts';
import type { Selectable, Updateable } from 'kysely';
import { FINANCE_OFFICE_ORG_CODE } from './loans.policy.ts';

type VersionRow = Selectable<LoanProductVersionsTable>;

/** Save-time checks of a version's terms: ranges in order and a valid target rule. */
async function checkTerms(db: Executor, v: { amount_min_fen: number; amount_max_fen: number; rate_min_bp: number; rate_max_bp: number; term_min_months: number; term_max_months: number; target_rule: unknown }): Promise<void> {
  const details: ErrorDetail[] = [];
  if (v.amount_max_fen < v.amount_min_fen) details.push({ path: 'body/amountMaxFen', message: 'must be at least amountMinFen' });
  if (v.rate_max_bp < v.rate_min_bp) details.push({ path: 'body/rateMaxBp', message: 'must be at least rateMinBp' });
  if (v.term_max_months < v.term_min_months) details.push({ path: 'body/termMaxMonths', message: 'must be at least termMinMonths' });
  const registry = await loadRuleRegistry(db);
  for (const p of validateRule(v.target_rule, registry.catalogue, { params: parametersOf([]) })) details.push({ path: `body/targetRule${p.path}`, message: p.message });
  if (details.length > 0) throw new AppError('validation_failed', 'The product is invalid', details);
}

const parseRule = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

async function loadProduct(db: Executor, id: number) {
  const product = await db.selectFrom('loan_products').where('id', '=', id).selectAll().executeTakeFirst();
  if (!product) throw notFound('Loan product');
  return product;
}

async function versionsOf(db: Executor, productIds: readonly number[]): Promise<VersionRow[]> {
  if (productIds.length === 0) return [];
  const rows = await db.selectFrom('loan_product_versions').where('product_id', 'in', [...productIds]).selectAll().orderBy('version', 'desc').execute();
  return rows.map((r) => ({ ...r, target_rule: parseRule(r.target_rule) }));
}

function audit(trx: Executor, actor: Actor, action: AuditAction, productId: number, details: Record<string, unknown>) {
  return recordAudit(trx, { ...auditContextOfActor(actor), action, targetType: 'loan_product', targetId: productId, details });
}

/** Whether the actor sees a product's unpublished versions: its bank and the finance office. */
async function seesDrafts(db: Executor, actor: Actor, bankOrgId: number): Promise<boolean> {
  return (isBankStaff(actor) && actor.orgId === bankOrgId) || (await isFinanceOffice(db, actor));
}

export async function listProducts(db: Kysely<DB>, actor: Actor, query: ProductListQuery, page: PageRequest): Promise<{ items: ProductSummary[]; total: number; page: number; pageSize: number }> {
  const office = await isFinanceOffice(db, actor);
  let q = db.selectFrom('loan_products as p').innerJoin('organizations as o', 'o.id', 'p.bank_org_id');
  // What the actor may see: published products; its own bank's all; the finance office everything.
  const ownBank = isBankStaff(actor) ? actor.orgId : null;
  if (!office) {
    q = q.where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('loan_product_versions as pv').whereRef('pv.product_id', '=', 'p.id').where('pv.status', '=', 'published').select('pv.id')),
        ...(ownBank !== null ? [eb('p.bank_org_id', '=', ownBank)] : []),
      ]),
    );
  }
  if (query.bankOrgId) q = q.where('p.bank_org_id', '=', query.bankOrgId);
  const stateStatuses = query.state === 'published' ? ['published'] : query.state === 'pending' ? ['draft', 'in_review'] : query.state === 'in_review' ? ['in_review'] : null;
  if (stateStatuses) q = q.where((eb) => eb.exists(eb.selectFrom('loan_product_versions as sv').whereRef('sv.product_id', '=', 'p.id').where('sv.status', 'in', stateStatuses as VersionRow['status'][]).select('sv.id')));
  if (query.productType || query.tag || query.q) {
    q = q.where((eb) => {
      let sub = eb.selectFrom('loan_product_versions as fv').whereRef('fv.product_id', '=', 'p.id').where('fv.status', 'in', ['published', 'draft', 'in_review']);
      if (query.productType) sub = sub.where('fv.product_type', '=', query.productType);
      if (query.tag) sub = sub.where((e) => e(e.val(query.tag!), '=', e.fn.any('fv.tags')));
      if (query.q) sub = sub.where('fv.name', 'ilike', `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      return eb.exists(sub.select('fv.id'));
    });
  }
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.select(['p.id', 'p.code', 'p.bank_org_id', 'p.created_at', 'o.name as bank_name']).orderBy('p.bank_org_id').orderBy('p.id').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
  const versions = await versionsOf(db, rows.map((r) => r.id));
  const registry = await loadRuleRegistry(db);
  const items = await Promise.all(
    rows.map(async (r) => {
      const own = versions.filter((v) => v.product_id === r.id);
      const published = own.find((v) => v.status === 'published');
      const pending = (await seesDrafts(db, actor, r.bank_org_id)) ? own.find((v) => v.status === 'draft' || v.status === 'in_review') : undefined;
      return {
        id: r.id,
        code: r.code,
        bank: { id: r.bank_org_id, name: r.bank_name },
        published: published ? presentVersion(published, registry.catalogue) : null,
        pending: pending ? presentVersion(pending, registry.catalogue) : null,
        createdAt: r.created_at.toISOString(),
      };
    }),
  );
  return { items, total, ...page };
}

export async function getProduct(db: Kysely<DB>, actor: Actor, id: number): Promise<ProductDetail> {
  const product = await loadProduct(db, id);
  const bank = await db.selectFrom('organizations').where('id', '=', product.bank_org_id).select('name').executeTakeFirstOrThrow();
  const versions = await versionsOf(db, [id]);
  const drafts = await seesDrafts(db, actor, product.bank_org_id);
  const published = versions.find((v) => v.status === 'published');
  if (!drafts && !published) throw notFound('Loan product');
  const registry = await loadRuleRegistry(db);
  const pending = drafts ? versions.find((v) => v.status === 'draft' || v.status === 'in_review') : undefined;
  return {
    id,
    code: product.code,
    bank: { id: product.bank_org_id, name: bank.name },
    published: published ? presentVersion(published, registry.catalogue) : null,
    pending: pending ? presentVersion(pending, registry.catalogue) : null,
    versions: (drafts ? versions : versions.filter((v) => v.status === 'published')).map((v) => presentVersion(v, registry.catalogue)),
    createdAt: product.created_at.toISOString(),
  };
}

function termsRow(input: Partial<CreateProductInput>): Updateable<LoanProductVersionsTable> {
  const row: Updateable<LoanProductVersionsTable> = {};
  if (input.name !== undefined) row.name = input.name.trim();
  if (input.productType !== undefined) row.product_type = input.productType;
  if (input.summary !== undefined) row.summary = input.summary;
  if (input.amountMinFen !== undefined) row.amount_min_fen = input.amountMinFen;
  if (input.amountMaxFen !== undefined) row.amount_max_fen = input.amountMaxFen;
  if (input.rateMinBp !== undefined) row.rate_min_bp = input.rateMinBp;
  if (input.rateMaxBp !== undefined) row.rate_max_bp = input.rateMaxBp;
  if (input.termMinMonths !== undefined) row.term_min_months = input.termMinMonths;
  if (input.termMaxMonths !== undefined) row.term_max_months = input.termMaxMonths;
  if (input.repaymentMethods !== undefined) row.repayment_methods = [...input.repaymentMethods];
  if (input.dataCategories !== undefined) row.data_categories = [...input.dataCategories];
  if (input.tags !== undefined) row.tags = [...input.tags];
  if (input.targetRule !== undefined) row.target_rule = JSON.stringify(input.targetRule);
  if (input.responseDays !== undefined) row.response_days = input.responseDays;
  return row;
}

/** A bank drafts a product: the product and its version 1 (draft). */
export async function createProduct(db: Kysely<DB>, actor: Actor, input: CreateProductInput): Promise<ProductDetail> {
  requireBankStaff(actor);
  await checkTerms(db, { amount_min_fen: input.amountMinFen, amount_max_fen: input.amountMaxFen, rate_min_bp: input.rateMinBp, rate_max_bp: input.rateMaxBp, term_min_months: input.termMinMonths, term_max_months: input.termMaxMonths, target_rule: input.targetRule });
  try {
    const id = await db.transaction().execute(async (trx) => {
      const product = await trx.insertInto('loan_products').values({ bank_org_id: actor.orgId, code: input.code, created_by: actor.userId }).returning('id').executeTakeFirstOrThrow();
      const terms = termsRow(input);
      await trx
        .insertInto('loan_product_versions')
        .values({ ...(terms as Required<typeof terms>), product_id: product.id, version: 1, status: 'draft', created_by: actor.userId } as never)
        .execute();
      await audit(trx, actor, 'loan_product.create', product.id, { code: input.code, name: input.name });
      return product.id;
    });
    return getProduct(db, actor, id);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', `A product with the code ${input.code} exists`);
    throw error;
  }
}

async function lockOpenVersion(trx: Executor, productId: number, statuses: VersionRow['status'][]): Promise<VersionRow | undefined> {
  const row = await trx.selectFrom('loan_product_versions').where('product_id', '=', productId).where('status', 'in', statuses).selectAll().forUpdate().executeTakeFirst();
  return row ? { ...row, target_rule: parseRule(row.target_rule) } : undefined;
}

async function ownProduct(db: Executor, actor: Actor, id: number) {
  requireBankStaff(actor);
  const product = await loadProduct(db, id);
  if (product.bank_org_id !== actor.orgId) throw new AppError('forbidden', 'This product belongs to another bank');
  return product;
}

/** The bank edits its open draft. */
export async function updateProduct(db: Kysely<DB>, actor: Actor, id: number, input: UpdateProductInput): Promise<ProductDetail> {
  await ownProduct(db, actor, id);
  await db.transaction().execute(async (trx) => {
    const draft = await lockOpenVersion(trx, id, ['draft']);
    if (!draft) throw new AppError('conflict', 'The product has no draft to edit: draft a new version first');
    const changes = termsRow(input);
    const merged = { ...draft, ...changes, target_rule: input.targetRule ?? draft.target_rule } as VersionRow;
    await checkTerms(trx, merged);
    if (Object.keys(changes).length === 0) return;
    await trx.updateTable('loan_product_versions').set({ ...changes, updated_at: new Date() }).where('id', '=', draft.id).execute();
    await audit(trx, actor, 'loan_product.update', id, { versionId: draft.id, fields: Object.keys(input) });
  });
  return getProduct(db, actor, id);
}

/** The bank drafts a new version, a copy of the published (or latest) one. */
export async function newProductVersion(db: Kysely<DB>, actor: Actor, id: number): Promise<ProductDetail> {
  await ownProduct(db, actor, id);
  try {
    await db.transaction().execute(async (trx) => {
      if (await lockOpenVersion(trx, id, ['draft', 'in_review'])) throw new AppError('conflict', 'The product already has a draft or a version in review');
      const latest = await trx.selectFrom('loan_product_versions').where('product_id', '=', id).selectAll().orderBy('version', 'desc').executeTakeFirstOrThrow();
      const base = (await trx.selectFrom('loan_product_versions').where('product_id', '=', id).where('status', '=', 'published').selectAll().executeTakeFirst()) ?? latest;
      const inserted = await trx
        .insertInto('loan_product_versions')
        .values({
          product_id: id,
          version: latest.version + 1,
          status: 'draft',
          name: base.name,
          product_type: base.product_type,
          summary: base.summary,
          amount_min_fen: base.amount_min_fen,
          amount_max_fen: base.amount_max_fen,
          rate_min_bp: base.rate_min_bp,
          rate_max_bp: base.rate_max_bp,
          term_min_months: base.term_min_months,
          term_max_months: base.term_max_months,
          repayment_methods: base.repayment_methods,
          data_categories: base.data_categories,
          tags: base.tags,
          target_rule: JSON.stringify(parseRule(base.target_rule)),
          response_days: base.response_days,
          created_by: actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(trx, actor, 'loan_product.version', id, { versionId: inserted.id, version: latest.version + 1, from: base.version });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 'The product already has a draft or a version in review');
    throw error;
  }
  return getProduct(db, actor, id);
}

/** The bank submits its draft to the finance office. */
export async function submitProduct(db: Kysely<DB>, actor: Actor, id: number): Promise<ProductDetail> {
  const product = await ownProduct(db, actor, id);
  await db.transaction().execute(async (trx) => {
    const draft = await lockOpenVersion(trx, id, ['draft']);
    if (!draft) throw new AppError('conflict', 'The product has no draft to submit');
    await checkTerms(trx, draft);
    const now = new Date();
    await trx.updateTable('loan_product_versions').set({ status: 'in_review', submitted_by: actor.userId, submitted_at: now, updated_at: now }).where('id', '=', draft.id).execute();
    await audit(trx, actor, 'loan_product.submit', id, { versionId: draft.id, version: draft.version });
    const office = await trx.selectFrom('organizations').where('code', '=', FINANCE_OFFICE_ORG_CODE).select('id').executeTakeFirst();
    if (office) {
      await notifyOrg(trx, office.id, {
        kind: 'loan_product.submitted',
        params: { productId: id, versionId: draft.id },
        titleZh: `待审核贷款产品：${draft.name}`,
        titleEn: `Loan product to review: ${draft.name}`,
        bodyZh: `${actor.orgName}提交了贷款产品“${draft.name}”第${draft.version}版，请审核。`,
        bodyEn: `${actor.orgName} submitted version ${draft.version} of the loan product "${draft.name}" for approval.`,
        link: '/gov/finance/products',
        dedupeKey: `loan-product-submitted:${draft.id}`,
      }, { roles: ['department_staff'] });
    }
    void product;
  });
  return getProduct(db, actor, id);
}

/** The finance office approves the version in review: it is published, the previous published one superseded. */
export async function approveProduct(db: Kysely<DB>, actor: Actor, id: number): Promise<ProductDetail> {
  await requireFinanceOffice(db, actor);
  const product = await loadProduct(db, id);
  await db.transaction().execute(async (trx) => {
    const review = await lockOpenVersion(trx, id, ['in_review']);
    if (!review) throw new AppError('conflict', 'The product has no version in review');
    const now = new Date();
    await trx.updateTable('loan_product_versions').set({ status: 'superseded', updated_at: now }).where('product_id', '=', id).where('status', '=', 'published').execute();
    await trx.updateTable('loan_product_versions').set({ status: 'published', decided_by: actor.userId, decided_at: now, published_at: now, updated_at: now }).where('id', '=', review.id).execute();
    await audit(trx, actor, 'loan_product.approve', id, { versionId: review.id, version: review.version });
    await notifyOrg(trx, product.bank_org_id, {
      kind: 'loan_product.approved',
      params: { productId: id, versionId: review.id },
      titleZh: `贷款产品已上架：${review.name}`,
      titleEn: `Loan product published: ${review.name}`,
      bodyZh: `金融办已审核通过“${review.name}”第${review.version}版，产品已在金融超市上架。`,
      bodyEn: `The finance office approved version ${review.version} of "${review.name}"; it is now in the marketplace.`,
      link: '/bank/products',
      dedupeKey: `loan-product-approved:${review.id}`,
    }, { roles: ['bank_staff'] });
  });
  return getProduct(db, actor, id);
}

/** The finance office returns the version in review with a reason. */
export async function rejectProduct(db: Kysely<DB>, actor: Actor, id: number, input: RejectInput): Promise<ProductDetail> {
  await requireFinanceOffice(db, actor);
  const product = await loadProduct(db, id);
  const reason = input.reason.trim();
  if (reason === '') throw new AppError('validation_failed', 'Say why', [{ path: 'body/reason', message: 'must not be blank' }]);
  await db.transaction().execute(async (trx) => {
    const review = await lockOpenVersion(trx, id, ['in_review']);
    if (!review) throw new AppError('conflict', 'The product has no version in review');
    const now = new Date();
    await trx.updateTable('loan_product_versions').set({ status: 'rejected', reject_reason: reason, decided_by: actor.userId, decided_at: now, updated_at: now }).where('id', '=', review.id).execute();
    await audit(trx, actor, 'loan_product.reject', id, { versionId: review.id, reason });
    await notifyOrg(trx, product.bank_org_id, {
      kind: 'loan_product.rejected',
      params: { productId: id, versionId: review.id },
      titleZh: `贷款产品未通过审核：${review.name}`,
      titleEn: `Loan product returned: ${review.name}`,
      bodyZh: `金融办退回了“${review.name}”第${review.version}版：${reason}`,
      bodyEn: `The finance office returned version ${review.version} of "${review.name}": ${reason}`,
      link: '/bank/products',
      dedupeKey: `loan-product-rejected:${review.id}`,
    }, { roles: ['bank_staff'] });
  });
  return getProduct(db, actor, id);
}

/** The bank takes its published version off the market (open applications continue). */
export async function withdrawProduct(db: Kysely<DB>, actor: Actor, id: number): Promise<ProductDetail> {
  await ownProduct(db, actor, id);
  await db.transaction().execute(async (trx) => {
    const live = await lockOpenVersion(trx, id, ['published']);
    if (!live) throw new AppError('conflict', 'The product has no published version');
    await trx.updateTable('loan_product_versions').set({ status: 'withdrawn', updated_at: new Date() }).where('id', '=', live.id).execute();
    await audit(trx, actor, 'loan_product.withdraw', id, { versionId: live.id });
  });
  return getProduct(db, actor, id);
}

/** Published versions with their product and bank (the marketplace and applications read these). */
export async function findPublishedVersions(db: Executor) {
  const rows = await db
    .selectFrom('loan_product_versions as v')
    .innerJoin('loan_products as p', 'p.id', 'v.product_id')
    .innerJoin('organizations as o', 'o.id', 'p.bank_org_id')
    .where('v.status', '=', 'published')
    .selectAll('v')
    .select(['p.code', 'p.bank_org_id', 'o.name as bank_name'])
    .orderBy('p.bank_org_id')
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({ ...r, target_rule: parseRule(r.target_rule) }));
}

/**
 * The 金融超市 of the actor's enterprise: every published product evaluated against its facts of today by
 * the rule engine, with the explanation clause by clause, and comparison data (an example payment, the best
 * rate and amount per product type). Matched (eligible) first, then unknown, then (on request) ineligible.
 */
export async function marketplace(db: Kysely<DB>, actor: Actor, query: MarketplaceQuery): Promise<Marketplace> {
  const enterpriseId = await requireOwnEnterpriseId(db, actor);
  const registry = await loadRuleRegistry(db);
  const facts = (await loadEnterpriseFacts(db, registry, [enterpriseId], ALL_FACTS, { includeInactive: true })).get(enterpriseId) ?? { attributes: {}, indicators: {} };
  const today = todayInCounty();
  const options = { evaluationDate: today, catalogue: registry.catalogue, params: parametersOf([]) };
  const open = await db.selectFrom('loan_applications').where('enterprise_id', '=', enterpriseId).where('status', 'in', ['submitted', 'in_review', 'approved', 'contracted']).select(['id', 'product_id']).execute();
  const openByProduct = new Map(open.map((o) => [o.product_id, o.id]));
  const items: MarketplaceItem[] = [];
  for (const v of await findPublishedVersions(db)) {
    if (query.productType && v.product_type !== query.productType) continue;
    if (query.tag && !v.tags.includes(query.tag)) continue;
    let outcome: MarketplaceItem['outcome'] = 'unknown';
    let explanation: { zh: string[]; en: string[] };
    try {
      const rule = v.target_rule as RuleNode;
      const result = evaluatePrepared(prepareRule(rule, options), facts);
      outcome = result.outcome;
      const lines = (locale: 'zh-CN' | 'en-US') => renderExplanation(rule, result, { catalogue: registry.catalogue, params: options.params, locale }).map((l) => `${'  '.repeat(l.depth)}${l.text}`);
      explanation = { zh: lines('zh-CN'), en: lines('en-US') };
    } catch {
      // A rule that no longer validates (an indicator removed since) decides nothing: unknown, with its text.
      const text = ruleText(v.target_rule, registry.catalogue);
      explanation = { zh: [text.zh], en: [text.en] };
    }
    if (outcome === 'ineligible' && !query.includeUnmatched) continue;
    const first = repaymentSchedule({ principalFen: v.amount_max_fen, rateBp: v.rate_min_bp, termMonths: v.term_max_months, method: v.repayment_methods[0], disbursedOn: today })[0];
    items.push({
      productId: v.product_id,
      versionId: v.id,
      code: v.code,
      bank: { id: v.bank_org_id, name: v.bank_name },
      name: v.name,
      productType: v.product_type,
      summary: v.summary,
      tags: v.tags,
      amountMinFen: v.amount_min_fen,
      amountMaxFen: v.amount_max_fen,
      rateMinBp: v.rate_min_bp,
      rateMaxBp: v.rate_max_bp,
      termMinMonths: v.term_min_months,
      termMaxMonths: v.term_max_months,
      repaymentMethods: v.repayment_methods,
      dataCategories: v.data_categories as MarketplaceItem['dataCategories'],
      outcome,
      explanation,
      exampleMonthlyPaymentFen: first.principalFen + first.interestFen,
      openApplicationId: openByProduct.get(v.product_id) ?? null,
    });
  }
  const rank = { eligible: 0, unknown: 1, ineligible: 2 } as const;
  items.sort((a, b) => rank[a.outcome] - rank[b.outcome] || a.rateMinBp - b.rateMinBp || b.amountMaxFen - a.amountMaxFen || a.productId - b.productId);
  const types = ['credit', 'collateral', 'guarantee', 'policy'] as const;
  const comparison = types.map((productType) => {
    const matched = items.filter((i) => i.productType === productType && i.outcome === 'eligible');
    return {
      productType,
      matched: matched.length,
      lowestRateBp: matched.length ? Math.min(...matched.map((i) => i.rateMinBp)) : null,
      highestAmountFen: matched.length ? Math.max(...matched.map((i) => i.amountMaxFen)) : null,
    };
  });
  return { enterpriseId, evaluationDate: today, items, comparison };
}
