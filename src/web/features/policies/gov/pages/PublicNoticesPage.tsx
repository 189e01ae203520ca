import { Card, Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PublicNotice } from '../../../../api/types.ts';
import { useUser } from '../../../../app/session.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { formatDateTime } from '../../../../lib/format.ts';
import { useUrlFilters, useUrlSearchText } from '../../../../lib/useUrlFilters.ts';
import { useAutoGrants } from '../api/useAutoGrants.ts';
import { usePublicNotices } from '../api/useApplications.ts';
import { MoneyText } from '../components/MoneyText.tsx';
import { tablePagination } from '../../../../lib/table-pagination.ts';
import { EnterpriseCell } from '../../../../components/EnterpriseCell.tsx';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';

const PAGE_SIZE = 20;

/** /gov/public-notices: 公示公告 — the approvals and 免申即享 grants in public notice now, with the amounts. */
export default function PublicNoticesPage() {
  const { t, i18n } = useTranslation('reviews');
  const { t: tc } = useTranslation('common');
  const user = useUser();
  const filters = useUrlFilters();
  const { searchParams, page, update } = filters;
  const [search, setSearch] = useUrlSearchText(filters);
  const notices = usePublicNotices({ q: searchParams.get('q') || undefined, page, pageSize: PAGE_SIZE });
  const isStaff = user.roles.includes('department_staff');
  // A grant item links to its grant, which only the department sees; find it among the department's grants.
  const grants = useAutoGrants({ status: 'in_notice', page: 1, pageSize: 100 }, isStaff);
  const language = i18n.language;

  const columns: TableColumnsType<PublicNotice> = [
    {
      title: t('columns.enterprise'),
      key: 'enterprise',
      render: (_, row) => <EnterpriseCell enterprise={row.enterprise} />,
    },
    {
      title: t('columns.policy'),
      key: 'policy',
      render: (_, row) => (
        <div style={{ display: 'flex', flexDirection: 'column' }}>
          <span>{row.policy.title}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.policy.departmentName} · {row.applicationNumber ?? row.policy.code}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('notices.kind'), key: 'kind', render: (_, row) => <Tag color={row.kind === 'auto_grant' ? 'gold' : 'blue'}>{t(`notices.kinds.${row.kind}`)}</Tag> },
    { title: t('columns.amount'), key: 'amount', render: (_, row) => <MoneyText fen={row.amountFen} /> },
    { title: t('notices.period'), key: 'period', render: (_, row) => `${formatDateTime(row.noticeFrom, language)} ~ ${formatDateTime(row.noticeUntil, language)}` },
    ...(isStaff
      ? [
          {
            title: tc('table.actions'),
            key: 'open',
            render: (_: unknown, row: PublicNotice) => {
              if (row.kind === 'application') return <Link to={`/gov/applications/${row.id}`}>{t('notices.open')}</Link>;
              const grant = grants.data?.items.find((g) => g.policy.id === row.policy.id);
              return grant ? <Link to={`/gov/auto-grants/${grant.id}`}>{t('notices.open')}</Link> : null;
            },
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader title={t('notices.title')} extra={<ExportButton path="/api/public-notices/export.xlsx" params={{ q: searchParams.get('q') || undefined }} />} />
      <Card>
        <Typography.Paragraph type="secondary">{t('notices.hint')}</Typography.Paragraph>
        <Space wrap className="dxe-filters">
          <Input.Search allowClear placeholder={t('notices.search')} value={search} onChange={(event) => setSearch(event.target.value)} style={{ width: 300, maxWidth: '100%' }} data-testid="notices-search" />
        </Space>
        {notices.isError && !notices.data ? (
          <LoadFailed error={notices.error} onRetry={() => void notices.refetch()} />
        ) : (
          <Table<PublicNotice>
            rowKey={(row) => `${row.kind}-${row.id}`}
            size="middle"
            columns={columns}
            dataSource={notices.data?.items}
            loading={notices.isFetching}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('notices.empty') }}
            pagination={tablePagination(tc, {
              page,
              pageSize: PAGE_SIZE,
              total: notices.data?.total,
              onChange: (next) => update({ page: String(next) }),
            })}
            data-testid="notices-table"
          />
        )}
      </Card>
    </>
  );
}
