import { useState } from 'react';
import { Button, Card, Segmented } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { useDemands } from '../../shared/api/useDemands.ts';
import { DemandTable } from '../../shared/components/DemandTable.tsx';

/** 我的诉求: the firm's demands, open ones first by default, each linking to its timeline. */
export default function MyDemandsPage() {
  const { t } = useTranslation('demands');
  const [view, setView] = useState<'open' | 'all'>('all');
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const query = useDemands({ view, ...page });
  return (
    <>
      <PageHeader
        title={t('list.mine')}
        extra={
          <Link to="/portal/demands/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="demand-new">
              {t('list.new')}
            </Button>
          </Link>
        }
      />
      <Card>
        <Segmented
          style={{ marginBottom: 12 }}
          value={view}
          onChange={(value) => {
            setView(value as 'open' | 'all');
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'all', label: t('list.all') },
            { value: 'open', label: t('list.open') },
          ]}
        />
        {query.isError && <LoadFailed error={query.error} onRetry={() => void query.refetch()} />}
        <DemandTable area="portal" data={query.data} loading={query.isFetching} page={page.page} pageSize={page.pageSize} onPage={(p, s) => setPage({ page: p, pageSize: s })} />
      </Card>
    </>
  );
}
