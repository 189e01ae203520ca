import { App, Button, Card, Popconfirm, Segmented, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client.ts';
import type { OutboundDelivery, OutboundDeliveryStatus } from '../../../api/types.ts';
import { useErrorText } from '../../../app/errors.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { isEnglish } from '../../../lib/indicator-values.ts';
import { useDeliveries, useRetryDelivery } from '../api/useDeliveries.ts';
import { tablePagination } from '../../../lib/table-pagination.ts';
import { useUrlFilters } from '../../../lib/useUrlFilters.ts';
import { LoadFailed } from '../../../components/LoadFailed.tsx';

type Filter = OutboundDeliveryStatus | 'all';
const PAGE_SIZE = 20;
const COLOURS: Record<OutboundDeliveryStatus, string> = { pending: 'processing', delivered: 'success', dead: 'error' };

/**
 * /gov/admin/outbound: 外发失败 — notifications the webhook could not deliver after every attempt (dead
 * letters), with the last answer and error; an administrator sends one again with a new round of attempts.
 */
export default function DeadLettersPage() {
  const { t, i18n } = useTranslation('outbound');
  const { t: tc } = useTranslation('common');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { searchParams, page, update } = useUrlFilters();
  const filter = (searchParams.get('status') as Filter | null) ?? 'dead';
  const deliveries = useDeliveries({ status: filter === 'all' ? undefined : filter, page, pageSize: PAGE_SIZE });
  const retry = useRetryDelivery();
  const language = i18n.language;
  const en = isEnglish(language);

  const columns: TableColumnsType<OutboundDelivery> = [
    { title: t('columns.id'), dataIndex: 'id', key: 'id', width: 70 },
    {
      title: t('columns.notification'),
      key: 'notification',
      render: (_, row) => (
        <div style={{ display: 'flex', flexDirection: 'column', maxWidth: 360 }}>
          <span>{en ? row.notification.title.en : row.notification.title.zh}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.notification.kind} · {t('columns.user', { id: row.notification.userId })}
            {row.notification.enterpriseId !== null ? ` · ${t('columns.enterprise', { id: row.notification.enterpriseId })}` : ''} · {formatDateTime(row.notification.createdAt, language)}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('columns.status'), key: 'status', render: (_, row) => <Tag color={COLOURS[row.status]} data-testid={`delivery-status-${row.id}`}>{t(`status.${row.status}`)}</Tag> },
    { title: t('columns.attempts'), key: 'attempts', render: (_, row) => `${row.attempts} / ${row.maxAttempts}` },
    {
      title: t('columns.lastError'),
      key: 'error',
      render: (_, row) => (
        <div style={{ maxWidth: 320 }}>
          {row.lastStatus !== null && <Tag>HTTP {row.lastStatus}</Tag>}
          <Tooltip title={row.lastError}>
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: 260 }}>
              {row.lastError ?? '—'}
            </Typography.Text>
          </Tooltip>
        </div>
      ),
    },
    {
      title: t('columns.when'),
      key: 'when',
      responsive: ['md'],
      render: (_, row) => (row.status === 'delivered' ? t('columns.deliveredAt', { time: formatDateTime(row.deliveredAt, language) }) : row.status === 'pending' ? t('columns.nextAttempt', { time: formatDateTime(row.nextAttemptAt, language) }) : formatDateTime(row.updatedAt, language)),
    },
    {
      title: tc('table.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, row) =>
        row.status === 'dead' ? (
          <Popconfirm
            title={t('retry.confirm')}
            description={t('retry.confirmText')}
            okText={tc('actions.confirm')}
            cancelText={tc('actions.cancel')}
            onConfirm={() =>
              retry.mutateAsync(row.id).then(
                () => void message.success(t('retry.done')),
                (error: unknown) => void message.error(isApiError(error) && error.code === 'conflict' ? t('retry.conflict') : errorText(error)),
              )
            }
          >
            <Button type="link" size="small" icon={<ReloadOutlined />} data-testid={`delivery-retry-${row.id}`}>
              {t('retry.action')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader title={t('title')} />
      <Card>
        <Typography.Paragraph type="secondary">{t('hint')}</Typography.Paragraph>
        <div className="dxe-filters">
          <Segmented<Filter>
            value={filter}
            onChange={(value) => update({ status: value === 'dead' ? undefined : value })}
            options={(['dead', 'pending', 'delivered', 'all'] as const).map((value) => ({ value, label: t(`filters.${value}`) }))}
            data-testid="deliveries-filter"
          />
        </div>
        {deliveries.isError && !deliveries.data ? (
          <LoadFailed error={deliveries.error} onRetry={() => void deliveries.refetch()} />
        ) : (
          <Table<OutboundDelivery>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={deliveries.data?.items}
            loading={deliveries.isFetching}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: filter === 'dead' ? t('emptyDead') : tc('states.empty') }}
            pagination={tablePagination(tc, {
              page,
              pageSize: PAGE_SIZE,
              total: deliveries.data?.total,
              onChange: (next) => update({ page: String(next) }),
            })}
            data-testid="deliveries-table"
          />
        )}
      </Card>
    </>
  );
}
