import { Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { LoanApplicationSummary } from '../../../../api/types.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { countyDate, formatDateTime } from '../../../../lib/format.ts';
import { useUrlFilters } from '../../../../lib/useUrlFilters.ts';
import { useLoanApplications } from '../../shared/api/useLoans.ts';
import { LoanApplicationStatusTag } from '../../shared/components/FinanceTags.tsx';
import { money, months } from '../../shared/lib/format.ts';
import { isDueSoon } from '../lib/deadlines.ts';

type Filter = 'open' | 'overdue' | 'all';

/** /bank/leads — the bank's lead inbox: open leads with their answer deadlines, late ones in red. */
export default function LeadsPage() {
  const { t, i18n } = useTranslation('finance-bank');
  const language = i18n.language;
  const { searchParams, page, update } = useUrlFilters<'filter'>();
  const requested = searchParams.get('filter') ?? 'open';
  const filter: Filter = requested === 'overdue' || requested === 'all' ? requested : 'open';
  const pageSize = 20;
  const leads = useLoanApplications({ open: filter === 'all' ? undefined : true, overdue: filter === 'overdue' ? true : undefined, page, pageSize });

  return (
    <>
      <PageHeader title={t('leads.title')} extra={<ExportButton path="/api/finance/applications/export.xlsx" params={{ open: filter === 'all' ? undefined : true, overdue: filter === 'overdue' ? true : undefined }} />} />
      <Card>
        <Segmented<Filter>
          value={filter}
          onChange={(value) => update({ filter: value === 'open' ? undefined : value })}
          options={[
            { value: 'open', label: t('leads.filterOpen') },
            { value: 'overdue', label: t('leads.filterOverdue') },
            { value: 'all', label: t('leads.filterAll') },
          ]}
          data-testid="leads-filter"
          style={{ marginBottom: 12 }}
        />
        {leads.isError && <LoadFailed error={leads.error} onRetry={() => void leads.refetch()} title={t('leads.loadFailed')} />}
        <Table<LoanApplicationSummary>
          rowKey="id"
          size="small"
          loading={leads.isPending || leads.isPlaceholderData}
          dataSource={leads.data?.items}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('leads.empty') }}
          data-testid="leads-table"
          pagination={{ current: page, pageSize, total: leads.data?.total ?? 0, onChange: (next) => update({ page: String(next) }), showSizeChanger: false }}
          onRow={(lead) => ({ 'data-testid': `lead-row-${lead.id}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              key: 'enterprise',
              title: t('leads.enterprise'),
              render: (_, lead) => (
                <Link to={`/bank/leads/${lead.id}`} data-testid={`lead-open-${lead.id}`}>
                  {lead.enterprise.name}
                </Link>
              ),
            },
            { key: 'product', title: t('leads.product'), render: (_, lead) => lead.product.name },
            { key: 'amount', title: t('leads.amount'), align: 'right', render: (_, lead) => money(lead.amountFen, language) },
            { key: 'term', title: t('leads.term'), render: (_, lead) => months(lead.termMonths, language) },
            { key: 'status', title: t('leads.status'), render: (_, lead) => <LoanApplicationStatusTag status={lead.status} /> },
            { key: 'submitted', title: t('leads.submittedAt'), render: (_, lead) => formatDateTime(lead.submittedAt, language) },
            {
              key: 'due',
              title: t('leads.dueAt'),
              render: (_, lead) =>
                lead.status === 'submitted' || lead.status === 'in_review' ? (
                  <Space size={4} wrap>
                    <Typography.Text type={lead.overdue ? 'danger' : isDueSoon(lead) ? 'warning' : undefined}>{countyDate(lead.dueAt)}</Typography.Text>
                    {lead.overdue && <Tag color="error">{t('leads.overdue')}</Tag>}
                    {!lead.overdue && isDueSoon(lead) && <Tag color="warning">{t('leads.dueSoon')}</Tag>}
                    {lead.escalatedAt && <Tag color="volcano">{t('leads.escalated')}</Tag>}
                  </Space>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}
