import { describe, expect, it, vi } from 'vitest';
import { tablePagination } from './table-pagination.ts';

const tc = (key: string, { total }: { total: number }) => `${key}:${total}`;

describe('tablePagination', () => {
  it('keeps the page the reader picked while the page size stays', () => {
    const onChange = vi.fn();
    const config = tablePagination(tc, { page: 3, pageSize: 20, total: 95, pageSizes: [10, 20], onChange });
    config.onChange!(4, 20);
    expect(onChange).toHaveBeenCalledWith(4, 20);
  });

  it('goes back to the first page when the page size changes', () => {
    const onChange = vi.fn();
    const config = tablePagination(tc, { page: 3, pageSize: 20, total: 95, pageSizes: [10, 20], onChange });
    config.onChange!(3, 10);
    expect(onChange).toHaveBeenCalledWith(1, 10);
  });

  it('offers page sizes only when given, and counts 0 rows while the total is unknown', () => {
    const fixed = tablePagination(tc, { page: 1, pageSize: 20, total: undefined, onChange: () => {} });
    expect(fixed).toMatchObject({ showSizeChanger: false, total: 0 });
    expect(fixed.pageSizeOptions).toBeUndefined();
    const free = tablePagination(tc, { page: 1, pageSize: 20, total: 7, pageSizes: [20, 50], onChange: () => {} });
    expect(free).toMatchObject({ showSizeChanger: true, pageSizeOptions: [20, 50], total: 7 });
    expect(free.showTotal!(7, [1, 7])).toBe('table.total:7');
  });
});
