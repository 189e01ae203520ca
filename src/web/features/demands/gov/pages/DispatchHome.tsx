import { Card, Col, List, Row, Skeleton, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUser } from '../../../../app/session.tsx';
import EChart from '../../../../components/EChart.tsx';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { formatDateTime } from '../../../../lib/format.ts';
import { useDemandCounts, useOverdueBoard } from '../../shared/api/useDemands.ts';
import { DemandStateTag } from '../../shared/components/DemandStateTag.tsx';
import { onTimeRate } from '../../shared/lib/demand-view.ts';
import '../../shared/components/demands.css';

/**
 * The dispatch centre's home (县工商联): what waits for the dispatcher (queue), what is in the claim pool, with
 * handlers, overdue and due soon; the overdue board by demand and by office; demands by category (open and
 * all) and the on-time rate as charts; satisfaction of the ratings.
 */
export default function DispatchHome() {
  const { t, i18n } = useTranslation('demands');
  const en = i18n.language.startsWith('en');
  const user = useUser();
  const counts = useDemandCounts();
  const overdue = useOverdueBoard();

  if (counts.isPending) return <Skeleton active />;
  if (counts.isError) return <LoadFailed wholePage error={counts.error} onRetry={() => void counts.refetch()} />;
  const c = counts.data;
  const rate = onTimeRate(c.handling + c.resolvedLast30Days, c.overdue);
  const tiles: { key: 'queue' | 'offered' | 'handling' | 'overdue' | 'dueSoon' | 'resolved30' | 'followUps'; value: number; link?: string; danger?: boolean }[] = [
    { key: 'queue', value: c.queue, link: '/gov/demands?view=queue' },
    { key: 'offered', value: c.offered, link: '/gov/demands?state=offered' },
    { key: 'handling', value: c.handling, link: '/gov/demands?view=open' },
    { key: 'overdue', value: c.overdue, link: '/gov/demands?view=overdue', danger: true },
    { key: 'dueSoon', value: c.dueSoon },
    { key: 'resolved30', value: c.resolvedLast30Days },
    { key: 'followUps', value: c.followUpsDue },
  ];
  const byCategory = c.byCategory;

  return (
    <div className="dxe-demand-stats">
      <PageHeader title={t('home.dispatchTitle', { name: user.displayName })} />
      <Row gutter={[12, 12]} data-testid="dispatch-counts">
        {tiles.map((tile) => (
          <Col xs={12} sm={8} md={6} lg={3} key={tile.key} style={{ flex: '1 0 auto' }}>
            <Card size="small">
              <Statistic
                title={tile.link ? <Link to={tile.link}>{t(`home.tiles.${tile.key}`)}</Link> : t(`home.tiles.${tile.key}`)}
                value={tile.value}
                styles={{ content: tile.danger && tile.value > 0 ? { color: '#cf1322' } : undefined }}
                data-testid={`count-${tile.key}`}
                data-value={tile.value}
              />
            </Card>
          </Col>
        ))}
        <Col xs={12} sm={8} md={6} lg={3} style={{ flex: '1 0 auto' }}>
          <Card size="small">
            <Statistic title={t('home.tiles.satisfaction')} value={c.satisfactionBp === null ? '—' : (c.satisfactionBp / 100).toFixed(1)} suffix={c.satisfactionBp === null ? undefined : '%'} data-testid="count-satisfaction" />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={16}>
          <Card title={t('home.byCategory')}>
            <EChart
              ariaLabel={t('home.byCategory')}
              data-testid="chart-by-category"
              height={300}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { data: [t('home.open'), t('home.total')] },
                grid: { left: 40, right: 16, bottom: 60, top: 36 },
                xAxis: { type: 'category', data: byCategory.map((b) => (en ? b.nameEn : b.nameZh)), axisLabel: { rotate: 35, interval: 0 } },
                yAxis: [{ type: 'value' }, { type: 'value', show: false }],
                series: [
                  { name: t('home.total'), type: 'bar', data: byCategory.map((b) => b.total), itemStyle: { color: '#91caff' } },
                  { name: t('home.open'), type: 'bar', data: byCategory.map((b) => b.open), itemStyle: { color: '#1677ff' } },
                ],
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('home.onTime')}>
            <EChart
              ariaLabel={t('home.onTime')}
              data-testid="chart-on-time"
              height={300}
              option={{
                tooltip: { trigger: 'axis' },
                grid: { left: 40, right: 16, bottom: 30, top: 20 },
                xAxis: { type: 'category', data: [t('home.onTimeShort'), t('home.overdueShort')] },
                yAxis: { type: 'value' },
                series: [{ type: 'bar', data: [{ value: Math.max(0, c.handling - c.overdue), itemStyle: { color: '#52c41a' } }, { value: c.overdue, itemStyle: { color: '#ff4d4f' } }], barWidth: '40%' }],
              }}
            />
            <Typography.Text data-testid="on-time-rate">{rate === null ? '—' : t('home.onTimeRate', { rate })}</Typography.Text>
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={16}>
          <Card title={t('home.overdueBoard')} data-testid="overdue-board">
            {overdue.isError && <LoadFailed error={overdue.error} onRetry={() => void overdue.refetch()} />}
            <List
              size="small"
              loading={overdue.isLoading}
              dataSource={(overdue.data?.items ?? []).slice(0, 10)}
              locale={{ emptyText: t('home.noOverdue') }}
              renderItem={(d) => (
                <List.Item>
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <Link to={`/gov/demands/${d.id}`}>{d.title}</Link>
                        <DemandStateTag state={d.state} />
                      </Space>
                    }
                    description={t('home.overdueLine', { org: d.handlerOrg?.name ?? '—', hours: Math.round(d.overdueMinutes / 60), due: formatDateTime(d.resolutionDueAt ?? d.responseDueAt, i18n.language) })}
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('home.overdueByOrg')}>
            <List
              size="small"
              dataSource={overdue.data?.byOrg ?? []}
              locale={{ emptyText: t('home.noOverdue') }}
              renderItem={(o) => (
                <List.Item extra={<Typography.Text type="danger">{o.overdue}</Typography.Text>}>{o.name}</List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
