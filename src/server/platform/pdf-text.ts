/**
 * The text of a PDF's text layer (unpdf: Mozilla's pdf.js built for servers, no worker, no canvas). Policy
 * documents are printed from Word, so their text layer is the text; a scanned PDF has none and is refused
 * (PdfError, the route answers 400 and the page says to paste the text).
 *
 * pdf.js gives runs of text and the ends of lines. We rebuild the lines, then undo what printing did:
 * - fonts map some characters to compatibility forms (⼯ U+2F2F for 工, ⾼ for 高): NFKC folds those back (only
 *   those: full-width punctuation stays as written);
 * - a sentence wrapped at the page margin ("给予一次" / "性奖励5万元") is joined again, so the reading
 *   assistant sees one sentence: a line break stays only after a sentence end (。；：！？) or before an
 *   article or item heading (第…条, （一）, 一、, 1.).
 */
import { extractText, getDocumentProxy } from 'unpdf';

export class PdfError extends Error {}

const MAX_PAGES = 200;
const SENTENCE_END = /[。；;：:！!？?]$/;
const HEADING = /^(第[一二三四五六七八九十百零〇\d]+[章节条款]|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.、．])/;
// Kangxi radicals, CJK radicals supplement and compatibility ideographs: the forms fonts map 工, 高, 行 … to.
const COMPATIBILITY_FORMS = /[\u2e80-\u2fdf\uf900-\ufaff]/g;

export async function pdfText(file: Uint8Array): Promise<string> {
  let lines: string[];
  try {
    const pdf = await getDocumentProxy(new Uint8Array(file), { verbosity: 0 });
    if (pdf.numPages > MAX_PAGES) throw new PdfError(`more than ${MAX_PAGES} pages`);
    const pages = await extractText(pdf, { mergePages: false });
    lines = pages.text.flatMap((page) => page.split('\n'));
  } catch (error) {
    if (error instanceof PdfError) throw error;
    throw new PdfError('not a readable PDF');
  }
  const text = joinWrappedLines(lines.map((line) => line.replace(COMPATIBILITY_FORMS, (c) => c.normalize('NFKC')).trim()));
  if (text.replace(/\s/g, '') === '') throw new PdfError('the PDF has no text layer (a scan): paste its text instead');
  return text;
}

function joinWrappedLines(lines: readonly string[]): string {
  const out: string[] = [];
  for (const line of lines) {
    if (line === '') continue;
    const last = out.length - 1;
    if (last >= 0 && !SENTENCE_END.test(out[last]!) && !HEADING.test(line)) out[last] += line;
    else out.push(line);
  }
  return out.join('\n');
}
