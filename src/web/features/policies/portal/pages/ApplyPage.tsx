import { App, Button, Card, Result, Skeleton, Typography } from 'antd';
import { LeftOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import type { ApplicationForm } from '../../../../api/types.ts';
import { formatFen } from '../../../../../core/money/money.ts';
import { moneyLocale } from '../../../../lib/indicator-values.ts';
import { useApplicationForm, useMyApplications, useRefreshApplication, useSubmitApplication } from '../api/useApplications.ts';
import { uploadFormFiles } from '../api/uploadAttachment.ts';
import { ApplicationFormView } from '../components/ApplicationFormView.tsx';
import type { KnownValue } from '../components/ProfileFieldList.tsx';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import '../components/applications.css';

/** The profile part of the live form as known values. */
export function knownOfForm(form: ApplicationForm): KnownValue[] {
  return form.fields
    .filter((field) => field.source === 'profile')
    .map((field) => ({ key: field.key, labelZh: field.labelZh, labelEn: field.labelEn, value: field.value, period: field.period, source: field.dataSource, unit: field.unit }));
}

function FormHeader({ form }: { form: ApplicationForm }) {
  const { t, i18n } = useTranslation('applications');
  return (
    <Card className="dxe-apply-section dxe-apply-head">
      <Typography.Text type="secondary">{t('form.policy')}</Typography.Text>
      <Typography.Title level={4} style={{ margin: '2px 0 6px' }} data-testid="apply-policy-title">
        {form.title}
      </Typography.Title>
      {form.estimatedAmountFen !== null && (
        <Typography.Text className="dxe-apply-amount" data-testid="apply-estimated">
          {t('form.estimated', { amount: formatFen(form.estimatedAmountFen, moneyLocale(i18n.language)) })}
        </Typography.Text>
      )}
    </Card>
  );
}

const BLOCKED = {
  window_closed: 'form.blocked.window_closed',
  ineligible: 'form.blocked.ineligible',
  already_applied: 'form.blocked.already_applied',
  already_granted: 'form.blocked.already_granted',
  exclusive_group: 'form.blocked.exclusive_group',
} as const;

/** Why this enterprise cannot apply now, with the way on (its application, the policy, the data to add). */
function Blocked({ form }: { form: ApplicationForm }) {
  const { t } = useTranslation('applications');
  const navigate = useNavigate();
  const existing = useMyApplications({ policyId: form.policyId, page: 1, pageSize: 1 });
  const application = form.blockedBy === 'already_applied' ? existing.data?.items[0] : undefined;
  const titleKey = BLOCKED[form.blockedBy as keyof typeof BLOCKED] ?? 'form.blocked.ineligible';
  return (
    <Result
      status="info"
      title={t(titleKey)}
      subTitle={form.exclusiveWith ? t('form.exclusiveWith', { title: form.title, held: form.exclusiveWith.title, group: form.exclusiveWith.group }) : form.title}
      data-testid="apply-blocked"
      data-blocked-by={form.blockedBy ?? ''}
      extra={[
        application && (
          <Button key="view" type="primary" onClick={() => navigate(`/portal/applications/${application.id}`)} data-testid="apply-view-existing">
            {t('form.viewExisting')}
          </Button>
        ),
        <Button key="back" onClick={() => navigate(`/portal/policies/${form.policyId}`)}>
          {t('form.backToPolicy')}
        </Button>,
      ]}
    />
  );
}


/**
 * /portal/policies/:id/apply — 在线申报: the form pre-filled from the profile (read-only, with sources and
 * periods) and the policy's own fields; submit with confirmation, then the attachments with progress.
 */
export default function ApplyPage() {
  const { t } = useTranslation('applications');
  const { t: tc } = useTranslation('common');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const policyId = Number(useParams().id);
  const validId = Number.isSafeInteger(policyId) && policyId > 0 ? policyId : 0;
  const form = useApplicationForm(validId);
  const submit = useSubmitApplication();
  const refresh = useRefreshApplication();

  const back = (
    <Link to={`/portal/policies/${validId}`} className="dxe-back-link">
      <LeftOutlined /> {t('form.backToPolicy')}
    </Link>
  );

  if (form.isPending && validId) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (!validId || form.isError) {
    const notFound = !validId || (isApiError(form.error) && form.error.status === 404);
    return notFound ? (
      <Result status="404" title={tc('notFound.title')} data-testid="apply-error-page" />
    ) : (
      <LoadFailed wholePage error={form.error} onRetry={() => void form.refetch()} title={t('form.loadFailed')} testId="apply-error-page" />
    );
  }

  const data = form.data!;
  if (!data.canApply) {
    return (
      <>
        {back}
        <Blocked form={data} />
      </>
    );
  }

  const enterpriseFields = data.fields.filter((field) => field.source === 'enterprise');

  return (
    <>
      {back}
      <Typography.Title level={3} style={{ margin: '12px 0' }} data-testid="page-title">
        {t('form.title')}
      </Typography.Title>
      <ApplicationFormView
        header={<FormHeader form={data} />}
        fields={enterpriseFields}
        known={knownOfForm(data)}
        declaredFacts={data.declaredFacts}
        onSubmit={async (collected, onUpload) => {
          const detail = await submit.mutateAsync({ policyId: data.policyId, formData: collected.formData, ...(collected.declarations && Object.keys(collected.declarations).length > 0 && { declarations: collected.declarations }) });
          const failed = await uploadFormFiles(detail.id, collected.files, onUpload);
          if (collected.files.length > 0) refresh();
          if (failed) void message.warning(t('form.uploadFailed', { name: failed }), 8);
          else void message.success(t('form.submitted'));
          navigate(`/portal/applications/${detail.id}`, { replace: true });
        }}
      />
    </>
  );
}
