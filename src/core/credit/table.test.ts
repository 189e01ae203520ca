import { describe, expect, it } from 'vitest';
import { encodeCategories, numericColumns, parseNumericCell, parseTargetCell, prepareCreditData } from './table.ts';

describe('parseNumericCell', () => {
  it.each([
    ['12', 12],
    [' -3.5 ', -3.5],
    ['1,234.5', 1234.5],
    ['1e3', 1000],
    ['.5', 0.5],
    ['+7', 7],
    ['', NaN],
    ['NA', NaN],
    ['n/a', NaN],
    ['NULL', NaN],
    ['#N/A', NaN],
    ['abc', NaN],
    ['12abc', NaN],
    ['1,23', NaN],
    ['.', NaN],
    ['-', NaN],
    [undefined, NaN],
  ])('%j → %f', (cell, value) => {
    expect(parseNumericCell(cell)).toBe(value);
  });

  it.each([
    ['1', 1],
    ['0', 0],
    ['1.0', 1],
    ['2', null],
    ['', null],
    ['yes', null],
  ])('target %j → %j', (cell, label) => {
    expect(parseTargetCell(cell)).toBe(label);
  });
});

describe('prepareCreditData', () => {
  const header = ['id', 'income', 'mixed', 'name', 'empty', 'bad'];
  const rows = [
    ['A1', '5000', '1', 'x', '', '0'],
    ['A2', '', 'oops', 'y', '', '1'],
    ['A3', 'bad cell', '3', 'z', '', '0'],
    ['A4', '7000', '4', 'w', '', ''],
    ['A5', '8000', '5', 'v', '', '2'],
    ['A6', '9000'], // a short row: the missing cells are missing values
  ];

  it('keeps rows with target 0/1, counts the others, turns non-numeric cells into missing values', () => {
    const data = prepareCreditData(header, rows, { target: 'bad', exclude: ['id', 'nope'] });
    expect(data.skippedRows).toBe(3);
    expect(Array.from(data.target)).toEqual([0, 1, 0]);
    expect(data.featureNames).toEqual(['income', 'mixed']);
    expect(Array.from(data.columns[0])).toEqual([5000, NaN, NaN]);
    expect(Array.from(data.columns[1])).toEqual([1, NaN, 3]);
    expect(data.rejectedColumns).toEqual([
      { name: 'nope', reason: 'excluded, but not in the file' },
      { name: 'id', reason: 'excluded' },
      { name: 'name', reason: 'not numeric' },
      { name: 'empty', reason: 'empty' },
    ]);
  });

  it('rejects a column whose filled cells are mostly text', () => {
    const data = prepareCreditData(['code', 'y'], [['1', '0'], ['B2', '1'], ['C3', '0'], ['D4', '1']], { target: 'y' });
    expect(data.featureNames).toEqual([]);
    expect(data.rejectedColumns[0].reason).toMatch(/mostly not numeric \(1 of 4/);
  });

  it('names the columns when the target is absent', () => {
    expect(() => prepareCreditData(header, rows, { target: 'default' })).toThrow(/no column "default".*income/);
  });

  it('an unnamed column (a pandas index) is called by its position', () => {
    const data = prepareCreditData(['', 'x', 'y'], [['0', '5', '1'], ['1', '6', '0']], { target: 'y', exclude: ['column 1'] });
    expect(data.featureNames).toEqual(['x']);
    expect(data.rejectedColumns).toEqual([{ name: 'column 1', reason: 'excluded' }]);
  });

  it('numericColumns gives null for a column the header lacks', () => {
    const columns = numericColumns(header, rows.slice(0, 2), ['income', 'absent']);
    expect(Array.from(columns.get('income')!)).toEqual([5000, NaN]);
    expect(columns.get('absent')).toBeNull();
  });
});

describe('categorical columns', () => {
  it('codes the categories by smoothed bad rate; IDs and free text stay out', () => {
    const cells: string[] = [];
    const target: number[] = [];
    // 'rent' 40% bad, 'own' 5% bad, 'free' 20% bad, 100 rows each; an ID column is unique per row
    for (const [category, bads] of [['rent', 40], ['own', 5], ['free', 20]] as const) {
      for (let i = 0; i < 100; i++) {
        cells.push(i % 10 === 0 ? ` ${category} ` : category);
        target.push(i < bads ? 1 : 0);
      }
    }
    expect(encodeCategories(cells, target)).toEqual({ own: 0, free: 1, rent: 2 });
    expect(encodeCategories(cells.map((_, i) => `ID${i}`), target)).toBeNull();
    expect(encodeCategories(cells.map(() => 'same'), target)).toBeNull();
    const header = ['housing', 'id', 'bad'];
    const rows = cells.map((cell, i) => [i === 5 ? 'NA' : cell, `ID${i}`, String(target[i])]);
    const data = prepareCreditData(header, rows, { target: 'bad' });
    expect(data.featureNames).toEqual(['housing']);
    expect(data.categories[0]).toEqual({ own: 0, free: 1, rent: 2 });
    expect(data.columns[0][0]).toBe(2);
    expect(data.columns[0][5]).toBeNaN();
    expect(data.rejectedColumns).toEqual([{ name: 'id', reason: 'not numeric' }]);
    // reading a new file with the encoding: unknown categories are missing
    const read = numericColumns(['housing'], [['own'], ['castle'], ['__proto__'], ['']], ['housing'], new Map([['housing', data.categories[0]!]]));
    expect(Array.from(read.get('housing')!)).toEqual([0, NaN, NaN, NaN]);
  });
});
