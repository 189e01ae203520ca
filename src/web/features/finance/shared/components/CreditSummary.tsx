import { Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CreditDimensionScore, CreditReason } from '../../../../api/types.ts';
import { isEnglish } from '../../../../lib/indicator-values.ts';
import { CreditRadar } from './FinanceCharts.tsx';

/** Dimension scores are 0–1000 each, like the total. */
const DIMENSION_MAX = 1000;

/** The four dimensions as a radar beside their figures (the enterprise's 我的信用 and a lead's credit report). */
export function DimensionsCard({ dimensions, title, testId = 'credit-dimensions' }: { dimensions: CreditDimensionScore[]; title: string; testId?: string }) {
  const { t, i18n } = useTranslation('finance-portal');
  const en = isEnglish(i18n.language);
  const axes = dimensions.map((dimension) => ({ name: en ? dimension.nameEn : dimension.nameZh, value: dimension.score, max: DIMENSION_MAX }));
  return (
    <Card title={title} className="dxe-fin-section" data-testid={testId}>
      <Row gutter={[16, 16]} align="middle">
        <Col xs={24} md={14}>
          <CreditRadar axes={axes} seriesName={title} ariaLabel={t('credit.radarLabel')} />
        </Col>
        <Col xs={24} md={10}>
          <ul className="dxe-fin-reasons">
            {dimensions.map((dimension) => (
              <li key={dimension.code} data-testid={`dimension-${dimension.code}`} data-score={dimension.score} style={{ borderColor: '#1f5fbf' }}>
                <Typography.Text strong>{en ? dimension.nameEn : dimension.nameZh}</Typography.Text>
                <span>{t('credit.dimensionScore', { score: dimension.score, max: DIMENSION_MAX })}</span>
              </li>
            ))}
          </ul>
        </Col>
      </Row>
    </Card>
  );
}

/** The factors that lowered the score most, each with what would raise it. */
export function ReasonsCard({ reasons, title }: { reasons: CreditReason[]; title: string }) {
  const { t, i18n } = useTranslation('finance-portal');
  const en = isEnglish(i18n.language);
  return (
    <Card title={title} className="dxe-fin-section" data-testid="credit-reasons">
      {reasons.length === 0 ? (
        <Typography.Text type="secondary">{t('credit.noReasons')}</Typography.Text>
      ) : (
        <ul className="dxe-fin-reasons">
          {reasons.map((reason) => (
            <li key={reason.code} data-testid={`reason-${reason.code}`}>
              <span>{en ? reason.textEn : reason.textZh}</span>
              <span className="dxe-fin-improve">
                {t('credit.improve')}：{en ? reason.adviceEn : reason.adviceZh}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
