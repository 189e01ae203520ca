import { FEN_PER_WAN } from '../../src/core/money/money.ts';
import type { TestClient } from '../app.ts';
import { LAST_YEAR } from '../factories/enterprises.ts';

export const WAN = FEN_PER_WAN;
/** The last complete year: the rules read "上年度" and the factories write facts for it. */
export const Y = LAST_YEAR;

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
