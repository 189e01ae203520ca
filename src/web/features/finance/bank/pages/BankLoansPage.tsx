import { Card, Select, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LOAN_STATUSES, type LoanStatus, type LoanSummary } from '../../../../api/types.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { useUrlFilters } from '../../../../lib/useUrlFilters.ts';
import { useLoans } from '../../shared/api/useLoans.ts';
import { LoanStatusTag } from '../../shared/components/FinanceTags.tsx';
import { money, rate } from '../../shared/lib/format.ts';

/** /bank/loans — the bank's loans: status, outstanding principal, next instalment; overdue first by filter. */
export default function BankLoansPage() {
  const { t, i18n } = useTranslation('finance-bank');
  const { t: tf } = useTranslation('finance');
  const language = i18n.language;
  const { searchParams, page, update } = useUrlFilters<'status'>();
  const requested = searchParams.get('status');
  const status = (LOAN_STATUSES as readonly string[]).includes(requested ?? '') ? (requested as LoanStatus) : undefined;
  const pageSize = 20;
  const loans = useLoans({ status, page, pageSize });

  return (
    <>
      <PageHeader title={t('loans.title')} extra={<ExportButton path="/api/finance/loans/export.xlsx" params={{ status }} />} />
      <Card>
        <Select<LoanStatus>
          allowClear
          placeholder={t('loans.filterStatus')}
          value={status}
          onChange={(value) => update({ status: value })}
          options={LOAN_STATUSES.map((value) => ({ value, label: tf(`loanStatus.${value}`) }))}
          style={{ minWidth: 160, marginBottom: 12 }}
          data-testid="loans-filter-status"
        />
        {loans.isError && <LoadFailed error={loans.error} onRetry={() => void loans.refetch()} title={t('loans.loadFailed')} />}
        <Table<LoanSummary>
          rowKey="id"
          size="small"
          loading={loans.isPending || loans.isPlaceholderData}
          dataSource={loans.data?.items}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('loans.empty') }}
          data-testid="loans-table"
          pagination={{ current: page, pageSize, total: loans.data?.total ?? 0, onChange: (next) => update({ page: String(next) }), showSizeChanger: false }}
          columns={[
            {
              key: 'enterprise',
              title: t('loans.enterprise'),
              render: (_, loan) => (
                <Link to={`/bank/loans/${loan.id}`} data-testid={`loan-open-${loan.id}`}>
                  {loan.enterprise.name}
                </Link>
              ),
            },
            { key: 'product', title: t('loans.product'), render: (_, loan) => loan.product.name },
            { key: 'principal', title: t('loans.principal'), align: 'right', render: (_, loan) => money(loan.principalFen, language) },
            { key: 'outstanding', title: t('loans.outstanding'), align: 'right', render: (_, loan) => money(loan.outstandingPrincipalFen, language) },
            { key: 'rate', title: t('loans.rate'), align: 'right', render: (_, loan) => rate(loan.rateBp) },
            { key: 'status', title: tf('status'), render: (_, loan) => <LoanStatusTag status={loan.status} /> },
            { key: 'disbursed', title: t('loans.disbursedOn'), dataIndex: 'disbursedOn' },
            {
              key: 'next',
              title: t('loans.nextDue'),
              render: (_, loan) =>
                loan.nextDue ? (
                  <Typography.Text type={loan.status === 'overdue' ? 'danger' : undefined}>
                    {loan.nextDue.dueOn} · {money(loan.nextDue.amountFen, language)}
                  </Typography.Text>
                ) : (
                  '—'
                ),
            },
            { key: 'first', title: t('loans.firstLoan'), render: (_, loan) => (loan.isFirstLoan ? <Tag color="gold">{t('loans.firstLoan')}</Tag> : null) },
          ]}
        />
      </Card>
    </>
  );
}
