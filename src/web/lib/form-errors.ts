import type { FormInstance } from 'antd';
import { isApiError } from '../api/client.ts';

/**
 * One entry of an error response's `details`: the server names what it refused by `path` (the request
 * part and the field, e.g. `body/uscc`, `body/formData/amount`, `body/reviewSteps/2/days`) and says why in
 * `message`; some entries carry more (`code`, `reason`, `messageZh` …), kept as they came.
 */
export interface ServerProblem {
  path?: string;
  message: string;
  [key: string]: unknown;
}

/** A field of an antd form: a name, or the path of a nested or list field. */
export type FieldName = string | number | (string | number)[];

/** Where one problem is shown: the field, and the sentence (the server's `message` when left out). */
export interface Placement {
  name: FieldName;
  message?: string;
}

/**
 * How a form places the server's problems: by path (`{ 'body/registeredCapitalFen': 'registeredCapitalWan' }`),
 * or a function of the problem for paths with indexes or texts of the form's own; null leaves a problem
 * unplaced. Without one, `body/a/0/b` goes to the field `['a', 0, 'b']`.
 */
export type FieldMap = Readonly<Record<string, FieldName>> | ((problem: ServerProblem) => FieldName | Placement | null);

export interface FieldErrors {
  name: (string | number)[];
  errors: string[];
}

/** The `details` of an error as problems: entries that are not objects are dropped, a missing message is ''. */
export function problemsOf(error: unknown): ServerProblem[] {
  if (!isApiError(error)) return [];
  return error.details
    .filter((detail): detail is Record<string, unknown> => typeof detail === 'object' && detail !== null)
    .map((detail) => ({
      ...detail,
      path: typeof detail.path === 'string' ? detail.path : undefined,
      message: typeof detail.message === 'string' ? detail.message : '',
    }));
}

/** `body/reviewSteps/2/days` → `['reviewSteps', 2, 'days']`; null for a path that names no field. */
export function fieldOfPath(path: string | undefined): (string | number)[] | null {
  const parts = (path ?? '').replace(/^\/?body\/?/, '').split('/').filter(Boolean);
  return parts.length ? parts.map((part) => (/^\d+$/.test(part) ? Number(part) : part)) : null;
}

function placementOf(problem: ServerProblem, fieldMap: FieldMap | undefined): Placement | null {
  if (typeof fieldMap === 'function') {
    const placed = fieldMap(problem);
    return placed === null || (typeof placed === 'object' && !Array.isArray(placed)) ? placed : { name: placed };
  }
  if (fieldMap) return problem.path !== undefined && Object.hasOwn(fieldMap, problem.path) ? { name: fieldMap[problem.path] } : null;
  const name = fieldOfPath(problem.path);
  return name && { name };
}

/**
 * The pure part of applyServerErrors: the problems grouped by field (each sentence once per field, in the
 * server's order), and the problems no field takes.
 */
export function placeProblems(problems: readonly ServerProblem[], fieldMap?: FieldMap): { fields: FieldErrors[]; unplaced: ServerProblem[] } {
  const byField = new Map<string, FieldErrors>();
  const unplaced: ServerProblem[] = [];
  for (const problem of problems) {
    const placement = placementOf(problem, fieldMap);
    if (!placement) {
      unplaced.push(problem);
      continue;
    }
    const name = Array.isArray(placement.name) ? placement.name : [placement.name];
    // JSON of the path as the key: ['a', 1] and ['a', '1'] are different fields to antd.
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    const message = placement.message ?? problem.message;
    if (!entry.errors.includes(message)) entry.errors.push(message);
    byField.set(key, entry);
  }
  return { fields: [...byField.values()], unplaced };
}

/**
 * Shows the server's refusal of a form at the fields it names (antd's red text under each field) and
 * returns the problems that no field takes, for the form to show otherwise (a list, an alert). An error
 * that is not from the API places nothing and returns [].
 */
export function applyServerErrors(form: FormInstance, error: unknown, fieldMap?: FieldMap): ServerProblem[] {
  const { fields, unplaced } = placeProblems(problemsOf(error), fieldMap);
  if (fields.length) form.setFields(fields);
  return unplaced;
}
