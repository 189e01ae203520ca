import { useState } from 'react';
import { App, Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useErrorText } from '../../../../app/errors.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { useClaim, useClaimPool } from '../../shared/api/useDemands.ts';
import { DemandTable } from '../../shared/components/DemandTable.tsx';

/**
 * 抢单: the demands offered to this provider. The first provider to claim gets the order (another's claim a
 * moment earlier is refused with a clear message and the list refreshes); it must then accept in time.
 */
export default function PoolPage() {
  const { t } = useTranslation('demands');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const pool = useClaimPool(page);
  const claim = useClaim();

  const grab = async (id: number) => {
    try {
      await claim.mutateAsync(id);
      void message.success(t('pool.claimed'));
      void navigate(`/provider/demands/${id}`);
    } catch (error) {
      void message.error(errorText(error));
      void pool.refetch();
    }
  };

  return (
    <>
      <PageHeader title={t('pool.title')} />
      <Card>
        {pool.isError && <LoadFailed error={pool.error} onRetry={() => void pool.refetch()} />}
        <DemandTable
          area="provider"
          testId="pool-table"
          data={pool.data}
          loading={pool.isFetching}
          page={page.page}
          pageSize={page.pageSize}
          onPage={(p, s) => setPage({ page: p, pageSize: s })}
          show={{ enterprise: true }}
          action={(d) => (
            <Button type="primary" size="small" loading={claim.isPending && claim.variables === d.id} onClick={() => void grab(d.id)} data-testid={`pool-claim-${d.id}`}>
              {t('buttons.claim')}
            </Button>
          )}
        />
      </Card>
    </>
  );
}
