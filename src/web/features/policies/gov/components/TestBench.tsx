import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Space, Table, Tag, Typography } from 'antd';
import { CheckCircleFilled, DownloadOutlined, ExperimentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatFen, formatYuan } from '../../../../../core/money/money.ts';
import type { PolicyDetail, PolicyEvaluation } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { isEnglish, moneyLocale } from '../../../../lib/indicator-values.ts';
import { explanationExportUrl, useEvaluatePolicy } from '../api/useEvaluation.ts';
import { EnterprisePicker } from './EnterprisePicker.tsx';
import { ExplanationTree } from './ExplanationTree.tsx';
import { OUTCOME_COLOURS } from './GoldenCasesPanel.tsx';

/** The outcome as a badge: 符合条件 / 不符合条件 / 尚无法判定. */
export function OutcomeBadge({ outcome, testId }: { outcome: PolicyEvaluation['outcome']; testId?: string }) {
  const { t } = useTranslation('policies');
  return (
    <Tag color={OUTCOME_COLOURS[outcome]} style={{ fontSize: 14, padding: '2px 10px' }} data-testid={testId} data-outcome={outcome}>
      {t(`outcome.${outcome}`)}
    </Tag>
  );
}

/**
 * 测试台: evaluates the version for any enterprise of the county — the outcome, the explanation tree, the
 * facts missing, the estimated amount with its formula — and downloads the explanation for the file.
 */
export function TestBench({ detail }: { detail: PolicyDetail }) {
  const { t, i18n } = useTranslation('policies');
  const errorText = useErrorText();
  const [enterpriseId, setEnterpriseId] = useState<number | undefined>();
  const evaluate = useEvaluatePolicy(detail.id);
  const result = evaluate.data;
  const language = i18n.language;
  const locale = moneyLocale(language);
  const en = isEnglish(language);

  return (
    <Card title={t('bench.title')}>
      <Typography.Paragraph type="secondary">{t('bench.hint', { version: detail.version })}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <EnterprisePicker value={enterpriseId} onChange={(id) => setEnterpriseId(id)} style={{ width: 420, maxWidth: '100%' }} data-testid="bench-enterprise" />
        <Button type="primary" icon={<ExperimentOutlined />} disabled={!enterpriseId} loading={evaluate.isPending} onClick={() => enterpriseId && evaluate.mutate(enterpriseId)} data-testid="bench-evaluate">
          {t('bench.evaluate')}
        </Button>
      </Space>
      {evaluate.isError && <Alert type="error" showIcon title={errorText(evaluate.error)} data-testid="bench-error" />}
      {!result && !evaluate.isError && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bench.empty')} />}
      {result && (
        <div data-testid="bench-result">
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={15}>
              <Space wrap align="center" style={{ marginBottom: 12 }}>
                <OutcomeBadge outcome={result.outcome} testId="bench-outcome" />
                <Typography.Text type="secondary">{t('bench.evaluatedOn', { date: result.evaluationDate })}</Typography.Text>
                <a href={explanationExportUrl(detail.id, result.enterpriseId, 'json')} download data-testid="bench-export-json">
                  <DownloadOutlined /> {t('bench.exportJson')}
                </a>
                <a href={explanationExportUrl(detail.id, result.enterpriseId, 'text')} download data-testid="bench-export-text">
                  <DownloadOutlined /> {t('bench.exportText')}
                </a>
              </Space>
              <ExplanationTree explanation={result.explanation} rendered={result.rendered} />
            </Col>
            <Col xs={24} lg={9}>
              <Card size="small" title={t('bench.amount')} style={{ marginBottom: 16 }}>
                {result.estimatedAmountFen !== null ? (
                  <>
                    <Typography.Title level={3} style={{ margin: 0 }} data-testid="bench-amount" data-fen={result.estimatedAmountFen}>
                      {formatFen(result.estimatedAmountFen, locale)}
                    </Typography.Title>
                    <Typography.Text type="secondary">{t('bench.exactYuan', { yuan: formatYuan(result.estimatedAmountFen) })}</Typography.Text>
                  </>
                ) : (
                  <Typography.Text type="secondary">{result.outcome === 'eligible' ? t('bench.amountUnknown') : t('bench.noAmount')}</Typography.Text>
                )}
                <Descriptions
                  size="small"
                  column={1}
                  style={{ marginTop: 12 }}
                  items={[{ key: 'formula', label: t('bench.formula'), children: <span data-testid="bench-formula">{en ? result.benefit.formula.en : result.benefit.formula.zh}</span> }]}
                />
                {result.benefit.schedule.length > 1 && (
                  <Table
                    size="small"
                    rowKey="year"
                    pagination={false}
                    dataSource={result.benefit.schedule}
                    columns={[
                      { title: t('bench.year'), dataIndex: 'year', key: 'year' },
                      { title: t('bench.amount'), key: 'amount', render: (_, row) => formatFen(row.amountFen, locale) },
                    ]}
                  />
                )}
              </Card>
              <Card size="small" title={t('bench.missing')}>
                {result.missingFacts.length ? (
                  <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="bench-missing">
                    {result.missingFacts.map((fact) => (
                      <li key={`${fact.fact}@${fact.period ?? ''}`}>
                        {en ? fact.name.en : fact.name.zh} {fact.canSettle && <Tag color="gold">{t('bench.decisive')}</Tag>}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <Typography.Text type="success" data-testid="bench-nothing-missing">
                    <CheckCircleFilled /> {t('bench.nothingMissing')}
                  </Typography.Text>
                )}
              </Card>
            </Col>
          </Row>
        </div>
      )}
    </Card>
  );
}
