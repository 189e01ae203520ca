import { Alert, Button, Card, Descriptions, Progress, Space, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useChainVerification } from '../api/useChainVerification.ts';

/** The auditor's integrity check of the whole log (the hash chain), with progress and the first broken link. */
export function ChainVerifyCard() {
  const { t } = useTranslation('audit');
  const { state, run } = useChainVerification();
  const isRunning = state.status === 'running';
  return (
    <Card title={t('chain.title')} style={{ marginBottom: 16 }} data-testid="audit-chain">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('chain.intro')}</Typography.Text>
        <Space>
          <Button icon={<SafetyCertificateOutlined />} onClick={run} loading={isRunning} data-testid="audit-chain-run">
            {t('chain.run')}
          </Button>
          {state.status === 'running' && (
            <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8, minWidth: 280 }} data-testid="audit-chain-progress">
              <Progress percent={state.total ? Math.floor((100 * state.checked) / state.total) : 0} size="small" style={{ width: 160, margin: 0 }} />
              <Typography.Text type="secondary">{t('chain.running', { checked: state.checked.toLocaleString(), total: state.total.toLocaleString() })}</Typography.Text>
            </span>
          )}
        </Space>
        {state.status === 'failed' && <Alert type="warning" showIcon title={t('chain.failed')} />}
        {state.status === 'done' && state.result.ok && (
          <Alert
            type="success"
            showIcon
            data-testid="audit-chain-ok"
            title={t('chain.ok', { checked: state.result.checked.toLocaleString(), seconds: (state.result.durationMs / 1000).toFixed(1) })}
            description={
              <span>
                {t('chain.headHash')}: <Typography.Text code copyable>{state.result.headHash}</Typography.Text>
              </span>
            }
          />
        )}
        {state.status === 'done' && !state.result.ok && state.result.firstBreak && (
          <Alert
            type="error"
            showIcon
            data-testid="audit-chain-broken"
            title={t('chain.broken', { seq: state.result.firstBreak.seq ?? '—', auditId: state.result.firstBreak.auditId ?? '—' })}
            description={
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('columns.outcome')}>{t(`chain.problems.${state.result.firstBreak.problem}`)}</Descriptions.Item>
                <Descriptions.Item label={t('chain.expected')}>
                  <Typography.Text code>{state.result.firstBreak.expected || '—'}</Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('chain.found')}>
                  <Typography.Text code>{state.result.firstBreak.found || '—'}</Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label="">{t('chain.checkedBefore', { checked: state.result.checked.toLocaleString(), total: state.result.total.toLocaleString() })}</Descriptions.Item>
              </Descriptions>
            }
          />
        )}
      </Space>
    </Card>
  );
}
