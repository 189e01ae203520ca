/** jieba for the router's word view, shared by the server thread and the training worker. */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { Tokenize } from '../../../core/routing/text.ts';

let tokenizer: Tokenize | null = null;

/** jieba with its bundled dictionary, loaded once per thread. */
export function jiebaTokenizer(): Tokenize {
  if (!tokenizer) {
    const jieba = Jieba.withDict(dict);
    tokenizer = (text) => jieba.cut(text);
  }
  return tokenizer;
}
