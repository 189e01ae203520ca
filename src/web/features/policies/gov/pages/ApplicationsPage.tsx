import { useMemo } from 'react';
import { Alert, Card, DatePicker, Input, Select, Space, Switch, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ApplicationListParams } from '../../../../api/query-keys.ts';
import { APPLICATION_STATUSES, type ApplicationStatus, type ApplicationSummary } from '../../../../api/types.ts';
import { useUser } from '../../../../app/session.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { formatDateTime } from '../../../../lib/format.ts';
import { isEnglish } from '../../../../lib/indicator-values.ts';
import { usePolicies } from '../api/usePolicies.ts';
import { useApplications } from '../api/useApplications.ts';
import { ApplicationStatusTag } from '../components/ApplicationStatusTag.tsx';
import { MoneyText } from '../components/MoneyText.tsx';
import '../components/reviews.css';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { tablePagination } from '../../../../lib/table-pagination.ts';
import { useUrlFilters } from '../../../../lib/useUrlFilters.ts';
import { EnterpriseCell } from '../../../../components/EnterpriseCell.tsx';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { readsApplicationsOnly } from '../lib/roles.ts';

const PAGE_SIZE = 20;

/**
 * /gov/applications: 申报审核 — the department's queue by policy, status, overdue and submitted period,
 * deadlines highlighted. The county's readers (leader, dispatch centre, administrator) read every
 * department's, also by department, read-only: the cockpit's policy charts open this list with
 * `orgId`, `from`, `to` and `status`. The export takes the filters shown.
 */
export default function ApplicationsPage() {
  const { t, i18n } = useTranslation('reviews');
  const { t: tc } = useTranslation('common');
  const user = useUser();
  const navigate = useNavigate();
  const { searchParams, page, update } = useUrlFilters();
  const policyId = Number(searchParams.get('policyId')) || undefined;
  const status = (searchParams.get('status') as ApplicationStatus | null) ?? undefined;
  const overdue = searchParams.get('overdue') === 'true' ? true : undefined;
  const readOnly = readsApplicationsOnly(user);
  const orgId = readOnly ? Number(searchParams.get('orgId')) || undefined : undefined;
  const from = searchParams.get('from') ?? undefined;
  const to = searchParams.get('to') ?? undefined;
  const q = searchParams.get('q') ?? undefined;
  const filters = { policyId, status, overdue, orgId, from, to, q };
  const params: ApplicationListParams = { ...filters, page, pageSize: PAGE_SIZE };
  const applications = useApplications(params);
  // Staff pick among their department's policies; a county reader among all (or the chosen department's).
  const policies = usePolicies({ department: readOnly ? orgId : user.org.id, page: 1, pageSize: 100 });
  const allPolicies = usePolicies({ page: 1, pageSize: 100 }, { enabled: readOnly });
  const departments = useMemo(() => {
    const byId = new Map<number, string>();
    for (const p of allPolicies.data?.items ?? []) byId.set(p.department.id, p.department.name);
    return [...byId].map(([value, label]) => ({ value, label }));
  }, [allPolicies.data]);
  const language = i18n.language;
  const en = isEnglish(language);

  const path = (row: ApplicationSummary) => `/gov/applications/${row.id}`;
  const columns: TableColumnsType<ApplicationSummary> = [
    { title: t('columns.id'), dataIndex: 'number', key: 'number', width: 190, render: (_, row) => <span data-testid={`application-number-${row.id}`}>{row.number}</span> },
    {
      title: t('columns.enterprise'),
      key: 'enterprise',
      render: (_, row) => <EnterpriseCell enterprise={row.enterprise} to={path(row)} testId={`application-link-${row.id}`} />,
    },
    { title: t('columns.policy'), key: 'policy', responsive: ['md'], render: (_, row) => row.policy.title },
    { title: t('columns.status'), key: 'status', render: (_, row) => <ApplicationStatusTag status={row.status} testId={`application-status-${row.id}`} /> },
    { title: t('columns.step'), key: 'step', responsive: ['lg'], render: (_, row) => (row.currentStep ? (en ? row.currentStep.nameEn : row.currentStep.nameZh) : '—') },
    {
      title: t('columns.dueAt'),
      key: 'due',
      render: (_, row) =>
        row.stepDueAt ? (
          row.isOverdue ? (
            <Tooltip title={t('list.overdueHint')}>
              <Typography.Text type="danger" strong data-testid={`application-overdue-${row.id}`}>
                <ClockCircleOutlined /> {t('list.overdue')} · {formatDateTime(row.stepDueAt, language)}
              </Typography.Text>
            </Tooltip>
          ) : (
            formatDateTime(row.stepDueAt, language)
          )
        ) : row.noticeUntil ? (
          <Typography.Text type="secondary">{t('list.noticeUntil', { time: formatDateTime(row.noticeUntil, language) })}</Typography.Text>
        ) : (
          '—'
        ),
    },
    { title: t('columns.amount'), key: 'amount', responsive: ['md'], render: (_, row) => <MoneyText fen={row.approvedAmountFen ?? row.estimatedAmountFen} exact={false} /> },
    { title: t('columns.submittedAt'), key: 'submittedAt', responsive: ['lg'], render: (_, row) => formatDateTime(row.submittedAt, language) },
  ];

  const isFiltered = Boolean(policyId || status || overdue || orgId || from || to || q);
  return (
    <>
      <PageHeader title={readOnly ? t('list.titleCounty') : t('list.title')} extra={<ExportButton path="/api/applications/export.xlsx" params={filters} />} />
      {readOnly && <Alert type="info" showIcon title={t('list.readOnly')} style={{ marginBottom: 12 }} data-testid="applications-read-only" />}
      <Card>
        <Space wrap className="dxe-filters" size={[8, 8]}>
          <Input.Search
            allowClear
            key={q ?? ''}
            defaultValue={q}
            placeholder={t('list.search')}
            onSearch={(value) => update({ q: value.trim() || undefined })}
            style={{ width: 260, maxWidth: '100%' }}
            data-testid="applications-search"
          />
          {readOnly && (
            <Select<number>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('list.filterDepartment')}
              value={orgId}
              onChange={(value) => update({ orgId: value ? String(value) : undefined, policyId: undefined })}
              loading={allPolicies.isPending}
              options={departments}
              style={{ width: 200, maxWidth: '100%' }}
              popupMatchSelectWidth={false}
              data-testid="applications-filter-department"
            />
          )}
          <Select<number>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('list.filterPolicy')}
            value={policyId}
            onChange={(value) => update({ policyId: value ? String(value) : undefined })}
            loading={policies.isPending}
            options={(policies.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))}
            style={{ width: 280, maxWidth: '100%' }}
            popupMatchSelectWidth={false}
            data-testid="applications-filter-policy"
          />
          <Select<ApplicationStatus>
            allowClear
            placeholder={t('list.filterStatus')}
            value={status}
            onChange={(value) => update({ status: value })}
            options={APPLICATION_STATUSES.map((value) => ({ value, label: t(`status.${value}`) }))}
            style={{ width: 140 }}
            data-testid="applications-filter-status"
          />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            value={from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null}
            onChange={(range) => {
              const [a, b] = (range ?? [null, null]) as [Dayjs | null, Dayjs | null];
              update({ from: a?.format('YYYY-MM-DD'), to: b?.format('YYYY-MM-DD') });
            }}
            placeholder={[t('list.submittedFrom'), t('list.submittedTo')]}
            data-testid="applications-filter-period"
          />
          <Space>
            <Switch checked={overdue === true} onChange={(checked) => update({ overdue: checked ? 'true' : undefined })} data-testid="applications-filter-overdue" />
            <span>{t('list.onlyOverdue')}</span>
          </Space>
        </Space>
        {applications.isError && !applications.data ? (
          <LoadFailed error={applications.error} onRetry={() => void applications.refetch()} />
        ) : (
          <Table<ApplicationSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={applications.data?.items}
            loading={applications.isFetching}
            scroll={{ x: 'max-content' }}
            rowClassName={(row) => (row.isOverdue ? 'dxe-row-overdue' : '')}
            onRow={(row) => ({ onClick: () => navigate(path(row)), style: { cursor: 'pointer' } })}
            locale={{ emptyText: isFiltered ? tc('states.noResults') : t('list.empty') }}
            pagination={tablePagination(tc, {
              page,
              pageSize: PAGE_SIZE,
              total: applications.data?.total,
              onChange: (next) => update({ page: String(next) }),
            })}
            data-testid="applications-table"
          />
        )}
      </Card>
    </>
  );
}
