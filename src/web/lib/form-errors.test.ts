import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { applyServerErrors, fieldOfPath, placeProblems, problemsOf, type FieldErrors } from './form-errors.ts';

const refusal = (details: unknown[]) => new ApiError(400, 'validation_failed', 'Invalid request', details);

describe('problemsOf', () => {
  it('reads the details of an API error, dropping entries that are not objects', () => {
    expect(problemsOf(refusal([{ path: 'body/name', message: 'too long', code: 'x' }, null, 'text', { reason: 'checksum_mismatch' }]))).toEqual([
      { path: 'body/name', message: 'too long', code: 'x' },
      { path: undefined, message: '', reason: 'checksum_mismatch' },
    ]);
  });

  it('has none for an error that is not from the API', () => {
    expect(problemsOf(new Error('offline'))).toEqual([]);
  });
});

describe('fieldOfPath', () => {
  it.each([
    ['body/uscc', ['uscc']],
    ['/body/reviewSteps/2/days', ['reviewSteps', 2, 'days']],
    ['body', null],
    [undefined, null],
  ] as const)('%s → %j', (path, field) => {
    expect(fieldOfPath(path)).toEqual(field);
  });
});

describe('placeProblems', () => {
  const problems = problemsOf(
    refusal([
      { path: 'body/name', message: 'too long' },
      { path: 'body/name', message: 'too long' },
      { path: 'body/name', message: 'not unique' },
      { path: 'body/registeredCapitalFen', message: 'must be an integer' },
      { message: 'something else' },
    ]),
  );

  it('places by the path by default, each sentence once per field, and returns what no field takes', () => {
    expect(placeProblems(problems)).toEqual({
      fields: [
        { name: ['name'], errors: ['too long', 'not unique'] },
        { name: ['registeredCapitalFen'], errors: ['must be an integer'] },
      ],
      unplaced: [{ path: undefined, message: 'something else' }],
    });
  });

  it('places by a map of paths, leaving paths the map does not name', () => {
    const { fields, unplaced } = placeProblems(problems, { 'body/registeredCapitalFen': 'registeredCapitalWan' });
    expect(fields).toEqual([{ name: ['registeredCapitalWan'], errors: ['must be an integer'] }]);
    expect(unplaced.map((problem) => problem.message)).toEqual(['too long', 'too long', 'not unique', 'something else']);
  });

  it('places by a function, which may give the sentence and merges fields that come out the same', () => {
    const { fields, unplaced } = placeProblems(problems, (problem) => (problem.path === 'body/name' ? { name: 'name', message: '名称有误' } : null));
    expect(fields).toEqual([{ name: ['name'], errors: ['名称有误'] }]);
    expect(unplaced).toHaveLength(2);
  });

  it('tells a list index from a key of the same spelling', () => {
    const { fields } = placeProblems(problemsOf(refusal([{ path: 'body/qa/1', message: 'a' }])), () => ['qa', '1']);
    expect(fields).toEqual([{ name: ['qa', '1'], errors: ['a'] }]);
    expect(placeProblems(problemsOf(refusal([{ path: 'body/qa/1', message: 'b' }]))).fields).toEqual([{ name: ['qa', 1], errors: ['b'] }]);
  });
});

describe('applyServerErrors', () => {
  it('sets the placed errors on the form and returns the rest', () => {
    const set: FieldErrors[][] = [];
    const form = { setFields: (fields: FieldErrors[]) => set.push(fields) } as unknown as Parameters<typeof applyServerErrors>[0];
    const unplaced = applyServerErrors(form, refusal([{ path: 'body/name', message: 'too long' }, { path: 'query/page', message: 'no' }]), { 'body/name': 'name' });
    expect(set).toEqual([[{ name: ['name'], errors: ['too long'] }]]);
    expect(unplaced).toEqual([{ path: 'query/page', message: 'no' }]);
  });

  it('leaves the form alone when nothing is placed', () => {
    const form = { setFields: () => expect.unreachable('setFields') } as unknown as Parameters<typeof applyServerErrors>[0];
    expect(applyServerErrors(form, new Error('offline'))).toEqual([]);
  });
});
