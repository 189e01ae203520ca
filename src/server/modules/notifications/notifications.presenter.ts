import type { NotificationRow } from '../../db/schema.ts';
import type { NotificationView } from './notifications.schemas.ts';

export type NotificationViewRow = Omit<NotificationRow, 'tx_id' | 'dedupe_key'>;

export function presentNotification(row: NotificationViewRow): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    params: row.params ?? {},
    title: { zh: row.title_zh, en: row.title_en },
    body: { zh: row.body_zh, en: row.body_en },
    link: row.link,
    enterpriseId: row.enterprise_id,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}
