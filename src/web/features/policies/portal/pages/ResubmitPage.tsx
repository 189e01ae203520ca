import { App, Result, Skeleton, Typography } from 'antd';
import { LeftOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useApplication, useApplicationForm, useRefreshApplication, useResubmitApplication } from '../api/useApplications.ts';
import { uploadFormFiles } from '../api/uploadAttachment.ts';
import { ApplicationFormView } from '../components/ApplicationFormView.tsx';
import { initialValues } from '../lib/form-values.ts';
import { knownOfSnapshot } from '../lib/snapshot.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import '../components/applications.css';

/**
 * /portal/applications/:id/resubmit — 补正: the returned application's form with what was entered, the
 * return reason above it; new files are uploaded first (a returned application takes them), then it is
 * resubmitted and goes back to the step that returned it.
 */
export default function ResubmitPage() {
  const { t } = useTranslation('applications');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const validId = Number.isSafeInteger(id) && id > 0 ? id : 0;
  const application = useApplication(validId);
  const form = useApplicationForm(application.data?.policy.id ?? 0);
  const resubmit = useResubmitApplication(validId);
  const refresh = useRefreshApplication();

  const back = (
    <Link to={`/portal/applications/${validId}`} className="dxe-back-link">
      <LeftOutlined /> {t('detail.title')}
    </Link>
  );

  if (application.isPending || (application.isSuccess && form.isPending)) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (application.isError || form.isError) {
    return (
      <LoadFailed
        wholePage
        error={application.error ?? form.error}
        onRetry={() => void (application.isError ? application.refetch() : form.refetch())}
        title={t('detail.loadFailed')}
      />
    );
  }
  const a = application.data;
  if (!a.availableActions.includes('resubmit')) {
    return <Result status="info" title={t(`status.${a.status}`)} extra={back} data-testid="resubmit-not-returned" />;
  }
  const fields = form.data!.fields.filter((field) => field.source === 'enterprise');
  const reason = [...a.events].reverse().find((event) => event.action === 'return')?.reason ?? '—';

  return (
    <>
      {back}
      <Typography.Title level={3} style={{ margin: '12px 0' }} data-testid="page-title">
        {t('detail.resubmit')}
      </Typography.Title>
      <ApplicationFormView
        isResubmission
        header={
          <div className="dxe-apply-section dxe-apply-return" data-testid="resubmit-reason">
            <Typography.Text strong>{a.policy.title}</Typography.Text>
            <Typography.Text type="warning">{t('detail.returnedText', { reason })}</Typography.Text>
          </div>
        }
        fields={fields}
        known={knownOfSnapshot(a.formData.profile)}
        initialValues={initialValues(fields, a.formData.entered as Record<string, unknown> | undefined)}
        onSubmit={async (collected, onUpload) => {
          await uploadFormFiles(a.id, collected.files, onUpload, { stopOnError: true });
          if (collected.files.length > 0) refresh();
          await resubmit.mutateAsync(collected.formData);
          void message.success(t('form.resubmitted'));
          navigate(`/portal/applications/${a.id}`, { replace: true });
        }}
      />
    </>
  );
}
