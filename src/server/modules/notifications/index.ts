/** The notifications module's face: what other modules may call. */
export { notifyEnterprise } from './notifications.service.ts';
export { notifyEnterprises } from './notifications.service.ts';
export { notifyOrg } from './notifications.service.ts';
export type { NotificationInput } from './notifications.schemas.ts';
