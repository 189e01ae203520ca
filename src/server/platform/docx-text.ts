/**
 * The text of a .docx (Office Open XML) document. A .docx is a ZIP archive (read with jszip, which exceljs
 * already brings); its body is word/document.xml, whose paragraphs (<w:p>) hold runs of text (<w:t>).
 * We keep paragraph breaks, tabs and line breaks. The XML is inflated as a stream and abandoned past
 * MAX_XML_BYTES, so a small "zip bomb" cannot fill the memory. Anything that is not such a document
 * throws DocxError (the route answers 400).
 */
import JSZip from 'jszip';

export class DocxError extends Error {}

const MAX_XML_BYTES = 20 * 1024 * 1024;

async function documentXml(file: Buffer): Promise<string> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(file);
  } catch {
    throw new DocxError('not a ZIP archive');
  }
  const entry = zip.file('word/document.xml');
  if (!entry) throw new DocxError('no word/document.xml: not a Word document');
  // jszip's Node stream is an old-style Readable (no async iteration): listen to its events.
  const stream = entry.nodeStream('nodebuffer');
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_XML_BYTES) {
        stream.removeAllListeners('data');
        stream.pause();
        reject(new DocxError('the document is too large once inflated'));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('error', () => reject(new DocxError('the document cannot be inflated')));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return ENTITIES[e];
  });
}

/** The plain text of a .docx: one line per paragraph. */
export async function docxText(file: Buffer): Promise<string> {
  const xml = await documentXml(file);
  const lines: string[] = [];
  for (const paragraph of xml.split(/<\/w:p>/)) {
    let line = '';
    for (const m of paragraph.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(tab|br|cr)\b[^>]*\/>/g)) line += m[1] !== undefined ? decodeEntities(m[1]) : m[2] === 'tab' ? '\t' : '\n';
    lines.push(line);
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
