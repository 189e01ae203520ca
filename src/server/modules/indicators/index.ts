/**
 * The indicators module's face: what other modules may use of it.
 *
 * Layering (lowest first; a module imports only the faces of modules below it):
 *   indicators → consents → profiles → enterprises → disputes, imports
 * Indicators are the bottom of the enterprise-data stack: the registry of facts, the stored values and the
 * rules that judge them (period, unit, source, as-of date, source precedence). They know nothing of
 * enterprises' access decisions or profiles: the use cases that read or write an enterprise's values with
 * an access check and a profile recompute live in the enterprises module, above both.
 *
 * Tables owned: `indicators` (the registry), `indicator_values` (one value per enterprise, indicator,
 * period and source), `certification_types` and `industry_sets` (registry data the rule language names).
 */
export { loadIndicatorCatalogue } from './indicators.catalogue.ts';
export { findIndicatorValue, syncBuiltInIndicators, upsertIndicatorValues, type IndicatorValueRow, type UpsertCounts } from './indicators.repository.ts';
export { IndicatorValueList, IndicatorValuesQuery, WriteIndicatorValuesBody, WriteIndicatorValuesResult, type IndicatorValue, type IndicatorValueInput } from './indicators.schemas.ts';
export { listIndicatorValues } from './indicators.service.ts';
export { checkPeriod, checkValue, validateIndicatorBatch } from './indicators.validation.ts';
export { sourceRankTable } from './source-precedence.ts';
export { loadRegistryData, syncBuiltInRegistry } from './registry.repository.ts';
