import { describe, expect, it } from 'vitest';
import { withFilters } from './useUrlFilters.ts';

const params = (text: string) => new URLSearchParams(text);

describe('withFilters', () => {
  it('sets a filter and starts again from page 1, keeping the other filters', () => {
    expect(withFilters(params('status=published&page=3'), { q: '研发' }).toString()).toBe(params('status=published&q=研发').toString());
  });

  it('removes a filter given as empty or undefined', () => {
    expect(withFilters(params('status=published&q=x'), { status: undefined, q: '' }).toString()).toBe('');
  });

  it('turns the page without touching the filters', () => {
    expect(withFilters(params('status=published&page=3'), { page: '4' }).toString()).toBe('status=published&page=4');
  });
});
