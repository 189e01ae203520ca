/** Domain events: publish inside a transaction, subscribe from a module's plugin. See catalogue.ts. */
export { EVENT_TYPES, type EventCatalogue, type EventPayload, type EventType } from './catalogue.ts';
export { publish, EVENT_DISPATCH_JOB } from './publish.ts';
export { EventBus, subscriberJobKind, type EventHandler } from './bus.ts';
