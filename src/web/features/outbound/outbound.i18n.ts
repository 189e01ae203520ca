/** Strings of 外发失败 (outbound dead letters, administrators): namespace `outbound`. */
const zhCN = {
  title: '外发失败',
  hint: '通知通过 Webhook 外发，失败后按指数退避重试；重试次数用尽即为“外发失败”。排除对方系统故障后，可重新发送。',
  emptyDead: '没有外发失败的通知',
  filters: {
    dead: '外发失败',
    pending: '待发送',
    delivered: '已送达',
    all: '全部',
  },
  status: {
    dead: '失败',
    pending: '待发送',
    delivered: '已送达',
  },
  columns: {
    id: '编号',
    notification: '通知',
    user: '用户 #{{id}}',
    enterprise: '企业 #{{id}}',
    status: '状态',
    attempts: '尝试次数',
    lastError: '最后一次结果',
    when: '时间',
    deliveredAt: '送达于 {{time}}',
    nextAttempt: '下次尝试 {{time}}',
  },
  retry: {
    action: '重新发送',
    confirm: '重新发送该通知？',
    confirmText: '将开始新一轮重试，操作记入审计日志。',
    done: '已重新排队发送',
    conflict: '该通知已不在失败状态或未配置 Webhook',
  },
};

type Resource = typeof zhCN;

const enUS: Resource = {
  title: 'Failed deliveries',
  hint: 'Notifications go out by webhook and are retried with exponential backoff; once every attempt has failed the delivery is dead. After the receiving system is fixed, send it again.',
  emptyDead: 'No failed deliveries',
  filters: {
    dead: 'Failed',
    pending: 'Pending',
    delivered: 'Delivered',
    all: 'All',
  },
  status: {
    dead: 'Failed',
    pending: 'Pending',
    delivered: 'Delivered',
  },
  columns: {
    id: 'No.',
    notification: 'Notification',
    user: 'user #{{id}}',
    enterprise: 'enterprise #{{id}}',
    status: 'Status',
    attempts: 'Attempts',
    lastError: 'Last result',
    when: 'When',
    deliveredAt: 'delivered {{time}}',
    nextAttempt: 'next attempt {{time}}',
  },
  retry: {
    action: 'Send again',
    confirm: 'Send this notification again?',
    confirmText: 'A new round of attempts starts; the action is audited.',
    done: 'Queued for sending',
    conflict: 'The delivery is no longer failed, or no webhook is configured',
  },
};

export default { 'zh-CN': zhCN, 'en-US': enUS };
