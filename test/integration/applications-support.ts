import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { FEN_PER_WAN } from '../../src/core/money/money.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { todayInCounty } from '../../src/server/platform/county-date.ts';
import type { TestClient } from '../app.ts';
import { createEnterprise } from '../factories/enterprises.ts';

export const WAN = FEN_PER_WAN;
export const TODAY = todayInCounty();
/** The last complete year: the rules read "上年度" and the factories write facts for it. */
export const Y = Number(TODAY.slice(0, 4)) - 1;

/** 上年度主营业务收入2000万元以上的工业企业. */
export const revenueRule = {
  clause: '上年度主营业务收入2000万元以上的工业企业',
  all: [
    { clause: '工业企业', industry: { divisionRanges: [['06', '46']] } },
    { clause: '主营业务收入2000万元以上', left: { fact: 'main_revenue', period: { yearsAgo: 1 } }, op: '>=', right: { wan: 2000 } },
  ],
};

export const policyBody = (over: Record<string, unknown> = {}) => ({
  title: '规上工业企业发展奖励',
  documentNo: `垫府发〔${Y + 1}〕8号`,
  summary: '对上年度主营业务收入2000万元以上的工业企业给予一次性奖励20万元。',
  validFrom: `${Y + 1}-01-01`,
  validUntil: `${Y + 2}-12-31`,
  rule: revenueRule,
  benefit: { amount: { fixed: { wan: 20 } } },
  ...over,
});

/** Creates and publishes a policy through the policies API; returns its id. */
export async function publishPolicy(client: TestClient, over: Record<string, unknown> = {}): Promise<number> {
  const created = await client.post('/api/policies', policyBody(over));
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json<{ id: number }>().id;
  const published = await client.post(`/api/policies/${id}/publish`);
  expect(published.statusCode, published.body).toBe(200);
  return id;
}

/** An industrial enterprise (with an organisation for its users) with last year's 主营业务收入 in 万元. */
export function manufacturer(db: Kysely<DB>, revenueWan: number, options: { withOrg?: boolean; name?: string } = {}) {
  return createEnterprise(db, {
    industryCode: '3453',
    withOrg: options.withOrg ?? true,
    name: options.name,
    indicators: [
      { code: 'main_revenue', period: String(Y), value: revenueWan * WAN },
      { code: 'employees', period: String(Y), value: 80 },
    ],
  });
}

export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** A multipart body with one file (and optional text fields first), as a browser sends it. */
export function multipart(file: { name: string; content: Buffer; type?: string }, fields: Record<string, string> = {}): { body: Buffer; contentType: string } {
  const boundary = `----dxe${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
  parts.push(file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Uploads an attachment as the client. */
export async function upload(client: TestClient, applicationId: number, fieldKey: string, file: { name: string; content: Buffer; type?: string }) {
  const { body, contentType } = multipart(file, { fieldKey });
  return client.request('POST', `/api/applications/${applicationId}/files`, body, { headers: { 'content-type': contentType } });
}
