import { useState } from 'react';
import { Alert, App, Button, Card, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CaretRightOutlined, CheckCircleFilled, CloseCircleFilled, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatFen } from '../../../../../core/money/money.ts';
import type { GoldenCase, GoldenCaseResult, GoldenRun, Outcome, PolicyDetail } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { moneyLocale } from '../../../../lib/indicator-values.ts';
import { useDeleteGoldenCase, useGoldenCases, useRunGoldenCases } from '../api/useGoldenCases.ts';
import { AddGoldenCaseModal } from './AddGoldenCaseModal.tsx';
import type { FailedCase } from './PolicyActions.tsx';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';

export const OUTCOME_COLOURS: Record<Outcome, string> = { eligible: 'success', ineligible: 'error', unknown: 'warning' };

/** What a case's run says, enough to word its differences. */
export interface CaseOutcome {
  expectedOutcome: string;
  actualOutcome: string;
  expectedAmountFen: number | null;
  actualAmountFen: number | null;
  diff: string[];
}

/** The differences of a failed case in the reader's language (the engine words them in English). */
export function useCaseDiff() {
  const { t, i18n } = useTranslation('policies');
  const locale = moneyLocale(i18n.language);
  const outcome = (value: string) => t(`outcome.${value as Outcome}`, { defaultValue: value });
  const amount = (fen: number | null) => (fen === null ? t('golden.noAmount') : formatFen(fen, locale));
  return (result: CaseOutcome): string[] => {
    const lines: string[] = [];
    if (result.expectedOutcome !== result.actualOutcome) lines.push(t('golden.diffOutcome', { expected: outcome(result.expectedOutcome), actual: outcome(result.actualOutcome) }));
    else if (result.diff.some((line) => line.startsWith('amount'))) lines.push(t('golden.diffAmount', { expected: amount(result.expectedAmountFen), actual: amount(result.actualAmountFen) }));
    return lines.length || result.diff.length === 0 ? lines : result.diff;
  };
}

/**
 * 黄金用例: the regression cases of the open version — a real enterprise or made-up facts with the outcome
 * and amount expected. Run them all for pass/fail with the differences; publishing is refused while one fails.
 */
export function GoldenCasesPanel({ detail, refused }: { detail: PolicyDetail; refused: FailedCase[] | null }) {
  const { t, i18n } = useTranslation('policies');
  const { t: tc } = useTranslation('common');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const cases = useGoldenCases(detail.id);
  const remove = useDeleteGoldenCase(detail.id);
  const runCases = useRunGoldenCases(detail.id);
  const [adding, setAdding] = useState(false);
  const [run, setRun] = useState<GoldenRun | null>(null);
  const caseDiff = useCaseDiff();
  const isOpen = detail.status === 'draft' || detail.status === 'in_review';
  // In review the cases are locked (the server answers 409 golden_cases_locked): shown, but not changed.
  const locked = detail.status === 'in_review';
  const locale = moneyLocale(i18n.language);
  const amount = (fen: number | null) => (fen === null ? '—' : formatFen(fen, locale));
  const results = new Map<number, GoldenCaseResult>((run?.results ?? []).map((r) => [r.caseId, r]));
  const refusedById = new Map((refused ?? []).map((c) => [c.caseId, c]));

  const outcomeTag = (outcome: Outcome) => <Tag color={OUTCOME_COLOURS[outcome]}>{t(`outcome.${outcome}`)}</Tag>;
  const columns: TableColumnsType<GoldenCase> = [
    { title: t('golden.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('golden.source'),
      key: 'source',
      render: (_, row) =>
        row.enterpriseId !== null ? (
          <Link to={`/gov/enterprises/${row.enterpriseId}`}>{t('golden.enterpriseRef', { id: row.enterpriseId })}</Link>
        ) : (
          <Typography.Text type="secondary">{t('golden.madeUp')}</Typography.Text>
        ),
    },
    { title: t('golden.expected'), key: 'expected', render: (_, row) => <Space size={4}>{outcomeTag(row.expectedOutcome)}{row.expectedOutcome === 'eligible' && <span>{amount(row.expectedAmountFen)}</span>}</Space> },
    {
      title: t('golden.result'),
      key: 'result',
      render: (_, row) => {
        const result = results.get(row.id);
        const failed = refusedById.get(row.id);
        if (!result && !failed) return <Typography.Text type="secondary">{t('golden.notRun')}</Typography.Text>;
        const passed = result ? result.passed : false;
        const diff = caseDiff(result ?? failed!);
        return (
          <div data-testid={`golden-result-${row.id}`} data-passed={passed}>
            {passed ? (
              <Tag color="success" icon={<CheckCircleFilled />}>
                {t('golden.passed')}
              </Tag>
            ) : (
              <Tag color="error" icon={<CloseCircleFilled />}>
                {t('golden.failed')}
              </Tag>
            )}
            {result && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {result.actualAmountFen !== null ? t('golden.actual', { outcome: t(`outcome.${result.actualOutcome}`), amount: amount(result.actualAmountFen) }) : t('golden.actualOutcome', { outcome: t(`outcome.${result.actualOutcome}`) })}
              </Typography.Text>
            )}
            {diff.length > 0 && (
              <ul style={{ margin: '4px 0 0', paddingInlineStart: 18, color: '#cf1322' }}>
                {diff.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            )}
          </div>
        );
      },
    },
    ...(isOpen
      ? [
          {
            title: tc('table.actions'),
            key: 'actions',
            render: (_: unknown, row: GoldenCase) => (
              <Popconfirm
                disabled={locked}
                title={t('golden.confirmDelete')}
                okText={tc('actions.confirm')}
                cancelText={tc('actions.cancel')}
                onConfirm={() => remove.mutateAsync(row.id).then(() => void message.success(t('golden.deleted')), (error: unknown) => void message.error(errorText(error)))}
              >
                <Button type="link" size="small" danger icon={<DeleteOutlined />} disabled={locked} title={locked ? t('golden.locked') : undefined} data-testid={`golden-delete-${row.id}`}>
                  {t('golden.delete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('golden.title')}
      extra={
        <Space wrap>
          <Button
            icon={<CaretRightOutlined />}
            loading={runCases.isPending}
            disabled={!cases.data?.length}
            onClick={() => runCases.mutate(undefined, { onSuccess: setRun, onError: (error) => void message.error(errorText(error)) })}
            data-testid="golden-run"
          >
            {t('golden.runAll')}
          </Button>
          {isOpen && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} disabled={locked} title={locked ? t('golden.locked') : undefined} data-testid="golden-add">
              {t('golden.add')}
            </Button>
          )}
        </Space>
      }
    >
      {locked ? (
        <Alert type="info" showIcon title={t('golden.locked')} style={{ marginBottom: 12 }} data-testid="golden-locked" />
      ) : (
        <Typography.Paragraph type="secondary">{isOpen ? t('golden.hint') : t('golden.frozen')}</Typography.Paragraph>
      )}
      {refused && refused.length > 0 && !run && <Alert type="error" showIcon title={t('actions.publishRefused', { count: refused.length })} style={{ marginBottom: 12 }} />}
      {run && (
        <Alert
          type={run.passed ? 'success' : 'error'}
          showIcon
          title={run.passed ? t('golden.allPassed', { total: run.total }) : t('golden.someFailed', { failed: run.failed, total: run.total })}
          description={t('golden.evaluatedOn', { date: run.evaluationDate })}
          style={{ marginBottom: 12 }}
          data-testid="golden-run-summary"
          data-passed={run.passed}
        />
      )}
      {cases.isError ? (
        <LoadFailed error={cases.error} onRetry={() => void cases.refetch()} />
      ) : (
        <Table<GoldenCase>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={cases.data}
          loading={cases.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('golden.empty') }}
          expandable={{
            rowExpandable: (row) => row.facts !== null || Boolean(results.get(row.id)?.explanation),
            expandedRowRender: (row) => (
              <>
                {results.get(row.id)?.explanation && (
                  <>
                    <Typography.Text strong>{t('golden.explanation')}</Typography.Text>
                    <pre className="dxe-source-text" style={{ margin: '4px 0 12px' }} data-testid={`golden-explanation-${row.id}`}>
                      {results.get(row.id)?.explanation}
                    </pre>
                  </>
                )}
                {row.facts !== null && (
                  <>
                    <Typography.Text strong>{t('golden.facts')}</Typography.Text>
                    <pre className="dxe-source-text" style={{ margin: '4px 0 0' }}>
                      {JSON.stringify(row.facts, null, 2)}
                    </pre>
                  </>
                )}
              </>
            ),
          }}
          data-testid="golden-table"
        />
      )}
      <AddGoldenCaseModal policyId={detail.id} open={adding && !locked} onClose={() => setAdding(false)} />
    </Card>
  );
}
