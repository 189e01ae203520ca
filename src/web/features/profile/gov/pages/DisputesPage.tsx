import { useState } from 'react';
import { Button, Card, Segmented, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { DISPUTE_STATUSES, type AdminDispute, type DisputeStatus } from '../../../../api/types.ts';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { formatDateTime } from '../../../../lib/format.ts';
import { formatStoredText, localName, sourceName } from '../../../../lib/indicator-values.ts';
import { useDisputes } from '../api/useDisputes.ts';
import { ResolveDisputeModal } from '../components/ResolveDisputeModal.tsx';
import '../components/data.css';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PAGE_SIZES, tablePagination } from '../../../../lib/table-pagination.ts';
import { useUrlFilters } from '../../../../lib/useUrlFilters.ts';
import { EnterpriseCell } from '../../../../components/EnterpriseCell.tsx';

type StatusFilter = DisputeStatus | 'all';
const STATUS_COLOURS: Record<DisputeStatus, string> = { open: 'processing', accepted: 'green', rejected: 'red' };

/** /gov/data/disputes: 数据异议 — enterprises' disputes of government facts, by status; accept or reject each. */
export default function DisputesPage() {
  const { t, i18n } = useTranslation('data-admin');
  const { t: tc } = useTranslation('common');
  // The status and page live in the URL, so the home's count of open disputes opens exactly them.
  const { searchParams, page, update } = useUrlFilters<'status'>();
  const requested = searchParams.get('status');
  const status: StatusFilter = requested === 'all' || DISPUTE_STATUSES.includes(requested as DisputeStatus) ? (requested as StatusFilter) : 'open';
  const setPage = (next: number) => update({ page: String(next) });
  const [pageSize, setPageSize] = useState(20);
  const [resolving, setResolving] = useState<AdminDispute | null>(null);
  const disputes = useDisputes({ status: status === 'all' ? undefined : status, page, pageSize });
  const language = i18n.language;

  const columns: TableColumnsType<AdminDispute> = [
    {
      title: t('disputes.columns.enterprise'),
      key: 'enterprise',
      render: (_, row) => <EnterpriseCell enterprise={row.enterprise} to={`/gov/enterprises/${row.enterprise.id}`} />,
    },
    {
      title: t('disputes.columns.indicator'),
      key: 'indicator',
      render: (_, row) => (
        <div style={{ display: 'flex', flexDirection: 'column' }}>
          <span>{localName(row, language)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.period} · {sourceName(row.source, language)}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('disputes.columns.change'),
      key: 'change',
      render: (_, row) => (
        <Tooltip title={t('disputes.typed', { value: row.proposedValue })}>
          <span className="dxe-dispute-value">
            {formatStoredText(row.unit, row.currentValue, language)} → <Typography.Text strong>{row.proposedParsed !== null ? formatStoredText(row.unit, row.proposedParsed, language) : row.proposedValue}</Typography.Text>
          </span>
        </Tooltip>
      ),
    },
    { title: t('disputes.columns.reason'), dataIndex: 'reason', key: 'reason', ellipsis: { showTitle: true }, width: 220, responsive: ['lg'] },
    { title: t('disputes.columns.createdAt'), key: 'createdAt', responsive: ['md'], render: (_, row) => formatDateTime(row.createdAt, language) },
    {
      title: t('disputes.columns.status'),
      key: 'status',
      render: (_, row) => (
        <Tooltip title={row.resolutionNote}>
          <Tag color={STATUS_COLOURS[row.status]}>{t(`disputes.statuses.${row.status}`)}</Tag>
        </Tooltip>
      ),
    },
    {
      title: tc('table.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, row) =>
        row.status === 'open' ? (
          <Button type="link" size="small" onClick={() => setResolving(row)} data-testid={`dispute-resolve-${row.id}`}>
            {t('disputes.resolve')}
          </Button>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.resolvedAt ? formatDateTime(row.resolvedAt, language) : '—'}
          </Typography.Text>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('disputes.title')} extra={<ExportButton path="/api/disputes/export.xlsx" params={{ status: status === 'all' ? undefined : status }} />} />
      <Card>
        <div className="dxe-filters">
          <Segmented<StatusFilter>
            value={status}
            onChange={(value) => update({ status: value === 'open' ? undefined : value })}
            options={[...DISPUTE_STATUSES.map((value) => ({ value, label: t(`disputes.statuses.${value}`) })), { value: 'all' as const, label: t('disputes.all') }]}
            data-testid="disputes-status-filter"
          />
        </div>
        {disputes.isError && !disputes.data ? (
          <LoadFailed error={disputes.error} onRetry={() => void disputes.refetch()} />
        ) : (
          <Table<AdminDispute>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={disputes.data?.items}
            loading={disputes.isFetching}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: status === 'open' ? t('disputes.emptyOpen') : tc('states.noResults') }}
            pagination={tablePagination(tc, {
              page,
              pageSize,
              total: disputes.data?.total,
              pageSizes: PAGE_SIZES,
              onChange: (nextPage, nextSize) => {
                setPage(nextPage);
                setPageSize(nextSize);
              },
            })}
            data-testid="disputes-table"
          />
        )}
      </Card>
      <ResolveDisputeModal dispute={resolving} onClose={() => setResolving(null)} />
    </>
  );
}
