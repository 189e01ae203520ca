/**
 * How rules use the registry data of registry.ts: validation of named industry sets and certification
 * levels, resolution of `{"industry": {"set": …}}` into GB/T 4754 criteria (both engines then run the
 * same compiled matcher), and the zh/en words for levels.
 */
import type { CertificationDefinition, FactCatalogue } from './catalogue.ts';
import type { IndustryCriteria } from './industry.ts';
import { BUILT_IN_INDUSTRY_SETS, CERTIFICATION_LEVEL_NAMES, CERTIFICATION_LEVELS, type CertificationLevel } from './registry.ts';

const BUILT_IN_SETS = new Map(BUILT_IN_INDUSTRY_SETS.map((set) => [set.code, set]));

function setsOf(catalogue: FactCatalogue) {
  return catalogue.industrySets ?? BUILT_IN_SETS;
}

/** Whether the catalogue has a named industry set with this code. */
export function industrySetKnown(catalogue: FactCatalogue, code: unknown): boolean {
  return typeof code === 'string' && setsOf(catalogue).has(code);
}

/** Industry criteria of a node with its named set merged in (the union of both). */
export function resolveIndustryCriteria(criteria: IndustryCriteria & { set?: string }, catalogue: FactCatalogue): IndustryCriteria {
  const { set, ...own } = criteria;
  if (set === undefined) return own;
  const named = setsOf(catalogue).get(set)?.criteria ?? {};
  return {
    sections: [...(named.sections ?? []), ...(own.sections ?? [])],
    divisionRanges: [...(named.divisionRanges ?? []), ...(own.divisionRanges ?? [])],
    prefixes: [...(named.prefixes ?? []), ...(own.prefixes ?? [])],
  };
}

/** The display name of a named industry set, or its code. */
export function industrySetName(catalogue: FactCatalogue, code: string, zh: boolean): string {
  const set = setsOf(catalogue).get(code);
  return set ? (zh ? set.nameZh : set.nameEn) : code;
}

interface Reporter {
  report(path: string, code: 'invalid_node' | 'unknown_level', message: string): void;
}

/** Checks `levels` of a certification node: known level names, and levels the type is awarded at. */
export function certificationLevelProblems(checker: Reporter, levels: unknown, definition: CertificationDefinition | undefined, path: string): void {
  if (!Array.isArray(levels) || levels.length === 0) return checker.report(path, 'invalid_node', 'levels is a non-empty list such as ["national", "provincial", "city"]');
  levels.forEach((level: unknown, i: number) => {
    if (!CERTIFICATION_LEVELS.includes(level as CertificationLevel)) {
      checker.report(`${path}/${i}`, 'unknown_level', `"${String(level)}" is not a level (${CERTIFICATION_LEVELS.join(', ')})`);
    } else if (definition && !(definition.levels ?? []).includes(level as string)) {
      const allowed = definition.levels?.length ? definition.levels.join(', ') : 'none';
      checker.report(`${path}/${i}`, 'unknown_level', `${definition.code} is not awarded at ${String(level)} level (levels: ${allowed})`);
    }
  });
}

/** "国家级、省级、市级" / "national, provincial or city". */
export function levelsText(levels: readonly string[], zh: boolean): string {
  const names = levels.map((l) => CERTIFICATION_LEVEL_NAMES[l as CertificationLevel]?.[zh ? 'zh' : 'en'] ?? l);
  return zh ? names.join('、') : names.join(', ').replace(/, ([^,]*)$/, ' or $1');
}
