/**
 * 12345 hotline work orders (工单) as an import kind of the imports machinery: CSV or XLSX, chunks, row
 * errors with reasons, counts and the report as for every import; dispatchers (and data administrators)
 * import them. Columns (Chinese or English headers; the first two and the text are required):
 *
 *   工单编号 (order no.) · 统一社会信用代码 · 标题 · 诉求内容 · 诉求类别 (name or code, optional) ·
 *   紧急程度 (一般/紧急/特急, optional) · 联系人 · 联系电话 · 来电时间 (optional, kept as the filing time)
 *
 * A work order already imported (same number) counts as unchanged, so importing a file again adds nothing.
 * New demands enter the dispatcher's queue as submitted with channel `hotline`; their routing suggestions
 * are computed by a job after each chunk (the import does not wait for them).
 */
import type { Kysely } from 'kysely';
import type { DB, DemandUrgency } from '../../db/schema.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import type { JobHandler } from '../../jobs/worker.ts';
import {
  addChunkCounts,
  cellAt,
  duplicateOf,
  enterpriseNotFound,
  findEnterpriseIdsByUscc,
  headerKey,
  ImportFileError,
  insertImportErrors,
  missing,
  readUscc,
  registerImportKind,
  RowErrors,
  type CellProblem,
  type ChunkCounts,
  type ImportKindContext,
  type RowImporter,
  type SourceRow,
} from '../imports/index.ts';
import * as repo from './demands.repository.ts';
import { computeSuggestion } from './demands.router.ts';

export const SUGGEST_JOB = 'demands.suggest';

type Field = 'ref' | 'uscc' | 'title' | 'description' | 'category' | 'urgency' | 'contactName' | 'contactPhone' | 'receivedAt';

const ALIASES: Record<Field, string[]> = {
  ref: ['工单编号', '工单号', '编号', 'order no', 'order_no', 'work order', 'ref'],
  uscc: ['统一社会信用代码', '社会信用代码', '信用代码', 'uscc'],
  title: ['标题', '诉求标题', '工单标题', 'title', 'subject'],
  description: ['诉求内容', '内容', '来电内容', '问题描述', 'description', 'content'],
  category: ['诉求类别', '类别', '分类', 'category'],
  urgency: ['紧急程度', '缓急程度', 'urgency'],
  contactName: ['联系人', '来电人', 'contact', 'contact name'],
  contactPhone: ['联系电话', '来电号码', '电话', 'phone'],
  receivedAt: ['来电时间', '受理时间', '登记时间', 'received at', 'received'],
};
const REQUIRED: readonly Field[] = ['ref', 'uscc', 'title', 'description'];
const LABELS: Record<Field, [string, string]> = {
  ref: ['工单编号', 'the order number'],
  uscc: ['统一社会信用代码', 'the USCC'],
  title: ['标题', 'the title'],
  description: ['诉求内容', 'the description'],
  category: ['诉求类别', 'the category'],
  urgency: ['紧急程度', 'the urgency'],
  contactName: ['联系人', 'the contact'],
  contactPhone: ['联系电话', 'the phone'],
  receivedAt: ['来电时间', 'the call time'],
};

const URGENCY: Record<string, DemandUrgency> = { 一般: 'normal', 普通: 'normal', normal: 'normal', 紧急: 'urgent', urgent: 'urgent', 特急: 'critical', 特别紧急: 'critical', critical: 'critical' };

function resolveLayout(header: readonly string[]): Map<Field, { index: number; header: string }> {
  const layout = new Map<Field, { index: number; header: string }>();
  header.forEach((cell, index) => {
    const key = headerKey(cell);
    for (const [field, aliases] of Object.entries(ALIASES) as [Field, string[]][]) {
      if (!layout.has(field) && aliases.some((alias) => headerKey(alias) === key)) layout.set(field, { index, header: cell.trim() });
    }
  });
  const absent = REQUIRED.filter((field) => !layout.has(field));
  if (absent.length > 0) {
    throw new ImportFileError(
      `12345工单文件缺少列：${absent.map((f) => LABELS[f][0]).join('、')}`,
      `the 12345 work-order file lacks the column(s): ${absent.map((f) => LABELS[f][1]).join(', ')}`,
    );
  }
  return layout;
}

class HotlineRowImporter implements RowImporter {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly context: ImportKindContext,
    private readonly layout: Map<Field, { index: number; header: string }>,
    private readonly categories: Map<string, string>,
  ) {}

  private text(row: SourceRow, field: Field): string {
    const column = this.layout.get(field);
    return column ? cellAt(row, column.index) : '';
  }

  async writeChunk(db: Kysely<DB>, rows: readonly SourceRow[]): Promise<ChunkCounts> {
    const usccs = rows.map((row) => readUscc(this.text(row, 'uscc'))).flatMap((u) => (u.ok ? [u.uscc] : []));
    const enterprises = await findEnterpriseIdsByUscc(db, usccs);
    const refs = rows.map((row) => this.text(row, 'ref')).filter((r) => r !== '');
    const existing = new Set(
      refs.length ? (await db.selectFrom('demands').where('channel', '=', 'hotline').where('external_ref', 'in', refs).select('external_ref').execute()).map((r) => r.external_ref!) : [],
    );
    const errors = new RowErrors();
    const fresh: Parameters<typeof repo.insertDemand>[1][] = [];
    let unchanged = 0;
    for (const row of rows) {
      const fail = (field: Field, problem: CellProblem) => errors.add(row.rowNo, this.layout.get(field)?.header ?? LABELS[field][0], problem, this.text(row, field));
      for (const field of REQUIRED) if (this.text(row, field) === '') fail(field, missing(LABELS[field][0], LABELS[field][1]));
      const ref = this.text(row, 'ref');
      if (ref.length > 64) fail('ref', { code: 'text_too_long', zh: '工单编号过长（最多64字）', en: 'the order number is too long (at most 64 characters)' });
      const uscc = readUscc(this.text(row, 'uscc'));
      let enterpriseId: number | undefined;
      if (this.text(row, 'uscc') !== '') {
        if (!uscc.ok) fail('uscc', uscc.problem);
        else {
          enterpriseId = enterprises.get(uscc.uscc);
          if (enterpriseId === undefined) fail('uscc', enterpriseNotFound(uscc));
        }
      }
      const title = this.text(row, 'title');
      if (title.length > 200) fail('title', { code: 'text_too_long', zh: '标题过长（最多200字）', en: 'the title is too long (at most 200 characters)' });
      const description = this.text(row, 'description');
      if (description.length > 5000) fail('description', { code: 'text_too_long', zh: '诉求内容过长（最多5000字）', en: 'the description is too long (at most 5000 characters)' });
      const categoryText = this.text(row, 'category');
      const category = categoryText === '' ? null : (this.categories.get(headerKey(categoryText)) ?? null);
      if (categoryText !== '' && category === null) fail('category', { code: 'unknown_category', zh: `诉求类别“${categoryText}”无法识别`, en: `category "${categoryText}" is not a demand category` });
      const urgencyText = this.text(row, 'urgency');
      const urgency = urgencyText === '' ? 'normal' : URGENCY[urgencyText.toLowerCase()];
      if (!urgency) fail('urgency', { code: 'invalid_value', zh: `紧急程度“${urgencyText}”无法识别（一般、紧急、特急）`, en: `urgency "${urgencyText}" is not recognised (normal, urgent, critical)` });
      const receivedText = this.text(row, 'receivedAt');
      const receivedAt = receivedText === '' ? null : new Date(receivedText.replace(' ', 'T') + (/[zZ]|[+-]\d\d:?\d\d$/.test(receivedText) ? '' : '+08:00'));
      if (receivedAt && Number.isNaN(receivedAt.getTime())) fail('receivedAt', { code: 'invalid_date', zh: `来电时间“${receivedText}”无法识别（如2026-12-07 09:30）`, en: `call time "${receivedText}" is not a date-time (e.g. 2026-12-07 09:30)` });
      if (ref !== '') {
        const first = this.seen.get(ref);
        if (first !== undefined) fail('ref', duplicateOf(first, '工单编号', 'order number'));
        else this.seen.set(ref, row.rowNo);
      }
      if (errors.isBad(row.rowNo)) continue;
      if (existing.has(ref)) {
        unchanged++;
        continue;
      }
      const phone = this.text(row, 'contactPhone');
      fresh.push({
        enterprise_id: enterpriseId!,
        title,
        description,
        declared_category_code: category,
        category_code: null,
        urgency: urgency!,
        contact_name: this.text(row, 'contactName').slice(0, 50) || null,
        contact_phone: phone.slice(0, 20) || null,
        channel: 'hotline',
        external_ref: ref,
        submitted_by: this.context.createdBy,
        on_behalf_cadre_id: null,
        dispatch_mode: null,
        handler_org_id: null,
        handler_user_id: null,
        leader_cadre_id: null,
        service_id: null,
        offer_org_ids: null,
        suggestion: null,
        ...(receivedAt ? { created_at: receivedAt } : {}),
      });
    }
    return db.transaction().execute(async (trx) => {
      let inserted: { id: number }[] = [];
      if (fresh.length > 0) {
        // A concurrent import of the same orders loses cleanly: the unique (channel, external_ref) index.
        inserted = await trx.insertInto('demands').values(fresh).onConflict((oc) => oc.columns(['channel', 'external_ref']).where('external_ref', 'is not', null).doNothing()).returning('id').execute();
        if (inserted.length > 0) {
          await trx
            .insertInto('demand_events')
            .values(inserted.map(({ id }) => ({ demand_id: id, actor_user_id: this.context.createdBy, action: 'submit', from_state: null, to_state: 'submitted', reason: null, details: JSON.stringify({ channel: 'hotline', batchId: this.context.batchId }) })))
            .execute();
          await enqueueJob(trx, SUGGEST_JOB, { demandIds: inserted.map((r) => r.id) }, { dedupeKey: `${SUGGEST_JOB}:batch:${this.context.batchId}:${inserted[0].id}` });
        }
      }
      await insertImportErrors(trx, this.context.batchId, errors.rows);
      const counts = { processed: rows.length, inserted: inserted.length, updated: 0, unchanged: unchanged + fresh.length - inserted.length, errors: errors.badRows.size };
      await addChunkCounts(trx, this.context.batchId, counts);
      return counts;
    });
  }

  async changedEnterprises(): Promise<number[]> {
    return [];
  }
}

/** Registers `demands_12345` with the imports machinery (from the demands plugin). */
export function registerDemandImport(): void {
  registerImportKind({
    kind: 'demands_12345',
    roles: ['dispatcher'],
    defaultSource: 'hotline_12345',
    async createImporter(db, header, context) {
      const categories = await repo.findCategories(db);
      const byName = new Map<string, string>();
      for (const c of categories) for (const name of [c.code, c.name_zh, c.name_en]) byName.set(headerKey(name), c.code);
      return new HotlineRowImporter(context, resolveLayout(header), byName);
    },
  });
}

/** Computes the routing suggestions of imported demands that have none yet (idempotent). */
export const suggestJobHandler: JobHandler = async (payload, { db }) => {
  const ids = Array.isArray(payload.demandIds) ? payload.demandIds.filter((id): id is number => typeof id === 'number') : [];
  if (ids.length === 0) return { suggested: 0 };
  const rows = await db
    .selectFrom('demands')
    .innerJoin('enterprises', 'enterprises.id', 'demands.enterprise_id')
    .where('demands.id', 'in', ids)
    .where('demands.suggestion', 'is', null)
    .select(['demands.id', 'demands.title', 'demands.description', 'demands.declared_category_code', 'enterprises.town_code'])
    .execute();
  for (const row of rows) {
    const suggestion = await computeSuggestion(db, { title: row.title, description: row.description, declaredCategoryCode: row.declared_category_code, enterpriseTownCode: row.town_code, onBehalfCadreId: null, excludeId: row.id });
    await db.updateTable('demands').set({ suggestion: JSON.stringify(suggestion) }).where('id', '=', row.id).where('suggestion', 'is', null).execute();
  }
  return { suggested: rows.length };
};
