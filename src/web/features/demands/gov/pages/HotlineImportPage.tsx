import { useState } from 'react';
import { Alert, Button, Card, Col, Progress, Row, Table, Typography, Upload, type TableColumnsType, type UploadFile } from 'antd';
import { CloudUploadOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import type { ImportBatch } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { formatDateTime } from '../../../../lib/format.ts';
import { tablePagination } from '../../../../lib/table-pagination.ts';
import { isImportFinished, useImport, useImports } from '../../../profile/gov/api/useImports.ts';
import { useUploadImport } from '../../../profile/gov/api/useUploadImport.ts';
import { ImportHelp } from '../../../profile/gov/components/ImportHelp.tsx';
import { ImportProgress } from '../../../profile/gov/components/ImportProgress.tsx';
import { ImportStatusTag } from '../../../profile/gov/components/ImportStatusTag.tsx';
import '../../../profile/gov/components/data.css';
import { useDemands } from '../../shared/api/useDemands.ts';
import { DemandTable } from '../../shared/components/DemandTable.tsx';

const KIND = 'demands_12345';
const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PAGE_SIZE = 10;

/** The demands one batch created, once it has finished (their suggestions follow from a job). */
function ImportedDemands({ batchId }: { batchId: number }) {
  const batch = useImport(batchId);
  if (!batch.data || !isImportFinished(batch.data) || batch.data.status === 'failed') return null;
  // Mounted once finished, so the list is read after the last row went in.
  return <ImportedDemandsList batchId={batchId} />;
}

function ImportedDemandsList({ batchId }: { batchId: number }) {
  const { t } = useTranslation('demands');
  const [page, setPage] = useState(1);
  const demands = useDemands({ importBatchId: batchId, page, pageSize: PAGE_SIZE });
  return (
    <Card title={t('hotline.imported')} data-testid="hotline-imported">
      {demands.isError && !demands.data ? (
        <LoadFailed error={demands.error} onRetry={() => void demands.refetch()} />
      ) : demands.data?.total === 0 ? (
        <Typography.Text type="secondary">{t('hotline.importedEmpty')}</Typography.Text>
      ) : (
        <DemandTable
          area="gov"
          data={demands.data}
          loading={demands.isPending}
          page={page}
          pageSize={PAGE_SIZE}
          onPage={setPage}
          show={{ enterprise: true, suggestion: true }}
          testId="hotline-imported-table"
        />
      )}
    </Card>
  );
}

/**
 * /gov/demands/hotline-import — 12345工单导入 (dispatcher): upload an export of 12345 hotline work orders
 * (CSV or XLSX, the `demands_12345` import kind of the imports machinery), follow its progress, then read
 * the result — demands created, work orders already imported (unchanged), rejected rows with their row
 * numbers and reasons — and open the demands it created; a sample file with the expected headers.
 */
export default function HotlineImportPage() {
  const { t, i18n } = useTranslation('demands');
  const { t: ta } = useTranslation('data-admin');
  const { t: tc } = useTranslation('common');
  const errorText = useErrorText();
  const [file, setFile] = useState<UploadFile | null>(null);
  const [uploadPercent, setUploadPercent] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const upload = useUploadImport();
  const history = useImports({ page, pageSize: PAGE_SIZE, kind: KIND });

  const start = () => {
    const raw = file?.originFileObj;
    if (!raw) return;
    setUploadPercent(0);
    upload.mutate(
      { file: raw, kind: KIND, onProgress: setUploadPercent },
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
      ? ta('upload.tooLarge')
      : isApiError(uploadError) && uploadError.status === 415
        ? ta('upload.unsupported')
        : errorText(uploadError);

  const columns: TableColumnsType<ImportBatch> = [
    { title: '#', dataIndex: 'id', key: 'id', width: 64 },
    {
      title: ta('history.file'),
      key: 'file',
      render: (_, batch) => (
        <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setSelected(batch.id)} data-testid={`hotline-history-${batch.id}`}>
          {batch.fileName ?? ta('progress.jsonPush')}
        </Button>
      ),
    },
    { title: ta('history.status'), key: 'status', render: (_, batch) => <ImportStatusTag status={batch.status} /> },
    {
      title: ta('history.rows'),
      key: 'rows',
      render: (_, batch) => ta('history.rowsValue', { total: batch.totalRows ?? '—', inserted: batch.insertedRows, updated: batch.updatedRows, unchanged: batch.unchangedRows, errors: batch.errorRows }),
    },
    { title: ta('history.by'), key: 'by', responsive: ['lg'], render: (_, batch) => batch.createdBy?.username ?? ta('history.cli') },
    { title: ta('history.at'), key: 'at', responsive: ['md'], render: (_, batch) => formatDateTime(batch.createdAt, i18n.language) },
  ];

  return (
    <>
      <PageHeader title={t('hotline.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('hotline.upload')} data-testid="hotline-upload" style={{ height: '100%' }}>
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
              data-testid="hotline-file"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('hotline.drop')}</p>
              <p className="ant-upload-hint">{t('hotline.hint')}</p>
            </Upload.Dragger>
            {upload.isPending && (
              <div style={{ marginTop: 12 }}>
                <Typography.Text type="secondary">{t('hotline.uploading')}</Typography.Text>
                <Progress percent={uploadPercent} size="small" status="active" data-testid="hotline-upload-progress" />
              </div>
            )}
            {uploadErrorText && <Alert type="error" showIcon title={uploadErrorText} style={{ marginTop: 12 }} data-testid="hotline-upload-error" />}
            <Button type="primary" icon={<CloudUploadOutlined />} loading={upload.isPending} disabled={!file} onClick={start} style={{ marginTop: 16 }} data-testid="hotline-submit">
              {t('hotline.submit')}
            </Button>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <ImportHelp kinds={['hotline']} />
        </Col>
        {selected !== null && (
          <>
            <Col xs={24}>
              <ImportProgress key={selected} batchId={selected} />
            </Col>
            <Col xs={24}>
              <ImportedDemands key={selected} batchId={selected} />
            </Col>
          </>
        )}
        <Col xs={24}>
          <Card title={t('hotline.history')} data-testid="hotline-history">
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
                locale={{ emptyText: t('hotline.historyEmpty') }}
                pagination={tablePagination(tc, { page, pageSize: PAGE_SIZE, total: history.data?.total, onChange: setPage })}
                data-testid="hotline-history-table"
              />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
