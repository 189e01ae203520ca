import { useState } from 'react';
import { App, Button, Card, Empty, Pagination, Segmented, Skeleton } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AppNotification } from '../../../api/types.ts';
import { useErrorText } from '../../../app/errors.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useLatestNotifications, useMarkAllNotificationsRead, useMarkNotificationRead, useNotificationList } from '../api/useNotifications.ts';
import { notificationLink } from '../components/notification-text.ts';
import { NotificationItem } from '../components/NotificationItem.tsx';
import { LoadFailed } from '../../../components/LoadFailed.tsx';
import '../components/notifications.css';

const PAGE_SIZE = 20;

/**
 * /notifications: 消息中心 for every role — all notifications or the unread ones, newest first; mark one
 * or all read; a notification opens the page it is about.
 */
export default function NotificationsPage() {
  const { t } = useTranslation('notifications');
  const errorText = useErrorText();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const [page, setPage] = useState(1);
  const list = useNotificationList({ unread: filter === 'unread', page, pageSize: PAGE_SIZE });
  // The unread count of the bell: the same number everywhere, kept live by the stream.
  const latest = useLatestNotifications();
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const unread = latest.data?.unreadCount ?? list.data?.unreadCount ?? 0;

  const open = (notification: AppNotification) => {
    if (!notification.readAt) markRead.mutate(notification.id);
    const link = notificationLink(notification);
    if (link) navigate(link);
  };

  const readAll = () =>
    markAll.mutate(undefined, {
      onSuccess: (result) => void message.success(t('page.readAllDone', { count: result.updated })),
      onError: (error) => void message.error(errorText(error)),
    });

  let body;
  if (list.isPending) {
    body = <Skeleton active paragraph={{ rows: 6 }} style={{ padding: 16 }} />;
  } else if (list.isError) {
    body = (
      <LoadFailed wholePage error={list.error} onRetry={() => void list.refetch()} title={t('loadFailed')} testId="notifications-error" />
    );
  } else if (list.data.items.length === 0) {
    body = <Empty style={{ padding: 32 }} description={filter === 'unread' ? t('page.noUnread') : t('empty')} data-testid="notifications-empty" />;
  } else {
    body = (
      <>
        <ul className="dxe-notification-list" data-testid="notifications-list">
          {list.data.items.map((notification) => (
            <NotificationItem
              key={notification.id}
              notification={notification}
              onOpen={open}
              actions={
                !notification.readAt && (
                  <Button size="small" type="link" icon={<CheckOutlined />} onClick={() => markRead.mutate(notification.id)} data-testid={`notification-mark-read-${notification.id}`}>
                    {t('page.markRead')}
                  </Button>
                )
              }
            />
          ))}
        </ul>
        {list.data.total > PAGE_SIZE && (
          <div className="dxe-notifications-pagination">
            <Pagination current={page} pageSize={PAGE_SIZE} total={list.data.total} onChange={setPage} showSizeChanger={false} size="small" />
          </div>
        )}
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('title')} />
      <div className="dxe-notifications-toolbar">
        <Segmented
          value={filter}
          onChange={(value) => {
            setFilter(value as 'all' | 'unread');
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('page.all') },
            { value: 'unread', label: t('page.unread', { count: unread }) },
          ]}
          data-testid="notifications-filter"
        />
        <Button icon={<CheckOutlined />} disabled={unread === 0} loading={markAll.isPending} onClick={readAll} data-testid="notifications-read-all">
          {t('readAll')}
        </Button>
      </div>
      <Card className="dxe-notifications-card">{body}</Card>
    </>
  );
}
