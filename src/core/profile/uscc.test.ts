import { describe, expect, it } from 'vitest';
import { USCC_WEIGHTS, checkUscc, completeUscc, computeUsccCheckChar, isOrganisationCodeValid } from './uscc.ts';

// Expected check characters below were computed independently (a separate Python script following
// GB 32100-2015), not with the code under test.

describe('USCC weights', () => {
  it('are 3^i mod 31', () => {
    expect(USCC_WEIGHTS).toEqual(Array.from({ length: 17 }, (_, i) => Number(3n ** BigInt(i) % 31n)));
  });
});

describe('checkUscc: valid codes', () => {
  it.each(['91310110666007217T', '91310115591693856A'])('%s is valid', (code) => {
    const result = checkUscc(code);
    expect(result.status).toBe('valid');
    expect(result.problems).toEqual([]);
    expect(result.expectedCheckChar).toBe(code[17]);
    expect(result.normalized).toBe(code);
    expect(result.organisationCodeValid).toBe(true);
  });

  it('splits the parts', () => {
    expect(checkUscc('91310110666007217T').parts).toEqual({
      registeringAuthority: '9',
      organisationType: '1',
      divisionCode: '310110',
      organisationCode: '666007217',
      checkChar: 'T',
    });
  });

  it('normalizes lower case and surrounding spaces', () => {
    const result = checkUscc('  91310115591693856a ');
    expect(result.status).toBe('valid');
    expect(result.normalized).toBe('91310115591693856A');
  });
});

describe('checkUscc: checksum mismatch is a warning', () => {
  it('the pilot code 91350100M0001TGQXM', () => {
    const result = checkUscc('91350100M0001TGQXM');
    expect(result.status).toBe('checksum_mismatch');
    expect(result.expectedCheckChar).toBe('1');
    expect(result.problems.map((p) => p.code)).toEqual(['checksum_mismatch']);
    // Its embedded organisation code M0001TGQ-X is itself correct.
    expect(result.organisationCodeValid).toBe(true);
  });

  it.each([
    ['91310110666007217U', 'T'],
    ['91310115591693856B', 'A'],
    ['915002315678901200', 'Y'],
  ])('%s should end in %s', (code, expected) => {
    const result = checkUscc(code);
    expect(result.status).toBe('checksum_mismatch');
    expect(result.expectedCheckChar).toBe(expected);
  });

  it('reports a bad organisation code without failing a correct USCC', () => {
    // 00000000000000000 + check 0: the organisation code 00000000-0 checks (11 → 0).
    expect(checkUscc('000000000000000000').organisationCodeValid).toBe(true);
    // 11111111111111111 + check 5 is a valid USCC whose organisation code 11111111-1 should end in 7.
    const result = checkUscc('111111111111111115');
    expect(result.status).toBe('valid');
    expect(result.organisationCodeValid).toBe(false);
  });
});

describe('checkUscc: malformed is a hard error', () => {
  it.each([
    ['', ['empty']],
    ['   ', ['empty']],
    ['91310110666007217', ['length']],
    ['91310110666007217TT', ['length']],
    ['9131011066600721', ['length']],
    ['91310110666007217I', ['alphabet']],
    ['9131011066600721OT', ['alphabet']],
    ['91310110666007Z17T', ['alphabet']],
    ['9131011066600S217T', ['alphabet']],
    ['91310110666V07217T', ['alphabet']],
    ['91310110-66600721T', ['alphabet']],
    ['91310110 66600721T', ['alphabet']],
    ['9131011066600721７T', ['alphabet']], // full-width digit
    ['9131011066600721I', ['length', 'alphabet']],
  ])('%j → %j', (code, problemCodes) => {
    const result = checkUscc(code);
    expect(result.status).toBe('malformed');
    expect(result.problems.map((p) => p.code)).toEqual(problemCodes);
    expect(result.expectedCheckChar).toBeUndefined();
    expect(result.organisationCodeValid).toBeNull();
    for (const problem of result.problems) {
      expect(problem.message.length).toBeGreaterThan(0);
      expect(problem.messageZh.length).toBeGreaterThan(0);
    }
  });

  it('names the offending characters and positions', () => {
    const [problem] = checkUscc('91310110666007217I').problems;
    expect(problem.message).toContain('“I”(18)');
  });
});

describe('computeUsccCheckChar and completeUscc', () => {
  it.each([
    ['91310110666007217', 'T'],
    ['91310115591693856', 'A'],
    ['91350100M0001TGQX', '1'],
    ['9150023156789012M', '0'], // check value 0
    ['00000000000000000', '0'], // check value 0
    ['91500231567890120', 'Y'], // check value 30
    ['9150023156789012A', 'X'], // 29
    ['12100000400012345', 'P'],
    ['52500000MJP123456', 'E'],
    ['Y1500000000000000', 'F'],
    ['11111111111111111', '5'],
  ])('%s → %s', (first17, check) => {
    expect(computeUsccCheckChar(first17)).toBe(check);
    expect(completeUscc(first17)).toBe(first17 + check);
    expect(checkUscc(first17 + check).status).toBe('valid');
  });

  it('accepts lower case and returns upper case', () => {
    expect(completeUscc('52500000mjp123456')).toBe('52500000MJP123456E');
  });

  it.each(['9131011066600721', '913101106660072170', '9131011066600721I', ''])('rejects %j', (input) => {
    expect(() => computeUsccCheckChar(input)).toThrow();
    expect(() => completeUscc(input)).toThrow();
  });
});

describe('isOrganisationCodeValid (GB 11714)', () => {
  it.each([
    ['666007217', true],
    ['591693856', true],
    ['M0001TGQX', true], // check 10 → X
    ['000000000', true], // check 11 → 0
    ['666007218', false],
    ['M0001TGQ0', false],
    ['66600721', false],
    ['66600721-7', false],
  ])('%s → %s', (code, valid) => expect(isOrganisationCodeValid(code)).toBe(valid));
});
