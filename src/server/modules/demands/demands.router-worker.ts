/**
 * The worker thread of a router training (see `trainInWorker` in demands.router.ts): trains on the
 * examples it is given and posts back the model as JSON text (what `router_models.model` stores), so the
 * event loop of the server never runs the seconds of TF-IDF and SGD, nor parses the model.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RouterTrainingError, trainRouter, type LabelledText, type RouterTrainOptions } from '../../../core/routing/router.ts';
import { jiebaTokenizer } from './demands.tokenizer.ts';

/** What the worker is started with. */
export interface RouterWorkerInput {
  examples: LabelledText[];
  options: RouterTrainOptions;
}

/** What the worker posts back: the model, or why there is none. */
export type RouterWorkerOutput =
  | { ok: true; json: string; labels: string[]; heldOutAccuracy: number | null }
  | { ok: false; name: string; message: string; isTrainingError: boolean };

const input = workerData as RouterWorkerInput;
let output: RouterWorkerOutput;
try {
  const model = trainRouter(input.examples, jiebaTokenizer(), input.options);
  output = { ok: true, json: JSON.stringify(model), labels: model.labels, heldOutAccuracy: model.training.heldOutAccuracy };
} catch (error) {
  const failure = error instanceof Error ? error : new Error(String(error));
  output = { ok: false, name: failure.name, message: failure.message, isTrainingError: failure instanceof RouterTrainingError };
}
parentPort!.postMessage(output);
