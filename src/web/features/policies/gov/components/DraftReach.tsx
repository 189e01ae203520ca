import { lazy, Suspense } from 'react';
import { Alert, Card, Col, Row, Skeleton, Spin, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../../../core/money/money.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { moneyLocale } from '../../../../lib/indicator-values.ts';
import { useDraftReach, type DraftRules } from '../api/usePolicies.ts';

// ECharts is pulled in only when a figure is there to draw.
const ReachChart = lazy(() => import('./ReachChart.tsx'));

/**
 * Live beside the builder: the reach in the county of the rule and benefit as they stand now, unsaved —
 * how many firms qualify, how many cannot be judged for lack of data, how many do not, as bars; and the
 * money. `draft` is the editor's settled draft (useSettledDraft); with a policy it is counted by POST
 * /api/policies/:id/preview-draft, on the new-policy page by POST /api/policies/preview-draft. Nothing is written.
 */
export function DraftReach({ policyId, draft }: { policyId?: number; draft: DraftRules | null }) {
  const { t, i18n } = useTranslation('ruleBuilder');
  const errorText = useErrorText();
  const locale = moneyLocale(i18n.language);
  const reach = useDraftReach(policyId, draft);
  const data = reach.data;
  return (
    <Card
      size="small"
      title={policyId === undefined ? t('reachChart.reachNew') : t('live.reachDraft')}
      extra={reach.isFetching && <Spin size="small" />}
      data-testid="policy-draft-reach"
      data-eligible={draft !== null && data ? data.eligible : ''}
      data-state={draft === null ? 'pending' : reach.isError ? 'error' : reach.isFetching ? 'loading' : data ? 'ready' : 'loading'}
    >
      {draft === null ? (
        <Typography.Text type="secondary">{t('live.reachPending')}</Typography.Text>
      ) : reach.isError ? (
        <Alert type="warning" showIcon title={errorText(reach.error)} />
      ) : data ? (
        <Row gutter={16} align="middle">
          <Col xs={24} md={16}>
            <Suspense fallback={<Skeleton active paragraph={{ rows: 2 }} />}>
              <ReachChart reach={data} />
            </Suspense>
          </Col>
          <Col xs={24} md={8}>
            <Statistic title={t('reachChart.money')} value={formatFen(data.estimatedTotalFen, locale)} data-testid="policy-draft-reach-money" />
            {data.amountUnknown > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('reachChart.amountUnknown', { count: data.amountUnknown })}
              </Typography.Text>
            )}
          </Col>
        </Row>
      ) : (
        <Spin />
      )}
    </Card>
  );
}
