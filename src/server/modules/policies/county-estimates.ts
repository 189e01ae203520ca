/**
 * Reading county columns back for what the vector engine does not compute: the benefit amounts of the
 * eligible rows. Shared by the catalogue's preview and by matching, so a preview's total is the one a
 * match stores.
 */
import { estimateBenefit, type Benefit, type BenefitEstimate, type PrepareOptions } from '../../../core/rules/index.ts';
import { ColumnFactsReader, factNeedsOf, type FactNeeds, type LoadedCounty, type RuleRegistry } from './county-facts.ts';

/** Fact codes the needs name (for reading rows back from the columns). */
export function factCodesOf(needs: FactNeeds, registry: RuleRegistry): string[] {
  const codes = needs.indicators === 'all' ? [...registry.catalogue.facts.keys()] : [...needs.indicators];
  if (needs.sizeClassYears === 'all' || needs.sizeClassYears.size > 0) codes.push('size_class');
  return codes;
}

/**
 * Amounts of a version's eligible rows. A formula that reads no fact (a fixed sum, installments) is
 * estimated once; otherwise each eligible row's facts are read back from the columns.
 */
export function estimateAmounts(
  benefit: Benefit,
  options: PrepareOptions,
  county: LoadedCounty,
  rows: readonly number[],
  registry: RuleRegistry,
): { amounts: (number | null)[]; estimates: BenefitEstimate[] | null } {
  const needs = factNeedsOf([benefit], options.evaluationDate);
  const readsFacts = needs.indicators === 'all' || needs.indicators.size > 0 || needs.sizeClassYears === 'all' || needs.sizeClassYears.size > 0;
  if (!readsFacts) {
    const once = estimateBenefit(benefit, { attributes: {}, indicators: {} }, options);
    return { amounts: rows.map(() => once.amountFen), estimates: null };
  }
  const reader = new ColumnFactsReader(county.columns, factCodesOf(needs, registry));
  const estimates = rows.map((row) => estimateBenefit(benefit, reader.read(row), options));
  return { amounts: estimates.map((e) => e.amountFen), estimates };
}
