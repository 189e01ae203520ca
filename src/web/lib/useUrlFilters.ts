import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useDebouncedValue } from './useDebouncedValue.ts';

export type FilterPatch<K extends string = string> = Partial<Record<K | 'page' | 'pageSize', string | undefined>>;

export interface UrlFilters<K extends string> {
  searchParams: URLSearchParams;
  /** The page shown, from 1 (a missing or malformed `page` is the first). */
  page: number;
  /** Sets the given keys (empty or undefined removes one); any change but of the page starts again from page 1. */
  update(patch: FilterPatch<K>): void;
  /** Removes every filter. */
  clear(): void;
}

/** `previous` with `patch` applied: empty or undefined removes a key, and any change but of the page drops the page. */
export function withFilters(previous: URLSearchParams, patch: FilterPatch): URLSearchParams {
  const next = new URLSearchParams(previous);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, value);
  }
  if (!('page' in patch)) next.delete('page');
  return next;
}

/**
 * A list's filters and page, kept in the URL: a search can be bookmarked, and Back from a detail page returns
 * to it. Changes replace the history entry, so Back leaves the list instead of undoing filters one by one.
 */
export function useUrlFilters<K extends string = string>(): UrlFilters<K> {
  const [searchParams, setSearchParams] = useSearchParams();
  const update = (patch: FilterPatch<K>) => setSearchParams((previous) => withFilters(previous, patch), { replace: true });
  const clear = () => setSearchParams(new URLSearchParams(), { replace: true });
  const page = Math.max(1, Number(searchParams.get('page')) || 1);
  return { searchParams, page, update, clear };
}

/** The list's search box: the text as typed, written to the URL's `q` once typing pauses. */
export function useUrlSearchText({ searchParams, update }: UrlFilters<string>): [string, (text: string) => void] {
  const [text, setText] = useState(searchParams.get('q') ?? '');
  const typed = useDebouncedValue(text.trim(), 350);
  useEffect(() => {
    if ((searchParams.get('q') ?? '') !== typed) update({ q: typed || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a pause in typing writes the URL
  }, [typed]);
  return [text, setText];
}
