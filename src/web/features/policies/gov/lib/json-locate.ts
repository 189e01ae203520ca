/**
 * A JSON reader that remembers where every value is in the text, so a problem reported for a node of a
 * rule (`/all/2/left`, a JSON Pointer) can be shown at its lines in the editor, and a syntax error at its
 * line and column. Plain JSON (RFC 8259): no comments, no trailing commas — what the server accepts.
 */

/** Where one value is: offsets [start, end) in the text and its first and last line (1-based). */
export interface NodeSpan {
  start: number;
  end: number;
  line: number;
  endLine: number;
}

export type JsonSyntaxCode = 'unexpected_end' | 'unexpected_token' | 'bad_string' | 'bad_number' | 'trailing_text' | 'empty';

export interface JsonSyntaxError {
  code: JsonSyntaxCode;
  /** The character at fault (for unexpected_token), as typed. */
  found: string | null;
  offset: number;
  line: number;
  column: number;
}

export type LocatedJson = { ok: true; value: unknown; spans: ReadonlyMap<string, NodeSpan> } | { ok: false; error: JsonSyntaxError };

class SyntaxProblem extends Error {
  constructor(
    readonly code: JsonSyntaxCode,
    readonly offset: number,
    readonly found: string | null = null,
  ) {
    super(code);
  }
}

/** One JSON Pointer segment: `~` → `~0`, `/` → `~1`. */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Line (1-based) and column (1-based) of an offset. */
export function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Parses JSON text and records the span of every value by its JSON Pointer ('' is the root). */
export function locateJson(text: string): LocatedJson {
  const spans = new Map<string, NodeSpan>();
  // Line starts, to turn offsets into lines with a binary search.
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  let i = 0;
  const skip = () => {
    while (i < text.length) {
      const c = text[i];
      if (c === ' ' || c === '\n' || c === '\r' || c === '\t') i++;
      else break;
    }
  };
  const expect = (char: string) => {
    if (i >= text.length) throw new SyntaxProblem('unexpected_end', i);
    if (text[i] !== char) throw new SyntaxProblem('unexpected_token', i, text[i]);
    i++;
  };
  const string = (): string => {
    expect('"');
    let out = '';
    for (;;) {
      if (i >= text.length) throw new SyntaxProblem('unexpected_end', i);
      const c = text[i];
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\n' || c.charCodeAt(0) < 0x20) throw new SyntaxProblem('bad_string', i);
      if (c === '\\') {
        const next = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (next !== undefined && next in simple) {
          out += simple[next];
          i += 2;
        } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else throw new SyntaxProblem('bad_string', i);
        continue;
      }
      out += c;
      i++;
    }
  };
  const value = (pointer: string): unknown => {
    skip();
    if (i >= text.length) throw new SyntaxProblem('unexpected_end', i);
    const start = i;
    const c = text[i];
    let result: unknown;
    if (c === '{') {
      i++;
      const object: Record<string, unknown> = {};
      skip();
      if (text[i] === '}') i++;
      else {
        for (;;) {
          skip();
          if (i >= text.length) throw new SyntaxProblem('unexpected_end', i);
          if (text[i] !== '"') throw new SyntaxProblem('unexpected_token', i, text[i]);
          const key = string();
          skip();
          expect(':');
          object[key] = value(`${pointer}/${pointerSegment(key)}`);
          skip();
          if (text[i] === ',') {
            i++;
            continue;
          }
          expect('}');
          break;
        }
      }
      result = object;
    } else if (c === '[') {
      i++;
      const array: unknown[] = [];
      skip();
      if (text[i] === ']') i++;
      else {
        for (;;) {
          array.push(value(`${pointer}/${array.length}`));
          skip();
          if (text[i] === ',') {
            i++;
            continue;
          }
          expect(']');
          break;
        }
      }
      result = array;
    } else if (c === '"') {
      result = string();
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      if (!match) throw new SyntaxProblem('bad_number', i);
      i += match[0].length;
      if (i < text.length && /[0-9.eE+-]/.test(text[i])) throw new SyntaxProblem('bad_number', start);
      result = Number(match[0]);
    } else if (text.startsWith('true', i)) {
      i += 4;
      result = true;
    } else if (text.startsWith('false', i)) {
      i += 5;
      result = false;
    } else if (text.startsWith('null', i)) {
      i += 4;
      result = null;
    } else {
      throw new SyntaxProblem('unexpected_token', i, c);
    }
    spans.set(pointer, { start, end: i, line: lineOf(start), endLine: lineOf(Math.max(start, i - 1)) });
    return result;
  };
  try {
    skip();
    if (i >= text.length) throw new SyntaxProblem('empty', 0);
    const result = value('');
    skip();
    if (i < text.length) throw new SyntaxProblem('trailing_text', i, text[i]);
    return { ok: true, value: result, spans };
  } catch (error) {
    if (!(error instanceof SyntaxProblem)) throw error;
    const { line, column } = lineColumnOf(text, error.offset);
    return { ok: false, error: { code: error.code, found: error.found, offset: error.offset, line, column } };
  }
}

/**
 * The span of the node a problem names, or of its nearest ancestor that exists in the text (a problem
 * about a missing key names the key's path, which has no span of its own).
 */
export function spanOfPointer(spans: ReadonlyMap<string, NodeSpan>, pointer: string): { span: NodeSpan; pointer: string; exact: boolean } | null {
  let current = pointer;
  for (;;) {
    const span = spans.get(current);
    if (span) return { span, pointer: current, exact: current === pointer };
    if (current === '') return null;
    current = current.slice(0, current.lastIndexOf('/'));
  }
}

/**
 * A server problem path (`body/rule/all/2/left`) as a pointer inside one of the JSON fields of the body
 * (`rule` → `/all/2/left`), or null when it names another field.
 */
export function pointerInField(path: string, field: string): string | null {
  const normalised = path.startsWith('/') ? path.slice(1) : path;
  const prefix = `body/${field}`;
  if (normalised === prefix) return '';
  if (normalised.startsWith(`${prefix}/`)) return normalised.slice(prefix.length);
  return null;
}
