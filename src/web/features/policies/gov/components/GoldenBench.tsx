import { Alert, Card, List, Spin, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../../app/errors.ts';
import { useDraftGoldenRun, useGoldenCases } from '../api/useGoldenCases.ts';
import type { DraftRules } from '../api/usePolicies.ts';
import { useCaseDiff } from './GoldenCasesPanel.tsx';

/**
 * The golden-case bench beside the builder: every case of the open version run on the rule and benefit as
 * they stand now, unsaved (POST /api/policies/:id/golden-cases/run-draft, nothing written), pass or fail
 * with the difference, again after each pause in typing — so an edit that breaks a case shows at once.
 */
export function GoldenBench({ policyId, draft }: { policyId: number; draft: DraftRules | null }) {
  const { t } = useTranslation('ruleBuilder');
  const errorText = useErrorText();
  const caseDiff = useCaseDiff();
  const cases = useGoldenCases(policyId);
  const caseIds = (cases.data ?? []).map((c) => c.id);
  const run = useDraftGoldenRun(policyId, draft, caseIds);
  const data = run.data;
  const state = !cases.data ? 'loading' : caseIds.length === 0 ? 'empty' : draft === null ? 'pending' : run.isError ? 'error' : run.isFetching || !data ? 'loading' : data.passed ? 'passed' : 'failed';
  return (
    <Card size="small" title={t('bench.title')} extra={(run.isFetching || cases.isFetching) && <Spin size="small" />} data-testid="policy-golden-bench" data-state={state}>
      {cases.isError ? (
        <Alert type="warning" showIcon title={errorText(cases.error)} />
      ) : state === 'empty' ? (
        <Typography.Text type="secondary">{t('bench.none')}</Typography.Text>
      ) : state === 'pending' ? (
        <Typography.Text type="secondary">{t('bench.pending')}</Typography.Text>
      ) : run.isError ? (
        <Alert type="warning" showIcon title={errorText(run.error)} />
      ) : data ? (
        <>
          <Alert
            type={data.passed ? 'success' : 'error'}
            showIcon
            title={data.passed ? t('bench.summaryPassed', { total: data.total }) : t('bench.summaryFailed', { failed: data.failed, total: data.total })}
            style={{ marginBottom: 8 }}
            data-testid="policy-golden-bench-summary"
            data-passed={data.passed}
          />
          <List
            size="small"
            dataSource={data.results}
            rowKey="caseId"
            renderItem={(result) => (
              <List.Item data-testid={`policy-golden-bench-${result.caseId}`} data-passed={result.passed}>
                <div>
                  {result.passed ? (
                    <Tag color="success" icon={<CheckCircleFilled />}>
                      {t('bench.passed')}
                    </Tag>
                  ) : (
                    <Tag color="error" icon={<CloseCircleFilled />}>
                      {t('bench.failed')}
                    </Tag>
                  )}
                  <Typography.Text>{result.name}</Typography.Text>
                  {!result.passed &&
                    caseDiff(result).map((line, i) => (
                      <Typography.Text key={i} type="danger" style={{ display: 'block', fontSize: 12 }}>
                        {line}
                      </Typography.Text>
                    ))}
                </div>
              </List.Item>
            )}
          />
        </>
      ) : (
        <Spin />
      )}
    </Card>
  );
}
