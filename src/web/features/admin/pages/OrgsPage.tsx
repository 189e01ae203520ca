import { useState } from 'react';
import { Button, Card, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ORG_TYPES, type Org, type OrgType } from '../../../api/types.ts';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useOrgs } from '../api/useOrgs.ts';
import { CreateOrgModal } from '../components/CreateOrgModal.tsx';
import { PAGE_SIZES, tablePagination } from '../../../lib/table-pagination.ts';
import { LoadFailed } from '../../../components/LoadFailed.tsx';

const TYPE_COLOURS: Record<OrgType, string> = {
  enterprise: 'blue',
  department: 'geekblue',
  dispatch_centre: 'purple',
  bank: 'gold',
  service_provider: 'green',
  platform: 'red',
};

/** /gov/admin/orgs: organisations by type, and creating one (admin only). */
export default function OrgsPage() {
  const { t, i18n } = useTranslation('admin');
  const { t: tc } = useTranslation('common');
  const [type, setType] = useState<OrgType | undefined>();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [creating, setCreating] = useState(false);

  const orgs = useOrgs({ type, q: q || undefined, page, pageSize });

  const columns: TableColumnsType<Org> = [
    { title: t('orgs.columns.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('orgs.columns.type'),
      dataIndex: 'type',
      key: 'type',
      render: (value: OrgType) => <Tag color={TYPE_COLOURS[value]}>{tc(`orgTypes.${value}`)}</Tag>,
    },
    { title: t('orgs.columns.code'), dataIndex: 'code', key: 'code', render: (value: string | null) => value ?? '—' },
    {
      title: t('orgs.columns.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      responsive: ['md'],
      render: (value: string) => formatDateTime(value, i18n.language),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('orgs.title')}
        extra={
          <Space>
            <ExportButton path="/api/admin/orgs/export.xlsx" params={{ type, q: q || undefined }} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-org">
              {t('orgs.create')}
            </Button>
          </Space>
        }
      />
      <Card>
        <Space wrap className="dxe-filters">
          <Select<OrgType | 'all'>
            value={type ?? 'all'}
            onChange={(value) => {
              setType(value === 'all' ? undefined : value);
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('orgs.allTypes') },
              ...ORG_TYPES.map((value) => ({ value, label: tc(`orgTypes.${value}`) })),
            ]}
            style={{ width: 180 }}
            data-testid="orgs-filter-type"
          />
          <Input.Search
            allowClear
            placeholder={t('orgs.searchPlaceholder')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
            enterButton={tc('actions.search')}
            style={{ width: 300, maxWidth: '100%' }}
            data-testid="orgs-search"
          />
        </Space>
        {orgs.isError && <LoadFailed error={orgs.error} onRetry={() => void orgs.refetch()} />}
        <Table<Org>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={orgs.data?.items}
          loading={orgs.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: type || q ? tc('states.noResults') : tc('states.empty') }}
          pagination={tablePagination(tc, {
            page,
            pageSize,
            total: orgs.data?.total,
            pageSizes: PAGE_SIZES,
            onChange: (nextPage, nextSize) => {
              setPage(nextPage);
              setPageSize(nextSize);
            },
          })}
          data-testid="orgs-table"
        />
      </Card>
      <CreateOrgModal open={creating} onClose={() => setCreating(false)} defaultType={type} />
    </>
  );
}
