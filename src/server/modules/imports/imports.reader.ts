import fs from 'node:fs';
import readline from 'node:readline';
import { Transform } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import { excelNumberText } from './imports.values.ts';

/**
 * Streaming readers of import files: CSV (UTF-8 with or without BOM, or GB18030/GBK as Excel in China
 * saves it), XLSX (first worksheet) and the JSON lines a JSON push is stored as. A reader yields one row at
 * a time with the row number the user sees (Excel's row number; a JSON push's 1-based item number), so a
 * 100,000-row file never sits in memory as parsed rows.
 */

export type ImportFileFormat = 'csv' | 'xlsx' | 'jsonl';

export interface SourceRow {
  /** The row number as the user sees it: in a spreadsheet the header is row 1; in a JSON push items count from 1. */
  rowNo: number;
  /** Cell texts, trimmed; '' for an empty cell. */
  cells: string[];
}

/** The fields of a JSON push item, in the column order its rows are read in. */
export const JSON_PUSH_FIELDS = ['uscc', 'code', 'period', 'value', 'asOf'] as const;

/** The format of a stored file, from its extension. */
export function formatOfPath(filePath: string): ImportFileFormat {
  const ext = filePath.slice(filePath.lastIndexOf('.') + 1).toLowerCase();
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'jsonl') return 'jsonl';
  return 'csv';
}

/**
 * Whether the file is valid UTF-8. Excel in China saves "CSV" in the ANSI code page (GBK, a subset of
 * GB18030); such bytes are almost never valid UTF-8, so a failed strict decode is a reliable signal.
 */
export async function detectCsvEncoding(filePath: string): Promise<'utf-8' | 'gb18030'> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1 << 20 })) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** Decodes a byte stream to text; the UTF-8 decoder drops a BOM. */
function decoderStream(encoding: 'utf-8' | 'gb18030'): Transform {
  const decoder = new TextDecoder(encoding);
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, decoder.decode(chunk, { stream: true }));
    },
    flush(callback) {
      const rest = decoder.decode();
      callback(null, rest || undefined);
    },
  });
}

async function* readCsv(filePath: string, encoding?: 'utf-8' | 'gb18030'): AsyncGenerator<SourceRow> {
  encoding ??= await detectCsvEncoding(filePath);
  const parser = fs
    .createReadStream(filePath, { highWaterMark: 256 * 1024 })
    .pipe(decoderStream(encoding))
    // Empty lines are kept (and skipped below) so that row numbers stay those Excel shows.
    .pipe(parseCsv({ relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: true }));
  let rowNo = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    rowNo++;
    yield { rowNo, cells: record };
  }
}

type CellValue = ExcelJS.CellValue;

/** A spreadsheet cell as text: numbers as Excel displays them, dates as 'YYYY-MM-DD'. */
export function xlsxCellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return excelNumberText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    // exceljs builds dates at UTC midnight from the serial number; the calendar day is in UTC.
    return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('').trim();
    if ('result' in value) return xlsxCellText((value.result ?? null) as CellValue);
    if ('formula' in value || 'sharedFormula' in value) return '';
    if ('text' in value) return xlsxCellText(value.text as CellValue);
    if ('error' in value) return String(value.error);
  }
  return String(value).trim();
}

async function* readXlsx(filePath: string): AsyncGenerator<SourceRow> {
  // Styles are read so that date-formatted cells come as dates, not as serial numbers.
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(filePath, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  for await (const worksheet of workbook) {
    for await (const row of worksheet) {
      const values = row.values as CellValue[];
      const cells: string[] = [];
      // row.values is 1-based and sparse: index 0 is unused, empty cells are holes.
      for (let col = 1; col < values.length; col++) cells.push(xlsxCellText(values[col]));
      yield { rowNo: row.number, cells };
    }
    // Only the first worksheet is imported; further sheets (notes, lookups) are ignored.
    break;
  }
}

async function* readJsonLines(filePath: string): AsyncGenerator<SourceRow> {
  yield { rowNo: 0, cells: [...JSON_PUSH_FIELDS] };
  const lines = readline.createInterface({ input: fs.createReadStream(filePath, { encoding: 'utf8' }), crlfDelay: Infinity });
  let rowNo = 0;
  for await (const line of lines) {
    if (line === '') continue;
    rowNo++;
    const item = JSON.parse(line) as Record<string, unknown>;
    yield { rowNo, cells: JSON_PUSH_FIELDS.map((field) => (item[field] === null || item[field] === undefined ? '' : String(item[field]).trim())) };
  }
}

export interface ReadOptions {
  format?: ImportFileFormat;
  /** Of a CSV, when already detected (a file is read twice: once to count, once to import). */
  encoding?: 'utf-8' | 'gb18030';
}

/** Streams the rows of a stored import file, header row included. */
export function readRows(filePath: string, options: ReadOptions = {}): AsyncGenerator<SourceRow> {
  const format = options.format ?? formatOfPath(filePath);
  if (format === 'xlsx') return readXlsx(filePath);
  if (format === 'jsonl') return readJsonLines(filePath);
  return readCsv(filePath, options.encoding);
}

/** Whether every cell of a row is empty (such rows are skipped, but keep their row number). */
export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell === '');
}
