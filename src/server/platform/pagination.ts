import type { SelectQueryBuilder } from 'kysely';

/** A page as the API asks for it: 1-based page number and its size. */
export interface PageRequest {
  page: number;
  pageSize: number;
}

/** The page defaults of every list of the API (the schemas' PageQuery documents them). */
export const DEFAULT_PAGE_SIZE = 20;

/**
 * The page of a request's query, its optional `page` and `pageSize` given their defaults once here, not in
 * every route. `pageSize` may have a default of its own for lists whose rows are small (audit log, errors).
 */
export function pageOf(query: { page?: number; pageSize?: number }, defaultPageSize = DEFAULT_PAGE_SIZE): PageRequest {
  return { page: query.page ?? 1, pageSize: query.pageSize ?? defaultPageSize };
}

/**
 * Runs a list query as one page and counts all of its rows, both from the same filtered query: `select`
 * adds the columns and ordering of the page, the count uses the filters only.
 */
export async function findPage<DB, TB extends keyof DB, Row>(
  filtered: SelectQueryBuilder<DB, TB, object>,
  select: (query: SelectQueryBuilder<DB, TB, object>) => SelectQueryBuilder<DB, TB, Row>,
  { page, pageSize }: PageRequest,
): Promise<{ rows: Row[]; total: number }> {
  const [rows, count] = await Promise.all([
    select(filtered).limit(pageSize).offset((page - 1) * pageSize).execute(),
    filtered.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number((count as { total: number | string }).total) };
}
