import { describe, expect, it } from 'vitest';
import { checkUscc } from '../../../../../core/profile/uscc.ts';
import { SAMPLE_HEADERS, sampleCsv, type SampleKind } from './samples.ts';

describe('sample import files', () => {
  it.each(['long', 'wide', 'enterprises', 'hotline'] as SampleKind[])('%s: the header, then rows with well-formed codes', (kind) => {
    const lines = sampleCsv(kind).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe(SAMPLE_HEADERS[kind].zh.join(','));
    expect(lines.length).toBeGreaterThan(1);
    const column = SAMPLE_HEADERS[kind].zh.indexOf('统一社会信用代码');
    for (const line of lines.slice(1)) expect(checkUscc(line.split(',')[column]).status).toBe('valid');
  });
});
