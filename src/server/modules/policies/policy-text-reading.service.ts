/**
 * The reading assistant's door: a department's staff send a policy's text (pasted, or a .txt/.docx/.pdf file)
 * and get the proposals of src/core/policy-reading with their readable rendering in both languages.
 * Nothing is stored; each reading is audited (who read how much, and what came out).
 */
import { readPolicyText } from '../../../core/policy-reading/index.ts';
import { renderBenefit, renderRuleText, type Benefit, type RuleNode } from '../../../core/rules/index.ts';
import { AppError } from '../../errors.ts';
import { docxText, DocxError } from '../../platform/docx-text.ts';
import { pdfText, PdfError } from '../../platform/pdf-text.ts';
import { auditContextOfActor, type Actor } from '../../request-context.ts';
import { recordAudit } from '../audit/index.ts';
import { loadRuleRegistry } from './county-facts.ts';
import type { Db } from './policies.loading.ts';
import { requireAuthor } from './policies.policy.ts';
import { READING_MAX_CHARS, READING_MAX_FILE_BYTES, type PolicyReading, type ReadPolicyTextInput } from './policies.schemas.ts';

async function textOf(input: ReadPolicyTextInput): Promise<{ text: string; source: PolicyReading['source'] }> {
  if ((input.text === undefined) === (input.file === undefined)) {
    throw new AppError('validation_failed', 'Send either the text or a file', [{ path: 'body', message: 'exactly one of text and file' }]);
  }
  if (input.text !== undefined) return { text: input.text, source: 'text' };
  const file = input.file!;
  const bytes = Buffer.from(file.contentBase64, 'base64');
  if (bytes.length > READING_MAX_FILE_BYTES) throw new AppError('payload_too_large', 'The file is too large', [{ path: 'body/file', message: `at most ${READING_MAX_FILE_BYTES} bytes` }]);
  if (/\.docx$/i.test(file.name)) {
    try {
      return { text: await docxText(bytes), source: 'docx' };
    } catch (error) {
      if (error instanceof DocxError) throw new AppError('validation_failed', 'The file is not a readable Word document', [{ path: 'body/file', message: error.message }]);
      throw error;
    }
  }
  if (/\.pdf$/i.test(file.name)) {
    try {
      return { text: await pdfText(bytes), source: 'pdf' };
    } catch (error) {
      if (error instanceof PdfError) throw new AppError('validation_failed', 'The file is not a PDF with a text layer', [{ path: 'body/file', message: error.message }]);
      throw error;
    }
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
  return { text, source: 'txt' };
}

/** Reads a policy text for a department's author. 400 when it is empty or not a document, 413 when too long. */
export async function readPolicyDocument(db: Db, actor: Actor, input: ReadPolicyTextInput): Promise<PolicyReading> {
  requireAuthor(actor);
  const { text: raw, source } = await textOf(input);
  // Line endings as one, and no NUL: offsets must be the same for the client that shows the text.
  const text = raw.replace(/\r\n?/g, '\n').replaceAll(String.fromCharCode(0), '');
  if (text.trim() === '') throw new AppError('validation_failed', 'The text is empty', [{ path: 'body', message: 'no text' }]);
  if (text.length > READING_MAX_CHARS) throw new AppError('payload_too_large', 'The text is too long', [{ path: 'body', message: `at most ${READING_MAX_CHARS} characters` }]);
  const { catalogue } = await loadRuleRegistry(db);
  const result = readPolicyText(text, { catalogue });
  const render = (node: unknown) => ({ zh: renderRuleText(node as RuleNode, { catalogue, locale: 'zh-CN' }), en: renderRuleText(node as RuleNode, { catalogue, locale: 'en-US' }) });
  const renderMoney = (benefit: unknown) => ({ zh: renderBenefit(benefit as Benefit, { catalogue, locale: 'zh-CN' }), en: renderBenefit(benefit as Benefit, { catalogue, locale: 'en-US' }) });
  await recordAudit(db, {
    ...auditContextOfActor(actor),
    action: 'policy.text_read',
    targetType: 'policy_text',
    targetId: null,
    details: { source, characters: text.length, conditions: result.conditions.length, benefits: result.benefits.length, notUnderstood: result.notUnderstood.length },
  });
  return {
    text,
    source,
    divisions: result.divisions,
    sentences: result.sentences.map((s) => ({ start: s.start, end: s.end, kind: s.kind, kinds: s.kinds })),
    conditions: result.conditions.map((c) => ({ ...c, rendered: render(c.node) })),
    benefits: result.benefits.map((b) => ({ ...b, rendered: renderMoney(b.benefit) })),
    notUnderstood: result.notUnderstood,
  };
}
