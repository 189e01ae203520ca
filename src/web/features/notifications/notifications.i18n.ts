const zhCN = {
  title: '消息中心',
  readAll: '全部已读',
  viewAll: '查看全部消息',
  empty: '暂无消息',
  loadFailed: '消息加载失败',
  retry: '重试',
  bell: {
    label: '消息',
    labelUnread: '消息，{{count}} 条未读',
    arrived: '收到 {{count}} 条新消息',
  },
  page: {
    all: '全部',
    unread: '未读 {{count}}',
    noUnread: '没有未读消息',
    markRead: '标为已读',
    readAllDone: '已将 {{count}} 条消息标为已读',
  },
};

const enUS: typeof zhCN = {
  title: 'Notifications',
  readAll: 'Mark all read',
  viewAll: 'See all notifications',
  empty: 'No notifications yet',
  loadFailed: 'Could not load notifications',
  retry: 'Retry',
  bell: {
    label: 'Notifications',
    labelUnread: 'Notifications, {{count}} unread',
    arrived: '{{count}} new notifications',
  },
  page: {
    all: 'All',
    unread: 'Unread {{count}}',
    noUnread: 'No unread notifications',
    markRead: 'Mark read',
    readAllDone: '{{count}} notifications marked read',
  },
};

export default { 'zh-CN': zhCN, 'en-US': enUS };
