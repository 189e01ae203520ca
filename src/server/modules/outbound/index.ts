/**
 * outbound: signed webhook deliveries of notifications, with retries and a dead-letter list (owns
 * `outbound_deliveries`). Notifications hand it the notifications they create; imports audit only.
 */
export { createOutboundDeliveries } from './outbound.service.ts';
