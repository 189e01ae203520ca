/**
 * TF-IDF vectors of demand texts: sublinear term frequency (1 + ln tf), smoothed idf
 * (ln((1 + n) / (1 + df)) + 1, as scikit-learn), l2-normalised. A demand has several text fields
 * (subject, body, …): each field is vectorised and normalised on its own, then the fields are added with
 * their weights and the sum normalised again. Normalising per field is what weights the subject above the
 * body: a short subject ("申请创业担保贷款") gets as much of the vector as a long body that tells the
 * firm's story, so it says far more per character; an explicit field weight can raise it further.
 */

/** A sparse vector: feature indices in ascending order with their values. */
export interface SparseVector {
  indices: number[];
  values: number[];
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
  kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const selected = kept.slice(0, options.maxFeatures);
  selected.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const n = documents.length;
  return {
    vocabulary: selected.map(([feature]) => feature),
    idf: selected.map(([, df]) => Math.log((1 + n) / (1 + df)) + 1),
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
 * A vectoriser bound to one fitted vocabulary. Index lookup goes through a Map built once, so turning a
 * text into a vector is a pass over its features.
 */
export class TfidfVectorizer {
  private readonly indexOf: Map<string, number>;

  constructor(
    readonly fitted: TfidfVocabulary,
    private readonly extract: FeatureExtractor,
    /** Weight of each field by position; fields beyond the array weigh as its last entry. */
    private readonly fieldWeights: readonly number[],
  ) {
    this.indexOf = new Map(fitted.vocabulary.map((feature, index) => [feature, index]));
  }

  get dimension(): number {
    return this.fitted.vocabulary.length;
  }

  /** The vector of a document given as its normalised fields (subject first). */
  transform(fields: readonly string[]): SparseVector {
    const total = new Map<number, number>();
    fields.forEach((field, position) => {
      if (!field) return;
      const counts = new Map<number, number>();
      for (const feature of this.extract(field)) {
        const index = this.indexOf.get(feature);
        if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1);
      }
      if (counts.size === 0) return;
      let squares = 0;
      for (const [index, tf] of counts) {
        const weight = (1 + Math.log(tf)) * this.fitted.idf[index];
        counts.set(index, weight);
        squares += weight * weight;
      }
      const fieldWeight = this.fieldWeights[Math.min(position, this.fieldWeights.length - 1)] / Math.sqrt(squares);
      for (const [index, weight] of counts) total.set(index, (total.get(index) ?? 0) + weight * fieldWeight);
    });
    const indices = [...total.keys()].sort((a, b) => a - b);
    const values = indices.map((index) => total.get(index)!);
    const norm = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0));
    if (norm > 0) for (let i = 0; i < values.length; i++) values[i] /= norm;
    return { indices, values };
  }
}

