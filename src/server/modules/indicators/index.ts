/** The indicators module's face: what other modules may call. */
export { readIndicatorValues } from './indicators.service.ts';
