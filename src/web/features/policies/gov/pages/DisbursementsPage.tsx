import { useState } from 'react';
import { Alert, Button, Card, Segmented, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Disbursement, DisbursementStatus } from '../../../../api/types.ts';
import { useUser } from '../../../../app/session.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { formatDateTime } from '../../../../lib/format.ts';
import { useCancelDisbursement, useDisbursements } from '../api/useDisbursements.ts';
import { ApproveDisbursementModal } from '../components/ApproveDisbursementModal.tsx';
import { MoneyText } from '../components/MoneyText.tsx';
import { ReasonModal } from '../components/ReasonModal.tsx';
import { useReviewErrorText } from '../lib/review-errors.ts';
import { tablePagination } from '../../../../lib/table-pagination.ts';
import { useUrlFilters } from '../../../../lib/useUrlFilters.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';

const PAGE_SIZE = 20;
type Filter = DisbursementStatus | 'all';
const STATUS_COLOURS: Record<DisbursementStatus, string> = { prepared: 'processing', paid: 'success', cancelled: 'default' };

/**
 * /gov/payments: 资金兑付 — payments prepared (waiting for a checker), paid and cancelled. A checker approves
 * here with the voucher number; whoever prepared a payment cannot approve it.
 */
export default function DisbursementsPage() {
  const { t, i18n } = useTranslation('reviews');
  const { t: tc } = useTranslation('common');
  const user = useUser();
  const reviewErrorText = useReviewErrorText();
  const { searchParams, page, update } = useUrlFilters();
  const filter = (searchParams.get('status') as Filter | null) ?? 'prepared';
  const payments = useDisbursements({ status: filter === 'all' ? undefined : filter, page, pageSize: PAGE_SIZE });
  const cancel = useCancelDisbursement();
  const [checking, setChecking] = useState<Disbursement | null>(null);
  const [cancelling, setCancelling] = useState<Disbursement | null>(null);
  const language = i18n.language;

  const columns: TableColumnsType<Disbursement> = [
    {
      title: t('columns.enterprise'),
      key: 'enterprise',
      render: (_, row) => (
        <div style={{ display: 'flex', flexDirection: 'column' }}>
          <span>{row.enterprise.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.policy.code} · {row.applicationId ? <Link to={`/gov/applications/${row.applicationId}`}>{t('payments.application', { number: row.applicationNumber ?? row.applicationId })}</Link> : row.autoGrantId ? <Link to={`/gov/auto-grants/${row.autoGrantId}`}>{t('payments.autoGrant', { id: row.autoGrantId })}</Link> : null}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('columns.amount'), key: 'amount', render: (_, row) => <MoneyText fen={row.amountFen} testId={`payment-amount-${row.id}`} /> },
    {
      title: t('payments.bound'),
      key: 'bound',
      responsive: ['md'],
      render: (_, row) => (
        <Space size={4} direction="vertical">
          {row.boundFen !== null ? <MoneyText fen={row.boundFen} exact={false} testId={`payment-bound-${row.id}`} /> : <span>{t('payments.unbounded')}</span>}
          {row.estimateFen !== null && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('payments.estimate')} <MoneyText fen={row.estimateFen} exact={false} />
            </Typography.Text>
          )}
          {!row.withinBound && <Tag color="error" data-testid={`payment-above-bound-${row.id}`}>{t('payments.aboveBound')}</Tag>}
        </Space>
      ),
    },
    { title: t('columns.status'), key: 'status', render: (_, row) => <Tag color={STATUS_COLOURS[row.status]} data-testid={`payment-status-${row.id}`}>{t(`payments.status.${row.status}`)}</Tag> },
    { title: t('payments.preparedBy'), key: 'maker', render: (_, row) => `${row.preparedBy.displayName} · ${formatDateTime(row.preparedAt, language)}` },
    {
      title: t('payments.approvedBy'),
      key: 'checker',
      responsive: ['md'],
      render: (_, row) => (row.approvedBy ? `${row.approvedBy.displayName} · ${formatDateTime(row.paidAt, language)}` : row.cancelReason ? <Typography.Text type="secondary">{t('payments.cancelledBecause', { reason: row.cancelReason })}</Typography.Text> : '—'),
    },
    { title: t('payments.paymentRef'), dataIndex: 'paymentRef', key: 'ref', responsive: ['lg'], render: (value: string | null) => value ?? '—' },
    {
      title: tc('table.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, row) => {
        if (row.status !== 'prepared') return null;
        const isMaker = row.preparedBy.id === user.id;
        return (
          <Space size={4}>
            <Tooltip title={isMaker ? t('payments.makerCannotApprove') : undefined}>
              <Button type="link" size="small" disabled={isMaker} onClick={() => setChecking(row)} data-testid={`payment-approve-${row.id}`}>
                {t('payments.approve')}
              </Button>
            </Tooltip>
            <Button type="link" size="small" danger onClick={() => setCancelling(row)} data-testid={`payment-cancel-${row.id}`}>
              {t('payments.cancel')}
            </Button>
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader title={t('payments.title')} extra={<ExportButton path="/api/disbursements/export.xlsx" params={{ status: filter === 'all' ? undefined : filter }} />} />
      <Card>
        <Alert type="info" showIcon title={t('payments.checkerRule')} style={{ marginBottom: 16 }} />
        <div className="dxe-filters">
          <Segmented<Filter>
            value={filter}
            onChange={(value) => update({ status: value === 'prepared' ? undefined : value })}
            options={(['prepared', 'paid', 'cancelled', 'all'] as const).map((value) => ({ value, label: value === 'all' ? t('payments.all') : t(`payments.tabs.${value}`) }))}
            data-testid="payments-filter"
          />
        </div>
        {payments.isError && !payments.data ? (
          <LoadFailed error={payments.error} onRetry={() => void payments.refetch()} />
        ) : (
          <Table<Disbursement>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={payments.data?.items}
            loading={payments.isFetching}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: filter === 'prepared' ? t('payments.emptyPrepared') : tc('states.empty') }}
            pagination={tablePagination(tc, {
              page,
              pageSize: PAGE_SIZE,
              total: payments.data?.total,
              onChange: (next) => update({ page: String(next) }),
            })}
            data-testid="payments-table"
          />
        )}
      </Card>
      <ApproveDisbursementModal disbursement={checking} onClose={() => setChecking(null)} />
      <ReasonModal
        open={cancelling !== null}
        title={t('payments.cancelTitle')}
        label={t('payments.cancelReason')}
        description={t('payments.cancelText')}
        danger
        pending={cancel.isPending}
        error={cancel.error ? reviewErrorText(cancel.error) : null}
        testId="payment-cancel-modal"
        onClose={() => {
          cancel.reset();
          setCancelling(null);
        }}
        onSubmit={(reason) => cancelling && cancel.mutate({ id: cancelling.id, reason }, { onSuccess: () => setCancelling(null) })}
      />
    </>
  );
}
