import { useState } from 'react';
import { Button, Card, Col, Empty, Progress, Row, Skeleton, Statistic, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RiskPoolSummary } from '../../../../api/types.ts';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { useRiskPools } from '../../shared/api/useRiskPools.ts';
import { Bars } from '../../shared/components/FinanceCharts.tsx';
import { money, rate, wan } from '../../shared/lib/format.ts';
import { CreatePoolModal } from '../components/CreatePoolModal.tsx';
import { GovLoadFailed } from '../components/GovLoadFailed.tsx';
import '../../shared/components/finance.css';

function PoolCard({ pool }: { pool: RiskPoolSummary }) {
  const { t, i18n } = useTranslation('finance-gov');
  const language = i18n.language;
  const f = pool.figures;
  return (
    <Card className="dxe-fin-card" title={<Link to={`/gov/finance/risk-pools/${pool.id}`} data-testid={`pool-open-${pool.id}`}>{pool.name}</Link>} data-testid={`pool-${pool.id}`}>
      <Typography.Text type="secondary">
        {t('pools.leverage', { leverage: pool.leverage })} · {t('pools.shares', { bank: rate(pool.bankShareBp), gov: rate(pool.governmentShareBp) })}
      </Typography.Text>
      <Row gutter={[12, 12]} style={{ marginTop: 8 }}>
        <Col xs={12} md={6}>
          <Statistic title={t('pools.capital')} value={money(f.capitalFen, language)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('pools.capacity')} value={money(f.capacityFen, language)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('pools.covered')} value={money(f.coveredOutstandingFen, language)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('pools.available')} value={money(f.availableFen, language)} />
        </Col>
      </Row>
      <Progress percent={f.usageBp === null ? 0 : Math.round(f.usageBp / 100)} status={f.usageBp !== null && f.usageBp >= 9000 ? 'exception' : 'active'} format={() => `${t('pools.usage')} ${rate(f.usageBp)}`} />
      <Typography.Text type="secondary">
        {t('pools.activeLoans')} {f.activeLoans} · {t('pools.claimsPending')} {f.claimsPending} · {t('pools.claimsPaid')} {money(f.claimsPaidFen, language)}
      </Typography.Text>
    </Card>
  );
}

/** /gov/finance/risk-pools — 金融办: every risk-compensation pool, its capital, capacity and use, as figures and a chart. */
export default function RiskPoolsPage() {
  const { t } = useTranslation('finance-gov');
  const pools = useRiskPools();
  const [creating, setCreating] = useState(false);

  let body;
  if (pools.isPending) body = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (pools.isError) body = <GovLoadFailed error={pools.error} onRetry={() => void pools.refetch()} title={t('pools.loadFailed')} />;
  else if (pools.data.items.length === 0) body = <Card><Empty description={t('pools.empty')} /></Card>;
  else {
    const items = pools.data.items;
    body = (
      <>
        <Card title={t('pools.usedVsCapacity')}>
          <Bars
            categories={items.map((pool) => pool.name)}
            series={[
              { name: t('pools.seriesCovered'), data: items.map((pool) => wan(pool.figures.coveredOutstandingFen)), stack: 'capacity' },
              { name: t('pools.seriesAvailable'), data: items.map((pool) => wan(pool.figures.availableFen)), stack: 'capacity' },
            ]}
            horizontal
            height={Math.max(160, items.length * 56)}
            ariaLabel={t('pools.capacityChartLabel')}
            testId="pools-capacity-chart"
          />
        </Card>
        <div className="dxe-fin-list dxe-fin-section">
          {items.map((pool) => (
            <PoolCard key={pool.id} pool={pool} />
          ))}
        </div>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title={t('pools.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="pool-create">
            {t('forms.createPool')}
          </Button>
        }
      />
      {body}
      {creating && <CreatePoolModal onClose={() => setCreating(false)} />}
    </>
  );
}
