// The command line of the scorecard, run in this process on temporary CSV files (under os.tmpdir(), which is
// why it sits in src/cli: src/core may not import Node built-ins, not even in a test).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSyntheticCreditBook } from '../core/credit/synthetic.ts';
import { Prng } from '../core/random/prng.ts';
import { runScorecardCommand } from './scorecard-command.ts';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-cli-'));
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

/** Writes a CSV as Excel does: BOM, CRLF, quotes around cells with commas, quotes or line breaks. */
function writeCsv(name: string, header: readonly string[], rows: readonly (readonly string[])[]): string {
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  const file = path.join(directory, name);
  fs.writeFileSync(file, `\ufeff${[header, ...rows].map((row) => row.map(quote).join(',')).join('\r\n')}\r\n`);
  return file;
}

function run(args: string[]): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = runScorecardCommand(args, { log: (line) => lines.push(line) });
  return { code, lines };
}

describe('scorecard train and evaluate', () => {
  const book = generateSyntheticCreditBook(6_000, 21);
  // Spreadsheet awkwardness: a quoted note with a comma and a line break, thousands separators, text in a
  // numeric column, and rows whose target is not 0/1.
  const header = [...book.header, 'note'];
  const rows = book.rows.map((row, i) => {
    const copy = [...row, i % 50 === 0 ? 'called, no answer\nretry' : ''];
    if (i % 97 === 0) copy[2] = '#VALUE!';
    else if (i % 7 === 0 && copy[2] !== '' && copy[2] !== 'NA') copy[2] = Number(copy[2]).toLocaleString('en-US');
    return copy;
  });
  rows.push([...rows[0].slice(0, -2), '', ''], [...rows[1].slice(0, -2), 'unknown', '']);
  const trainFile = writeCsv('train.csv', header, rows);
  const modelFile = path.join(directory, 'out', 'model.json');

  it('train prints the features with IV, the hold-out metrics and where the model went', () => {
    const { code, lines } = run(['train', '--csv', trainFile, '--target', 'default_flag', '--exclude', 'id', '--out', modelFile]);
    const text = lines.join('\n');
    expect(code).toBe(0);
    expect(text).toMatch(/6,002 rows, 6,000 with target default_flag 0\/1 .*; 2 skipped/);
    expect(text).toMatch(/column region: categorical \(4 categories, ranked by bad rate\)/);
    expect(text).toMatch(/column note: not a candidate/);
    expect(text).toMatch(/late_30_59\s+IV 0\.\d{4}/);
    expect(text).toMatch(/constant\s+IV 0\.0000\s+low-iv/);
    expect(text).toMatch(/hold-out: n=1,800 .*AUC 0\.\d{4}/);
    expect(lines.at(-1)).toContain(`written to ${modelFile}`);
    const model = JSON.parse(fs.readFileSync(modelFile, 'utf8')) as { format: string; features: { name: string }[] };
    expect(model.format).toBe('dianxiaoer.scorecard');
    expect(model.features.map((f) => f.name)).toContain('monthly_income');
  });

  it('evaluate ends with exactly one JSON object {n, auc, ks, gini}', () => {
    const fresh = generateSyntheticCreditBook(3_000, 22);
    const evalFile = writeCsv('eval.csv', fresh.header, fresh.rows);
    const { code, lines } = run(['evaluate', '--model', modelFile, '--csv', evalFile, '--target', 'default_flag']);
    expect(code).toBe(0);
    const last = JSON.parse(lines.at(-1)!) as Record<string, number>;
    expect(Object.keys(last)).toEqual(['n', 'auc', 'ks', 'gini']);
    expect(last.n).toBe(3_000);
    expect(last.auc).toBeGreaterThan(0.7);
    expect(last.gini).toBeCloseTo(2 * last.auc - 1, 5);
    expect(lines.slice(0, -1).some((line) => line.trim().startsWith('{'))).toBe(false);
    expect(lines.join('\n')).toMatch(/score PSI against training 0\.\d{4} \(stable\)/);
  });

  it('evaluate on a file that lacks a model column scores its missing bin and says so', () => {
    const fresh = generateSyntheticCreditBook(2_000, 23);
    const keep = fresh.header.map((name, i) => [name, i] as const).filter(([name]) => name !== 'age');
    const evalFile = writeCsv('no-age.csv', keep.map(([name]) => name), fresh.rows.map((row) => keep.map(([, i]) => row[i])));
    const { code, lines } = run(['evaluate', '--model', modelFile, '--csv', evalFile, '--target', 'default_flag']);
    expect(code).toBe(0);
    expect(lines.join('\n')).toMatch(/column age is absent/);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ n: 2_000 });
  });

  it.each([
    ['a single class', 'single.csv', [['1', '0'], ['2', '0'], ['3', '0']], /1 bad \(1\) and 0 good|0 bad \(1\) and 3 good \(0\)/],
    ['only constant columns', 'constant.csv', Array.from({ length: 100 }, (_, i) => ['7', String(i % 4 === 0 ? 1 : 0)]), /no feature has an information value/],
  ])('%s: a clear error, no crash', (_label, name, data, message) => {
    const file = writeCsv(name, ['x', 'y'], data);
    expect(() => run(['train', '--csv', file, '--target', 'y', '--out', path.join(directory, 'never.json')])).toThrow(message);
    expect(fs.existsSync(path.join(directory, 'never.json'))).toBe(false);
  });

  it.each([
    [['train', '--csv', 'x.csv'], /usage: scorecard train/],
    [['evaluate', '--model', 'nope.json', '--csv', 'x.csv', '--target', 'y'], /no such file: nope\.json/],
    [['fit'], /usage: scorecard train/],
    [['train', '--csv', 'x.csv', '--target', 'y', '--out', 'm.json', '--min-iv', 'high'], /--min-iv must be a number/],
    [['train', '--csv', 'x.csv', '--target', 'y', '--out', 'm.json', '--shapes', 'wiggly'], /--shapes must be peaks/],
  ])('%j is refused with its usage', (args, message) => {
    expect(() => run(args)).toThrow(message);
  });

  it('a semicolon-separated export is read too', () => {
    const file = path.join(directory, 'semicolon.csv');
    const lines = ['x;y', ...Array.from({ length: 400 }, (_, i) => `${i % 100};${i % 100 < 30 ? (i % 3 === 0 ? 1 : 0) : i % 11 === 0 ? 1 : 0}`)];
    fs.writeFileSync(file, lines.join('\n'));
    const { code, lines: out } = run(['train', '--csv', file, '--target', 'y', '--out', path.join(directory, 'semi.json')]);
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/selected features \(1\)/);
  });

  it('--min-iv lowers the bar for weak features', () => {
    const fresh = generateSyntheticCreditBook(6_000, 21);
    const file = writeCsv('weak.csv', fresh.header, fresh.rows);
    const outcome = (extra: string[]) => run(['train', '--csv', file, '--target', 'default_flag', '--exclude', 'id', '--out', path.join(directory, 'weak.json'), ...extra]).lines.join('\n');
    expect(outcome([])).toMatch(/noise\s+IV 0\.\d{4}\s+low-iv: IV below 0\.02/);
    const permissive = outcome(['--min-iv', '0']);
    expect(permissive).not.toMatch(/low-iv: IV below/);
    expect(permissive).toMatch(/constant\s+IV 0\.0000\s+low-iv: constant or no pattern/);
  });

  it('a text category (German-credit style codes) is trained as a categorical feature and read back by evaluate', () => {
    const random = new Prng(5);
    const risk: Record<string, number> = { A11: 0.45, A12: 0.35, A13: 0.2, A14: 0.12 };
    const rows = Array.from({ length: 2000 }, () => {
      const status = random.pick(Object.keys(risk));
      return [status, String(random.int(18, 70)), random.chance(risk[status]) ? '1' : '0'];
    });
    const file = writeCsv('german.csv', ['checking_status', 'age', 'bad'], rows);
    const model = path.join(directory, 'german.json');
    const trained = run(['train', '--csv', file, '--target', 'bad', '--out', model]);
    expect(trained.lines.join('\n')).toMatch(/column checking_status: categorical \(4 categories/);
    const json = JSON.parse(fs.readFileSync(model, 'utf8')) as { features: { name: string; categories?: Record<string, number> }[] };
    expect(json.features.find((f) => f.name === 'checking_status')?.categories).toEqual({ A14: 0, A13: 1, A12: 2, A11: 3 });
    const evaluated = run(['evaluate', '--model', model, '--csv', file, '--target', 'bad']);
    expect(JSON.parse(evaluated.lines.at(-1)!).auc).toBeGreaterThan(0.62);
  });

  it('a U-shaped risk is kept as a valley by default, flattened with --shapes monotonic', () => {
    const random = new Prng(9);
    const rows = Array.from({ length: 4000 }, () => {
      const lines = random.int(0, 20);
      return [String(lines), random.chance(0.04 + 0.025 * Math.abs(lines - 10)) ? '1' : '0'];
    });
    const file = writeCsv('u.csv', ['open_lines', 'bad'], rows);
    const shaped = run(['train', '--csv', file, '--target', 'bad', '--out', path.join(directory, 'u.json')]).lines.join('\n');
    expect(shaped).toMatch(/open_lines\s+IV \d\.\d{4}\s+\d+ bins\s+valley/);
    const flat = run(['train', '--csv', file, '--target', 'bad', '--out', path.join(directory, 'u2.json'), '--shapes', 'monotonic']).lines.join('\n');
    expect(flat).not.toMatch(/valley/);
  });
});

