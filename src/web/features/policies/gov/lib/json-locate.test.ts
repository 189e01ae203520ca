import { describe, expect, it } from 'vitest';
import { lineColumnOf, locateJson, pointerInField, spanOfPointer } from './json-locate.ts';

const RULE = `{
  "all": [
    { "industry": { "divisionRanges": [["06", "46"]] } },
    {
      "left": { "fact": "main_revenue", "period": { "year": 2025 } },
      "op": ">=",
      "right": { "wan": 2000 }
    }
  ]
}`;

describe('locateJson', () => {
  it('parses like JSON.parse and finds every node by its pointer', () => {
    const located = locateJson(RULE);
    expect(located.ok).toBe(true);
    if (!located.ok) return;
    expect(located.value).toEqual(JSON.parse(RULE));
    expect(located.spans.get('')).toMatchObject({ line: 1, endLine: 10 });
    expect(located.spans.get('/all/0')).toMatchObject({ line: 3, endLine: 3 });
    expect(located.spans.get('/all/1')).toMatchObject({ line: 4, endLine: 8 });
    expect(located.spans.get('/all/1/left')).toMatchObject({ line: 5, endLine: 5 });
    expect(located.spans.get('/all/1/right/wan')).toMatchObject({ line: 7 });
    const span = located.spans.get('/all/1/op')!;
    expect(RULE.slice(span.start, span.end)).toBe('">="');
  });

  it.each([
    ['{"a": 1,}', 'unexpected_token', 1, 9],
    ['{"a": 1', 'unexpected_end', 1, 8],
    ['{\n  "a": tru\n}', 'unexpected_token', 2, 8],
    ['[1, 2] x', 'trailing_text', 1, 8],
    ['{"a": "x\ny"}', 'bad_string', 1, 9],
    ['{"a": 01}', 'bad_number', 1, 7],
    ['   ', 'empty', 1, 1],
    ["{'a': 1}", 'unexpected_token', 1, 2],
  ] as const)('reports %j as %s at line %i, column %i', (text, code, line, column) => {
    const located = locateJson(text);
    expect(located.ok).toBe(false);
    if (located.ok) return;
    expect(located.error).toMatchObject({ code, line, column });
  });

  it('reads escapes and keys that need escaping in pointers', () => {
    const located = locateJson('{"a/b": {"c~d": "\\u4e2d\\n"}}');
    expect(located.ok).toBe(true);
    if (!located.ok) return;
    expect(located.value).toEqual({ 'a/b': { 'c~d': '中\n' } });
    expect(located.spans.has('/a~1b/c~0d')).toBe(true);
  });

  it('agrees with JSON.parse on values of every kind', () => {
    const text = '[true, false, null, -1.5e3, 0, "", {}, []]';
    const located = locateJson(text);
    expect(located.ok && located.value).toEqual(JSON.parse(text));
  });
});

describe('spanOfPointer', () => {
  it('falls back to the nearest ancestor of a node that is not in the text', () => {
    const located = locateJson(RULE);
    if (!located.ok) throw new Error('parse');
    expect(spanOfPointer(located.spans, '/all/1/left')).toMatchObject({ exact: true, pointer: '/all/1/left' });
    expect(spanOfPointer(located.spans, '/all/0/industry/sections')).toMatchObject({ exact: false, pointer: '/all/0/industry' });
    expect(spanOfPointer(new Map(), '/x')).toBeNull();
  });
});

describe('pointerInField', () => {
  it('turns server problem paths into pointers of one field', () => {
    expect(pointerInField('body/rule/all/2/left', 'rule')).toBe('/all/2/left');
    expect(pointerInField('body/rule', 'rule')).toBe('');
    expect(pointerInField('/body/benefit/amount', 'benefit')).toBe('/amount');
    expect(pointerInField('body/rules/x', 'rule')).toBeNull();
    expect(pointerInField('body/benefit/amount', 'rule')).toBeNull();
  });
});

describe('lineColumnOf', () => {
  it('counts lines and columns from 1', () => {
    expect(lineColumnOf('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
