import type { Executor } from '../../db/database.ts';
import { SOURCE_NAMES, type Source } from '../../../core/profile/indicators.ts';
import * as repo from './imports.repository.ts';

/**
 * The error report of an import as a CSV that Excel opens correctly: UTF-8 with a BOM (without it Excel
 * in China reads GBK and garbles Chinese), CRLF line ends, a summary block, then one line per bad cell.
 */

const ERRORS_PER_QUERY = 5_000;

const KIND_NAMES: Record<string, string> = { indicators: '指标数据 indicators', enterprises: '企业名录 enterprises', certifications: '资质认定 certifications' };
const STATUS_NAMES: Record<string, string> = { queued: '排队中 queued', running: '处理中 running', completed: '已完成 completed', failed: '失败 failed' };

const PLAIN_NUMBER = /^[+-]?\d[\d,]*(\.\d+)?$/;

/**
 * One CSV field. Text from the file that starts like a formula (=, +, -, @) gets a leading apostrophe, so
 * opening the report never runs a formula someone put in an upload (CSV injection); plain numbers stay.
 */
export function csvField(value: string | number | null | undefined, isUserText = false): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (isUserText && /^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (...fields: string[]) => `${fields.join(',')}\r\n`;

/** Streams the report of a batch, line by line, reading the errors in keyset pages. */
export async function* importReportLines(db: Executor, batch: repo.BatchRow): AsyncGenerator<string> {
  const source = SOURCE_NAMES[batch.source as Source];
  yield '\uFEFF';
  yield line('导入报告 Import report', csvField(`#${batch.id}`));
  yield line('类型 Kind', csvField(KIND_NAMES[batch.kind] ?? batch.kind));
  yield line('来源 Source', csvField(source ? `${source.zh} ${batch.source}` : batch.source));
  yield line('文件 File', csvField(batch.file_name ?? 'JSON', true));
  yield line('SHA-256', csvField(batch.file_sha256));
  yield line('状态 Status', csvField(STATUS_NAMES[batch.status] ?? batch.status));
  yield line('提交人 Submitted by', csvField(batch.created_by_username ?? 'cli', true));
  yield line('提交时间 Submitted at', csvField(batch.created_at.toISOString()));
  yield line('完成时间 Finished at', csvField(batch.finished_at?.toISOString() ?? ''));
  yield line('数据行 Rows', csvField(batch.processed_rows));
  yield line('新增 Inserted', csvField(batch.inserted_rows));
  yield line('更新 Updated', csvField(batch.updated_rows));
  yield line('未变 Unchanged', csvField(batch.unchanged_rows));
  yield line('错误行 Rows with errors', csvField(batch.error_rows));
  if (batch.message) yield line('说明 Message', csvField(batch.message));
  yield '\r\n';
  yield line('行号 row', '列 column', '原因 reason', '值 value', '原因（英文） reason (English)', '代码 code');
  let after: { rowNo: number; column: string } | null = null;
  while (true) {
    const rows = await repo.findImportErrorsAfter(db, batch.id, after, ERRORS_PER_QUERY);
    let text = '';
    for (const row of rows) {
      text += line(csvField(row.row_no), csvField(row.column_name, true), csvField(row.reason), csvField(row.value, true), csvField(row.reason_en), csvField(row.code));
    }
    if (text) yield text;
    if (rows.length < ERRORS_PER_QUERY) return;
    const last = rows[rows.length - 1];
    after = { rowNo: last.row_no, column: last.column_name };
  }
}
