import { describe, expect, it } from 'vitest';
import { knownOfSnapshot } from './snapshot.ts';

describe('knownOfSnapshot', () => {
  it('reads the stored profile facts and skips malformed entries', () => {
    expect(
      knownOfSnapshot([
        { key: 'fact_main_revenue_2025', labelZh: '主营业务收入（2025）', labelEn: 'Main-business revenue (2025)', value: 2_350_000_000, period: '2025', source: 'statistics', unit: 'fen' },
        { key: 'uscc', labelZh: '统一社会信用代码', value: '91500231MA5UH8T293', period: null, source: 'registry', unit: null },
        null,
        { labelZh: 'no key' },
      ]),
    ).toEqual([
      { key: 'fact_main_revenue_2025', labelZh: '主营业务收入（2025）', labelEn: 'Main-business revenue (2025)', value: 2_350_000_000, period: '2025', source: { code: 'statistics' }, unit: 'fen' },
      { key: 'uscc', labelZh: '统一社会信用代码', labelEn: '统一社会信用代码', value: '91500231MA5UH8T293', period: null, source: { code: 'registry' }, unit: null },
    ]);
    expect(knownOfSnapshot(undefined)).toEqual([]);
  });
});
