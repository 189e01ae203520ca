import { lazy, Suspense } from 'react';
import { Card, Col, Empty, Row, Skeleton, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PolicyDetail } from '../../../../api/types.ts';
import { usePolicyFunnel } from '../api/useEvaluation.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';

const FunnelCharts = lazy(() => import('./FunnelCharts.tsx'));
const STAGES = ['pushed', 'read', 'opened', 'applied', 'granted'] as const;

/** 推送漏斗: how far the pushes went — pushed → read → opened → applied → granted — overall and by day. */
export function FunnelPanel({ detail }: { detail: PolicyDetail }) {
  const { t } = useTranslation('policies');
  const funnel = usePolicyFunnel(detail.id);
  const data = funnel.data;
  const rate = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 1000) / 10}%` : '—');

  return (
    <Card title={t('funnel.title')}>
      {funnel.isError && <LoadFailed error={funnel.error} onRetry={() => void funnel.refetch()} />}
      {funnel.isPending && <Skeleton active />}
      {data && (
        <>
          <Row gutter={[16, 16]} className="dxe-stat-cards" style={{ marginBottom: 16 }} data-testid="funnel-counts">
            {STAGES.map((stage, i) => (
              <Col key={stage} flex="1 1 150px">
                <Card size="small">
                  <Statistic title={t(`funnel.stages.${stage}`)} value={data[stage]} data-testid={`funnel-${stage}`} />
                  {i > 0 && <span style={{ fontSize: 12, color: '#8c8c8c' }}>{t('funnel.ofPushed', { rate: rate(data[stage], data.pushed) })}</span>}
                </Card>
              </Col>
            ))}
          </Row>
          {data.pushed === 0 && data.byDay.length === 0 ? (
            <Empty description={t('funnel.empty')} />
          ) : (
            <Suspense fallback={<Skeleton active />}>
              <FunnelCharts funnel={data} />
            </Suspense>
          )}
        </>
      )}
    </Card>
  );
}
