/**
 * Text preparation for demand routing. Government messages come typed on phones and copied from Word:
 * full-width Latin and digits (ＡＢＣ１２３), mixed case, amounts and dates that say nothing about the
 * office that should handle them. Normalising first lets "５０万" and "50万" and "80万" share features.
 */

/** Placeholder for any run of digits: the amount or the date matters less than the fact that there is one. */
export const DIGIT_PLACEHOLDER = '0';

/** A word segmenter (jieba in the CLI, a stand-in in unit tests): injected because jieba is a native module. */
export type Tokenize = (text: string) => string[];

/**
 * Full-width → half-width, ideographic space → space, Latin lower-cased, digit runs → one placeholder,
 * whitespace runs → one space, trimmed.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .toLowerCase()
    .replace(/\d+(?:\.\d+)?/g, DIGIT_PLACEHOLDER)
    .replace(/\s+/g, ' ') // \s covers the ideographic space U+3000
    .trim();
}

// Punctuation and symbols (both widths) split the text into runs; an n-gram across "，" is noise.
const SEPARATOR = /[\s\p{P}\p{S}]+/u;

/**
 * Character n-grams of length `minN`…`maxN` of a normalised text, within runs between punctuation and
 * spaces, in order, with repetitions (the caller counts them). Works on code points, not UTF-16 units.
 */
export function charNgrams(text: string, minN = 1, maxN = 3): string[] {
  const grams: string[] = [];
  for (const run of text.split(SEPARATOR)) {
    if (!run) continue;
    const chars = Array.from(run);
    for (let n = minN; n <= maxN; n++) {
      for (let start = 0; start + n <= chars.length; start++) {
        // Concatenation, not slice().join(): no array per n-gram on the hot path.
        let gram = chars[start];
        for (let offset = 1; offset < n; offset++) gram += chars[start + offset];
        grams.push(gram);
      }
    }
  }
  return grams;
}

/**
 * Word features of a normalised text: the segmenter's words without punctuation or spaces, plus adjacent
 * word pairs ("申请 贷款"), which carry the intent better than either word alone.
 */
export function wordFeatures(text: string, tokenize: Tokenize): string[] {
  const words = tokenize(text).filter((word) => word.trim() !== '' && !/^[\s\p{P}\p{S}]+$/u.test(word));
  const features = [...words];
  for (let i = 1; i < words.length; i++) features.push(`${words[i - 1]}_${words[i]}`);
  return features;
}
