import { Alert, App, Button, Card, Collapse, Descriptions, Result, Skeleton, Typography } from 'antd';
import { EditOutlined, LeftOutlined, RollbackOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import type { ApplicationDetail, ApplicationEvent, ApplicationFormField } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { formatFen, formatYuan } from '../../../../../core/money/money.ts';
import { formatDateTime } from '../../../../lib/format.ts';
import { isEnglish, moneyLocale } from '../../../../lib/indicator-values.ts';
import { useApplication, useApplicationForm, useWithdrawApplication } from '../api/useApplications.ts';
import { ApplicationStatusTag } from '../components/ApplicationStatusTag.tsx';
import { ApplicationTimeline } from '../components/ApplicationTimeline.tsx';
import { AttachmentsCard } from '../components/AttachmentsCard.tsx';
import { fieldLabel } from '../lib/attachments.ts';
import { ProfileFieldList, useKnownValueText } from '../components/ProfileFieldList.tsx';
import { knownOfSnapshot } from '../lib/snapshot.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import '../components/applications.css';

const KNOWN_ACTIONS = ['submit', 'accept', 'approve_step', 'return', 'resubmit', 'reject', 'withdraw', 'start_notice', 'object', 'end_notice', 'prepare_payment', 'approve_payment', 'cancel_payment', 'attach_file'] as const;

function History({ events }: { events: ApplicationEvent[] }) {
  const { t, i18n } = useTranslation('applications');
  const language = i18n.language;
  return (
    <ol className="dxe-history" data-testid="application-history">
      {[...events].reverse().map((event) => {
        const action = (KNOWN_ACTIONS as readonly string[]).includes(event.action) ? t(`actions.${event.action as (typeof KNOWN_ACTIONS)[number]}`) : event.action;
        const who = [t(`detail.by.${event.actor.kind}`), event.actor.orgName, event.actor.displayName].filter(Boolean).join(' · ');
        return (
          <li key={event.id} data-testid={`history-${event.action}`}>
            <div className="dxe-history-head">
              <Typography.Text strong>{action}</Typography.Text>
              <Typography.Text type="secondary" className="dxe-history-time">
                {formatDateTime(event.at, language)}
              </Typography.Text>
            </div>
            <Typography.Text type="secondary" className="dxe-history-who">
              {who}
            </Typography.Text>
            {event.reason && <Typography.Text type={event.action === 'reject' ? 'danger' : 'warning'}>{t('detail.reason', { reason: event.reason })}</Typography.Text>}
          </li>
        );
      })}
    </ol>
  );
}

function StatusAlert({ application }: { application: ApplicationDetail }) {
  const { t, i18n } = useTranslation('applications');
  const navigate = useNavigate();
  const lastReason = (action: string) => [...application.events].reverse().find((event) => event.action === action)?.reason ?? '—';
  const money = (fen: number) => formatFen(fen, moneyLocale(i18n.language));
  switch (application.status) {
    case 'returned':
      return (
        <Alert
          type="warning"
          showIcon
          className="dxe-application-section"
          title={t('detail.returnedTitle')}
          description={
            <>
              <div data-testid="application-return-reason">{t('detail.returnedText', { reason: lastReason('return') })}</div>
              <div>{t('detail.returnedAction')}</div>
              {application.availableActions.includes('resubmit') && (
                <Button type="primary" icon={<EditOutlined />} style={{ marginTop: 8 }} onClick={() => navigate(`/portal/applications/${application.id}/resubmit`)} data-testid="application-resubmit">
                  {t('detail.resubmit')}
                </Button>
              )}
            </>
          }
          data-testid="application-returned"
        />
      );
    case 'rejected':
      return <Alert type="error" showIcon className="dxe-application-section" title={t('detail.rejectedTitle')} description={t('detail.rejectedText', { reason: lastReason('reject') })} data-testid="application-rejected" />;
    case 'withdrawn':
      return <Alert type="info" showIcon className="dxe-application-section" title={t('detail.withdrawnTitle')} />;
    case 'paid': {
      const paid = application.disbursements.find((payment) => payment.status === 'paid');
      return (
        <Alert
          type="success"
          showIcon
          className="dxe-application-section"
          title={t('detail.paidTitle')}
          description={
            paid && (
              <>
                <div>{t('detail.paidText', { amount: money(paid.amountFen) })}</div>
                {paid.paymentRef && <div>{t('detail.paymentRef', { ref: paid.paymentRef })}</div>}
              </>
            )
          }
          data-testid="application-paid"
        />
      );
    }
    default:
      return null;
  }
}

function Entered({ application, fields }: { application: ApplicationDetail; fields: ApplicationFormField[] }) {
  const { t, i18n } = useTranslation('applications');
  const valueText = useKnownValueText();
  const entered = (application.formData.entered ?? {}) as Record<string, unknown>;
  // In the form's order (the stored object's key order is the database's, not the form's).
  const keys = [...fields.map((field) => field.key).filter((key) => key in entered), ...Object.keys(entered).filter((key) => !fields.some((field) => field.key === key))];
  const known = knownOfSnapshot(application.formData.profile);
  const items = keys.map((key) => {
    const field = fields.find((f) => f.key === key);
    const label = field ? fieldLabel(field, i18n.language) : key;
    const raw = entered[key];
    // Typed money is shown to the fen (¥1,200,000.50), not rounded to 万元 as statistics are.
    const value =
      field?.type === 'money' && typeof raw === 'number' && Number.isSafeInteger(raw)
        ? isEnglish(i18n.language)
          ? formatFen(raw, 'en-US')
          : `¥${formatYuan(raw)}`
        : valueText({ key, labelZh: label, labelEn: label, value: raw, period: null, source: null, unit: null });
    return { key, label, children: <span data-testid={`entered-${key}`}>{value}</span> };
  });
  return (
    <Collapse
      className="dxe-application-section"
      data-testid="application-form-data"
      items={[
        ...(items.length > 0 ? [{ key: 'entered', label: t('detail.entered'), children: <Descriptions size="small" column={1} items={items} /> }] : []),
        ...(known.length > 0 ? [{ key: 'profile', label: t('detail.profileSnapshot'), children: <ProfileFieldList fields={known} /> }] : []),
      ]}
      defaultActiveKey={['entered']}
    />
  );
}

/**
 * /portal/applications/:id — one of the enterprise's applications: status, the vertical timeline with
 * dates, deadline and reasons, what to do (resubmit after a return, withdraw), attachments, the submitted
 * data and the full history.
 */
export default function ApplicationDetailPage() {
  const { t, i18n } = useTranslation('applications');
  const { t: tc } = useTranslation('common');
  const errorText = useErrorText();
  const { modal, message } = App.useApp();
  const id = Number(useParams().id);
  const validId = Number.isSafeInteger(id) && id > 0 ? id : 0;
  const application = useApplication(validId);
  const policyId = application.data?.policy.id ?? 0;
  const form = useApplicationForm(policyId);
  const withdraw = useWithdrawApplication(validId);
  const language = i18n.language;

  const back = (
    <Link to="/portal/applications" className="dxe-back-link" data-testid="application-back">
      <LeftOutlined /> {t('detail.back')}
    </Link>
  );

  if (!validId || (application.isError && isApiError(application.error) && application.error.status === 404)) {
    return <Result status="404" title={t('detail.notFound')} extra={back} data-testid="application-not-found" />;
  }
  if (application.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (application.isError) {
    return (
      <LoadFailed wholePage error={application.error} onRetry={() => void application.refetch()} title={t('detail.loadFailed')} />
    );
  }

  const a = application.data;
  const money = (fen: number) => formatFen(fen, moneyLocale(language));
  const fields = form.data?.fields.filter((field) => field.source === 'enterprise') ?? [];
  const fileFields = fields.filter((field) => field.type === 'file');

  const confirmWithdraw = () =>
    void modal.confirm({
      title: t('detail.withdrawTitle'),
      content: t('detail.withdrawContent'),
      okText: t('detail.withdraw'),
      cancelText: tc('actions.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'application-withdraw-confirm' },
      onOk: () =>
        withdraw.mutateAsync().then(
          () => void message.success(t('detail.withdrawn')),
          (error: unknown) => void message.error(errorText(error)),
        ),
    });

  return (
    <div className="dxe-application" data-testid="application-detail" data-status={a.status}>
      {back}
      <Card className="dxe-application-section">
        <div className="dxe-application-head">
          <Typography.Title level={3} className="dxe-application-title" data-testid="page-title">
            {a.policy.title}
          </Typography.Title>
          <ApplicationStatusTag status={a.status} testId="application-status" />
        </div>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'no', label: t('detail.applicationNo'), children: <span data-testid="application-id">{a.number}</span> },
            { key: 'dept', label: t('detail.department'), children: a.policy.departmentName },
            { key: 'submitted', label: t('detail.submittedAt'), children: formatDateTime(a.submittedAt, language) },
            ...(a.estimatedAmountFen !== null ? [{ key: 'estimated', label: t('detail.estimated'), children: <span data-testid="application-estimated">{money(a.estimatedAmountFen)}</span> }] : []),
            ...(a.approvedAmountFen !== null ? [{ key: 'approved', label: t('detail.approved'), children: <strong data-testid="application-approved">{money(a.approvedAmountFen)}</strong> }] : []),
          ]}
        />
      </Card>

      <StatusAlert application={a} />

      <Card className="dxe-application-section" title={t('detail.progress')} extra={a.currentStep && a.status !== 'returned' ? (isEnglish(language) ? a.currentStep.nameEn : a.currentStep.nameZh) : undefined}>
        <ApplicationTimeline application={a} />
      </Card>

      <AttachmentsCard application={a} fileFields={fileFields} />

      <Entered application={a} fields={fields} />

      <Card className="dxe-application-section" title={t('detail.history')}>
        <History events={a.events} />
      </Card>

      {a.availableActions.includes('withdraw') && (
        <div className="dxe-application-actions">
          <Button danger icon={<RollbackOutlined />} loading={withdraw.isPending} onClick={confirmWithdraw} data-testid="application-withdraw">
            {t('detail.withdraw')}
          </Button>
        </div>
      )}
    </div>
  );
}

