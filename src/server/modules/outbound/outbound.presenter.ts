import type { DeliveryWithNotification } from './outbound.repository.ts';
import type { OutboundDelivery } from './outbound.schemas.ts';

export function presentDelivery(row: DeliveryWithNotification): OutboundDelivery {
  return {
    id: row.id,
    notificationId: row.notification_id,
    channel: row.channel,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    nextAttemptAt: row.next_attempt_at.toISOString(),
    lastStatus: row.last_status,
    lastError: row.last_error,
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    notification: {
      kind: row.kind,
      userId: row.user_id,
      enterpriseId: row.enterprise_id,
      title: { zh: row.title_zh, en: row.title_en },
      createdAt: row.notification_created_at.toISOString(),
    },
  };
}
