/**
 * Row sources of the XLSX exports besides `keysetBatches` (platform/xlsx-export.ts):
 *
 * - `pagedBatches` walks a list's own page function (the service the list endpoint calls, so the same
 *   authorisation, filters, order and presentation), page after page until a short page. For the small
 *   lists only (products, programmes, pools, claims, accounts, organisations, imports, disputes, consents):
 *   offset pages cost more the further they go, so the long lists use keyset batches instead.
 */
export async function* pagedBatches<Row>(fetchPage: (page: number, pageSize: number) => Promise<{ items: readonly Row[] }>, pageSize = 500, firstPage = 1): AsyncGenerator<readonly Row[]> {
  for (let page = firstPage; ; page++) {
    const { items } = await fetchPage(page, pageSize);
    if (items.length > 0) yield items;
    if (items.length < pageSize) return;
  }
}

/**
 * `pagedBatches` whose first page is read now, before the workbook starts: the list function authorises on
 * that call, so a refused caller gets its 403/404 as a JSON error instead of a broken download.
 */
export async function pagedRows<Row>(fetchPage: (page: number, pageSize: number) => Promise<{ items: readonly Row[] }>, pageSize = 500): Promise<AsyncIterable<readonly Row[]>> {
  const first = await fetchPage(1, pageSize);
  return (async function* () {
    if (first.items.length > 0) yield first.items;
    if (first.items.length === pageSize) yield* pagedBatches(fetchPage, pageSize, 2);
  })();
}
