/**
 * 统一社会信用代码 (Unified Social Credit Code, USCC) per GB 32100-2015.
 *
 * Layout of the 18 characters: [1] registering authority · [2] organisation type · [3–8] administrative
 * division (GB/T 2260) · [9–17] organisation code (GB 11714, itself ending in a check character) ·
 * [18] check character over positions 1–17.
 *
 * A malformed code (wrong length, a character outside the 31-character alphabet) is a hard error. A wrong
 * check character is only a warning: codes issued in early pilots are legal yet fail the checksum
 * (e.g. `91350100M0001TGQXM`), so a data admin must be able to override it.
 */

/** The 31 characters a USCC may contain, in value order 0–30 (no I, O, Z, S, V). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights of positions 1–17: 3^i mod 31. */
export const USCC_WEIGHTS: readonly number[] = Object.freeze([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);

const ORGANISATION_CODE_WEIGHTS: readonly number[] = [3, 7, 9, 10, 5, 8, 4, 2];

/** char code → value 0–30, or -1 for characters outside the alphabet. Built once; indexed by char code. */
const USCC_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < USCC_ALPHABET.length; i++) USCC_VALUE[USCC_ALPHABET.charCodeAt(i)] = i;

function usccValue(char: string): number {
  const code = char.charCodeAt(0);
  return code < 128 ? USCC_VALUE[code] : -1;
}

export type UsccStatus = 'valid' | 'checksum_mismatch' | 'malformed';

export type UsccProblemCode = 'empty' | 'length' | 'alphabet' | 'checksum_mismatch';

export interface UsccProblem {
  code: UsccProblemCode;
  /** English, for logs and API error details. */
  message: string;
  /** Chinese, for the people who fix the data. */
  messageZh: string;
}

/** The parts of a well-formed code (positions are 1-based in the standard). */
export interface UsccParts {
  /** [1] 登记管理部门: 1 机构编制, 5 民政, 9 市场监管, Y other … */
  registeringAuthority: string;
  /** [2] 机构类别. */
  organisationType: string;
  /** [3–8] 登记管理机关行政区划码 (GB/T 2260). */
  divisionCode: string;
  /** [9–17] 组织机构代码 (GB 11714) including its own check character. */
  organisationCode: string;
  /** [18] the check character as written. */
  checkChar: string;
}

export interface UsccCheck {
  status: UsccStatus;
  problems: UsccProblem[];
  /** The check character positions 1–17 call for; present whenever the code is well formed. */
  expectedCheckChar?: string;
  /** Trimmed and upper-cased input; what should be stored. */
  normalized: string;
  /** Present whenever the code is well formed. */
  parts?: UsccParts;
  /**
   * Whether the embedded GB 11714 organisation code (positions 9–17) carries a correct check character.
   * Informational only: the USCC check character is what decides validity. null when malformed.
   */
  organisationCodeValid: boolean | null;
}

export class UsccError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsccError';
  }
}

/** Upper-cases and trims, because codes are typed and pasted in every form. */
function normalize(code: string): string {
  return code.trim().toUpperCase();
}

function checkValueOf(first17: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += usccValue(first17[i]) * USCC_WEIGHTS[i];
  return (31 - (sum % 31)) % 31;
}

/** Returns the positions (1-based) and characters outside the alphabet. */
function invalidCharacters(text: string): { position: number; char: string }[] {
  const bad: { position: number; char: string }[] = [];
  for (let i = 0; i < text.length; i++) if (usccValue(text[i]) < 0) bad.push({ position: i + 1, char: text[i] });
  return bad;
}

function assertFirst17(first17: string): string {
  const text = normalize(first17);
  if (text.length !== 17) throw new UsccError(`expected 17 characters, got ${text.length}`);
  const bad = invalidCharacters(text);
  if (bad.length > 0) throw new UsccError(`characters outside the USCC alphabet: ${bad.map((b) => `${b.char}@${b.position}`).join(', ')}`);
  return text;
}

/**
 * Computes the 18th (check) character for the first 17 characters of a USCC.
 * Lower case is accepted. Throws UsccError when the input is not 17 characters of the alphabet.
 */
export function computeUsccCheckChar(first17: string): string {
  return USCC_ALPHABET[checkValueOf(assertFirst17(first17))];
}

/** Appends the check character to 17 characters, giving a valid 18-character USCC (upper case). */
export function completeUscc(first17: string): string {
  const text = assertFirst17(first17);
  return text + USCC_ALPHABET[checkValueOf(text)];
}

/**
 * GB 11714 check of a 9-character organisation code: the first 8 characters are valued 0–9, A=10 … Z=35
 * with weights 3 7 9 10 5 8 4 2; check = 11 − (Σ mod 11), 10 → X, 11 → 0.
 */
export function isOrganisationCodeValid(code: string): boolean {
  const text = normalize(code);
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(text)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = text.charCodeAt(i);
    const value = c <= 57 ? c - 48 : c - 55;
    sum += value * ORGANISATION_CODE_WEIGHTS[i];
  }
  const check = 11 - (sum % 11);
  const expected = check === 10 ? 'X' : check === 11 ? '0' : String(check);
  return text[8] === expected;
}

/**
 * Checks a 统一社会信用代码. Malformed (empty, length ≠ 18, characters outside the alphabet after
 * upper-casing) is a hard error; a wrong 18th character is `checksum_mismatch`, a warning that a data admin
 * may override. Never throws.
 */
export function checkUscc(code: string): UsccCheck {
  const normalized = normalize(code);
  const problems: UsccProblem[] = [];
  if (normalized.length === 0) {
    problems.push({ code: 'empty', message: 'The USCC is empty', messageZh: '统一社会信用代码为空' });
    return { status: 'malformed', problems, normalized, organisationCodeValid: null };
  }
  if (normalized.length !== 18) {
    problems.push({
      code: 'length',
      message: `A USCC has 18 characters, this one has ${normalized.length}`,
      messageZh: `统一社会信用代码应为18位，实际为${normalized.length}位`,
    });
  }
  const bad = invalidCharacters(normalized);
  if (bad.length > 0) {
    const list = bad.map((b) => `“${b.char}”(${b.position})`).join(', ');
    problems.push({
      code: 'alphabet',
      message: `Characters not allowed in a USCC (I, O, Z, S, V and symbols are never used): ${list}`,
      messageZh: `含有统一社会信用代码不使用的字符（不使用I、O、Z、S、V及符号）：${list}`,
    });
  }
  if (problems.length > 0) return { status: 'malformed', problems, normalized, organisationCodeValid: null };

  const expectedCheckChar = USCC_ALPHABET[checkValueOf(normalized)];
  const parts: UsccParts = {
    registeringAuthority: normalized[0],
    organisationType: normalized[1],
    divisionCode: normalized.slice(2, 8),
    organisationCode: normalized.slice(8, 17),
    checkChar: normalized[17],
  };
  const organisationCodeValid = isOrganisationCodeValid(parts.organisationCode);
  if (parts.checkChar !== expectedCheckChar) {
    problems.push({
      code: 'checksum_mismatch',
      message: `Check character is ${parts.checkChar} but positions 1–17 call for ${expectedCheckChar}; some early pilot codes are legal despite this, so confirm with the registration record`,
      messageZh: `校验位为${parts.checkChar}，按前17位计算应为${expectedCheckChar}；部分早期试点代码校验不通过但合法，请核对登记信息`,
    });
    return { status: 'checksum_mismatch', problems, expectedCheckChar, normalized, parts, organisationCodeValid };
  }
  return { status: 'valid', problems, expectedCheckChar, normalized, parts, organisationCodeValid };
}
