import { describe, expect, it } from 'vitest';
import { evaluatePrepared } from '../evaluate.ts';
import { BUILT_IN_PARAMETERS } from '../params.ts';
import { prepareRule } from '../prepare.ts';
import { TEST_CATALOGUE, TEST_EVALUATION_DATE, randomEnterprise, randomRule } from '../testing/generate.ts';
import { Prng } from '../../random/prng.ts';
import { validateRule } from '../validate.ts';
import { buildCountyColumns } from './columns.ts';
import { compilePrepared } from './compile.ts';
import { OUTCOMES } from './match.ts';

describe('scalar and vector engines agree', () => {
  it.each([1, 2, 3])('on random rules × random enterprises (seed %i)', (seed) => {
    const random = new Prng(seed);
    const enterprises = Array.from({ length: 300 }, (_, i) => randomEnterprise(random, `e${i}`));
    const columns = buildCountyColumns(enterprises, TEST_CATALOGUE);
    const options = { evaluationDate: TEST_EVALUATION_DATE, catalogue: TEST_CATALOGUE, params: BUILT_IN_PARAMETERS };
    const seen = { eligible: 0, ineligible: 0, unknown: 0 };
    for (let r = 0; r < 150; r++) {
      const rule = randomRule(random);
      expect(validateRule(rule, TEST_CATALOGUE, { params: BUILT_IN_PARAMETERS })).toEqual([]);
      const prepared = prepareRule(rule, options);
      const vector = compilePrepared(prepared).run(columns);
      for (let i = 0; i < enterprises.length; i++) {
        const scalar = evaluatePrepared(prepared, enterprises[i]).outcome;
        seen[scalar]++;
        if (OUTCOMES[vector[i]] !== scalar) {
          throw new Error(`rule ${JSON.stringify(rule)}\nenterprise ${JSON.stringify(enterprises[i])}\nscalar ${scalar}, vector ${OUTCOMES[vector[i]]}`);
        }
      }
    }
    // The generator must exercise all three outcomes, or the agreement would be vacuous.
    expect(seen.eligible).toBeGreaterThan(1000);
    expect(seen.ineligible).toBeGreaterThan(1000);
    expect(seen.unknown).toBeGreaterThan(1000);
  });
});
