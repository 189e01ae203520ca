/**
 * Classification figures of a router against known labels: accuracy, per-class precision, recall and F1,
 * and macro-F1 (the unweighted mean over classes, so a rare office counts as much as a busy one).
 */

/** Precision, recall and F1 of one label. */
export interface ClassFigures {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** How many examples truly carry this label. */
  support: number;
}

/** The figures of an evaluation. */
export interface EvaluationReport {
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: ClassFigures[];
}

/**
 * Compares predicted labels with the true ones (same order). Classes are those seen in either list, as
 * scikit-learn does: predicting an office that never appears is a mistake that must cost macro-F1.
 * A class with no prediction has precision 0 (not NaN), so the figures always print.
 */
export function evaluatePredictions(truth: readonly string[], predicted: readonly string[]): EvaluationReport {
  if (truth.length !== predicted.length) throw new Error('truth and predictions differ in length');
  const labels = [...new Set([...truth, ...predicted])].sort();
  const perClass = labels.map((label) => {
    let truePositives = 0;
    let predictedCount = 0;
    let support = 0;
    for (let i = 0; i < truth.length; i++) {
      if (truth[i] === label) support++;
      if (predicted[i] === label) {
        predictedCount++;
        if (truth[i] === label) truePositives++;
      }
    }
    const precision = predictedCount ? truePositives / predictedCount : 0;
    const recall = support ? truePositives / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
  const correct = truth.reduce((sum, label, i) => sum + (label === predicted[i] ? 1 : 0), 0);
  return {
    n: truth.length,
    accuracy: truth.length ? correct / truth.length : 0,
    macroF1: perClass.length ? perClass.reduce((sum, row) => sum + row.f1, 0) / perClass.length : 0,
    perClass,
  };
}
