/**
 * Compact feature indices of the two views: a text becomes a run of dense integer feature ids without a
 * string per n-gram or word pair, so vectorising a demand allocates nothing on the hot path.
 *
 * - `CharNgramIndex`: a trie of code points (children in an open-addressing hash of (node, code point)),
 *   walked once per position of a run; yields the same features, in the same order, as `charNgrams`.
 * - `WordFeatureIndex`: jieba's words through one Map lookup each (to a small key), word pairs through a hash
 *   of (key, key); yields the same features, in the same order, as `wordFeatures` — including a pair whose
 *   text "a_b" equals a word "a_b", which must be the same feature.
 *
 * Each index works in two modes: built from a stored vocabulary (lookup; unknown features are skipped), or
 * growing while training reads the corpus (every feature seen gets a provisional id, `featureText` names it).
 */
import type { Tokenize } from './text.ts';

/** A growable list of int32 ids, reused between texts. */
export class IdBuffer {
  ids = new Int32Array(256);
  length = 0;

  push(id: number): void {
    if (this.length === this.ids.length) {
      const grown = new Int32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.length++] = id;
  }

  clear(): void {
    this.length = 0;
  }
}

// [\s\p{P}\p{S}] per code point, decided once by the regular expression and cached: 0 unknown, 1 yes, 2 no.
const SEPARATOR_CHAR = /^[\s\p{P}\p{S}]$/u;
const separatorCache = new Uint8Array(0x110000);

/** Whether a code point separates runs (space, punctuation or symbol), as `charNgrams`' split. */
export function isSeparator(codePoint: number): boolean {
  let known = separatorCache[codePoint];
  if (known === 0) {
    known = SEPARATOR_CHAR.test(String.fromCodePoint(codePoint)) ? 1 : 2;
    separatorCache[codePoint] = known;
  }
  return known === 1;
}

/** Whether a word has anything but spaces, punctuation and symbols (the word filter of `wordFeatures`). */
export function hasContent(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.codePointAt(i)!;
    if (code > 0xffff) i++;
    if (!isSeparator(code)) return true;
  }
  return false;
}

/** Open-addressing hash of (int, int) → int, linear probing; -1 means absent. */
export class IntPairTable {
  private keysA: Int32Array;
  private keysB: Int32Array;
  private values: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected = 1024) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.keysA = new Int32Array(capacity).fill(-1);
    this.keysB = new Int32Array(capacity);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  private static slot(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ 0x7f4a7c15, 0x85ebca77);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    return h ^ (h >>> 13);
  }

  get(a: number, b: number): number {
    const { keysA, keysB, mask } = this;
    let slot = IntPairTable.slot(a, b) & mask;
    for (;;) {
      const key = keysA[slot];
      if (key === -1) return -1;
      if (key === a && keysB[slot] === b) return this.values[slot];
      slot = (slot + 1) & mask;
    }
  }

  /** Sets (a, b) → value (a ≥ 0). */
  set(a: number, b: number, value: number): void {
    if ((this.size + 1) * 2 > this.keysA.length) this.grow();
    let slot = IntPairTable.slot(a, b) & this.mask;
    for (;;) {
      const key = this.keysA[slot];
      if (key === -1) {
        this.keysA[slot] = a;
        this.keysB[slot] = b;
        this.values[slot] = value;
        this.size++;
        return;
      }
      if (key === a && this.keysB[slot] === b) {
        this.values[slot] = value;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private grow(): void {
    const { keysA, keysB, values } = this;
    this.keysA = new Int32Array(keysA.length * 2).fill(-1);
    this.keysB = new Int32Array(keysA.length * 2);
    this.values = new Int32Array(keysA.length * 2);
    this.mask = this.keysA.length - 1;
    this.size = 0;
    for (let slot = 0; slot < keysA.length; slot++) if (keysA[slot] !== -1) this.set(keysA[slot], keysB[slot], values[slot]);
  }
}

/** A growable int32 array. */
class IntList {
  data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): number {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length] = value;
    return this.length++;
  }
}

/** Turns a normalised text into feature ids (appended to `out`). */
export interface FeatureIndex {
  extract(normalizedText: string, out: IdBuffer): void;
}

/** A growing index: also names the provisional ids it hands out. */
export interface GrowingFeatureIndex extends FeatureIndex {
  readonly featureCount: number;
  featureText(id: number): string;
}

/**
 * Character n-grams `minN`…`maxN` of the runs of a text, as a trie of code points. Node 0 is the root; a
 * node at depth d is the d-gram spelled by its path, and carries a feature id (or -1).
 */
export class CharNgramIndex implements GrowingFeatureIndex {
  private readonly parent = new IntList();
  private readonly codePoint = new IntList();
  private readonly feature = new IntList();
  /** Provisional feature id → node (growing mode). */
  private readonly featureNode = new IntList();
  private readonly children: IntPairTable;
  private readonly rootBmp = new Int32Array(0x10000).fill(-1);
  private run = new Int32Array(256);
  private nodes = new Int32Array(256);

  private constructor(
    private readonly minN: number,
    private readonly maxN: number,
    private readonly growing: boolean,
    expectedNodes: number,
  ) {
    this.children = new IntPairTable(expectedNodes);
    this.addNode(-1, -1);
  }

  /** An empty index that gives every n-gram it sees an id (training). */
  static growing(minN = 1, maxN = 3): CharNgramIndex {
    return new CharNgramIndex(minN, maxN, true, 1 << 16);
  }

  /** The index of a stored vocabulary: `vocabulary[i]` is feature i; other n-grams are skipped. */
  static fromVocabulary(vocabulary: readonly string[], minN = 1, maxN = 3): CharNgramIndex {
    const index = new CharNgramIndex(minN, maxN, false, vocabulary.length * 2);
    vocabulary.forEach((gram, id) => {
      let node = 0;
      for (const char of gram) node = index.child(node, char.codePointAt(0)!, true);
      if (node !== 0) index.feature.data[node] = id;
    });
    return index;
  }

  get featureCount(): number {
    return this.featureNode.length;
  }

  featureText(id: number): string {
    const codes: number[] = [];
    for (let node = this.featureNode.data[id]; node > 0; node = this.parent.data[node]) codes.push(this.codePoint.data[node]);
    return String.fromCodePoint(...codes.reverse());
  }

  private addNode(parent: number, codePoint: number): number {
    this.parent.push(parent);
    this.codePoint.push(codePoint);
    return this.feature.push(-1);
  }

  private child(node: number, codePoint: number, create: boolean): number {
    if (node === 0 && codePoint < 0x10000) {
      const found = this.rootBmp[codePoint];
      if (found !== -1 || !create) return found;
      const added = this.addNode(0, codePoint);
      this.rootBmp[codePoint] = added;
      return added;
    }
    const found = this.children.get(node, codePoint);
    if (found !== -1 || !create) return found;
    const added = this.addNode(node, codePoint);
    this.children.set(node, codePoint, added);
    return added;
  }

  extract(text: string, out: IdBuffer): void {
    let length = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.codePointAt(i)!;
      if (code > 0xffff) i++;
      if (isSeparator(code)) {
        if (length > 0) this.emitRun(length, out);
        length = 0;
        continue;
      }
      if (length === this.run.length) {
        const grown = new Int32Array(length * 2);
        grown.set(this.run);
        this.run = grown;
        this.nodes = new Int32Array(length * 2);
      }
      this.run[length++] = code;
    }
    if (length > 0) this.emitRun(length, out);
  }

  /** The n-grams of one run, n outer and start inner (the order of `charNgrams`). */
  private emitRun(length: number, out: IdBuffer): void {
    const { run, nodes, growing } = this;
    for (let start = 0; start < length; start++) nodes[start] = 0;
    for (let n = 1; n <= this.maxN; n++) {
      for (let start = 0; start + n <= length; start++) {
        const parent = nodes[start];
        const node = parent === -1 ? -1 : this.child(parent, run[start + n - 1], growing);
        nodes[start] = node;
        if (n < this.minN || node === -1) continue;
        let id = this.feature.data[node]; // read after child(): a growing trie may have moved the array
        if (id === -1 && growing) {
          id = this.featureNode.push(node);
          this.feature.data[node] = id;
        }
        if (id !== -1) out.push(id);
      }
    }
  }
}

/**
 * Words of a segmenter and adjacent word pairs ("a_b"). Every distinct token string gets a key (one Map
 * lookup per token); a word feature hangs on its key, a pair feature on the pair of keys.
 */
export class WordFeatureIndex implements GrowingFeatureIndex {
  private readonly keyOf = new Map<string, number>();
  private readonly keyText: string[] = [];
  /** Per key: 1 when the token is a word (not only spaces and punctuation), else 0. */
  private keyKeep = new Uint8Array(1024);
  /** Per key: its word feature id, or -1. */
  private keyFeature = new Int32Array(1024);
  private readonly pairs: IntPairTable;
  private readonly texts: string[] = [];
  private readonly idOfText = new Map<string, number>();
  /** Keys of the kept tokens of the text in hand; -1 for a word outside the index. */
  private readonly kept = new IdBuffer();

  private constructor(
    private readonly tokenize: Tokenize,
    private readonly growing: boolean,
    expected: number,
  ) {
    this.pairs = new IntPairTable(expected);
  }

  static growing(tokenize: Tokenize): WordFeatureIndex {
    return new WordFeatureIndex(tokenize, true, 1 << 16);
  }

  /**
   * The index of a stored vocabulary. A vocabulary entry with "_" may be a pair: it is registered under
   * every split at an "_", so the pair of tokens ("a", "b") finds "a_b" whichever entry made it.
   */
  static fromVocabulary(vocabulary: readonly string[], tokenize: Tokenize): WordFeatureIndex {
    const index = new WordFeatureIndex(tokenize, false, vocabulary.length);
    vocabulary.forEach((entry, id) => {
      index.keyFeature[index.keyFor(entry)] = id;
      for (let at = entry.indexOf('_'); at !== -1; at = entry.indexOf('_', at + 1)) {
        const left = index.keyFor(entry.slice(0, at));
        const right = index.keyFor(entry.slice(at + 1));
        if (index.pairs.get(left, right) === -1) index.pairs.set(left, right, id);
      }
    });
    return index;
  }

  get featureCount(): number {
    return this.texts.length;
  }

  featureText(id: number): string {
    return this.texts[id];
  }

  private keyFor(token: string): number {
    const known = this.keyOf.get(token);
    if (known !== undefined) return known;
    const key = this.keyText.length;
    this.keyText.push(token);
    this.keyOf.set(token, key);
    if (key === this.keyKeep.length) {
      const keep = new Uint8Array(key * 2);
      keep.set(this.keyKeep);
      this.keyKeep = keep;
      const features = new Int32Array(key * 2);
      features.set(this.keyFeature);
      this.keyFeature = features;
    }
    this.keyKeep[key] = hasContent(token) ? 1 : 0;
    this.keyFeature[key] = -1;
    return key;
  }

  /** The provisional id of a feature text (growing mode): a pair "a_b" and a word "a_b" are one feature. */
  private featureFor(text: string): number {
    const known = this.idOfText.get(text);
    if (known !== undefined) return known;
    this.idOfText.set(text, this.texts.length);
    return this.texts.push(text) - 1;
  }

  /** Words first, then pairs: the order of `wordFeatures`. */
  extract(text: string, out: IdBuffer): void {
    const kept = this.kept;
    kept.clear();
    for (const token of this.tokenize(text)) {
      let key = this.keyOf.get(token);
      if (key === undefined) {
        if (this.growing) key = this.keyFor(token);
        else {
          if (hasContent(token)) kept.push(-1); // a word the model does not know: no feature, but it parts pairs
          continue;
        }
      }
      if (this.keyKeep[key] === 0) continue;
      kept.push(key);
      let id = this.keyFeature[key];
      if (id === -1 && this.growing) {
        id = this.featureFor(token);
        this.keyFeature[key] = id;
      }
      if (id !== -1) out.push(id);
    }
    const keys = kept.ids;
    for (let i = 1; i < kept.length; i++) {
      const left = keys[i - 1];
      const right = keys[i];
      if (left === -1 || right === -1) continue;
      let id = this.pairs.get(left, right);
      if (id === -1 && this.growing) {
        id = this.featureFor(`${this.keyText[left]}_${this.keyText[right]}`);
        this.pairs.set(left, right, id);
      }
      if (id !== -1) out.push(id);
    }
  }
}
