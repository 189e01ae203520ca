import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Badge, Button, Drawer, Empty, Popover, Spin, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AppNotification } from '../../../api/types.ts';
import { DESKTOP_QUERY, useMediaQuery } from '../../../lib/useMediaQuery.ts';
import { useNotificationStream } from '../api/useNotificationStream.ts';
import { useLatestNotifications, useMarkAllNotificationsRead, useMarkNotificationRead } from '../api/useNotifications.ts';
import { notificationLink, notificationText } from './notification-text.ts';
import { NotificationItem } from './NotificationItem.tsx';
import './notifications.css';

/** Notifications arriving this close together are announced in one toast. */
const TOAST_BATCH_MS = 600;

/**
 * The bell in the header, for every role: the unread count, live from the notification stream; a panel
 * with the latest notifications, mark all read, and the way to the 消息中心. Loaded lazily by the layout,
 * so none of this weighs on the login page.
 */
export default function NotificationBell() {
  const { t, i18n } = useTranslation('notifications');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const latest = useLatestNotifications();
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const pending = useRef<AppNotification[]>([]);
  const toastTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [pulse, setPulse] = useState(0);
  // A popover beside the bell on tablets and up; on a phone the panel is a drawer the width of the screen.
  const isDesktop = useMediaQuery(DESKTOP_QUERY);

  const onLive = useCallback(
    (notification: AppNotification) => {
      pending.current.push(notification);
      setPulse((value) => value + 1);
      if (toastTimer.current !== null) return;
      toastTimer.current = setTimeout(() => {
        toastTimer.current = null;
        const arrived = pending.current;
        pending.current = [];
        const content = arrived.length === 1 ? notificationText(arrived[0], i18n.language).title : t('bell.arrived', { count: arrived.length });
        // Below the header, so the toast never covers the bell or the menu while it shows.
        void message.open({ type: 'info', icon: <BellOutlined />, content, duration: 4, key: 'dxe-notification-toast', style: { marginTop: 52 } });
      }, TOAST_BATCH_MS);
    },
    [i18n.language, message, t],
  );
  useNotificationStream(onLive);
  useEffect(
    () => () => {
      if (toastTimer.current !== null) clearTimeout(toastTimer.current);
    },
    [],
  );

  const unread = latest.data?.unreadCount ?? 0;
  const items = latest.data?.items ?? [];

  const openItem = (notification: AppNotification) => {
    setOpen(false);
    if (!notification.readAt) markRead.mutate(notification.id);
    const link = notificationLink(notification);
    navigate(link ?? '/notifications');
  };

  const readAll = (
    <Button type="link" size="small" disabled={unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()} data-testid="notification-read-all">
      {t('readAll')}
    </Button>
  );

  const panel = (
    <div className={`dxe-bell-panel${isDesktop ? '' : ' is-drawer'}`} data-testid="notification-panel">
      {isDesktop && (
        <div className="dxe-bell-panel-head">
          <Typography.Text strong>{t('title')}</Typography.Text>
          {readAll}
        </div>
      )}
      {latest.isPending ? (
        <div className="dxe-bell-panel-state">
          <Spin size="small" />
        </div>
      ) : latest.isError ? (
        <div className="dxe-bell-panel-state">
          <Typography.Text type="secondary">{t('loadFailed')}</Typography.Text>
          <Button size="small" onClick={() => void latest.refetch()}>
            {t('retry')}
          </Button>
        </div>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} />
      ) : (
        <ul className="dxe-notification-list is-compact">
          {items.map((notification) => (
            <NotificationItem key={notification.id} notification={notification} onOpen={openItem} isCompact />
          ))}
        </ul>
      )}
      <div className="dxe-bell-panel-foot">
        <Button
          type="link"
          block
          onClick={() => {
            setOpen(false);
            navigate('/notifications');
          }}
          data-testid="notification-view-all"
        >
          {t('viewAll')}
        </Button>
      </div>
    </div>
  );

  const bell = (
    <Button
      type="text"
      className="dxe-header-icon dxe-bell"
      aria-label={unread > 0 ? t('bell.labelUnread', { count: unread }) : t('bell.label')}
      data-testid="notification-bell"
      data-unread={unread}
      onClick={isDesktop ? undefined : () => setOpen(true)}
    >
      <Badge count={unread} size="small" overflowCount={99} offset={[2, -2]} data-testid="notification-count">
        {/* A new key restarts the wiggle on every arrival. */}
        <BellOutlined key={pulse} className={`dxe-bell-icon${pulse > 0 ? ' is-ringing' : ''}`} />
      </Badge>
    </Button>
  );

  if (!isDesktop) {
    return (
      <>
        {bell}
        <Drawer
          placement="right"
          open={open}
          onClose={() => setOpen(false)}
          size="min(380px, 100vw)"
          title={t('title')}
          extra={readAll}
          styles={{ body: { padding: 0 } }}
          destroyOnHidden
        >
          {panel}
        </Drawer>
      </>
    );
  }

  return (
    <Popover content={panel} trigger="click" placement="bottomRight" arrow={false} open={open} onOpenChange={setOpen} styles={{ container: { padding: 0 } }} destroyOnHidden>
      {bell}
    </Popover>
  );
}
