import { useState } from 'react';
import { Alert, App, Button, Card, Progress, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import type { ApplicationDetail, ApplicationFormField } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { formatDateTime } from '../../../../lib/format.ts';
import { useRefreshApplication } from '../api/useApplications.ts';
import { uploadAttachment } from '../api/uploadAttachment.ts';
import { ATTACHMENT_ACCEPT, attachmentProblem, fieldLabel } from '../lib/attachments.ts';

/** Statuses in which the enterprise may add attachments (the server's ATTACHABLE). */
const ATTACHABLE = ['submitted', 'returned'];

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * The application's attachments, downloadable; while it is submitted or returned, each file field of the
 * policy's form (and "other documents") takes an upload, with progress. Required files still missing are
 * named: the department cannot accept the application without them.
 */
export function AttachmentsCard({ application, fileFields }: { application: ApplicationDetail; fileFields: ApplicationFormField[] }) {
  const { t, i18n } = useTranslation('applications');
  const errorText = useErrorText();
  const { message } = App.useApp();
  const refresh = useRefreshApplication();
  const [progress, setProgress] = useState<{ fieldKey: string; percent: number } | null>(null);
  const language = i18n.language;
  const canAttach = ATTACHABLE.includes(application.status);
  const present = new Set(application.files.map((file) => file.fieldKey));
  const missing = fileFields.filter((field) => field.required && !present.has(field.key));
  const labelOf = (key: string) => {
    const field = fileFields.find((f) => f.key === key);
    return field ? fieldLabel(field, language) : t('detail.otherFile');
  };

  const upload = async (fieldKey: string, file: File) => {
    const problem = attachmentProblem(file);
    if (problem) {
      void message.error(t(`form.${problem}`));
      return;
    }
    setProgress({ fieldKey, percent: 0 });
    try {
      await uploadAttachment({ applicationId: application.id, fieldKey, file, onProgress: (percent) => setProgress({ fieldKey, percent }) });
      void message.success(t('detail.uploaded'));
      refresh();
    } catch (error) {
      const code = isApiError(error) ? error.code : '';
      void message.error(code === 'payload_too_large' || code === 'unsupported_media_type' ? t(`errors.${code}`) : errorText(error));
    } finally {
      setProgress(null);
    }
  };

  const targets = canAttach ? [...fileFields.map((field) => ({ key: field.key, label: fieldLabel(field, language) })), { key: 'other', label: t('detail.otherFile') }] : [];

  return (
    <Card className="dxe-application-section" title={t('detail.files')} data-testid="application-files">
      {canAttach && missing.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('detail.fieldMissing', { fields: missing.map((field) => fieldLabel(field, language)).join(language.startsWith('en') ? ', ' : '、') })} data-testid="application-files-missing" />
      )}
      {application.files.length === 0 ? (
        <Typography.Text type="secondary">{t('detail.noFiles')}</Typography.Text>
      ) : (
        <ul className="dxe-file-list">
          {application.files.map((file) => (
            <li key={file.id} data-testid={`application-file-${file.id}`}>
              <PaperClipOutlined />
              <div className="dxe-file-body">
                <a href={`/api/applications/${application.id}/files/${file.id}`} download={file.fileName} className="dxe-file-name">
                  {file.fileName}
                </a>
                <Typography.Text type="secondary" className="dxe-file-meta">
                  {labelOf(file.fieldKey)} · {sizeText(file.sizeBytes)} · {formatDateTime(file.uploadedAt, language)}
                </Typography.Text>
              </div>
            </li>
          ))}
        </ul>
      )}
      {targets.length > 0 && (
        <div className="dxe-file-uploads">
          {targets.map((target) => (
            <div key={target.key} className="dxe-file-upload">
              <Upload
                accept={ATTACHMENT_ACCEPT}
                showUploadList={false}
                disabled={progress !== null}
                beforeUpload={(file) => {
                  void upload(target.key, file);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} disabled={progress !== null} data-testid={`application-upload-${target.key}`}>
                  {t('detail.uploadFor', { field: target.label })}
                </Button>
              </Upload>
              {progress?.fieldKey === target.key && <Progress percent={progress.percent} size="small" status="active" data-testid={`application-upload-progress-${target.key}`} />}
            </div>
          ))}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('form.fileHint')}
          </Typography.Text>
        </div>
      )}
    </Card>
  );
}
