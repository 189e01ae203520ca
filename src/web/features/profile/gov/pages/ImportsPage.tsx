import { useState } from 'react';
import { Alert, Button, Card, Col, Form, Progress, Radio, Row, Select, Table, Typography, Upload, type TableColumnsType, type UploadFile } from 'antd';
import { CloudUploadOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import { IMPORT_KINDS, type ImportBatch, type ImportKind } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { SOURCES } from '../../../../../core/profile/indicators.ts';
import { formatDateTime } from '../../../../lib/format.ts';
import { sourceName } from '../../../../lib/indicator-values.ts';
import { useImports } from '../api/useImports.ts';
import { useUploadImport } from '../api/useUploadImport.ts';
import { ImportHelp } from '../components/ImportHelp.tsx';
import { RecordImportFields, useRecordTypeName } from '../../../records/components/RecordImportFields.tsx';
import { ImportProgress } from '../components/ImportProgress.tsx';
import { ImportStatusTag } from '../components/ImportStatusTag.tsx';
import '../components/data.css';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { tablePagination } from '../../../../lib/table-pagination.ts';
import { useUrlFilters } from '../../../../lib/useUrlFilters.ts';

/** A data admin imports from every source but the enterprises' own reports. */
const IMPORT_STATUS_FILTERS = ['queued', 'running', 'completed', 'failed'] as const;
const IMPORT_SOURCES = SOURCES.filter((source) => source !== 'self_reported');
const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface UploadFormValues {
  kind: ImportKind;
  source?: string;
}

/**
 * /gov/data/imports: 数据导入 — upload a CSV or XLSX of indicator values or registry rows, follow the
 * background job's progress, read the rejected rows and download the report; the history of imports.
 */
export default function ImportsPage() {
  const { t, i18n } = useTranslation('data-admin');
  const { t: tc } = useTranslation('common');
  const errorText = useErrorText();
  const [form] = Form.useForm<UploadFormValues>();
  const kind = Form.useWatch('kind', form) ?? 'indicators';
  const [file, setFile] = useState<UploadFile | null>(null);
  const [uploadPercent, setUploadPercent] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  // The history's status filter and page live in the URL, so the home's counts open exactly their batches.
  const { searchParams, page, update } = useUrlFilters<'status'>();
  const requestedStatus = searchParams.get('status');
  const status = IMPORT_STATUS_FILTERS.find((value) => value === requestedStatus);
  const setPage = (next: number) => update({ page: String(next) });
  const upload = useUploadImport();
  const history = useImports({ status, page, pageSize: 10 });
  const language = i18n.language;
  const recordTypeName = useRecordTypeName();
  const source = Form.useWatch('source', form);

  const onFinish = (values: UploadFormValues) => {
    const raw = file?.originFileObj ?? (file as unknown as File | null);
    if (!raw) return;
    setUploadPercent(0);
    upload.mutate(
      { file: raw as File, kind: values.kind, source: values.source, onProgress: setUploadPercent },
      {
        onSuccess: (batch) => {
          setSelected(batch.id);
          setFile(null);
        },
      },
    );
  };

  const uploadError = upload.error;
  const uploadErrorText = !uploadError
    ? null
    : isApiError(uploadError) && uploadError.status === 413
      ? t('upload.tooLarge')
      : isApiError(uploadError) && uploadError.status === 415
        ? t('upload.unsupported')
        : isApiError(uploadError) && uploadError.code === 'validation_failed'
          ? t('upload.invalid')
          : errorText(uploadError);

  const columns: TableColumnsType<ImportBatch> = [
    { title: '#', dataIndex: 'id', key: 'id', width: 64 },
    {
      title: t('history.file'),
      key: 'file',
      render: (_, batch) => (
        <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setSelected(batch.id)} data-testid={`import-history-${batch.id}`}>
          {batch.fileName ?? t('progress.jsonPush')}
        </Button>
      ),
    },
    { title: t('history.kind'), key: 'kind', render: (_, batch) => t(`kinds.${batch.kind}`) },
    { title: t('history.source'), key: 'source', responsive: ['md'], render: (_, batch) => (batch.kind === 'records' ? (recordTypeName(batch.source) ?? batch.source) : sourceName(batch.source, language)) },
    { title: t('history.status'), key: 'status', render: (_, batch) => <ImportStatusTag status={batch.status} /> },
    {
      title: t('history.rows'),
      key: 'rows',
      responsive: ['lg'],
      render: (_, batch) => t('history.rowsValue', { total: batch.totalRows ?? '—', inserted: batch.insertedRows, updated: batch.updatedRows, unchanged: batch.unchangedRows, errors: batch.errorRows }),
    },
    { title: t('history.by'), key: 'by', responsive: ['lg'], render: (_, batch) => batch.createdBy?.username ?? t('history.cli') },
    { title: t('history.at'), key: 'at', responsive: ['md'], render: (_, batch) => formatDateTime(batch.createdAt, language) },
  ];

  return (
    <>
      <PageHeader title={t('title')} extra={<ExportButton path="/api/imports/export.xlsx" params={{ status }} />} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('upload.title')} data-testid="import-upload" style={{ height: '100%' }}>
            <Form<UploadFormValues> form={form} layout="vertical" className="dxe-upload-form" initialValues={{ kind: 'indicators' }} onFinish={onFinish} requiredMark="optional">
              <Row gutter={16}>
                <Col xs={24}>
                  <Form.Item name="kind" label={t('upload.kind')} required>
                    <Radio.Group
                      optionType="button"
                      buttonStyle="solid"
                      options={IMPORT_KINDS.map((value) => ({ value, label: t(`kinds.${value}`) }))}
                      onChange={() => form.setFieldValue('source', undefined)}
                      data-testid="import-kind"
                    />
                  </Form.Item>
                </Col>
                {/* 12345 work orders carry their source (the hotline) and the linking table has none: no source to pick; records pick their type. */}
                {kind === 'records' && (
                  <Col xs={24}>
                    <RecordImportFields selected={source} />
                  </Col>
                )}
                {kind !== 'demands_12345' && kind !== 'cadre_links' && kind !== 'records' && (
                  <Col xs={24} md={14}>
                    <Form.Item
                      name="source"
                      label={t('upload.source')}
                      extra={kind === 'enterprises' ? t('upload.sourceDefault') : undefined}
                      rules={kind === 'indicators' ? [{ required: true, message: t('upload.sourceRequired') }] : []}
                    >
                      <Select<string>
                        allowClear={kind === 'enterprises'}
                        placeholder={t('upload.sourcePlaceholder')}
                        options={IMPORT_SOURCES.map((value) => ({ value, label: sourceName(value, language) }))}
                        data-testid="import-source"
                      />
                    </Form.Item>
                  </Col>
                )}
              </Row>
              <Form.Item label={t('upload.file')} required>
                <Upload.Dragger
                  accept={ACCEPT}
                  maxCount={1}
                  fileList={file ? [file] : []}
                  beforeUpload={(picked) => {
                    setFile({ uid: picked.uid, name: picked.name, size: picked.size, type: picked.type, originFileObj: picked });
                    upload.reset();
                    return false;
                  }}
                  onRemove={() => setFile(null)}
                  disabled={upload.isPending}
                  data-testid="import-file"
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">{t('upload.drop')}</p>
                  <p className="ant-upload-hint">{t('upload.hint')}</p>
                </Upload.Dragger>
              </Form.Item>
              {upload.isPending && <Progress percent={uploadPercent} size="small" status="active" data-testid="import-upload-progress" />}
              {uploadErrorText && <Alert type="error" showIcon title={uploadErrorText} style={{ marginBottom: 12 }} data-testid="import-upload-error" />}
              <Button type="primary" htmlType="submit" icon={<CloudUploadOutlined />} loading={upload.isPending} disabled={!file} data-testid="import-submit">
                {t('upload.submit')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <ImportHelp />
        </Col>
        {selected !== null && (
          <Col xs={24}>
            <ImportProgress key={selected} batchId={selected} />
          </Col>
        )}
        <Col xs={24}>
          <Card
            title={t('history.title')}
            data-testid="import-history"
            extra={
              <Select<string>
                allowClear
                size="small"
                style={{ minWidth: 110 }}
                placeholder={t('history.status')}
                value={status}
                onChange={(value) => update({ status: value })}
                options={IMPORT_STATUS_FILTERS.map((value) => ({ value, label: t(`statuses.${value}`) }))}
                data-testid="import-status-filter"
              />
            }
          >
            {history.isError && !history.data ? (
              <LoadFailed error={history.error} onRetry={() => void history.refetch()} />
            ) : (
              <Table<ImportBatch>
                rowKey="id"
                size="small"
                columns={columns}
                dataSource={history.data?.items}
                loading={history.isPending}
                scroll={{ x: 'max-content' }}
                rowClassName={(batch) => (batch.id === selected ? 'ant-table-row-selected' : '')}
                locale={{ emptyText: t('history.empty') }}
                pagination={tablePagination(tc, { page, pageSize: 10, total: history.data?.total, onChange: setPage })}
                data-testid="import-history-table"
              />
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('history.hint')}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
    </>
  );
}
