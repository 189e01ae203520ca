import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimNextJob } from '../../src/server/jobs/queue.ts';
import { IMPORT_JOB } from '../../src/server/modules/imports/imports.job.ts';
import { processImportBatch } from '../../src/server/modules/imports/imports.processor.ts';
import { PROFILE_RECOMPUTE_JOB } from '../../src/server/modules/profiles/profiles.queue.ts';
import { createTestApp, TestClient, type TestApp } from '../app.ts';
import { createUser, TEST_PASSWORD } from '../factories/accounts.ts';
import { createEnterprise } from '../factories/enterprises.ts';
import { fixture, storedValues, tempStorageDir, upload, USCC } from '../fixtures/imports/helpers.ts';

let t: TestApp;
let storageDir: string;
let data: TestClient;
const ids: Record<string, number> = {};

beforeAll(async () => {
  storageDir = tempStorageDir();
  t = await createTestApp({ storageDir });
  const admin = await createUser(t.app.db, { roles: ['data_admin'] });
  data = new TestClient(t.app);
  await data.login(admin.username, TEST_PASSWORD);
  for (const key of ['E1', 'E2', 'E3', 'E4', 'E5', 'E6'] as const) ids[key] = (await createEnterprise(t.app.db, { uscc: USCC[key], registryOnly: true })).id;
});
afterAll(async () => {
  await t.close();
  fs.rmSync(storageDir, { recursive: true, force: true });
});

interface Batch {
  id: number;
  status: string;
  totalRows: number | null;
  processedRows: number;
  insertedRows: number;
  updatedRows: number;
  unchangedRows: number;
  errorRows: number;
  message: string | null;
  fileName: string | null;
  fileSha256: string | null;
}
interface ImportErrorItem {
  rowNo: number;
  column: string;
  code: string;
  reason: string;
  reasonEn: string;
  value: string | null;
}

const batchOf = async (id: number): Promise<Batch> => (await data.get(`/api/imports/${id}`)).json();
const errorsOf = async (id: number): Promise<ImportErrorItem[]> => (await data.get(`/api/imports/${id}/errors?pageSize=500`)).json().items;
const recomputeJobs = async () =>
  (await t.app.db.selectFrom('jobs').where('kind', '=', PROFILE_RECOMPUTE_JOB).select('payload').orderBy('id').execute()).map((j) => j.payload as { enterpriseIds: number[] });

async function importFile(fields: Record<string, string>, name: string, content: Buffer): Promise<Batch> {
  const response = await upload(data, fields, { name, content });
  expect(response.statusCode, response.body).toBe(202);
  await t.app.jobs.drain();
  return batchOf(response.json().id);
}

describe('long CSV of indicators (UTF-8 with BOM, Chinese headers)', () => {
  let batch: Batch;
  let errors: ImportErrorItem[];
  beforeAll(async () => {
    batch = await importFile({ kind: 'indicators', source: 'statistics' }, '统计局2024.csv', fixture('indicators-long.csv'));
    errors = await errorsOf(batch.id);
  });

  it('completes with counts of rows and values', () => {
    expect(batch).toMatchObject({ status: 'completed', fileName: '统计局2024.csv', totalRows: 24, processedRows: 24, insertedRows: 6, updatedRows: 0, unchangedRows: 0, errorRows: 18 });
  });

  it('keeps the good rows, in fen and integers, exactly', async () => {
    expect(await storedValues(t.app.db, ids.E1)).toEqual({
      'operating_revenue 2024 statistics': 1_234_567_890,
      'operating_revenue 2023 statistics': 2_350_000_000,
      'employees 2024 statistics': 56,
      'above_scale 2024 statistics': 1,
    });
    expect(await storedValues(t.app.db, ids.E2)).toEqual({ 'above_scale 2024 statistics': 0 });
    expect(await storedValues(t.app.db, ids.E3)).toEqual({ 'industrial_output 2024 statistics': 1_000_000_000 });
  });

  it('rejects each bad row with its row number, column and reason', () => {
    const at = (rowNo: number) => errors.filter((e) => e.rowNo === rowNo).map((e) => [e.column, e.code]);
    expect(at(7)).toEqual([['数值', 'too_many_decimals']]);
    expect(at(8)).toEqual([['数值', 'too_many_decimals']]);
    expect(at(9)).toEqual([['期间', 'period_mismatch']]);
    expect(at(10)).toEqual([['期间', 'invalid_period']]);
    expect(at(11)).toEqual([['指标', 'unknown_indicator']]);
    expect(at(12)).toEqual([['统一社会信用代码', 'enterprise_not_found']]);
    expect(at(13)).toEqual([['统一社会信用代码', 'uscc_malformed']]);
    expect(at(14)).toEqual([['数值', 'not_an_integer']]);
    expect(at(15)).toEqual([['数值', 'negative_value']]);
    expect(at(16)).toEqual([['数值', 'invalid_boolean']]);
    expect(at(17)).toEqual([['数值', 'invalid_number']]);
    expect(at(18)).toEqual([['单位', 'invalid_unit']]);
    expect(at(19)).toEqual([['截至日期', 'invalid_date']]);
    expect(at(20)).toEqual([['统一社会信用代码+指标+期间', 'duplicate_row']]);
    expect(at(21)).toEqual([['数值', 'missing_value']]);
    expect(at(22)).toEqual([]); // the empty line keeps its number but is no row
    expect(at(23)).toEqual([['指标', 'source_not_accepted']]);
    expect(at(25)).toEqual([['统一社会信用代码', 'enterprise_not_found']]);
    expect(at(26)).toEqual([
      ['截至日期', 'invalid_date'],
      ['数值', 'invalid_number'],
    ]);
    expect(new Set(errors.map((e) => e.rowNo)).size).toBe(batch.errorRows);
  });

  it('words reasons in Chinese and English and quotes the cell', () => {
    const duplicate = errors.find((e) => e.rowNo === 20)!;
    expect(duplicate.reason).toBe('与第2行重复（企业、指标和期间相同）');
    expect(duplicate.reasonEn).toBe('duplicates row 2 (same enterprise, indicator and period)');
    const unknown = errors.find((e) => e.rowNo === 12)!;
    expect(unknown).toMatchObject({ value: USCC.E8, reasonEn: expect.stringContaining('enterprise not in the registry') });
    expect(unknown.reason).toContain('企业不在名录中');
    expect(errors.find((e) => e.rowNo === 25)!.reason).toContain('校验位不正确');
    expect(errors.find((e) => e.rowNo === 8)).toMatchObject({ value: '12.345', reason: '以元为单位最多2位小数（精确到分）' });
    expect(errors.find((e) => e.rowNo === 9)!.reason).toBe('该指标为年度数据，期间应如2024，而不是“2024-07”');
  });

  it('stores the file under imports/<batch id>-<sha256 prefix>.csv', async () => {
    const row = await t.app.db.selectFrom('import_batches').where('id', '=', batch.id).select(['storage_path', 'file_sha256']).executeTakeFirstOrThrow();
    expect(row.storage_path).toBe(`imports/${batch.id}-${row.file_sha256!.slice(0, 12)}.csv`);
    expect(fs.readFileSync(path.join(storageDir, row.storage_path!))).toEqual(fixture('indicators-long.csv'));
  });

  it('queues a profile recompute of the enterprises whose facts changed', async () => {
    const jobs = await recomputeJobs();
    expect(jobs.at(-1)!.enterpriseIds).toEqual([ids.E1, ids.E2, ids.E3].sort((a, b) => a - b));
  });

  it('audits the request and the completion', async () => {
    const entries = await t.app.db.selectFrom('audit_log').where('target_type', '=', 'import_batch').where('target_id', '=', String(batch.id)).select(['action', 'outcome', 'details']).orderBy('id').execute();
    expect(entries.map((e) => e.action)).toEqual(['import.create', 'import.complete']);
    expect(entries[1].details).toMatchObject({ processedRows: 24, insertedRows: 6, errorRows: 18 });
  });

  it('changes nothing when the same file is imported again: every good row is unchanged', async () => {
    const before = await storedValues(t.app.db, ids.E1);
    const jobsBefore = (await recomputeJobs()).length;
    const again = await importFile({ kind: 'indicators', source: 'statistics' }, '统计局2024.csv', fixture('indicators-long.csv'));
    expect(again).toMatchObject({ status: 'completed', processedRows: 24, insertedRows: 0, updatedRows: 0, unchangedRows: 6, errorRows: 18 });
    expect(await storedValues(t.app.db, ids.E1)).toEqual(before);
    // Nothing changed, so no profile needs recomputing.
    expect((await recomputeJobs()).length).toBe(jobsBefore);
  });
});

describe('an import job that dies halfway', () => {
  it('ends, when run again, with the right data and counts', async () => {
    const lines = ['uscc,indicator,period,value,as_of'];
    const enterprises = [ids.E4, ids.E5, ids.E6];
    const codes = [USCC.E4, USCC.E5, USCC.E6];
    for (let year = 2001; year <= 2020; year++) codes.forEach((code, i) => lines.push(`${code},rd_expense,${year},${year * 10 + i}.5,${year + 1}-03-31`));
    lines.push(`${USCC.E8},rd_expense,2020,1,2021-03-31`); // one bad row, last
    const response = await upload(data, { kind: 'indicators', source: 'tax' }, { name: 'rd.csv', content: lines.join('\n') });
    const batchId = response.json().id as number;

    // A worker claims the job and dies after writing two chunks of 10 rows.
    const job = await claimNextJob(t.app.db, 'doomed-worker', [IMPORT_JOB], 60);
    expect(job?.payload).toEqual({ batchId });
    let chunks = 0;
    await expect(
      processImportBatch(t.app.db, batchId, {
        storageDir,
        chunkSize: 10,
        onProgress: (processed) => {
          if (processed > 0 && ++chunks === 2) throw new Error('worker killed');
        },
      }),
    ).rejects.toThrow('worker killed');
    expect(await batchOf(batchId)).toMatchObject({ status: 'running', processedRows: 20, insertedRows: 20 });

    // Its lease runs out; another worker takes the job over and runs it again from the start.
    await t.app.db.updateTable('jobs').set({ lease_until: new Date(Date.now() - 1000) }).where('id', '=', job!.id).execute();
    expect(await t.app.jobs.drain()).toBeGreaterThanOrEqual(1);
    const batch = await batchOf(batchId);
    // Counts are those of the last attempt: what the first one wrote is now unchanged.
    expect(batch).toMatchObject({ status: 'completed', totalRows: 61, processedRows: 61, insertedRows: 40, updatedRows: 0, unchangedRows: 20, errorRows: 1 });
    expect(await errorsOf(batchId)).toHaveLength(1);
    for (const [i, id] of enterprises.entries()) {
      const values = await storedValues(t.app.db, id);
      expect(Object.keys(values)).toHaveLength(20);
      expect(values['rd_expense 2020 tax']).toBe((2020 * 10 + i) * 100 + 50);
    }
    // Enterprises written by the dead attempt are recomputed too.
    expect((await recomputeJobs()).at(-1)!.enterpriseIds).toEqual([...enterprises].sort((a, b) => a - b));
  });
});
