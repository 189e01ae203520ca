import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Modal, Progress, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CreditModel, CreditModelReport } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { formatDateTime } from '../../../../lib/format.ts';
import { isEnglish } from '../../../../lib/indicator-values.ts';
import { useActivateModel, useCreditModels, useTrainModel } from '../../shared/api/useCredit.ts';
import { Bars } from '../../shared/components/FinanceCharts.tsx';
import { GovLoadFailed } from '../components/GovLoadFailed.tsx';
import '../../shared/components/finance.css';

const STATUS_COLORS = { draft: 'default', active: 'success', retired: 'default' } as const;

function metric(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(3);
}

function ModelReport({ report }: { report: CreditModelReport }) {
  const { t, i18n } = useTranslation('finance-gov');
  const en = isEnglish(i18n.language);
  const features = [...report.features].sort((a, b) => b.iv - a.iv);
  const stability = report.psi.stability;
  return (
    <div data-testid="model-report">
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}><Statistic title={`${t('models.auc')} · ${t('models.holdout')}`} value={metric(report.holdout?.auc ?? report.train.auc)} /></Col>
        <Col xs={12} md={6}><Statistic title={`${t('models.ks')} · ${t('models.holdout')}`} value={metric(report.holdout?.ks ?? report.train.ks)} /></Col>
        <Col xs={12} md={6}><Statistic title={`${t('models.gini')} · ${t('models.holdout')}`} value={metric(report.holdout?.gini ?? report.train.gini)} /></Col>
        <Col xs={12} md={6}>
          <Statistic title={t('models.psi')} value={metric(report.psi.score)} suffix={stability ? <Tag color={stability === 'stable' ? 'success' : stability === 'shifted' ? 'error' : 'warning'}>{t(`models.stability.${stability as 'stable'}`, { defaultValue: stability })}</Tag> : null} />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('models.train_')}：{t('models.rows', { n: report.train.n, bads: report.train.bads })}
        {report.holdout && ` · ${t('models.holdout')}：${t('models.rows', { n: report.holdout.n, bads: report.holdout.bads })}`} · {t('models.population', { count: report.psi.population })} · {t('models.trainingSeconds', { seconds: report.trainingSeconds.toFixed(1) })}
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Bars
            categories={[t('models.auc'), t('models.ks'), t('models.gini')]}
            series={[
              { name: t('models.train_'), data: [report.train.auc ?? 0, report.train.ks ?? 0, report.train.gini ?? 0] },
              ...(report.holdout ? [{ name: t('models.holdout'), data: [report.holdout.auc ?? 0, report.holdout.ks ?? 0, report.holdout.gini ?? 0] }] : []),
            ]}
            ariaLabel={t('models.metricsChart')}
            testId="model-metrics-chart"
          />
        </Col>
        <Col xs={24} lg={14}>
          <Bars
            categories={features.slice(0, 12).map((feature) => (en ? feature.nameEn : feature.nameZh))}
            series={[{ name: t('models.iv'), data: features.slice(0, 12).map((feature) => Math.round(feature.iv * 1000) / 1000) }]}
            horizontal
            height={Math.max(200, Math.min(12, features.length) * 26)}
            ariaLabel={t('models.ivChart')}
            testId="model-iv-chart"
          />
        </Col>
      </Row>
      <Table
        rowKey="name"
        size="small"
        pagination={false}
        dataSource={features}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'name', title: t('models.featureName'), render: (_, feature: CreditModelReport['features'][number]) => (en ? feature.nameEn : feature.nameZh) },
          { key: 'iv', title: t('models.iv'), align: 'right', render: (_, feature: CreditModelReport['features'][number]) => feature.iv.toFixed(3) },
          { key: 'bins', title: t('models.bins'), align: 'right', dataIndex: 'bins' },
          { key: 'psi', title: t('models.featurePsi'), align: 'right', render: (_, feature: CreditModelReport['features'][number]) => metric(feature.psi) },
          { key: 'status', title: t('models.featureStatus'), render: (_, feature: CreditModelReport['features'][number]) => <Tag color={feature.status === 'selected' ? 'success' : 'default'}>{t(`models.featureStatuses.${feature.status as 'selected'}`, { defaultValue: feature.status })}</Tag> },
          { key: 'note', title: '', dataIndex: 'note' },
        ]}
      />
    </div>
  );
}

function ModelCard({ model, open, onToggle }: { model: CreditModel; open: boolean; onToggle: () => void }) {
  const { t, i18n } = useTranslation('finance-gov');
  const language = i18n.language;
  const activate = useActivateModel();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const training = model.trainingState === 'queued' || model.trainingState === 'running';
  return (
    <Card
      className="dxe-fin-card"
      data-testid={`model-${model.id}`}
      data-status={model.status}
      title={
        <Space wrap>
          <span>v{model.version} · {model.name}</span>
          <Tag>{t(`models.kinds.${model.kind}`)}</Tag>
          <Tag color={STATUS_COLORS[model.status]}>{t(`models.statuses.${model.status}`)}</Tag>
        </Space>
      }
      extra={
        <Space>
          {model.report && <Button size="small" onClick={onToggle}>{t('models.report')}</Button>}
          {model.status === 'draft' && !training && model.trainingState !== 'failed' && (
            <Button
              size="small"
              type="primary"
              loading={activate.isPending}
              onClick={() => Modal.confirm({ title: t('models.activate'), content: t('models.activateConfirm'), onOk: () => activate.mutateAsync(model.id).then(() => void message.success(t('models.activated')), (error: unknown) => void message.error(errorText(error))) })}
              data-testid={`model-activate-${model.id}`}
            >
              {t('models.activate')}
            </Button>
          )}
        </Space>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 3 }}
        items={[
          { key: 'created', label: t('models.createdAt'), children: formatDateTime(model.createdAt, language) },
          { key: 'activated', label: t('models.activatedAt'), children: model.activatedAt ? formatDateTime(model.activatedAt, language) : '—' },
          { key: 'auc', label: t('models.auc'), children: metric(model.report?.holdout?.auc ?? model.report?.train.auc) },
        ]}
      />
      {training && (
        <div data-testid={`model-training-${model.id}`}>
          <Typography.Text>{model.trainingState === 'queued' ? t('models.trainQueued') : t('models.training', { percent: Math.floor(model.progressBp / 100) })}</Typography.Text>
          <Progress percent={Math.floor(model.progressBp / 100)} status="active" />
        </div>
      )}
      {model.trainingState === 'failed' && <Typography.Text type="danger">{t('models.trainFailed', { error: model.trainingError ?? '' })}</Typography.Text>}
      {open && model.report && <ModelReport report={model.report} />}
    </Card>
  );
}

/** /gov/finance/models — 金融办: the credit model registry with AUC/KS/Gini/PSI reports; train a new card, activate one. */
export default function CreditModelsPage() {
  const { t } = useTranslation('finance-gov');
  const models = useCreditModels();
  const train = useTrainModel();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [openId, setOpenId] = useState<number | null>(null);

  let body;
  if (models.isPending) body = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (models.isError) body = <GovLoadFailed error={models.error} onRetry={() => void models.refetch()} title={t('models.loadFailed')} />;
  else if (models.data.length === 0) body = <Card><Empty description={t('models.empty')} /></Card>;
  else {
    const items = [...models.data].sort((a, b) => b.version - a.version);
    const shown = openId ?? items.find((model) => model.status === 'active' && model.report)?.id ?? null;
    body = (
      <div className="dxe-fin-list">
        {items.map((model) => (
          <ModelCard key={model.id} model={model} open={shown === model.id} onToggle={() => setOpenId(shown === model.id ? -1 : model.id)} />
        ))}
      </div>
    );
  }
  return (
    <>
      <PageHeader
        title={t('models.title')}
        extra={
          <Button type="primary" loading={train.isPending} onClick={() => train.mutate({}, { onSuccess: () => void message.success(t('models.trainStarted')), onError: (error) => void message.error(errorText(error)) })} data-testid="model-train">
            {t('models.train')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('models.intro')}</Typography.Paragraph>
      {body}
    </>
  );
}
