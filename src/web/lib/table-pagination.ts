import type { TablePaginationConfig } from 'antd';

/** The page sizes a list offers when its reader may choose one. */
export const PAGE_SIZES = [10, 20, 50, 100];

interface TablePaginationOptions {
  page: number;
  pageSize: number;
  /** Rows in the whole list; unknown while it loads. */
  total: number | undefined;
  /** Offer these page sizes; without them the page size is fixed. */
  pageSizes?: number[];
  /** Called with the page to show: the first one when the size changed, as the old page number then means other rows. */
  onChange: (page: number, pageSize: number) => void;
}

/** The pagination of every list table: the total in the reader's language and a page size that resets to page 1. */
export function tablePagination(
  tc: (key: 'table.total', options: { total: number }) => string,
  { page, pageSize, total, pageSizes, onChange }: TablePaginationOptions,
): TablePaginationConfig {
  return {
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: pageSizes !== undefined,
    ...(pageSizes ? { pageSizeOptions: pageSizes } : {}),
    showTotal: (count) => tc('table.total', { total: count }),
    onChange: (next, size) => onChange(size === pageSize ? next : 1, size),
  };
}
