import { Alert, Card, Descriptions, Empty, Skeleton, Table, Tag, Typography } from 'antd';
import { EyeInvisibleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import type { CreditReport, DataCategory, LoanApplicationDetail } from '../../../../api/types.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { categoryName, formatIndicatorValue, isEnglish } from '../../../../lib/indicator-values.ts';
import { useCreditReport } from '../../shared/api/useCredit.ts';
import { DimensionsCard, ReasonsCard } from '../../shared/components/CreditSummary.tsx';
import { money } from '../../shared/lib/format.ts';
import { countyDate } from '../../../../lib/format.ts';

type Indicator = CreditReport['indicators'][number];

/**
 * A lead's credit report: only the categories the enterprise's consents in force give this bank; the other
 * categories are listed as hidden, saying whether the consent was revoked or never given.
 */
export function CreditReportCard({ application }: { application: LoanApplicationDetail }) {
  const { t, i18n } = useTranslation('finance-bank');
  const { t: tp } = useTranslation('finance-portal');
  const { t: tf } = useTranslation('finance');
  const language = i18n.language;
  const en = isEnglish(language);
  const report = useCreditReport(application.id);
  const revoked = application.consent?.revokedAt ?? null;
  const hiddenText = (category: DataCategory) => (revoked && application.consent?.categories.includes(category) ? t('lead.reportHiddenRevoked') : t('lead.reportHiddenAbsent'));

  if (report.isPending) return <Card title={t('lead.report')}><Skeleton active /></Card>;
  if (report.isError) {
    return (
      <Card title={t('lead.report')} data-testid="credit-report">
        {isApiError(report.error) && (report.error.status === 403 || report.error.status === 404) ? (
          <Alert type="warning" showIcon title={t('lead.reportUnavailable')} description={revoked ? t('lead.consentRevoked', { date: countyDate(revoked) }) : t('lead.consentNone')} data-testid="credit-report-hidden" />
        ) : (
          <LoadFailed error={report.error} onRetry={() => void report.refetch()} title={t('lead.reportLoadFailed')} />
        )}
      </Card>
    );
  }
  const data = report.data;
  const byCategory = new Map<DataCategory, Indicator[]>();
  for (const indicator of data.indicators) byCategory.set(indicator.category, [...(byCategory.get(indicator.category) ?? []), indicator]);

  return (
    <div data-testid="credit-report" data-hidden={data.hiddenCategories.join(',')} data-consented={data.consentedCategories.join(',')}>
      <Card title={t('lead.report')}>
        <Typography.Paragraph type="secondary">{t('lead.reportIntro')}</Typography.Paragraph>
        {data.assessment ? (
          <Descriptions
            column={{ xs: 1, sm: 2, md: 4 }}
            size="small"
            items={[
              { key: 'score', label: tp('credit.score'), children: <strong data-testid="report-score">{data.assessment.score}</strong> },
              { key: 'grade', label: tp('credit.grade'), children: <strong data-testid="report-grade">{data.assessment.grade}</strong> },
              { key: 'limit', label: tp('credit.limit'), children: money(data.assessment.suggestedLimitFen, language) },
              { key: 'model', label: t('lead.model'), children: `v${data.modelVersion}` },
            ]}
          />
        ) : (
          <Alert type="warning" showIcon title={revoked ? t('lead.consentRevoked', { date: countyDate(revoked) }) : t('lead.consentNone')} data-testid="credit-report-hidden" />
        )}
        {data.hiddenCategories.length > 0 && (
          <div className="dxe-tags" style={{ marginTop: 12 }} data-testid="report-hidden-categories">
            {data.hiddenCategories.map((category) => (
              <Tag key={category} icon={<EyeInvisibleOutlined />} data-category={category}>
                {categoryName(category, language)} · {hiddenText(category)}
              </Tag>
            ))}
          </div>
        )}
      </Card>
      {data.assessment && <DimensionsCard dimensions={data.assessment.dimensions} title={tp('credit.radar')} testId="report-dimensions" />}
      {data.assessment && <ReasonsCard reasons={data.assessment.reasons} title={tp('credit.reasons')} />}
      <Card className="dxe-fin-section" title={tf('dataCategories')}>
        {data.consentedCategories.length === 0 ? (
          <Empty description={t('lead.consentNone')} />
        ) : (
          data.consentedCategories.map((category) => (
            <div key={category} style={{ marginBottom: 12 }} data-testid={`report-category-${category}`}>
              <Typography.Text strong>{categoryName(category, language)}</Typography.Text>
              <Table<Indicator>
                size="small"
                rowKey={(row) => `${row.code}-${row.period}`}
                pagination={false}
                dataSource={byCategory.get(category) ?? []}
                locale={{ emptyText: tf('noData') }}
                columns={[
                  { key: 'name', title: t('lead.indicator'), render: (_, row) => (en ? row.nameEn : row.nameZh) },
                  { key: 'period', title: t('lead.period'), dataIndex: 'period' },
                  { key: 'value', title: t('lead.value'), align: 'right', render: (_, row) => formatIndicatorValue(row.unit, row.value, row.valueText, language) },
                ]}
              />
            </div>
          ))
        )}
      </Card>
    </div>
  );
}
