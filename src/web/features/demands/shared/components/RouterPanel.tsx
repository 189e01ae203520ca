import { Alert, App, Button, Card, Progress, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../../app/errors.ts';
import { formatDateTime } from '../../../../lib/format.ts';
import { useRouterModels, useTrainRouter } from '../api/useDemands.ts';

/**
 * The router's model versions (newest first, the current one marked) and the retrain button: training runs
 * as a job on the server; the panel polls the versions until a newer one appears, with a progress bar.
 */
export function RouterPanel() {
  const { t, i18n } = useTranslation('demands');
  const { message } = App.useApp();
  const errorText = useErrorText();
  /** The newest version when the dispatcher asked for a retraining: a newer one means it finished. */
  const [waitingFor, setWaitingFor] = useState<number | null>(null);
  const [polling, setPolling] = useState(false);
  const models = useRouterModels(polling ? 2000 : false);
  const train = useTrainRouter();
  const newest = models.data?.items[0]?.version ?? 0;
  const training = waitingFor !== null && newest <= waitingFor;
  const trained = waitingFor !== null && newest > waitingFor;
  if (polling && trained) setPolling(false);

  const start = async () => {
    try {
      await train.mutateAsync();
      setWaitingFor(newest);
      setPolling(true);
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  return (
    <Card
      title={t('router.title')}
      data-testid="router-panel"
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void start()} loading={train.isPending} disabled={training} data-testid="router-train">
          {t('router.train')}
        </Button>
      }
    >
      {trained && <Alert type="success" showIcon title={t('router.trained', { version: newest })} style={{ marginBottom: 12 }} data-testid="router-trained" />}
      {training && (
        <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }} data-testid="router-training">
          <Typography.Text>{t('router.training')}</Typography.Text>
          <Progress percent={99} status="active" showInfo={false} />
        </Space>
      )}
      <Table
        rowKey="version"
        size="small"
        pagination={false}
        loading={models.isLoading}
        dataSource={(models.data?.items ?? []).slice(0, 5)}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'v', title: t('router.version'), render: (_, m) => <Space>v{m.version}{m.isCurrent && <Tag color="green">{t('router.current')}</Tag>}</Space> },
          { key: 'examples', title: t('router.examples'), dataIndex: 'examples' },
          { key: 'accuracy', title: t('router.accuracy'), render: (_, m) => (m.heldOutAccuracy === null ? '—' : `${(m.heldOutAccuracy * 100).toFixed(1)}%`) },
          { key: 'trigger', title: t('router.trigger'), render: (_, m) => t(`router.triggers.${m.trigger}`) },
          { key: 'at', title: t('router.trainedAt'), render: (_, m) => formatDateTime(m.trainedAt, i18n.language) },
        ]}
      />
    </Card>
  );
}
