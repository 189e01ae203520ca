import { lazy, Suspense } from 'react';
import { Alert, Button, Card, Col, Empty, Row, Skeleton, Statistic, Typography } from 'antd';
import { RadarChartOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../../../core/money/money.ts';
import type { PolicyDetail } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { moneyLocale } from '../../../../lib/indicator-values.ts';
import { usePolicyPreview } from '../api/useEvaluation.ts';

const MissingFactsChart = lazy(() => import('./MissingFactsChart.tsx'));

/**
 * 覆盖预估: the current (draft) rule run over the whole county without publishing — how many enterprises it
 * would reach, how many more need data and which facts they miss, and the estimated total.
 */
export function CountyPreview({ detail }: { detail: PolicyDetail }) {
  const { t, i18n } = useTranslation('policies');
  const errorText = useErrorText();
  const preview = usePolicyPreview(detail.id);
  const result = preview.data;
  const locale = moneyLocale(i18n.language);

  return (
    <Card
      title={t('preview.title')}
      extra={
        <Button type="primary" icon={<RadarChartOutlined />} loading={preview.isPending} onClick={() => preview.mutate()} data-testid="preview-run">
          {result ? t('preview.again') : t('preview.run')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('preview.hint', { version: detail.versions[0]?.version ?? detail.version })}</Typography.Paragraph>
      {preview.isError && <Alert type="error" showIcon title={errorText(preview.error)} />}
      {!result && !preview.isError && (preview.isPending ? <Skeleton active /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('preview.empty')} />)}
      {result && (
        <div data-testid="preview-result">
          <Alert
            type="info"
            showIcon
            title={t('preview.sentence', { eligible: result.eligible, unknown: result.unknown, total: formatFen(result.estimatedTotalFen, locale) })}
            description={result.amountUnknown > 0 ? t('preview.amountUnknown', { count: result.amountUnknown }) : undefined}
            style={{ marginBottom: 16 }}
            data-testid="preview-sentence"
          />
          <Row gutter={[16, 16]} className="dxe-stat-cards" style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('preview.eligible')} value={result.eligible} valueStyle={{ color: '#389e0d' }} data-testid="preview-eligible" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('preview.unknown')} value={result.unknown} valueStyle={{ color: '#d48806' }} data-testid="preview-unknown" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('preview.ineligible')} value={result.ineligible} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('preview.total')} value={formatFen(result.estimatedTotalFen, locale)} data-testid="preview-total" />
              </Card>
            </Col>
          </Row>
          <Typography.Title level={5}>{t('preview.topMissing')}</Typography.Title>
          {result.topMissingFacts.length ? (
            <Suspense fallback={<Skeleton active />}>
              <MissingFactsChart facts={result.topMissingFacts} />
            </Suspense>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('preview.noneMissing')} />
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('preview.evaluatedOn', { date: result.evaluationDate })}
          </Typography.Text>
        </div>
      )}
    </Card>
  );
}
