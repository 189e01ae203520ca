import { useMemo } from 'react';
import { Card, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../api/client.ts';
import { queryKeys } from '../../../../api/query-keys.ts';
import { LOAN_STATUSES, type Industries, type LoanStatus, type LoanSummary, type Town } from '../../../../api/types.ts';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { useUrlFilters } from '../../../../lib/useUrlFilters.ts';
import { useLoanProducts, useLoans } from '../../shared/api/useLoans.ts';
import { LoanStatusTag } from '../../shared/components/FinanceTags.tsx';
import { money, rate } from '../../shared/lib/format.ts';

type Filter = 'bank' | 'from' | 'to' | 'first' | 'status' | 'town' | 'industry';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * /gov/finance/loans — 贷款台账: every bank's loans for the county leader (read-only) and the finance office,
 * filtered by bank, disbursed date, first loan and status (and the cockpit's town and 门类 when opened from
 * the cockpit's loan charts), with its XLSX export of the same filters.
 */
export default function CountyLoansPage() {
  const { t, i18n } = useTranslation('finance-gov');
  const { t: tf } = useTranslation('finance');
  const language = i18n.language;
  const en = language.startsWith('en');
  const { searchParams, page, update } = useUrlFilters<Filter>();
  const get = (key: Filter) => searchParams.get(key) ?? undefined;
  const bankOrgId = Number(get('bank')) || undefined;
  const from = DATE.test(get('from') ?? '') ? get('from') : undefined;
  const to = DATE.test(get('to') ?? '') ? get('to') : undefined;
  const first = get('first') === 'true' ? true : get('first') === 'false' ? false : undefined;
  const status = (LOAN_STATUSES as readonly string[]).includes(get('status') ?? '') ? (get('status') as LoanStatus) : undefined;
  const town = /^[0-9]{9}$/.test(get('town') ?? '') ? get('town') : undefined;
  const industry = /^[A-T]$/.test(get('industry') ?? '') ? get('industry') : undefined;
  const filters = { bankOrgId, disbursedFrom: from, disbursedTo: to, firstLoan: first, status, town, industry };
  const pageSize = 20;
  const loans = useLoans({ ...filters, page, pageSize });

  // Banks with a published product (every reader sees those), and the names of the cockpit's scope.
  const products = useLoanProducts({ page: 1, pageSize: 200 });
  const banks = useMemo(() => [...new Map((products.data?.items ?? []).map((p) => [p.bank.id, p.bank.name])).entries()].map(([value, label]) => ({ value, label })), [products.data]);
  const towns = useQuery({ queryKey: queryKeys.reference.towns, queryFn: ({ signal }) => api.get<Town[]>('/api/towns', undefined, { signal }), staleTime: 600_000, enabled: !!town });
  const industries = useQuery({ queryKey: queryKeys.reference.industries, queryFn: ({ signal }) => api.get<Industries>('/api/industries', undefined, { signal }), staleTime: 600_000, enabled: !!industry });
  const townName = towns.data?.find((tw) => tw.code === town);
  const section = industries.data?.sections.find((s) => s.code === industry);

  return (
    <>
      <PageHeader title={t('countyLoans.title')} extra={<ExportButton path="/api/finance/loans/export.xlsx" params={filters} />} />
      <Card>
        <Typography.Paragraph type="secondary">{t('countyLoans.subtitle')}</Typography.Paragraph>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select<number>
            allowClear
            placeholder={t('countyLoans.allBanks')}
            value={bankOrgId}
            onChange={(value) => update({ bank: value ? String(value) : undefined })}
            options={banks}
            style={{ minWidth: 200 }}
            aria-label={t('countyLoans.bank')}
            data-testid="county-loans-bank"
          />
          <DatePicker.RangePicker
            value={from && to ? [dayjs(from), dayjs(to)] : null}
            onChange={(range) => {
              const [a, b] = (range ?? []) as [Dayjs | null, Dayjs | null];
              update({ from: a?.format('YYYY-MM-DD'), to: b?.format('YYYY-MM-DD') });
            }}
            aria-label={t('countyLoans.period')}
            data-testid="county-loans-period"
          />
          <Select<string>
            allowClear
            placeholder={t('countyLoans.anyLoan')}
            value={first === undefined ? undefined : String(first)}
            onChange={(value) => update({ first: value })}
            options={[
              { value: 'true', label: t('countyLoans.firstOnly') },
              { value: 'false', label: t('countyLoans.notFirst') },
            ]}
            style={{ minWidth: 150 }}
            aria-label={t('countyLoans.firstLoan')}
            data-testid="county-loans-first"
          />
          <Select<LoanStatus>
            allowClear
            placeholder={t('countyLoans.status')}
            value={status}
            onChange={(value) => update({ status: value })}
            options={LOAN_STATUSES.map((value) => ({ value, label: tf(`loanStatus.${value}`) }))}
            style={{ minWidth: 130 }}
            data-testid="county-loans-status"
          />
          {town && (
            <Tag closable onClose={() => update({ town: undefined })} data-testid="county-loans-town">
              {t('countyLoans.town', { name: townName ? (en ? townName.nameEn : townName.name) : town })}
            </Tag>
          )}
          {industry && (
            <Tag closable onClose={() => update({ industry: undefined })} data-testid="county-loans-industry">
              {t('countyLoans.industry', { name: section ? `${section.code} ${en ? section.nameEn : section.nameZh}` : industry })}
            </Tag>
          )}
        </Space>
        {loans.isError && <LoadFailed error={loans.error} onRetry={() => void loans.refetch()} title={t('countyLoans.loadFailed')} />}
        <Table<LoanSummary>
          rowKey="id"
          size="small"
          loading={loans.isPending || loans.isPlaceholderData}
          dataSource={loans.data?.items}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('countyLoans.empty') }}
          data-testid="county-loans-table"
          pagination={{
            current: page,
            pageSize,
            total: loans.data?.total ?? 0,
            onChange: (next) => update({ page: String(next) }),
            showSizeChanger: false,
            showTotal: (count) => <span data-testid="county-loans-total">{t('countyLoans.total', { count })}</span>,
          }}
          columns={[
            { key: 'enterprise', title: t('countyLoans.enterprise'), render: (_, loan) => loan.enterprise.name },
            { key: 'bank', title: t('countyLoans.bank'), render: (_, loan) => loan.bank.name },
            { key: 'product', title: t('countyLoans.product'), render: (_, loan) => loan.product.name },
            { key: 'principal', title: t('countyLoans.principal'), align: 'right', render: (_, loan) => money(loan.principalFen, language) },
            { key: 'outstanding', title: t('countyLoans.outstanding'), align: 'right', render: (_, loan) => money(loan.outstandingPrincipalFen, language) },
            { key: 'rate', title: t('countyLoans.rate'), align: 'right', render: (_, loan) => rate(loan.rateBp) },
            { key: 'status', title: t('countyLoans.status'), render: (_, loan) => <LoanStatusTag status={loan.status} /> },
            { key: 'disbursed', title: t('countyLoans.disbursedOn'), dataIndex: 'disbursedOn' },
            { key: 'maturity', title: t('countyLoans.maturityOn'), dataIndex: 'maturityOn' },
            {
              key: 'first',
              title: t('countyLoans.firstLoan'),
              render: (_, loan) => (loan.isFirstLoan ? <Tag color="gold">{t('countyLoans.firstLoan')}</Tag> : <Typography.Text type="secondary">—</Typography.Text>),
            },
          ]}
        />
      </Card>
    </>
  );
}
