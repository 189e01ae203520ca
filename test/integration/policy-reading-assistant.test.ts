import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/server/db/schema.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createOrg } from '../factories/accounts.ts';
import { signIn } from '../factories/enterprises.ts';

let t: TestApp;
let db: Kysely<DB>;
let staff: Awaited<ReturnType<typeof signIn>>;

const POLICY = '第三条 申报条件\n（一）上年度主营业务收入2000万元以上的规模以上工业企业；\n第四条 对首次认定的高新技术企业，给予20万元一次性奖励。\n第五条 企业应具有健全的财务制度。';

/** A minimal .docx: a ZIP with word/document.xml (deflated), as Word writes it. */
async function docx(paragraphs: string[]): Promise<Buffer> {
  const xml = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="x"><w:body>${paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</w:t></w:r></w:p>`).join('')}</w:body></w:document>`;
  const zip = new JSZip();
  zip.file('word/document.xml', xml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  const deptId = await createOrg(db, 'department', '县科学技术局');
  staff = await signIn(t.app, ['department_staff'], deptId);
});
afterAll(async () => {
  await t.close();
});

describe('POST /api/policies/reading', () => {
  it('reads pasted text into proposals with spans and renderings, lists what it did not understand, and audits', async () => {
    const response = await staff.post('/api/policies/reading', { text: POLICY });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.source).toBe('text');
    expect(body.text).toBe(POLICY);
    const revenue = body.conditions.find((c: { rendered: { zh: string } }) => c.rendered.zh.includes('主营业务收入'));
    expect(revenue.rendered.zh).toContain('2,000万元');
    expect(POLICY.slice(revenue.span.start, revenue.span.end)).toContain('2000万元以上');
    expect(body.benefits).toHaveLength(1);
    expect(body.benefits[0].benefit.amount).toEqual({ fixed: { wan: 20 } });
    expect(body.benefits[0].rendered.zh).toContain('20万元');
    expect(body.notUnderstood.some((n: { text: string }) => n.text.includes('财务制度'))).toBe(true);
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'policy.text_read').where('actor_user_id', '=', staff.user.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toMatchObject({ source: 'text', characters: POLICY.length, benefits: 1 });
  });

  it('reads a .docx and a .txt file, and refuses a file that is no Word document', async () => {
    const fromDocx = await staff.post('/api/policies/reading', { file: { name: '政策.docx', contentBase64: (await docx(['第一条 对首次认定的高新技术企业，给予20万元奖励。', 'A&B'])).toString('base64') } });
    expect(fromDocx.statusCode).toBe(200);
    expect(fromDocx.json().source).toBe('docx');
    expect(fromDocx.json().text).toBe('第一条 对首次认定的高新技术企业，给予20万元奖励。\nA&B');
    expect(fromDocx.json().conditions[0].node).toMatchObject({ certification: 'high_tech', test: 'firstAwardedIn' });

    const fromTxt = await staff.post('/api/policies/reading', { file: { name: 'p.txt', contentBase64: Buffer.from('\uFEFF给予最高50万元补助。\r\n').toString('base64') } });
    expect(fromTxt.statusCode).toBe(200);
    expect(fromTxt.json().benefits[0]).toMatchObject({ upTo: true, benefit: { amount: { fixed: { wan: 50 } } } });

    const broken = await staff.post('/api/policies/reading', { file: { name: 'x.docx', contentBase64: Buffer.from('not a zip').toString('base64') } });
    expect(broken.statusCode).toBe(400);

    // 30 MB of XML deflates to a few dozen KB: refused once inflated past the limit, not read into memory.
    const bomb = new JSZip();
    bomb.file('word/document.xml', '<w:p><w:t>' + '垫'.repeat(10_000_000) + '</w:t></w:p>');
    const bombBytes = await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const refused = await staff.post('/api/policies/reading', { file: { name: 'big.docx', contentBase64: bombBytes.toString('base64') } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].message).toMatch(/too large/);
  });

  it('reads the text layer of a PDF (printed from a document with CJK fonts), and refuses a scan or a file that is no PDF', async () => {
    // Printed by Chromium from HTML in Noto Sans CJK: its font maps 工, 高, 大 … to Kangxi radical forms.
    const pdf = await readFile(new URL('../fixtures/reading/policy-zh.pdf', import.meta.url));
    const fromPdf = await staff.post('/api/policies/reading', { file: { name: '措施.pdf', contentBase64: pdf.toString('base64') } });
    expect(fromPdf.statusCode).toBe(200);
    expect(fromPdf.json().source).toBe('pdf');
    expect(fromPdf.json().text).toBe(
      '垫江县支持工业企业提质增效的若干措施\n' +
        '第一条 对上年度主营业务收入2000万元以上、从业人员10人以上的工业企业，给予一次性奖励5万元。\n' +
        '第二条 首次认定为国家高新技术企业的，给予一次性奖励10万元。\n' +
        '第三条 有重大行政处罚记录的企业不得享受本措施。',
    );
    const nodes = fromPdf.json().conditions.map((c: { node: unknown }) => JSON.stringify(c.node));
    expect(nodes.some((n: string) => n.includes('"certification":"high_tech"'))).toBe(true);
    expect(nodes.some((n: string) => n.includes('2000'))).toBe(true);
    expect(fromPdf.json().benefits.length).toBeGreaterThanOrEqual(2);

    const blankPage = '%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n';
    const scan = await staff.post('/api/policies/reading', { file: { name: 'scan.pdf', contentBase64: Buffer.from(blankPage).toString('base64') } });
    expect(scan.statusCode).toBe(400);
    expect(scan.json().error.details[0]).toMatchObject({ path: 'body/file', message: expect.stringMatching(/no text layer/) });
    const notPdf = await staff.post('/api/policies/reading', { file: { name: 'x.pdf', contentBase64: Buffer.from('not a pdf at all').toString('base64') } });
    expect(notPdf.statusCode).toBe(400);
    expect(notPdf.json().error.details[0].message).toMatch(/not a readable PDF/);
  });

  it('refuses both or neither of text and file, too long a text, and callers who are not department staff', async () => {
    expect((await staff.post('/api/policies/reading', {})).statusCode).toBe(400);
    expect((await staff.post('/api/policies/reading', { text: 'a', file: { name: 'a.txt', contentBase64: 'YQ==' } })).statusCode).toBe(400);
    expect((await staff.post('/api/policies/reading', { text: '   ' })).statusCode).toBe(400);
    expect((await staff.post('/api/policies/reading', { text: '营'.repeat(200_001) })).statusCode).toBe(400);
    const enterprise = await signIn(t.app, ['enterprise_user']);
    expect((await enterprise.post('/api/policies/reading', { text: POLICY })).statusCode).toBe(403);
  });
});
