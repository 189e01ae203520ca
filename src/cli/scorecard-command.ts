import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import { populationStabilityIndex, binShares, stabilityOf, type DiscriminationMetrics } from '../core/credit/metrics.ts';
import { assertScorecardModel, featureBinShares, measureScores, scoreColumns, trainScorecard, type ScorecardModel } from '../core/credit/scorecard.ts';
import { numericColumns, parseTargetCell, prepareCreditData } from '../core/credit/table.ts';

export const SCORECARD_HELP = `  scorecard train --csv FILE --target COLUMN [--exclude COL,COL] --out MODEL.json
                [--seed N] [--holdout SHARE] [--min-iv IV] [--shapes peaks|monotonic]
                                         train a points scorecard (monotonic WoE bins, logistic regression)
                                         on a CSV whose target is 1 for bad and 0 for good; every other
                                         numeric column is a candidate (kept from IV 0.02, or --min-iv), a
                                         text column with few values a categorical one; a bin shape with
                                         one peak or valley is kept where clearly more informative (default
                                         peaks; --shapes monotonic forbids it); a stratified hold-out (0.3)
                                         is scored
  scorecard evaluate --model MODEL.json --csv FILE --target COLUMN
                                         score a CSV with a model; prints AUC, KS, Gini and PSI, and as the
                                         last line one JSON object {"n","auc","ks","gini"}`;

/** Where the command's lines go: the console, or a test's buffer. */
export interface CommandOutput {
  log(line: string): void;
}

/** A table as read from a CSV: the header and the rows of text cells. */
interface TextTable {
  header: string[];
  rows: string[][];
}

/**
 * Reads a CSV the way spreadsheets write it (RFC 4180 quoting, UTF-8 with or without BOM). The delimiter is
 * the most frequent of , ; and tab in the first line, because European spreadsheets save with semicolons.
 */
function readCsvTable(file: string): TextTable {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new Error(`no such file: ${file}`);
  const text = fs.readFileSync(file, 'utf8');
  const firstLine = text.slice(0, Math.max(text.indexOf('\n'), 0) || text.length);
  const delimiter = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  const records = parseCsv(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, relax_quotes: true }) as string[][];
  if (records.length === 0) throw new Error(`${file} is empty`);
  const [header, ...rows] = records;
  return { header, rows };
}

const percent = (part: number, whole: number) => `${((100 * part) / Math.max(whole, 1)).toFixed(1)}%`;
const group = (n: number) => n.toLocaleString('en-US');
const describeMetrics = (m: DiscriminationMetrics) => `n=${group(m.n)} (${group(m.bads)} bad), AUC ${m.auc.toFixed(4)}, KS ${m.ks.toFixed(4)}, Gini ${m.gini.toFixed(4)}`;

function train(args: string[], out: CommandOutput): number {
  const { values } = parseArgs({
    args,
    options: { csv: { type: 'string' }, target: { type: 'string' }, exclude: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' }, holdout: { type: 'string' }, 'min-iv': { type: 'string' }, shapes: { type: 'string' } },
  });
  if (!values.csv || !values.target || !values.out) throw new Error('usage: scorecard train --csv FILE --target COLUMN [--exclude COL,COL] --out MODEL.json');
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new Error('--seed must be a non-negative integer');
  const holdoutShare = values.holdout === undefined ? 0.3 : Number(values.holdout);
  if (!(holdoutShare >= 0 && holdoutShare < 1)) throw new Error('--holdout must be a share from 0 to below 1');
  const minIv = values['min-iv'] === undefined ? 0.02 : Number(values['min-iv']);
  if (!(minIv >= 0 && minIv < 1)) throw new Error('--min-iv must be a number from 0 to below 1');
  const shapes = values.shapes ?? 'peaks';
  if (shapes !== 'peaks' && shapes !== 'monotonic') throw new Error('--shapes must be peaks (a single peak or valley allowed when clearly better) or monotonic');
  const exclude = (values.exclude ?? '').split(',').map((name) => name.trim()).filter(Boolean);

  const started = Date.now();
  const table = readCsvTable(values.csv);
  const data = prepareCreditData(table.header, table.rows, { target: values.target, exclude });
  const bads = data.target.reduce((sum, label) => sum + label, 0);
  out.log(`${values.csv}: ${group(table.rows.length)} rows, ${group(data.target.length)} with target ${values.target} 0/1 (${group(bads)} bad, ${percent(bads, data.target.length)}); ${group(data.skippedRows)} skipped (target not 0 or 1)`);
  for (const rejected of data.rejectedColumns) out.log(`  column ${rejected.name}: not a candidate (${rejected.reason})`);
  data.featureNames.forEach((name, i) => {
    const codes = data.categories[i];
    if (codes) out.log(`  column ${name}: categorical (${Object.keys(codes).length} categories, ranked by bad rate)`);
  });

  const created = new Date().toISOString();
  const report = trainScorecard(data, { id: `scorecard-${values.target}-${created.replace(/[-:.]/g, '')}`, created, target: values.target, seed, holdoutShare, minIv, binning: { shapes } });
  const { model } = report;
  out.log(`selected features (${model.features.length}):`);
  for (const feature of model.features) {
    const bins = feature.bins.filter((bin) => bin.goods + bin.bads > 0).length;
    out.log(`  ${feature.name.padEnd(28)} IV ${feature.iv.toFixed(4)}  ${String(bins).padStart(2)} bins  ${feature.trend}  β ${feature.coefficient.toFixed(3)}${feature.suspicious ? '  SUSPICIOUS: IV > 0.5, check for leakage' : ''}`);
  }
  const dropped = report.candidates.filter((c) => c.status !== 'selected');
  if (dropped.length > 0) out.log(`dropped features (${dropped.length}):`);
  for (const candidate of dropped) out.log(`  ${candidate.name.padEnd(28)} IV ${candidate.iv.toFixed(4)}  ${candidate.status}: ${candidate.note}`);
  out.log(`train:    ${describeMetrics(model.metrics.train)}`);
  out.log(
    model.metrics.holdout
      ? `hold-out: ${describeMetrics(model.metrics.holdout)} (${Math.round(holdoutShare * 100)}% stratified, seed ${seed})`
      : 'hold-out: none (too few rows of a class to hold some out); the training metrics are optimistic',
  );
  fs.mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
  fs.writeFileSync(values.out, `${JSON.stringify(model, null, 2)}\n`);
  out.log(`model ${model.id} written to ${values.out} in ${((Date.now() - started) / 1000).toFixed(2)} s`);
  return 0;
}

function evaluate(args: string[], out: CommandOutput): number {
  const { values } = parseArgs({ args, options: { model: { type: 'string' }, csv: { type: 'string' }, target: { type: 'string' } } });
  if (!values.model || !values.csv || !values.target) throw new Error('usage: scorecard evaluate --model MODEL.json --csv FILE --target COLUMN');
  if (!fs.existsSync(values.model)) throw new Error(`no such file: ${values.model}`);
  let model: ScorecardModel;
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(values.model, 'utf8'));
    assertScorecardModel(parsed);
    model = parsed;
  } catch (error) {
    throw new Error(`${values.model}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const table = readCsvTable(values.csv);
  const targetIndex = table.header.map((name) => name.trim()).indexOf(values.target);
  if (targetIndex < 0) throw new Error(`no column "${values.target}" in ${values.csv}`);
  const labelled = table.rows.filter((row) => parseTargetCell(row[targetIndex]) !== null);
  const target = Uint8Array.from(labelled, (row) => parseTargetCell(row[targetIndex]) ?? 0);
  const categories = new Map(model.features.flatMap((feature) => (feature.categories ? [[feature.name, feature.categories] as const] : [])));
  const columns = numericColumns(table.header, labelled, model.features.map((feature) => feature.name), categories);
  out.log(`model ${model.id} (${model.features.length} features, trained ${model.created}) on ${values.csv}: ${group(target.length)} rows scored, ${group(table.rows.length - labelled.length)} skipped (target not 0 or 1)`);
  for (const [name, column] of columns) if (column === null) out.log(`  column ${name} is absent: every row scores its missing bin`);

  const scores = scoreColumns(model, columns, target.length);
  const metrics = measureScores(scores, target);
  out.log(`AUC ${metrics.auc.toFixed(4)}, KS ${metrics.ks.toFixed(4)}, Gini ${metrics.gini.toFixed(4)} (${group(metrics.bads)} bad, ${percent(metrics.bads, metrics.n)})`);
  const scorePsi = populationStabilityIndex(model.scoreDistribution.shares, binShares(scores, model.scoreDistribution.edges));
  out.log(`score PSI against training ${scorePsi.toFixed(4)} (${stabilityOf(scorePsi)})`);
  for (const feature of model.features) {
    const { expected, actual } = featureBinShares(feature, columns.get(feature.name) ?? null, target.length);
    const psi = populationStabilityIndex(expected, actual);
    out.log(`  ${feature.name.padEnd(28)} PSI ${psi.toFixed(4)} (${stabilityOf(psi)})`);
  }
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  out.log(JSON.stringify({ n: metrics.n, auc: round(metrics.auc), ks: round(metrics.ks), gini: round(metrics.gini) }));
  return 0;
}

/**
 * `scorecard train|evaluate`: the credit scorecard engine of src/core/credit over CSV files. Returns the exit
 * code; bad input (a missing column, a single-class target, a malformed model) throws with a message the
 * caller prints before exiting 1.
 */
export function runScorecardCommand(args: string[], out: CommandOutput = { log: (line) => console.log(line) }): number {
  const [action, ...rest] = args;
  if (action === 'train') return train(rest, out);
  if (action === 'evaluate') return evaluate(rest, out);
  throw new Error('usage: scorecard train --csv FILE --target COLUMN [--exclude COL,COL] --out MODEL.json | scorecard evaluate --model MODEL.json --csv FILE --target COLUMN');
}
