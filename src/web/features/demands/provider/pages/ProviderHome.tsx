import { Card, Col, List, Rate, Row, Skeleton, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUser } from '../../../../app/session.tsx';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { useClaimPool, useDemandCounts, useDemands, useServices } from '../../shared/api/useDemands.ts';
import { DemandStateTag } from '../../shared/components/DemandStateTag.tsx';
import '../../shared/components/demands.css';

/**
 * The provider's workbench: offers waiting in the claim pool, its open orders (new ones to accept first),
 * overdue orders, its rating from 好差评, the latest orders and the ratings of its catalogue items.
 */
export default function ProviderHome() {
  const { t } = useTranslation('demands');
  const user = useUser();
  const counts = useDemandCounts();
  const pool = useClaimPool({ page: 1, pageSize: 5 });
  const orders = useDemands({ view: 'open', page: 1, pageSize: 8 });
  const services = useServices({ mine: true, page: 1, pageSize: 50 });

  if (counts.isPending) return <Skeleton active />;
  if (counts.isError) return <LoadFailed wholePage error={counts.error} onRetry={() => void counts.refetch()} />;
  const c = counts.data;
  const toAccept = c.byState.assigned ?? 0;

  return (
    <div className="dxe-demand-stats">
      <PageHeader title={t('home.providerTitle', { name: user.displayName, org: user.org.name })} />
      <Row gutter={[12, 12]} data-testid="provider-counts">
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={<Link to="/provider/pool">{t('home.tiles.pool')}</Link>} value={pool.data?.total ?? 0} data-testid="count-pool" data-value={pool.data?.total ?? ''} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={<Link to="/provider/orders">{t('home.tiles.toAccept')}</Link>} value={toAccept} data-testid="count-to-accept" data-value={toAccept} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('home.tiles.handling')} value={c.handling} data-testid="count-handling" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('home.tiles.rating')} value={c.averageRating === null ? '—' : c.averageRating.toFixed(2)} suffix={c.averageRating === null ? undefined : '/ 5'} data-testid="count-rating" />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={14}>
          <Card title={t('home.openOrders')} extra={<Link to="/provider/orders">{t('home.more')}</Link>}>
            <List
              size="small"
              loading={orders.isLoading}
              dataSource={orders.data?.items ?? []}
              locale={{ emptyText: t('home.noOrders') }}
              renderItem={(d) => (
                <List.Item>
                  <Space wrap>
                    <Link to={`/provider/demands/${d.id}`}>{d.title}</Link>
                    <DemandStateTag state={d.state} />
                    {d.isOverdue && <Typography.Text type="danger">{t('list.overdue')}</Typography.Text>}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('home.myRatings')} extra={<Link to="/provider/services">{t('home.more')}</Link>} data-testid="provider-ratings">
            <List
              size="small"
              loading={services.isLoading}
              dataSource={services.data?.items ?? []}
              renderItem={(s) => (
                <List.Item extra={s.ratingAverage === null ? <Typography.Text type="secondary">{t('catalogue.noRatings')}</Typography.Text> : <span><Rate disabled allowHalf value={s.ratingAverage} style={{ fontSize: 12 }} /> ({s.ratingCount})</span>}>{s.name}</List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
