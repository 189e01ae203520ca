import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv.ts';

describe('csv', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    [42, '42'],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    [{ a: 1 }, '"{""a"":1}"'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['-1', "'-1"],
  ])('%j → %s', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('starts with a BOM and ends lines with CRLF', () => {
    expect(toCsv(['时间', 'action'], [['2025-01-01', 'auth.login']])).toBe('\uFEFF时间,action\r\n2025-01-01,auth.login\r\n');
  });
});
