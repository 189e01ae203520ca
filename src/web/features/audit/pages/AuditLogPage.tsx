import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, Progress, Row, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AuditListParams } from '../../../api/query-keys.ts';
import { AUDIT_OUTCOMES, type AuditEntry, type AuditOutcome } from '../../../api/types.ts';
import { useErrorText } from '../../../app/errors.ts';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { toCsv, downloadText } from '../../../lib/csv.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useAuditExport } from '../api/useAuditExport.ts';
import { useAuditLog } from '../api/useAuditLog.ts';
import { tablePagination } from '../../../lib/table-pagination.ts';
import { LoadFailed } from '../../../components/LoadFailed.tsx';
import { ChainVerifyCard } from '../components/ChainVerifyCard.tsx';

type Filter = Omit<AuditListParams, 'page' | 'pageSize'>;

interface FilterValues {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  outcome?: AuditOutcome;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** The filter a link opened the log with (the home's counts link here with `from`, `outcome`, `action` …). */
function filterOfUrl(params: URLSearchParams): Filter {
  const text = (key: string) => params.get(key)?.trim() || undefined;
  const outcome = AUDIT_OUTCOMES.find((value): value is AuditOutcome => value === params.get('outcome'));
  const instant = (key: string) => {
    const value = text(key);
    return value && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : undefined;
  };
  return { actor: text('actor'), action: text('action'), targetType: text('targetType'), targetId: text('targetId'), outcome, from: instant('from'), to: instant('to') };
}

function formValuesOf(filter: Filter): FilterValues {
  return {
    actor: filter.actor,
    action: filter.action,
    targetType: filter.targetType,
    targetId: filter.targetId,
    outcome: filter.outcome as AuditOutcome | undefined,
    range: filter.from || filter.to ? [filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null] : null,
  };
}

const OUTCOME_COLOURS: Record<AuditOutcome, string> = { success: 'green', failure: 'orange', denied: 'red' };

function toFilter(values: FilterValues): Filter {
  const text = (value?: string) => value?.trim() || undefined;
  return {
    actor: text(values.actor),
    action: text(values.action),
    targetType: text(values.targetType),
    targetId: text(values.targetId),
    outcome: values.outcome,
    from: values.range?.[0]?.toISOString(),
    to: values.range?.[1]?.toISOString(),
  };
}

function DetailsPanel({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation('audit');
  const hasDetails = entry.details && Object.keys(entry.details).length > 0;
  return (
    <div data-testid={`audit-details-${entry.id}`}>
      <Typography.Text type="secondary">
        {t('columns.requestId')}: {entry.requestId ?? '—'} · {t('columns.ip')}: {entry.ip ?? '—'}
      </Typography.Text>
      {hasDetails ? (
        <pre style={{ margin: '8px 0 0', padding: 12, background: '#f6f8fa', borderRadius: 6, overflowX: 'auto', fontSize: 12 }}>
          {JSON.stringify(entry.details, null, 2)}
        </pre>
      ) : (
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t('noDetails')}</Typography.Text>
        </div>
      )}
    </div>
  );
}

/** /gov/audit: who did what to which object, when, with what outcome (auditor only). */
export default function AuditLogPage() {
  const { t, i18n } = useTranslation('audit');
  const { t: tc } = useTranslation('common');
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<FilterValues>();
  const [searchParams] = useSearchParams();
  const [initialFilter] = useState<Filter>(() => filterOfUrl(searchParams));
  const [filter, setFilter] = useState<Filter>(initialFilter);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);

  const log = useAuditLog({ ...filter, page, pageSize });
  const exporter = useAuditExport();

  const actionLabel = (action: string) => {
    const key = `actionNames.${action}`;
    return i18n.exists(key, { ns: 'audit' }) ? t(key as 'actionNames.auth.login') : null;
  };

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('columns.at'), dataIndex: 'at', key: 'at', render: (value: string) => formatDateTime(value, i18n.language), width: 160 },
    {
      title: t('columns.actor'),
      key: 'actor',
      render: (_, entry) =>
        entry.actorUsername ? (
          <span>
            {entry.actorUsername}
            {entry.actorOrgName && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {entry.actorOrgName}
              </Typography.Text>
            )}
          </span>
        ) : (
          <Typography.Text type="secondary">{t('anonymous')}</Typography.Text>
        ),
    },
    {
      title: t('columns.action'),
      dataIndex: 'action',
      key: 'action',
      render: (action: string) => {
        const label = actionLabel(action);
        return (
          <span>
            {label && <span style={{ marginInlineEnd: 6 }}>{label}</span>}
            <Typography.Text code>{action}</Typography.Text>
          </span>
        );
      },
    },
    {
      title: t('columns.target'),
      key: 'target',
      render: (_, entry) => (entry.targetType ? `${entry.targetType}${entry.targetId ? ` #${entry.targetId}` : ''}` : '—'),
    },
    {
      title: t('columns.outcome'),
      dataIndex: 'outcome',
      key: 'outcome',
      render: (outcome: AuditOutcome) => <Tag color={OUTCOME_COLOURS[outcome]}>{t(`outcomes.${outcome}`)}</Tag>,
    },
    { title: t('columns.ip'), dataIndex: 'ip', key: 'ip', responsive: ['lg'], render: (value: string | null) => value ?? '—' },
  ];

  const search = (values: FilterValues) => {
    setFilter(toFilter(values));
    setPage(1);
  };

  const reset = () => {
    form.resetFields();
    setFilter({});
    setPage(1);
  };

  const exportCsv = () => {
    setProgress({ done: 0, total: log.data?.total ?? 0 });
    exporter.mutate(
      { filter, onProgress: (done, total) => setProgress({ done, total }) },
      {
        onSuccess: ({ entries, isTruncated }) => {
          if (entries.length === 0) {
            void message.info(t('export.empty'));
            return;
          }
          const header = [
            t('columns.at'),
            t('columns.actor'),
            t('columns.actorOrg'),
            t('columns.action'),
            t('columns.targetType'),
            t('columns.targetId'),
            t('columns.outcome'),
            t('columns.ip'),
            t('columns.requestId'),
            t('details'),
          ];
          const rows = entries.map((entry) => [
            entry.at,
            entry.actorUsername,
            entry.actorOrgName,
            entry.action,
            entry.targetType,
            entry.targetId,
            entry.outcome,
            entry.ip,
            entry.requestId,
            entry.details,
          ]);
          const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '');
          downloadText(`${t('export.fileName')}-${stamp}.csv`, toCsv(header, rows));
          if (isTruncated) void message.warning(t('export.truncated', { count: entries.length }));
          else void message.success(t('export.done', { count: entries.length }));
        },
        onError: (error) => void message.error(errorText(error)),
        onSettled: () => setProgress(null),
      },
    );
  };

  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          <Space>
            {progress && (
              <span data-testid="audit-export-progress" style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
                <Progress type="circle" size={24} percent={percent} showInfo={false} />
                <Typography.Text type="secondary">{t('export.running', { done: progress.done, total: progress.total })}</Typography.Text>
              </span>
            )}
            <Button icon={<DownloadOutlined />} onClick={exportCsv} loading={exporter.isPending} disabled={!log.data?.total} data-testid="audit-export">
              {t('export.button')}
            </Button>
            <ExportButton path="/api/audit/export.xlsx" params={{ ...filter }} />
          </Space>
        }
      />
      <ChainVerifyCard />
      <Card className="dxe-filters">
        <Form<FilterValues> form={form} layout="vertical" onFinish={search} initialValues={formValuesOf(initialFilter)} data-testid="audit-filter">
          <Row gutter={16}>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="actor" label={t('filters.actor')}>
                <Input allowClear placeholder={t('filters.actorPlaceholder')} data-testid="audit-filter-actor" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="action" label={t('filters.action')}>
                <Input allowClear placeholder={t('filters.actionPlaceholder')} data-testid="audit-filter-action" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="targetType" label={t('filters.targetType')}>
                <Input allowClear placeholder={t('filters.targetTypePlaceholder')} data-testid="audit-filter-target-type" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="targetId" label={t('filters.targetId')}>
                <Input allowClear data-testid="audit-filter-target-id" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="outcome" label={t('filters.outcome')}>
                <Select<AuditOutcome>
                  allowClear
                  placeholder={t('filters.anyOutcome')}
                  options={AUDIT_OUTCOMES.map((value) => ({ value, label: t(`outcomes.${value}`) }))}
                  data-testid="audit-filter-outcome"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={24} lg={12}>
              <Form.Item name="range" label={t('filters.timeRange')}>
                <DatePicker.RangePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  allowEmpty={[true, true]}
                  placeholder={[t('filters.startTime'), t('filters.endTime')]}
                  style={{ width: '100%' }}
                  data-testid="audit-filter-range"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6} style={{ display: 'flex', alignItems: 'flex-end' }}>
              <Form.Item>
                <Space>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
                    {tc('actions.search')}
                  </Button>
                  <Button onClick={reset} icon={<ReloadOutlined />} data-testid="audit-reset">
                    {tc('actions.reset')}
                  </Button>
                </Space>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card>
        {log.isError && <LoadFailed error={log.error} onRetry={() => void log.refetch()} />}
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={log.data?.items}
          loading={log.isFetching}
          scroll={{ x: 'max-content' }}
          expandable={{ expandedRowRender: (entry) => <DetailsPanel entry={entry} /> }}
          locale={{
            emptyText: Object.values(filter).some(Boolean) ? tc('states.noResults') : tc('states.empty'),
          }}
          pagination={tablePagination(tc, {
            page,
            pageSize,
            total: log.data?.total,
            pageSizes: [20, 50, 100],
            onChange: (nextPage, nextSize) => {
              setPage(nextPage);
              setPageSize(nextSize);
            },
          })}
          data-testid="audit-table"
        />
      </Card>
    </>
  );
}
