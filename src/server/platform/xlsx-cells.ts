/**
 * Cell helpers of the XLSX exports: a moment as the county reads it, and the 元 number format. The workbook
 * itself is xlsx-export.ts; the HTTP reply http/xlsx-reply.ts.
 */

/** Excel's format for 元 with two decimals and thousands separators (cells from fenToYuanCell). */
export const YUAN_FORMAT = '#,##0.00';

/** A moment as the county reads it: 'YYYY-MM-DD HH:mm' in Asia/Shanghai (UTC+8, no daylight saving). */
export function countyDateTimeCell(at: Date | string | null | undefined): string | null {
  if (at === null || at === undefined) return null;
  const time = at instanceof Date ? at.getTime() : Date.parse(at);
  return new Date(time + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
