import type { KeyboardEvent, ReactNode } from 'react';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppNotification } from '../../../api/types.ts';
import { notificationText, notificationTime } from './notification-text.ts';

interface NotificationItemProps {
  notification: AppNotification;
  onOpen: (notification: AppNotification) => void;
  /** Buttons at the end of the row (消息中心: mark read). */
  actions?: ReactNode;
  /** Clamp the body to two lines (the bell's panel). */
  isCompact?: boolean;
}

/** One notification: unread dot, title, body and time in the user's language; the row opens its link. */
export function NotificationItem({ notification, onOpen, actions, isCompact }: NotificationItemProps) {
  const { i18n } = useTranslation('notifications');
  const { title, body } = notificationText(notification, i18n.language);
  const isUnread = !notification.readAt;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(notification);
    }
  };
  return (
    <li className={`dxe-notification${isUnread ? ' is-unread' : ''}`} data-testid={`notification-${notification.id}`} data-unread={isUnread ? 'true' : 'false'} data-kind={notification.kind}>
      <div className="dxe-notification-main" role="button" tabIndex={0} onClick={() => onOpen(notification)} onKeyDown={onKeyDown}>
        <span className="dxe-notification-dot" aria-hidden />
        <div className="dxe-notification-text">
          <Typography.Text strong={isUnread} className="dxe-notification-title">
            {title}
          </Typography.Text>
          {body && (
            <Typography.Paragraph type="secondary" className="dxe-notification-body" ellipsis={isCompact ? { rows: 2 } : false}>
              {body}
            </Typography.Paragraph>
          )}
          <Typography.Text type="secondary" className="dxe-notification-time">
            {notificationTime(notification.createdAt, i18n.language)}
          </Typography.Text>
        </div>
      </div>
      {actions && <div className="dxe-notification-actions">{actions}</div>}
    </li>
  );
}
