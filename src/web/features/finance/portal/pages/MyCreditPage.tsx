import { Button, Card, Result, Skeleton, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { useMyCredit } from '../../shared/api/useCredit.ts';
import { DimensionsCard, ReasonsCard } from '../../shared/components/CreditSummary.tsx';
import { money } from '../../shared/lib/format.ts';
import '../../shared/components/finance.css';

/**
 * /portal/credit — 我的信用: the score (0–1000) and grade, the suggested credit line, the four dimensions as a
 * radar, the factors that lowered the score with how to improve, and the model version that computed it.
 */
export default function MyCreditPage() {
  const { t, i18n } = useTranslation('finance-portal');
  const language = i18n.language;
  const navigate = useNavigate();
  const credit = useMyCredit();

  let body;
  if (credit.isPending) body = <Skeleton active paragraph={{ rows: 10 }} />;
  else if (credit.isError) {
    body =
      isApiError(credit.error) && credit.error.status === 404 ? (
        <Result status="info" title={t('credit.noEnterprise')} />
      ) : (
        <LoadFailed wholePage error={credit.error} onRetry={() => void credit.refetch()} title={t('credit.loadFailed')} testId="credit-error" />
      );
  } else {
    const data = credit.data;
    body = (
      <>
        <Card className="dxe-fin-hero" data-testid="credit-summary" data-score={data.score} data-grade={data.grade}>
          <div className="dxe-fin-hero-item">
            <span className="dxe-fin-hero-label">{t('credit.score')}</span>
            <span className="dxe-fin-hero-value" data-testid="credit-score">
              {data.score}
            </span>
          </div>
          <div className="dxe-fin-hero-item">
            <span className="dxe-fin-hero-label">{t('credit.grade')}</span>
            <span className="dxe-fin-hero-value" data-testid="credit-grade">
              {data.grade}
            </span>
          </div>
          <div className="dxe-fin-hero-item">
            <span className="dxe-fin-hero-label">{t('credit.limit')}</span>
            <span className="dxe-fin-hero-value is-money" data-testid="credit-limit">
              {money(data.suggestedLimitFen, language)}
            </span>
          </div>
        </Card>
        <DimensionsCard dimensions={data.dimensions} title={t('credit.radar')} />
        <ReasonsCard reasons={data.reasons} title={t('credit.reasons')} />
        <Card className="dxe-fin-section">
          <Typography.Paragraph type="secondary">{t('credit.explain')}</Typography.Paragraph>
          <Typography.Text type="secondary" data-testid="credit-model">
            {t('credit.model', { version: `v${data.modelVersion}` })}
          </Typography.Text>
          <div style={{ marginTop: 12 }}>
            <Button type="primary" onClick={() => navigate('/portal/finance')}>
              {t('credit.toMarket')}
            </Button>
          </div>
        </Card>
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('credit.title')} />
      {body}
    </>
  );
}
