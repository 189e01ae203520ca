/**
 * TF-IDF vectors of demand texts: sublinear term frequency (1 + ln tf), smoothed idf
 * (ln((1 + n) / (1 + df)) + 1, as scikit-learn), l2-normalised. A demand has several text fields
 * (subject, body, …): each field is vectorised and normalised on its own, then the fields are added with
 * their weights and the sum normalised again. Normalising per field is what weights the subject above the
 * body: a short subject ("申请创业担保贷款") gets as much of the vector as a long body that tells the
 * firm's story, so it says far more per character; an explicit field weight can raise it further.
 *
 * Features are dense integer ids (see features.ts); the weighting runs on typed arrays that are reused from
 * one text to the next, in the same order of operations as the Map-based version it replaced, so the
 * vectors are bit-identical (src/core/routing/reference.test.ts).
 */
import { IdBuffer, type FeatureIndex, type GrowingFeatureIndex } from './features.ts';

/** A sparse vector: feature indices in ascending order with their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

/** How one view (characters or words) turns a normalised text into features. */
export type FeatureExtractor = (normalizedText: string) => string[];

/** The fitted vocabulary and idf of one view: feature i is `vocabulary[i]` with weight `idf[i]`. */
export interface TfidfVocabulary {
  vocabulary: string[];
  idf: number[];
}

/** Options of `fitTfidf`. */
export interface TfidfFitOptions {
  /** Features seen in fewer documents are dropped (typos, names, one-off numbers). */
  minDf: number;
  /** At most this many features, the most frequent kept: bounds the model size. */
  maxFeatures: number;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Learns the vocabulary and idf from documents already turned into features (one array per document,
 * repetitions allowed; a document counts once per feature for df). Ties in df are broken by the feature
 * text so the vocabulary does not depend on Map iteration order.
 */
export function fitTfidf(documents: readonly (readonly string[])[], options: TfidfFitOptions): TfidfVocabulary {
  const documentFrequency = new Map<string, number>();
  for (const features of documents) {
    for (const feature of new Set(features)) documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + 1);
  }
  const kept = [...documentFrequency].filter(([, df]) => df >= options.minDf);
  kept.sort((a, b) => b[1] - a[1] || byText(a[0], b[0]));
  const selected = kept.slice(0, options.maxFeatures);
  selected.sort((a, b) => byText(a[0], b[0]));
  const n = documents.length;
  return {
    vocabulary: selected.map(([feature]) => feature),
    idf: selected.map(([, df]) => Math.log((1 + n) / (1 + df)) + 1),
  };
}

/** Feature ids of a corpus read by a growing index: document d's ids are `ids[offsets[d]]…`, field by field. */
export interface CorpusIds {
  ids: Int32Array;
  /** Start of each field in `ids`, plus the end of the last. */
  fieldStarts: Int32Array;
  /** First field of each document, plus the field count. */
  documentFields: Int32Array;
}

/** Reads a corpus (each document as its normalised fields) through a growing index, once. */
export function readCorpus(documents: readonly (readonly string[])[], index: FeatureIndex): CorpusIds {
  const buffer = new IdBuffer();
  const fieldStarts: number[] = [0];
  const documentFields: number[] = [0];
  for (const fields of documents) {
    for (const field of fields) {
      if (field) index.extract(field, buffer);
      fieldStarts.push(buffer.length);
    }
    documentFields.push(fieldStarts.length - 1);
  }
  return { ids: buffer.ids.slice(0, buffer.length), fieldStarts: Int32Array.from(fieldStarts), documentFields: Int32Array.from(documentFields) };
}

/**
 * `fitTfidf` over ids read by a growing index: the same vocabulary and idf, plus the map from the
 * provisional ids to the vocabulary's (-1 for a dropped feature).
 */
export function fitTfidfIds(corpus: CorpusIds, index: GrowingFeatureIndex, options: TfidfFitOptions): TfidfVocabulary & { remap: Int32Array } {
  const count = index.featureCount;
  const df = new Int32Array(count);
  const seenIn = new Int32Array(count).fill(-1);
  const documents = corpus.documentFields.length - 1;
  for (let d = 0; d < documents; d++) {
    const end = corpus.fieldStarts[corpus.documentFields[d + 1]];
    for (let p = corpus.fieldStarts[corpus.documentFields[d]]; p < end; p++) {
      const id = corpus.ids[p];
      if (seenIn[id] !== d) {
        seenIn[id] = d;
        df[id]++;
      }
    }
  }
  const kept: { id: number; text: string; df: number }[] = [];
  for (let id = 0; id < count; id++) if (df[id] >= options.minDf) kept.push({ id, text: index.featureText(id), df: df[id] });
  kept.sort((a, b) => b.df - a.df || byText(a.text, b.text));
  const selected = kept.slice(0, options.maxFeatures);
  selected.sort((a, b) => byText(a.text, b.text));
  const remap = new Int32Array(count).fill(-1);
  selected.forEach((feature, position) => (remap[feature.id] = position));
  return {
    vocabulary: selected.map((feature) => feature.text),
    idf: selected.map((feature) => Math.log((1 + documents) / (1 + feature.df)) + 1),
    remap,
  };
}

/** Dot product of two sparse vectors (indices ascending): a merge, no allocation. */
export function dot(a: SparseVector, b: SparseVector): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < a.indices.length && j < b.indices.length) {
    const ai = a.indices[i];
    const bj = b.indices[j];
    if (ai === bj) sum += a.values[i++] * b.values[j++];
    else if (ai < bj) i++;
    else j++;
  }
  return sum;
}

/**
 * The TF-IDF weighting of one document, field by field, on scratch arrays of the vocabulary's size that
 * are left zeroed after each document. After `finish()`, `indices[0…length)` and `values[0…length)` hold
 * the vector.
 */
export class TfidfAccumulator {
  private readonly counts: Float64Array;
  private readonly fieldFeatures: Int32Array;
  private readonly total: Float64Array;
  private readonly inTotal: Uint8Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
  length = 0;

  constructor(
    private readonly idf: Float64Array,
    /** Weight of each field by position; fields beyond the array weigh as its last entry. */
    private readonly fieldWeights: readonly number[],
  ) {
    const dimension = idf.length;
    this.counts = new Float64Array(dimension);
    this.fieldFeatures = new Int32Array(dimension);
    this.total = new Float64Array(dimension);
    this.inTotal = new Uint8Array(dimension);
    this.indices = new Int32Array(dimension);
    this.values = new Float64Array(dimension);
  }

  /** Adds field number `position` given as feature ids `ids[from…to)` (in the order the text yields them). */
  addField(ids: Int32Array, from: number, to: number, position: number): void {
    const { counts, fieldFeatures, idf, total, inTotal, indices } = this;
    let distinct = 0;
    for (let p = from; p < to; p++) {
      const id = ids[p];
      if (counts[id] === 0) fieldFeatures[distinct++] = id; // first appearance order, as a Map iterates
      counts[id] += 1;
    }
    if (distinct === 0) return;
    let squares = 0;
    for (let f = 0; f < distinct; f++) {
      const id = fieldFeatures[f];
      const weight = (1 + Math.log(counts[id])) * idf[id];
      counts[id] = weight;
      squares += weight * weight;
    }
    const fieldWeight = this.fieldWeights[Math.min(position, this.fieldWeights.length - 1)] / Math.sqrt(squares);
    for (let f = 0; f < distinct; f++) {
      const id = fieldFeatures[f];
      if (inTotal[id] === 0) {
        inTotal[id] = 1;
        indices[this.length++] = id;
      }
      total[id] += counts[id] * fieldWeight;
      counts[id] = 0;
    }
  }

  /** Sorts the features, normalises; returns the vector's length. */
  finish(): number {
    const { total, inTotal, values } = this;
    const length = this.length;
    const indices = this.indices.subarray(0, length).sort();
    let squares = 0;
    for (let i = 0; i < length; i++) {
      const value = total[indices[i]];
      values[i] = value;
      squares += value * value;
    }
    const norm = Math.sqrt(squares);
    if (norm > 0) for (let i = 0; i < length; i++) values[i] /= norm;
    for (let i = 0; i < length; i++) {
      total[indices[i]] = 0;
      inTotal[indices[i]] = 0;
    }
    this.length = 0;
    return length;
  }

  /** A copy of the finished vector. */
  copy(length: number): SparseVector {
    return { indices: this.indices.slice(0, length), values: this.values.slice(0, length) };
  }
}

/** A feature index over any string extractor: a Map from feature text to id. */
class StringFeatureIndex implements FeatureIndex {
  private readonly indexOf: Map<string, number>;

  constructor(
    vocabulary: readonly string[],
    private readonly extractor: FeatureExtractor,
  ) {
    this.indexOf = new Map(vocabulary.map((feature, index) => [feature, index]));
  }

  extract(text: string, out: IdBuffer): void {
    for (const feature of this.extractor(text)) {
      const index = this.indexOf.get(feature);
      if (index !== undefined) out.push(index);
    }
  }
}

/** A vectoriser bound to one fitted vocabulary; turning a text into a vector reuses its buffers. */
export class TfidfVectorizer {
  private readonly index: FeatureIndex;
  private readonly ids = new IdBuffer();
  readonly accumulator: TfidfAccumulator;

  constructor(
    readonly fitted: TfidfVocabulary,
    /** A feature index of `fitted.vocabulary`, or a function giving a text's features as strings. */
    extract: FeatureExtractor | FeatureIndex,
    fieldWeights: readonly number[],
  ) {
    this.index = typeof extract === 'function' ? new StringFeatureIndex(fitted.vocabulary, extract) : extract;
    this.accumulator = new TfidfAccumulator(Float64Array.from(fitted.idf), fieldWeights);
  }

  get dimension(): number {
    return this.fitted.vocabulary.length;
  }

  /** The vector of a document given as its normalised fields (subject first), left in `accumulator`; returns its length. */
  transformInPlace(fields: readonly string[]): number {
    for (let position = 0; position < fields.length; position++) {
      const field = fields[position];
      if (!field) continue;
      this.ids.clear();
      this.index.extract(field, this.ids);
      this.accumulator.addField(this.ids.ids, 0, this.ids.length, position);
    }
    return this.accumulator.finish();
  }

  /** The vector of a document given as its normalised fields (subject first). */
  transform(fields: readonly string[]): SparseVector {
    return this.accumulator.copy(this.transformInPlace(fields));
  }
}
