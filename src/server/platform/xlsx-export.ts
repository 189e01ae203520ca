/**
 * Streamed XLSX exports: the workbook is written row by row into the HTTP reply (exceljs's streaming
 * `WorkbookWriter`, no shared strings), and the rows come from the caller in keyset-paginated batches, so
 * a list of 100,000 rows keeps memory flat: one batch and the zip deflater's window at a time.
 *
 *   reply.header('content-type', XLSX_CONTENT_TYPE).header('content-disposition', attachmentDisposition('企业名录.xlsx'))
 *        .send(xlsxStream([sheet({ name: '企业', columns, rows: keysetBatches((after, limit) => page(after, limit), (r) => r.id) })]));
 */
import ExcelJS from 'exceljs';
import { PassThrough, type Readable } from 'node:stream';
import { once } from 'node:events';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type XlsxCell = string | number | boolean | Date | null | undefined;

export interface XlsxColumn<Row> {
  /** The header people read (Chinese). */
  header: string;
  value: (row: Row) => XlsxCell;
  width?: number;
  /** An Excel number format, e.g. '#,##0.00' for 元. */
  numFmt?: string;
}

export interface XlsxSheet<Row> {
  name: string;
  columns: readonly XlsxColumn<Row>[];
  /** Batches of rows, in order; an async generator reads the next batch only when the previous is written. */
  rows: AsyncIterable<readonly Row[]> | Iterable<readonly Row[]>;
  /** Lines above the header (a title, the filters), each a single cell. */
  caption?: readonly string[];
}

/** Integer fen as 元 for a spreadsheet cell (display only: the API and the database stay in fen). */
export const fenToYuanCell = (fen: number | null | undefined): number | null => (fen === null || fen === undefined ? null : fen / 100);

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266), so a Chinese file name survives. */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Reads rows in batches by a strictly increasing key: `fetch(after, limit)` returns the rows whose key is
 * after `after` (null: from the start), ordered by the key. Stops at a short batch.
 */
export async function* keysetBatches<Row, Key>(
  fetch: (after: Key | null, limit: number) => Promise<readonly Row[]>,
  keyOf: (row: Row) => Key,
  batchSize = 1000,
): AsyncGenerator<readonly Row[]> {
  let after: Key | null = null;
  for (;;) {
    const rows = await fetch(after, batchSize);
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    after = keyOf(rows[rows.length - 1]);
  }
}

async function writeWorkbook(out: PassThrough, sheets: readonly XlsxSheet<unknown>[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = '垫小二 · 企业服务云';
  workbook.created = new Date();
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name.slice(0, 31));
    ws.columns = sheet.columns.map((c, i) => ({ key: `c${i}`, width: c.width ?? Math.max(10, c.header.length * 2 + 2), style: c.numFmt ? { numFmt: c.numFmt } : {} }));
    for (const line of sheet.caption ?? []) ws.addRow([line]).commit();
    const header = ws.addRow(sheet.columns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    for await (const batch of sheet.rows) {
      for (const row of batch) ws.addRow(sheet.columns.map((c) => c.value(row) ?? null)).commit();
      // Let the reply drain before the next batch is read: memory stays at about one batch.
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    ws.commit();
  }
  await workbook.commit();
}

declare const erased: unique symbol;
/** A sheet whose row type has been checked against its columns (see `sheet`). */
export type Sheet = { readonly [erased]: true };

/** Checks the columns against the rows, then forgets the row type so sheets of different rows go together. */
export function sheet<Row>(definition: XlsxSheet<Row>): Sheet {
  return definition as unknown as Sheet;
}

/** The workbook as a readable stream for `reply.send`; an error while writing ends the stream with it. */
export function xlsxStream(sheets: readonly Sheet[]): Readable {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  writeWorkbook(out, sheets as unknown as readonly XlsxSheet<unknown>[]).catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
