/**
 * The text of a .docx (Office Open XML) document without a dependency: a .docx is a ZIP archive; its body
 * is word/document.xml, whose paragraphs (<w:p>) hold runs of text (<w:t>). This reads the ZIP's central
 * directory, inflates that one entry with node:zlib and keeps paragraph breaks, tabs and line breaks.
 * Anything that is not such a document throws DocxError (the route answers 400).
 */
import { inflateRawSync } from 'node:zlib';

export class DocxError extends Error {}

const MAX_XML_BYTES = 20 * 1024 * 1024;

function findEntry(zip: Buffer, name: string): { method: number; compressedSize: number; dataStart: number } {
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new DocxError('not a ZIP archive');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let k = 0; k < count; k++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw new DocxError('broken ZIP directory');
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const entryName = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (entryName === name) {
      if (localHeader + 30 > zip.length || zip.readUInt32LE(localHeader) !== 0x04034b50) throw new DocxError('broken ZIP entry');
      const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
      if (dataStart + compressedSize > zip.length) throw new DocxError('truncated ZIP entry');
      return { method, compressedSize, dataStart };
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  throw new DocxError('no word/document.xml: not a Word document');
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
export function docxText(file: Buffer): string {
  const entry = findEntry(file, 'word/document.xml');
  const data = file.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  let xml: string;
  try {
    if (entry.method === 0) xml = data.toString('utf8');
    else if (entry.method === 8) xml = inflateRawSync(data, { maxOutputLength: MAX_XML_BYTES }).toString('utf8');
    else throw new DocxError('unsupported ZIP compression');
  } catch (error) {
    if (error instanceof DocxError) throw error;
    throw new DocxError('the document cannot be inflated');
  }
  const lines: string[] = [];
  for (const paragraph of xml.split(/<\/w:p>/)) {
    let line = '';
    for (const m of paragraph.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(tab|br|cr)\b[^>]*\/>/g)) line += m[1] !== undefined ? decodeEntities(m[1]) : m[2] === 'tab' ? '\t' : '\n';
    lines.push(line);
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
