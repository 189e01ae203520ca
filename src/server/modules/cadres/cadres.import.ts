/**
 * The linking table of 千人联千企 as an import kind (`cadre_links`) of the imports machinery: CSV or XLSX,
 * chunks, row errors with reasons, counts and the report. Data administrators and the dispatch centre
 * import it. Columns (Chinese or English headers):
 *
 *   干部编号 (cadre id) or 干部姓名 (cadre name; with 干部单位 when the name is not unique) ·
 *   统一社会信用代码 (the enterprise) · 挂联日期 (optional, default today) · 调整原因 (optional)
 *
 * A row naming an unknown cadre or enterprise, an ambiguous name, a future date or a firm twice in the
 * file is an error row; nothing of it is applied. A row linking a firm to the cadre it has now counts as
 * unchanged; a firm with another cadre is reassigned (the old link closed on the new link's day with the
 * reason, '批量导入调整' when none is given) — the history keeps both.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import {
  addChunkCounts,
  cellAt,
  duplicateOf,
  enterpriseNotFound,
  findEnterpriseIdsByUscc,
  headerKey,
  ImportFileError,
  insertImportErrors,
  readUscc,
  registerImportKind,
  RowErrors,
  type CellProblem,
  type ChunkCounts,
  type ImportKindContext,
  type RowImporter,
  type SourceRow,
} from '../imports/index.ts';
import { recordAudits } from '../audit/index.ts';
import * as repo from './cadres.repository.ts';

type Field = 'cadreId' | 'cadreName' | 'cadreOrg' | 'uscc' | 'linkedOn' | 'reason';

const ALIASES: Record<Field, string[]> = {
  cadreId: ['干部编号', '干部ID', 'cadre id', 'cadre_id'],
  cadreName: ['干部姓名', '联系干部', '姓名', 'cadre name', 'cadre'],
  cadreOrg: ['干部单位', '所在单位', '单位', 'cadre unit', 'unit'],
  uscc: ['统一社会信用代码', '社会信用代码', '信用代码', 'uscc'],
  linkedOn: ['挂联日期', '联系日期', '开始日期', 'linked on', 'linked_on'],
  reason: ['调整原因', '原因', 'reason'],
};
const LABELS: Record<Field, [string, string]> = {
  cadreId: ['干部编号', 'the cadre id'],
  cadreName: ['干部姓名', 'the cadre name'],
  cadreOrg: ['干部单位', 'the cadre unit'],
  uscc: ['统一社会信用代码', 'the USCC'],
  linkedOn: ['挂联日期', 'the link date'],
  reason: ['调整原因', 'the reason'],
};
const DEFAULT_REASON = '批量导入调整';

function resolveLayout(header: readonly string[]): Map<Field, { index: number; header: string }> {
  const layout = new Map<Field, { index: number; header: string }>();
  header.forEach((cell, index) => {
    const key = headerKey(cell);
    for (const [field, aliases] of Object.entries(ALIASES) as [Field, string[]][]) {
      if (!layout.has(field) && aliases.some((alias) => headerKey(alias) === key)) layout.set(field, { index, header: cell.trim() });
    }
  });
  const absent: string[][] = [];
  if (!layout.has('uscc')) absent.push(['统一社会信用代码', 'the USCC']);
  if (!layout.has('cadreId') && !layout.has('cadreName')) absent.push(['干部姓名或干部编号', 'the cadre name or id']);
  if (absent.length > 0) {
    throw new ImportFileError(`挂联表缺少列：${absent.map((a) => a[0]).join('、')}`, `the linking table lacks the column(s): ${absent.map((a) => a[1]).join(', ')}`);
  }
  return layout;
}

class LinkRowImporter implements RowImporter {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly context: ImportKindContext,
    private readonly layout: Map<Field, { index: number; header: string }>,
  ) {}

  private text(row: SourceRow, field: Field): string {
    const column = this.layout.get(field);
    return column ? cellAt(row, column.index) : '';
  }

  async writeChunk(db: Kysely<DB>, rows: readonly SourceRow[]): Promise<ChunkCounts> {
    const today = todayInCounty();
    const usccs = rows.map((row) => readUscc(this.text(row, 'uscc'))).flatMap((u) => (u.ok ? [u.uscc] : []));
    const enterprises = await findEnterpriseIdsByUscc(db, usccs);
    const ids = rows.map((row) => Number(this.text(row, 'cadreId'))).filter((n) => Number.isInteger(n) && n > 0 && n < 2_147_483_647);
    const knownIds = await repo.findCadreIds(db, ids);
    const names = rows.map((row) => this.text(row, 'cadreName')).filter((n) => n !== '');
    const byName = new Map<string, { id: number; org_name: string }[]>();
    for (const c of await repo.findCadresByNames(db, names)) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);

    const errors = new RowErrors();
    const good: { rowNo: number; cadreId: number; enterpriseId: number; linkedOn: string; reason: string | null }[] = [];
    for (const row of rows) {
      const fail = (field: Field, problem: CellProblem) => errors.add(row.rowNo, this.layout.get(field)?.header ?? LABELS[field][0], problem, this.text(row, field));
      let cadreId: number | undefined;
      const idText = this.text(row, 'cadreId');
      const name = this.text(row, 'cadreName');
      if (idText !== '') {
        const id = Number(idText);
        if (!Number.isInteger(id) || !knownIds.has(id)) fail('cadreId', { code: 'cadre_not_found', zh: `干部编号“${idText}”不在干部名册中`, en: `cadre id "${idText}" is not on the cadre roster` });
        else cadreId = id;
      } else if (name !== '') {
        const org = this.text(row, 'cadreOrg');
        const candidates = (byName.get(name) ?? []).filter((c) => org === '' || c.org_name === org);
        if (candidates.length === 0) fail('cadreName', { code: 'cadre_not_found', zh: `干部“${name}”${org ? `（${org}）` : ''}不在干部名册中`, en: `cadre "${name}"${org ? ` (${org})` : ''} is not on the cadre roster` });
        else if (candidates.length > 1) fail('cadreName', { code: 'cadre_ambiguous', zh: `名册中有${candidates.length}名干部叫“${name}”，请填写干部单位或干部编号`, en: `${candidates.length} cadres are called "${name}": give the unit or the cadre id` });
        else cadreId = candidates[0].id;
      } else fail(this.layout.has('cadreName') ? 'cadreName' : 'cadreId', { code: 'missing_value', zh: '干部姓名和干部编号均为空', en: 'neither the cadre name nor the cadre id is given' });

      let enterpriseId: number | undefined;
      const uscc = readUscc(this.text(row, 'uscc'));
      if (!uscc.ok) fail('uscc', uscc.problem);
      else {
        enterpriseId = enterprises.get(uscc.uscc);
        if (enterpriseId === undefined) fail('uscc', enterpriseNotFound(uscc));
        else {
          const first = this.seen.get(uscc.uscc);
          if (first !== undefined) fail('uscc', duplicateOf(first, '统一社会信用代码', 'USCC'));
          else this.seen.set(uscc.uscc, row.rowNo);
        }
      }
      const dateText = this.text(row, 'linkedOn');
      const linkedOn = dateText === '' ? today : dateText.replace(/[/.]/g, '-').replace(/^(\d{4})-(\d)-/, '$1-0$2-').replace(/-(\d)$/, '-0$1');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(linkedOn) || Number.isNaN(Date.parse(`${linkedOn}T00:00:00Z`))) fail('linkedOn', { code: 'invalid_date', zh: `挂联日期“${dateText}”无法识别（如2026-12-07）`, en: `link date "${dateText}" is not a date (e.g. 2026-12-07)` });
      else if (linkedOn > today) fail('linkedOn', { code: 'future_date', zh: '挂联日期晚于今天', en: 'the link date is in the future' });
      const reason = this.text(row, 'reason');
      if (reason.length > 200) fail('reason', { code: 'text_too_long', zh: '调整原因过长（最多200字）', en: 'the reason is too long (at most 200 characters)' });
      if (errors.isBad(row.rowNo)) continue;
      good.push({ rowNo: row.rowNo, cadreId: cadreId!, enterpriseId: enterpriseId!, linkedOn, reason: reason || null });
    }

    return db.transaction().execute(async (trx) => {
      let inserted = 0;
      let updated = 0;
      let unchanged = 0;
      const audits = [];
      const lateErrors = new RowErrors();
      for (const item of good) {
        const current = await repo.lockCurrentLink(trx, item.enterpriseId);
        if (current && current.cadre_id === item.cadreId) {
          unchanged++;
          continue;
        }
        if (current && item.linkedOn < current.linked_on) {
          lateErrors.add(item.rowNo, this.layout.get('linkedOn')?.header ?? LABELS.linkedOn[0], { code: 'before_current_link', zh: `挂联日期早于现有挂联的开始日期（${current.linked_on}）`, en: `the link date is before the current link began (${current.linked_on})` }, item.linkedOn);
          continue;
        }
        if (current) {
          await repo.closeLink(trx, current.id, item.linkedOn, item.reason ?? DEFAULT_REASON);
          audits.push({ action: 'cadre.unlink' as const, targetType: 'enterprise', targetId: item.enterpriseId, details: { linkId: current.id, cadreId: current.cadre_id, unlinkedOn: item.linkedOn, batchId: this.context.batchId } });
        }
        const linkId = await repo.insertLink(trx, { cadre_id: item.cadreId, enterprise_id: item.enterpriseId, linked_on: item.linkedOn, unlinked_on: null, created_by: this.context.createdBy });
        audits.push({ action: 'cadre.link' as const, targetType: 'enterprise', targetId: item.enterpriseId, details: { linkId, cadreId: item.cadreId, linkedOn: item.linkedOn, previousCadreId: current?.cadre_id ?? null, batchId: this.context.batchId } });
        if (current) updated++;
        else inserted++;
      }
      if (audits.length > 0) {
        await recordAudits(trx, audits.map((a) => ({ actorUserId: this.context.createdBy, actorUsername: null, actorOrgId: null, requestId: null, ip: null, ...a })));
      }
      await insertImportErrors(trx, this.context.batchId, [...errors.rows, ...lateErrors.rows]);
      const counts = { processed: rows.length, inserted, updated, unchanged, errors: errors.badRows.size + lateErrors.badRows.size };
      await addChunkCounts(trx, this.context.batchId, counts);
      return counts;
    });
  }

  async changedEnterprises(): Promise<number[]> {
    return [];
  }
}

/** Registers `cadre_links` with the imports machinery (from the cadres plugin). */
export function registerLinkImport(): void {
  registerImportKind({
    kind: 'cadre_links',
    roles: ['dispatcher'],
    defaultSource: 'cadre_links',
    async createImporter(_db, header, context) {
      return new LinkRowImporter(context, resolveLayout(header));
    },
  });
}
