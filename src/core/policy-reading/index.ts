/** The reading assistant: policy text → proposed rule nodes and benefits with their source spans (docs/reading-assistant.md). */
export * from './read.ts';
export * from './structure.ts';
export * from './numbers.ts';
export * from './rule-edit.ts';
export { atomicConditions, meaningKey, rates, scoreReading, newTally, type ExpectedBenefit, type Tally } from './measure.ts';
