/**
 * The records module's face (台账记录, issue 12): an enterprise's employees, patents, loans, contracts …
 * one row each, which rules aggregate (src/core/rules/records.ts).
 *
 * Layering: records sit above imports (they register the `records` import kind, as demands register
 * theirs) and enterprises (reads go through enterprise-access: a consent holder sees the types whose
 * consent category it was granted). The matching side (policies/county-facts.ts) reads the tables
 * directly, set-based, as it reads indicator values.
 *
 * Tables owned: `record_types`, `enterprise_records`.
 */
export { recordsPlugin } from './records.plugin.ts';
export { parseFieldCell, resolveRecordLayout } from './records.import.ts';
