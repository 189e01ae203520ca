import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Form, Progress, Typography } from 'antd';
import { EditOutlined, SendOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import type { ApplicationFormField } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { applyServerErrors } from '../../../../lib/form-errors.ts';
import { collectForm, fieldOfProblemPath, type CollectedForm, type EnteredValue } from '../lib/form-values.ts';
import { fieldLabel } from '../lib/attachments.ts';
import { EnterpriseFields } from './EnterpriseFields.tsx';
import { DeclarationFields } from './DeclarationFields.tsx';
import { collectDeclarations, type DeclaredFact } from '../lib/declarations.ts';
import { ProfileFieldList, type KnownValue } from './ProfileFieldList.tsx';

/** One file being uploaded after the application was stored. */
export interface UploadState {
  fieldKey: string;
  name: string;
  percent: number;
  status: 'waiting' | 'uploading' | 'done' | 'error';
}

interface ApplicationFormViewProps {
  /** The enterprise's own fields (source 'enterprise'). */
  fields: ApplicationFormField[];
  known: KnownValue[];
  initialValues?: Record<string, EnteredValue>;
  isResubmission?: boolean;
  /** Stores the application (and uploads its files), reporting progress; throws an ApiError on refusal. */
  onSubmit: (collected: CollectedForm, onUpload: (uploads: UploadState[]) => void) => Promise<void>;
  /** Above the form: the policy and amount. */
  header?: ReactNode;
  /** Facts to declare on the form (申报时声明), with their evidence. */
  declaredFacts?: readonly DeclaredFact[];
}

/**
 * The application form: what the platform knows (read-only, with sources and periods), then what the
 * enterprise adds; submitted after a confirmation. The server's refusals are shown at their fields.
 */
/** The enterprise's registered name among the known fields (a payee account must be in this name). */
function registeredNameOf(known: readonly { key: string; value: unknown }[]): string | null {
  const value = known.find((field) => field.key === 'enterpriseName')?.value;
  return typeof value === 'string' ? value : null;
}

export function ApplicationFormView({ fields, known, initialValues, isResubmission = false, onSubmit, header, declaredFacts = [] }: ApplicationFormViewProps) {
  const { t, i18n } = useTranslation('applications');
  const { t: tc } = useTranslation('common');
  const errorText = useErrorText();
  const { modal } = App.useApp();
  const [form] = Form.useForm<Record<string, EnteredValue>>();
  const [uploads, setUploads] = useState<UploadState[]>([]);
  const [isBusy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const run = async (collected: CollectedForm) => {
    setBusy(true);
    setFailure(null);
    try {
      await onSubmit(collected, setUploads);
    } catch (error) {
      setUploads([]);
      if (isApiError(error) && error.code === 'validation_failed') {
        applyServerErrors(form, error, (problem) => {
          const key = fieldOfProblemPath(problem.path);
          const field = key && fields.find((f) => f.key === key);
          if (!field) return null;
          return { name: field.key, message: problem.message === 'required' ? t('form.required', { field: fieldLabel(field, i18n.language) }) : t('form.serverInvalid') };
        });
        setFailure(t('form.serverInvalid'));
      } else if (isApiError(error) && error.status === 409) {
        setFailure(t('form.conflict'));
      } else if (isApiError(error) && error.status === 422) {
        setFailure(t('errors.unprocessable', { reason: unprocessableReason(error.details) }));
      } else {
        setFailure(errorText(error));
      }
    } finally {
      setBusy(false);
    }
  };

  const unprocessableReason = (details: unknown[]): string => {
    const reason = (details[0] as { reason?: unknown } | undefined)?.reason;
    if (reason === 'window_closed') return t('form.blocked.window_closed');
    if (reason === 'not_open_yet') return t('form.notOpenYet');
    if (reason === 'policy_not_in_force') return t('form.notInForce');
    if (reason === 'declaration_fails') {
      const failing = ((details[0] as { declarations?: { labelZh: string; labelEn: string }[] }).declarations ?? []).map((d) => (i18n.language.startsWith('en') ? d.labelEn : d.labelZh));
      return t('declared.fails', { items: failing.join(i18n.language.startsWith('en') ? ', ' : '、') });
    }
    if (reason === 'ineligible' || reason === 'eligibility_unknown') return t('form.blocked.ineligible');
    return tc('errors.unknown');
  };

  const onFinish = (values: Record<string, EnteredValue>) => {
    const collected = collectForm(fields, values, { requireFiles: !isResubmission });
    const declared = collectDeclarations(declaredFacts, values as Record<string, unknown>);
    if (collected.problems.length > 0 || declared.problems.length > 0) {
      form.setFields([
        ...collected.problems.map(({ key, problem }) => ({ name: key, errors: [t(`form.problems.${problem}`)] })),
        ...declared.problems.map(({ key, problem }) => ({ name: key, errors: [problem === 'evidence_required' ? t('declared.evidenceMissing') : problem === 'required' ? t('form.problems.required') : t('form.problems.not_a_number')] })),
      ]);
      return;
    }
    collected.declarations = declared.declarations;
    collected.files.push(...declared.files);
    void modal.confirm({
      title: isResubmission ? t('form.confirmResubmitTitle') : t('form.confirmTitle'),
      content: isResubmission ? t('form.confirmResubmitContent') : t('form.confirmContent'),
      okText: t('form.confirmOk'),
      cancelText: tc('actions.cancel'),
      okButtonProps: { 'data-testid': 'apply-confirm' },
      onOk: () => void run(collected),
    });
  };

  return (
    <div className="dxe-apply" data-testid="application-form">
      {header}
      <Card className="dxe-apply-section" title={t('form.profileSection')} extra={<Link to="/portal/profile">{t('form.correct')}</Link>} data-testid="apply-known">
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('form.profileHint')}
        </Typography.Paragraph>
        <ProfileFieldList fields={known} testId="apply-known-list" />
      </Card>
      <Card className="dxe-apply-section" title={t('form.enterpriseSection')} data-testid="apply-entered">
        <Form form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} requiredMark disabled={isBusy} scrollToFirstError>
          {fields.length === 0 ? (
            <Typography.Paragraph type="secondary">{t('form.noEnterpriseFields')}</Typography.Paragraph>
          ) : (
            <>
              <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                {t('form.enterpriseHint')}
              </Typography.Paragraph>
              <EnterpriseFields fields={fields} isResubmission={isResubmission} disabled={isBusy} registeredName={registeredNameOf(known)} />
            </>
          )}
          <DeclarationFields facts={declaredFacts} disabled={isBusy} />
          {uploads.length > 0 && (
            <div className="dxe-upload-progress" data-testid="upload-progress">
              {uploads.map((upload) => (
                <div key={upload.fieldKey} data-testid={`upload-progress-${upload.fieldKey}`} data-status={upload.status} data-percent={upload.percent}>
                  <Typography.Text type="secondary" ellipsis style={{ fontSize: 13 }}>
                    {t('form.uploading', { name: upload.name })}
                  </Typography.Text>
                  <Progress percent={upload.percent} size="small" status={upload.status === 'error' ? 'exception' : upload.status === 'done' ? 'success' : 'active'} />
                </div>
              ))}
            </div>
          )}
          {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} data-testid="apply-error" />}
          <div className="dxe-apply-actions">
            <Button type="primary" htmlType="submit" size="large" icon={isResubmission ? <EditOutlined /> : <SendOutlined />} loading={isBusy} block data-testid="apply-submit">
              {isBusy ? t('form.submitting') : isResubmission ? t('form.resubmit') : t('form.submit')}
            </Button>
          </div>
        </Form>
      </Card>
    </div>
  );
}
