import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { evaluatePredictions } from '../core/routing/evaluation.ts';
import { loadRouter, RouterModelError, RouterTrainingError, trainRouter, type LabelledText } from '../core/routing/router.ts';

export const ROUTER_HELP = `  router train --csv FILE --text COL[,COL] --label COL --out MODEL.json
                                         train a demand router (which office handles a demand) on a CSV of
                                         past demands; several text columns are joined, the first (subject)
                                         weighing as much as all the others however short it is
  router evaluate --model MODEL.json --csv FILE --text COL[,COL] --label COL
                                         per-class precision/recall/F1 of a router on labelled demands; the
                                         last line is one JSON object {"n","accuracy","macroF1"}`;

/** A CLI mistake the user can fix (bad file, missing column): printed as one line, exit code 1. */
class RouterCommandError extends Error {}

/** The labelled texts of a CSV (RFC 4180, UTF-8 with or without BOM) and how many rows were skipped. */
function readLabelledCsv(file: string, textColumns: string[], labelColumn: string): { examples: LabelledText[]; skipped: number } {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new RouterCommandError(`no such file: ${file}`);
  let records: string[][];
  try {
    // bom: spreadsheets (Excel's "CSV UTF-8") write one; relax_column_count: a short row is a skipped row, not a crash.
    records = parseCsv(fs.readFileSync(file), { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    throw new RouterCommandError(`${file} is not a readable CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  const [header, ...rows] = records;
  if (!header) throw new RouterCommandError(`${file} is empty`);
  const positionOf = (column: string) => {
    const position = header.indexOf(column);
    if (position < 0) throw new RouterCommandError(`${file} has no column "${column}" (columns: ${header.join(', ')})`);
    return position;
  };
  const textPositions = textColumns.map(positionOf);
  const labelPosition = positionOf(labelColumn);
  const examples: LabelledText[] = [];
  let skipped = 0;
  for (const row of rows) {
    const label = (row[labelPosition] ?? '').trim();
    const fields = textPositions.map((position) => (row[position] ?? '').trim());
    if (!label || fields.every((field) => field === '')) skipped++;
    else examples.push({ fields, label });
  }
  return { examples, skipped };
}

function createTokenizer(): (text: string) => string[] {
  const jieba = Jieba.withDict(dict);
  return (text) => jieba.cut(text);
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/**
 * `router train|evaluate`: trains a demand router from a CSV into a JSON model, or evaluates a model on a
 * labelled CSV. Returns the exit code: 0 on success, 1 on any input the router cannot use (missing file or
 * column, no rows, a single label, a model of another format), with the reason on standard error.
 */
export async function runRouterCommand(args: string[]): Promise<number> {
  try {
    return await routerCommand(args);
  } catch (error) {
    if (error instanceof RouterCommandError || error instanceof RouterTrainingError || error instanceof RouterModelError) {
      console.error(`error: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

async function routerCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { csv: { type: 'string' }, text: { type: 'string' }, label: { type: 'string' }, out: { type: 'string' }, model: { type: 'string' } },
  });
  const [action] = positionals;
  if ((action !== 'train' && action !== 'evaluate') || positionals.length > 1) {
    throw new RouterCommandError('usage: router train --csv FILE --text COL[,COL] --label COL --out MODEL.json | router evaluate --model MODEL.json --csv FILE --text COL[,COL] --label COL');
  }
  if (!values.csv || !values.text || !values.label) throw new RouterCommandError('--csv, --text and --label are required');
  const textColumns = values.text.split(',').map((column) => column.trim()).filter(Boolean);
  if (textColumns.length === 0) throw new RouterCommandError('--text names no column');
  const { examples, skipped } = readLabelledCsv(values.csv, textColumns, values.label);
  const skippedNote = skipped ? ` (${skipped} row${skipped === 1 ? '' : 's'} skipped: empty label or text)` : '';
  if (examples.length === 0) throw new RouterCommandError(`${values.csv} has no row with both a label and a text${skippedNote}`);
  const tokenize = createTokenizer();

  if (action === 'train') {
    if (!values.out) throw new RouterCommandError('--out MODEL.json is required');
    const started = Date.now();
    const model = trainRouter(examples, tokenize);
    await fs.promises.writeFile(values.out, JSON.stringify(model));
    const seconds = (Date.now() - started) / 1000;
    console.log(`trained on ${examples.length} rows${skippedNote}, ${model.labels.length} labels, in ${seconds.toFixed(1)} s`);
    const { heldOutAccuracy, heldOut } = model.training;
    if (heldOutAccuracy !== null) console.log(`held-out accuracy while tuning: ${percent(heldOutAccuracy)} on ${heldOut} rows`);
    console.log(`model: ${values.out} (${(fs.statSync(values.out).size / 1024).toFixed(0)} KiB)`);
    return 0;
  }

  if (!values.model) throw new RouterCommandError('--model MODEL.json is required');
  if (!fs.existsSync(values.model)) throw new RouterCommandError(`no such file: ${values.model}`);
  let stored: unknown;
  try {
    stored = JSON.parse(await fs.promises.readFile(values.model, 'utf8'));
  } catch {
    throw new RouterModelError(`${values.model} is not JSON`);
  }
  const router = loadRouter(stored, tokenize);
  const predicted = examples.map((example) => router.predict(example.fields, 1)[0].label);
  const report = evaluatePredictions(examples.map((example) => example.label), predicted);
  console.log(`evaluated ${report.n} rows${skippedNote}`);
  console.log(`${'label'.padEnd(12)} ${'precision'.padStart(9)} ${'recall'.padStart(7)} ${'F1'.padStart(7)} ${'support'.padStart(8)}`);
  for (const row of report.perClass) {
    console.log(`${row.label.padEnd(12 - [...row.label].filter((char) => char.charCodeAt(0) > 0x2e80).length)} ${percent(row.precision).padStart(9)} ${percent(row.recall).padStart(7)} ${percent(row.f1).padStart(7)} ${String(row.support).padStart(8)}`);
  }
  console.log(`accuracy ${percent(report.accuracy)}, macro-F1 ${percent(report.macroF1)}`);
  console.log(JSON.stringify({ n: report.n, accuracy: report.accuracy, macroF1: report.macroF1 }));
  return 0;
}
