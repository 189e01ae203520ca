import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Modal, Progress, Result, Row, Segmented, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import type { WhitelistEntry, WhitelistStatus } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { formatDateTime } from '../../../../lib/format.ts';
import { useDebouncedValue } from '../../../../lib/useDebouncedValue.ts';
import { useGenerateWhitelist, useProgram, usePushWhitelist, useRemoveWhitelistEntry, useWhitelist } from '../../shared/api/usePrograms.ts';
import { money } from '../../shared/lib/format.ts';
import { ConversionFunnel } from '../components/ConversionFunnel.tsx';
import { GovLoadFailed } from '../components/GovLoadFailed.tsx';
import { ProgramStatusTag } from '../components/ProgramStatusTag.tsx';
import '../../shared/components/finance.css';

/**
 * /gov/finance/programs/:id — one programme: generate its whitelist from the rule (with progress), review it
 * (remove with a reason), push it to the banks and enterprises, and follow the conversion funnel.
 */
export default function ProgramPage() {
  const { t, i18n } = useTranslation('finance-gov');
  const language = i18n.language;
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const program = useProgram(id);
  const [status, setStatus] = useState<WhitelistStatus | 'all'>('all');
  const [q, setQ] = useState('');
  const query = useDebouncedValue(q, 300);
  const [page, setPage] = useState(1);
  const whitelist = useWhitelist(id, { status: status === 'all' ? undefined : status, q: query.trim() || undefined, page, pageSize: 20 });
  const generate = useGenerateWhitelist(id);
  const push = usePushWhitelist(id);
  const remove = useRemoveWhitelistEntry(id);
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [removing, setRemoving] = useState<WhitelistEntry | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const back = <Button onClick={() => navigate('/gov/finance/programs')}>{t('programs.back')}</Button>;

  if (program.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (program.isError) {
    if (isApiError(program.error) && program.error.status === 404) return <Result status="404" title={t('programs.notFound')} extra={back} />;
    return <GovLoadFailed error={program.error} onRetry={() => void program.refetch()} title={t('programs.loadFailed')} />;
  }
  const data = program.data;
  const c = data.conversion;
  const generating = data.status === 'generating';
  const percent = data.generation.total > 0 ? Math.floor((data.generation.done / data.generation.total) * 100) : 0;
  const fail = (error: unknown) => void message.error(errorText(error));

  return (
    <>
      <PageHeader
        title={data.name}
        extra={
          <Space wrap>
            {back}
            <ExportButton path={`/api/finance/programs/${id}/whitelist/export.xlsx`} params={{ status: status === 'all' ? undefined : status, q: query.trim() || undefined }} />
            {(data.status === 'draft' || data.status === 'review') && (
              <Button loading={generate.isPending} disabled={generating} onClick={() => generate.mutate(undefined, { onError: fail })} data-testid="program-generate">
                {t('programs.generate')}
              </Button>
            )}
            {data.status === 'review' && (
              <Button
                type="primary"
                loading={push.isPending}
                onClick={() => Modal.confirm({ title: t('programs.push'), content: t('programs.pushConfirm'), onOk: () => push.mutateAsync(undefined).then(() => void message.success(t('programs.pushed')), fail) })}
                data-testid="program-push"
              >
                {t('programs.push')}
              </Button>
            )}
          </Space>
        }
      />
      {generating && (
        <Card data-testid="program-generating">
          <Typography.Text>{t('programs.generating')}</Typography.Text>
          <Progress percent={percent} status="active" />
          <Typography.Text type="secondary">{t('programs.progress', { done: data.generation.done, total: data.generation.total })}</Typography.Text>
        </Card>
      )}
      {data.generation.error && <Alert type="error" showIcon title={t('programs.generateFailed', { error: data.generation.error })} />}
      <Row gutter={16} className="dxe-fin-section">
        <Col xs={24} lg={12}>
          <Card title={data.name} extra={<ProgramStatusTag status={data.status} />}>
            <Typography.Paragraph type="secondary">{data.description}</Typography.Paragraph>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'quota', label: t('programs.quota'), children: money(data.quotaFen, language) },
                { key: 'banks', label: t('programs.banks'), children: data.banks.map((bank) => bank.name).join('、') },
                { key: 'pool', label: t('programs.pool'), children: data.pool?.name ?? '—' },
                { key: 'pushed', label: t('programs.pushed'), children: data.pushedAt ? formatDateTime(data.pushedAt, language) : '—' },
                { key: 'lent', label: t('programs.lentAmount'), children: money(c.lentFen, language) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('programs.funnel')}>
            <ConversionFunnel conversion={c} testId="program-funnel" />
            <Typography.Text type="secondary">
              {t('programs.stageApplied')} {money(c.appliedFen, language)} · {t('programs.stageApproved')} {money(c.approvedFen, language)} · {t('programs.stageLent')} {money(c.lentFen, language)}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      <Card className="dxe-fin-section" title={t('programs.whitelist')}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented<WhitelistStatus | 'all'>
            value={status}
            onChange={(value) => {
              setStatus(value);
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('kpis.all') },
              { value: 'listed', label: t('programs.entryStatuses.listed') },
              { value: 'pushed', label: t('programs.entryStatuses.pushed') },
              { value: 'removed', label: t('programs.entryStatuses.removed') },
            ]}
          />
          <Input.Search allowClear placeholder={t('programs.search')} value={q} onChange={(event) => { setQ(event.target.value); setPage(1); }} style={{ width: 260 }} />
        </Space>
        <Table<WhitelistEntry>
          rowKey="id"
          size="small"
          loading={whitelist.isPending || whitelist.isPlaceholderData}
          dataSource={whitelist.data?.items}
          scroll={{ x: 'max-content' }}
          data-testid="program-whitelist"
          pagination={{ current: page, pageSize: 20, total: whitelist.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { key: 'enterprise', title: t('programs.enterprise'), render: (_, entry) => <Space direction="vertical" size={0}><span>{entry.enterprise.name}</span><Typography.Text type="secondary">{entry.enterprise.uscc}{entry.enterprise.town ? ` · ${entry.enterprise.town}` : ''}</Typography.Text></Space> },
            { key: 'status', title: t('programs.entryStatus'), render: (_, entry) => <Tag>{t(`programs.entryStatuses.${entry.status}`)}</Tag> },
            { key: 'stage', title: t('programs.stage'), render: (_, entry) => <Tag color={entry.stage === 'lent' ? 'success' : entry.stage === 'removed' ? 'default' : 'blue'}>{t(`programs.stages.${entry.stage}`)}</Tag> },
            { key: 'lent', title: t('programs.lentAmount'), align: 'right', render: (_, entry) => (entry.lentFen ? money(entry.lentFen, language) : '—') },
            { key: 'reason', title: t('programs.removeReason'), render: (_, entry) => entry.removedReason ?? '' },
            {
              key: 'actions',
              title: '',
              render: (_, entry) =>
                entry.status === 'listed' ? (
                  <Button size="small" danger onClick={() => setRemoving(entry)} data-testid={`whitelist-remove-${entry.id}`}>
                    {t('programs.remove')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <Modal open={removing !== null} title={`${t('programs.remove')} · ${removing?.enterprise.name ?? ''}`} onCancel={() => setRemoving(null)} onOk={() => form.submit()} confirmLoading={remove.isPending} destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          onFinish={(values) =>
            remove.mutate(
              { entryId: removing!.id, reason: values.reason.trim() },
              {
                onSuccess: () => {
                  setRemoving(null);
                  void message.success(t('programs.removed'));
                },
                onError: fail,
              },
            )
          }
        >
          <Form.Item name="reason" label={t('programs.removeReason')} rules={[{ required: true, whitespace: true, max: 500 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
