import { useState } from 'react';
import { Alert, Button, Card, Col, Progress, Row, Space, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ImportBatch, ImportError } from '../../../../api/types.ts';
import { formatDateTime } from '../../../../lib/format.ts';
import { isEnglish, sourceName } from '../../../../lib/indicator-values.ts';
import { importReportUrl, isImportFinished, useImport, useImportErrors } from '../api/useImports.ts';
import { ImportStatusTag } from './ImportStatusTag.tsx';
import { useRecordTypeName } from '../../../records/components/RecordImportFields.tsx';
import { tablePagination } from '../../../../lib/table-pagination.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';

const ERROR_PAGE_SIZE = 10;

/** "中文 / English" → the half of the user's language. */
function messageIn(message: string, en: boolean): string {
  const parts = message.split(' / ');
  return parts.length === 2 ? parts[en ? 1 : 0] : message;
}

function percentOf(batch: ImportBatch): number {
  if (batch.status === 'completed') return 100;
  if (!batch.totalRows) return 0;
  return Math.min(99, Math.floor((batch.processedRows / batch.totalRows) * 100));
}

/** One batch: progress while it runs (polled), then the counts, the rejected rows and the report. */
export function ImportProgress({ batchId }: { batchId: number }) {
  const { t, i18n } = useTranslation('data-admin');
  const { t: tc } = useTranslation('common');
  const recordTypeName = useRecordTypeName();
  const batch = useImport(batchId);
  const [page, setPage] = useState(1);
  const data = batch.data;
  const errors = useImportErrors(batchId, page, ERROR_PAGE_SIZE, data?.errorRows ?? 0);
  const en = isEnglish(i18n.language);

  if (batch.isError && !data) {
    return <LoadFailed error={batch.error} testId="import-progress-error" />;
  }
  if (!data) return <Card loading />;

  const finished = isImportFinished(data);
  const columns: TableColumnsType<ImportError> = [
    { title: t('errors.row'), dataIndex: 'rowNo', key: 'rowNo', width: 72 },
    { title: t('errors.column'), dataIndex: 'column', key: 'column' },
    { title: t('errors.reason'), key: 'reason', render: (_, row) => (en ? row.reasonEn : row.reason) },
    { title: t('errors.value'), dataIndex: 'value', key: 'value', render: (value: string | null) => (value === null ? <Typography.Text type="secondary">{t('errors.empty')}</Typography.Text> : <Typography.Text code>{value}</Typography.Text>) },
  ];

  return (
    <Card
      title={
        <span className="dxe-import-title">
          {t('progress.title', { id: data.id })}
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
            {data.fileName ?? t('progress.jsonPush')}
          </Typography.Text>
        </span>
      }
      extra={<ImportStatusTag status={data.status} testId="import-status" />}
      data-testid="import-progress"
      data-status={data.status}
    >
      <Typography.Paragraph type="secondary">
        {t('progress.meta', {
          kind: t(`kinds.${data.kind}`),
          source: data.kind === 'records' ? (recordTypeName(data.source) ?? data.source) : sourceName(data.source, i18n.language),
          user: data.createdBy?.username ?? t('history.cli'),
          time: formatDateTime(data.createdAt, i18n.language),
        })}
      </Typography.Paragraph>
      <Progress
        percent={percentOf(data)}
        status={data.status === 'failed' ? 'exception' : finished ? 'success' : 'active'}
        data-testid="import-progress-bar"
      />
      <Typography.Text type="secondary" data-testid="import-processed">
        {data.totalRows === null ? t('progress.scanning') : t('progress.processed', { processed: data.processedRows, total: data.totalRows })}
      </Typography.Text>
      {data.message && <Alert type={data.status === 'failed' ? 'error' : 'warning'} showIcon title={messageIn(data.message, en)} style={{ marginTop: 12 }} data-testid="import-message" />}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={12} sm={6}>
          <Statistic title={t('counts.inserted')} value={data.insertedRows} data-testid="import-count-inserted" />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('counts.updated')} value={data.updatedRows} data-testid="import-count-updated" />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('counts.unchanged')} value={data.unchangedRows} data-testid="import-count-unchanged" />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('counts.errors')} value={data.errorRows} styles={{ content: data.errorRows > 0 ? { color: '#cf1322' } : undefined }} data-testid="import-count-errors" />
        </Col>
      </Row>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('counts.note')}
      </Typography.Text>
      {finished && (
        <Space style={{ marginTop: 16, display: 'flex' }} wrap>
          <Button icon={<DownloadOutlined />} href={importReportUrl(data.id)} download data-testid="import-report">
            {t('progress.report')}
          </Button>
        </Space>
      )}
      {data.errorRows > 0 && (
        <div style={{ marginTop: 16 }}>
          <Typography.Title level={5}>{t('errors.title', { count: data.errorRows })}</Typography.Title>
          {errors.isError ? (
            <LoadFailed error={errors.error} onRetry={() => void errors.refetch()} />
          ) : (
            <Table<ImportError>
              rowKey={(row) => `${row.rowNo}|${row.column}|${row.code}`}
              size="small"
              columns={columns}
              dataSource={errors.data?.items}
              loading={errors.isFetching}
              scroll={{ x: 'max-content' }}
              pagination={tablePagination(tc, { page, pageSize: ERROR_PAGE_SIZE, total: errors.data?.total, onChange: setPage })}
              data-testid="import-errors"
            />
          )}
        </div>
      )}
    </Card>
  );
}
