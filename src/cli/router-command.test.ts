/**
 * The `router` command as an operator runs it, in process: CSV files as spreadsheets write them (BOM,
 * CRLF, quoted commas and line breaks — the fixtures/*.csv files), the last line of `evaluate` one JSON
 * object, exit code 1 and a clear message on unusable input.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runRouterCommand } from './router-command.ts';

const fixture = (name: string) => `src/core/routing/fixtures/${name}`;
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dxe-router-'));
const modelPath = path.join(workDir, 'model.json');
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)));
  const error = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void err.push(String(line)));
  try {
    const code = await runRouterCommand(args);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('router train and evaluate', () => {
  it('trains, counts the skipped rows and evaluates with a JSON last line', async () => {
    const trained = await cli('train', '--csv', fixture('demands-train.csv'), '--text', '标题,内容', '--label', '部门', '--out', modelPath);
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    expect(trained.stdout).toContain('trained on 400 rows (2 rows skipped');
    expect(trained.stdout).toContain('12 labels');

    const evaluated = await cli('evaluate', '--model', modelPath, '--csv', fixture('demands-test.csv'), '--text', '标题,内容', '--label', '部门');
    expect(evaluated.code).toBe(0);
    const lines = evaluated.stdout.trim().split('\n');
    expect(lines.some((line) => line.startsWith('融资'))).toBe(true);
    const last = JSON.parse(lines[lines.length - 1]) as { n: number; accuracy: number; macroF1: number };
    expect(Object.keys(last)).toEqual(['n', 'accuracy', 'macroF1']);
    expect(last.n).toBe(300);
    expect(last.accuracy).toBeGreaterThan(0.7);
  }, 60_000);

  it('refuses a single label, no rows, a missing column or file, with exit code 1', async () => {
    const single = fixture('single-label.csv');
    expect(await cli('train', '--csv', single, '--text', 'text', '--label', 'label', '--out', modelPath)).toMatchObject({ code: 1, stderr: expect.stringMatching(/single label/) as string });
    expect(await cli('train', '--csv', fixture('no-usable-rows.csv'), '--text', 'text', '--label', 'label', '--out', modelPath)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/no row with both a label and a text \(2 rows skipped/) as string,
    });
    expect(await cli('train', '--csv', single, '--text', 'body', '--label', 'label', '--out', modelPath)).toMatchObject({ code: 1, stderr: expect.stringMatching(/no column "body"/) as string });
    expect(await cli('train', '--csv', fixture('missing.csv'), '--text', 'text', '--label', 'label', '--out', modelPath)).toMatchObject({ code: 1, stderr: expect.stringMatching(/no such file/) as string });
    expect(await cli('evaluate', '--model', fixture('missing.json'), '--csv', single, '--text', 'text', '--label', 'label')).toMatchObject({ code: 1 });
    expect(await cli('evaluate', '--model', single, '--csv', single, '--text', 'text', '--label', 'label')).toMatchObject({ code: 1, stderr: expect.stringMatching(/not JSON/) as string });
  }, 60_000);
});
