/**
 * notifications: the one notification channel of every module — in-app inbox, live streams, and the
 * webhook through outbound (owns `notifications`). Call a notify* inside the transaction of the change.
 */
export { notifyEnterprise, notifyEnterprises, notifyOrg, notifyUsers } from './notifications.service.ts';
export { LocalizedText, type NotificationInput } from './notifications.schemas.ts';
