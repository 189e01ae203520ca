import { Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dispute, DisputeStatus } from '../../../../api/types.ts';
import { formatDateTime } from '../../../../lib/format.ts';
import { formatStoredText, localName, sourceName } from '../../../../lib/indicator-values.ts';
import { useMyDisputes } from '../api/useMyDisputes.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';

export const DISPUTE_STATUS_COLOURS: Record<DisputeStatus, string> = { open: 'processing', accepted: 'green', rejected: 'red' };

/** 我的异议: the enterprise's disputes and where they stand. */
export function MyDisputes() {
  const { t, i18n } = useTranslation('enterprises');
  const disputes = useMyDisputes();
  const language = i18n.language;

  const columns: TableColumnsType<Dispute> = [
    {
      title: t('profile.indicators.indicator'),
      key: 'indicator',
      render: (_, row) => (
        <div className="dxe-indicator-name">
          <span>{localName(row, language)}</span>
          <Typography.Text type="secondary" className="dxe-indicator-sub">
            {row.period} · {sourceName(row.source, language)}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('disputes.change'),
      key: 'change',
      render: (_, row) => (
        <span className="dxe-number">
          {formatStoredText(row.unit, row.currentValue, language)} → {row.proposedParsed !== null ? formatStoredText(row.unit, row.proposedParsed, language) : row.proposedValue}
        </span>
      ),
    },
    {
      title: t('disputes.status'),
      key: 'status',
      render: (_, row) => (
        <Tag color={DISPUTE_STATUS_COLOURS[row.status]} data-testid={`my-dispute-status-${row.id}`}>
          {t(`disputes.statuses.${row.status}`)}
        </Tag>
      ),
    },
    { title: t('disputes.reason'), dataIndex: 'reason', key: 'reason', responsive: ['md'], ellipsis: true },
    { title: t('disputes.createdAt'), key: 'createdAt', responsive: ['md'], render: (_, row) => formatDateTime(row.createdAt, language) },
    { title: t('disputes.resolution'), key: 'resolution', responsive: ['sm'], render: (_, row) => row.resolutionNote ?? '—' },
  ];

  return (
    <Card title={t('disputes.title')} data-testid="my-disputes">
      {disputes.isError ? (
        <LoadFailed error={disputes.error} onRetry={() => void disputes.refetch()} />
      ) : (
        <Table<Dispute>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={disputes.data}
          loading={disputes.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small' }}
          locale={{ emptyText: t('disputes.empty') }}
          data-testid="my-disputes-table"
        />
      )}
    </Card>
  );
}
