import { App, Button, Card, Progress, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../../app/errors.ts';
import { formatDateTime } from '../../../../lib/format.ts';
import { useRouterModels, useTrainRouter } from '../../shared/api/useDemands.ts';

/**
 * The router's model versions (newest first, the current one marked) and the retrain button: training runs
 * as a job on the server; the panel polls the versions until a newer one appears, with a progress bar.
 */
export function RouterPanel() {
  const { t, i18n } = useTranslation('demands');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [waitingFor, setWaitingFor] = useState<number | null>(null);
  const models = useRouterModels(waitingFor !== null ? 2000 : false);
  const train = useTrainRouter();
  const newest = models.data?.items[0]?.version ?? 0;
  const training = waitingFor !== null && newest <= waitingFor;
  useEffect(() => {
    // A newer version exists: training finished.
    if (waitingFor !== null && newest > waitingFor) {
      setWaitingFor(null);
      void message.success(t('router.trained', { version: newest }));
    }
  }, [waitingFor, newest, message, t]);

  const start = async () => {
    try {
      await train.mutateAsync();
      setWaitingFor(newest);
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
