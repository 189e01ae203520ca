import { describe, expect, it } from 'vitest';
import { numericColumns, parseNumericCell, parseTargetCell, prepareCreditData } from './table.ts';

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
