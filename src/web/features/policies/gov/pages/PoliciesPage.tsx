import { Button, Card, Input, Segmented, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { PolicyListParams } from '../../../../api/query-keys.ts';
import { POLICY_STATUSES, type PolicyStatus, type PolicySummary } from '../../../../api/types.ts';
import { useUser } from '../../../../app/session.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { countyDate, formatDateTime } from '../../../../lib/format.ts';
import { useUrlFilters, useUrlSearchText } from '../../../../lib/useUrlFilters.ts';
import { usePolicies } from '../api/usePolicies.ts';
import { PolicyStatusTag } from '../components/PolicyStatusTag.tsx';
import { isAuthor } from '../lib/roles.ts';
import '../components/policies.css';
import { ReviewQueueCard } from '../components/ReviewQueueCard.tsx';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { tablePagination } from '../../../../lib/table-pagination.ts';

type Scope = 'mine' | 'all';
const PAGE_SIZE = 20;

/** /gov/policies: 政策管理 — the department's policies by status (drafts included), or every published one. */
export default function PoliciesPage() {
  const { t, i18n } = useTranslation('policies');
  const { t: tc } = useTranslation('common');
  const user = useUser();
  const navigate = useNavigate();
  const author = isAuthor(user);
  const filters = useUrlFilters();
  const { searchParams, page, update } = filters;
  const scope: Scope = author && searchParams.get('scope') !== 'all' ? 'mine' : 'all';
  const status = (searchParams.get('status') as PolicyStatus | null) ?? undefined;
  const autoGrant = searchParams.get('autoGrant') === 'true' ? true : undefined;
  const [search, setSearch] = useUrlSearchText(filters);
  const params: PolicyListParams = {
    status,
    q: searchParams.get('q') || undefined,
    isAutoGrant: autoGrant,
    department: scope === 'mine' ? user.org.id : undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const policies = usePolicies(params);
  const language = i18n.language;

  const path = (policy: PolicySummary) => `/gov/policies/${policy.id}`;
  const columns: TableColumnsType<PolicySummary> = [
    {
      title: t('list.columns.title'),
      key: 'title',
      render: (_, row) => (
        <div style={{ display: 'flex', flexDirection: 'column' }}>
          <Link to={path(row)} onClick={(event) => event.stopPropagation()} data-testid={`policy-link-${row.id}`}>
            {row.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.code} · {t('list.version', { version: row.version })}
            {row.documentNo ? ` · ${row.documentNo}` : ''}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('list.columns.status'), key: 'status', render: (_, row) => <PolicyStatusTag status={row.status} testId={`policy-status-${row.id}`} /> },
    ...(scope === 'all' ? [{ title: t('list.columns.department'), key: 'department', responsive: ['md' as const], render: (_: unknown, row: PolicySummary) => row.department.name }] : []),
    {
      title: t('list.columns.validity'),
      key: 'validity',
      responsive: ['lg'],
      render: (_, row) => `${row.validFrom} ~ ${row.validUntil ?? t('list.openEnded')}`,
    },
    {
      title: t('list.columns.window'),
      key: 'window',
      responsive: ['md'],
      render: (_, row) =>
        row.applyFrom || row.applyUntil ? (
          `${row.applyFrom ? countyDate(row.applyFrom) : '…'} ~ ${row.applyUntil ? countyDate(row.applyUntil) : '…'}`
        ) : (
          <Typography.Text type="secondary">{t('list.noWindow')}</Typography.Text>
        ),
    },
    {
      title: t('list.columns.tags'),
      key: 'tags',
      responsive: ['xl'],
      render: (_, row) => (
        <span>
          {row.isAutoGrant && (
            <Tooltip title={t('list.autoGrantHint')}>
              <Tag color="gold" icon={<ThunderboltOutlined />}>
                {t('list.autoGrant')}
              </Tag>
            </Tooltip>
          )}
          {row.tags.slice(0, 3).map((tag) => (
            <Tag key={tag}>{tag}</Tag>
          ))}
        </span>
      ),
    },
    { title: t('list.columns.updatedAt'), key: 'updatedAt', responsive: ['lg'], render: (_, row) => formatDateTime(row.updatedAt, language) },
  ];

  const isFiltered = Boolean(status || params.q || autoGrant);
  return (
    <>
      <PageHeader
        title={t(author ? 'list.title' : 'list.readerTitle')}
        extra={
          <Space wrap>
            <ExportButton path="/api/policies/export.xlsx" params={{ status, q: params.q, isAutoGrant: autoGrant, department: params.department }} />
            {author && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/gov/policies/new')} data-testid="policy-create">
                {t('list.create')}
              </Button>
            )}
          </Space>
        }
      />
      {author && <ReviewQueueCard />}
      <Card>
        <Space wrap className="dxe-filters" size={[8, 8]}>
          {author && (
            <Segmented<Scope>
              value={scope}
              onChange={(value) => update({ scope: value === 'all' ? 'all' : undefined })}
              options={[
                { value: 'mine', label: t('list.scopeMine') },
                { value: 'all', label: t('list.scopeAll') },
              ]}
              data-testid="policy-scope"
            />
          )}
          <Input.Search allowClear placeholder={t('list.searchPlaceholder')} value={search} onChange={(event) => setSearch(event.target.value)} onSearch={(value) => update({ q: value.trim() || undefined })} style={{ width: 280, maxWidth: '100%' }} data-testid="policy-search" />
          <Select<PolicyStatus>
            allowClear
            placeholder={t('list.filterStatus')}
            value={status}
            onChange={(value) => update({ status: value })}
            options={POLICY_STATUSES.map((value) => ({ value, label: t(`status.${value}`) }))}
            style={{ width: 140 }}
            data-testid="policy-filter-status"
          />
          <Select<string>
            allowClear
            placeholder={t('list.filterKind')}
            value={autoGrant ? 'true' : undefined}
            onChange={(value) => update({ autoGrant: value })}
            options={[{ value: 'true', label: t('list.autoGrant') }]}
            style={{ width: 140 }}
            data-testid="policy-filter-auto-grant"
          />
        </Space>
        {policies.isError && !policies.data ? (
          <LoadFailed error={policies.error} onRetry={() => void policies.refetch()} testId="policies-error" />
        ) : (
          <Table<PolicySummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={policies.data?.items}
            loading={policies.isFetching}
            scroll={{ x: 'max-content' }}
            onRow={(row) => ({ onClick: () => navigate(path(row)), style: { cursor: 'pointer' } })}
            locale={{ emptyText: isFiltered ? tc('states.noResults') : scope === 'mine' ? t('list.emptyMine') : tc('states.empty') }}
            pagination={tablePagination(tc, {
              page,
              pageSize: PAGE_SIZE,
              total: policies.data?.total,
              onChange: (next) => update({ page: String(next) }),
            })}
            data-testid="policies-table"
          />
        )}
      </Card>
    </>
  );
}
