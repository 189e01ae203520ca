import { Alert, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Steps, Table, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { formatFen } from '../../../../../core/money/money.ts';
import { isApiError } from '../../../../api/client.ts';
import type { ApplicationEvent } from '../../../../api/types.ts';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { formatDateTime } from '../../../../lib/format.ts';
import { isEnglish, moneyLocale } from '../../../../lib/indicator-values.ts';
import { usePolicy } from '../api/usePolicies.ts';
import { useApplication } from '../api/useApplications.ts';
import { ApplicationForm } from '../components/ApplicationForm.tsx';
import { ApplicationStatusTag } from '../components/ApplicationStatusTag.tsx';
import { progressOf } from '../lib/application-view.ts';
import { MoneyText } from '../components/MoneyText.tsx';
import { ReviewActions } from '../components/ReviewActions.tsx';
import { readsApplicationsOnly } from '../lib/roles.ts';
import { useUser } from '../../../../app/session.tsx';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import '../components/reviews.css';

function EventTimeline({ events }: { events: ApplicationEvent[] }) {
  const { t, i18n } = useTranslation('reviews');
  const language = i18n.language;
  const locale = moneyLocale(language);
  const detailText = (event: ApplicationEvent) => {
    const d = event.details;
    const parts: string[] = [];
    if (typeof d.approvedAmountFen === 'number') parts.push(t('timeline.approvedAmount', { amount: formatFen(d.approvedAmountFen, locale) }));
    if (typeof d.amountFen === 'number') parts.push(t('timeline.amount', { amount: formatFen(d.amountFen, locale) }));
    if (typeof d.noticeUntil === 'string') parts.push(t('timeline.noticeUntil', { time: formatDateTime(d.noticeUntil, language) }));
    if (typeof d.dueAt === 'string') parts.push(t('timeline.dueAt', { time: formatDateTime(d.dueAt, language) }));
    if (typeof d.paymentRef === 'string') parts.push(t('timeline.paymentRef', { ref: d.paymentRef }));
    if (typeof d.fileName === 'string') parts.push(d.fileName);
    return parts.join(' · ');
  };
  return (
    <Timeline
      data-testid="application-timeline"
      items={events.map((event) => ({
        key: event.id,
        color: event.action === 'reject' ? 'red' : event.action === 'return' || event.action === 'object' ? 'orange' : event.toStatus === 'paid' ? 'green' : 'blue',
        content: (
          <div data-testid="timeline-event" data-action={event.action}>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(event.at, language)}
              </Typography.Text>
            </div>
            <Typography.Text strong>{t(`events.${event.action as 'submit'}`, { defaultValue: event.action })}</Typography.Text>{' '}
            <Typography.Text type="secondary">
              {event.actor.kind === 'system' ? t('timeline.system') : [event.actor.displayName, event.actor.orgName].filter(Boolean).join(' · ')}
            </Typography.Text>
            {event.reason && <div className="dxe-timeline-reason">{t('timeline.reason', { reason: event.reason })}</div>}
            {detailText(event) && (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {detailText(event)}
                </Typography.Text>
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}

/**
 * /gov/applications/:id — one application for the department (read-only for the county's readers, without
 * the actions card): where it stands with its deadline, the actions of the current step, the form pre-filled from the profile, attachments, payments and the timeline.
 */
export default function ApplicationPage() {
  const { t, i18n } = useTranslation('reviews');
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const application = useApplication(id);
  const readOnly = readsApplicationsOnly(useUser());
  const detail = application.data;
  const policy = usePolicy(detail?.policy.id ?? 0);
  const language = i18n.language;
  const en = isEnglish(language);

  if (application.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (application.isError || !detail) {
    const status = isApiError(application.error) ? application.error.status : 0;
    const back = (
      <Button onClick={() => navigate('/gov/applications')} key="back">
        {t('detail.back')}
      </Button>
    );
    if (status === 404 || status === 403) {
      return <Result status={status === 404 ? '404' : '403'} title={status === 404 ? t('detail.notFound') : t('detail.forbidden')} extra={back} data-testid="application-load-error" />;
    }
    return <LoadFailed wholePage error={application.error} onRetry={() => void application.refetch()} extra={back} testId="application-load-error" />;
  }

  const progress = progressOf(detail);
  const stepName = (step: { nameZh: string; nameEn: string }) => (en ? step.nameEn : step.nameZh);
  return (
    <>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/gov/applications')} style={{ paddingInline: 0 }}>
        {t('detail.back')}
      </Button>
      <PageHeader
        title={
          <Space wrap size={8}>
            <span>{detail.enterprise.name}</span>
            <ApplicationStatusTag status={detail.status} testId="application-status" />
          </Space>
        }
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('detail.subtitle', { id: detail.id, title: detail.policy.title, code: detail.policy.code })}
      </Typography.Paragraph>
      {detail.isOverdue && detail.stepDueAt && (
        <Alert type="error" showIcon title={t('detail.overdue', { step: detail.currentStep ? stepName(detail.currentStep) : '', time: formatDateTime(detail.stepDueAt, language) })} style={{ marginBottom: 12 }} data-testid="application-overdue" />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={progress.current}
          status={progress.status}
          items={detail.steps.map((step, index) => ({
            title: stepName(step),
            content:
              index === progress.current && detail.stepDueAt && progress.status === 'process'
                ? t('detail.dueBy', { time: formatDateTime(detail.stepDueAt, language) })
                : step.key === 'notice'
                  ? t('detail.noticeDays', { days: detail.publicNoticeDays })
                  : t('detail.stepDays', { days: step.deadlineWorkingDays }),
          }))}
          data-testid="application-steps"
        />
      </Card>
      {/* County readers (the leader …) read the application; the actions are the department's. */}
      {!readOnly && (
        <Card title={t('detail.actions')} size="small" style={{ marginBottom: 16 }}>
          <ReviewActions detail={detail} />
        </Card>
      )}
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <ApplicationForm detail={detail} policy={policy.data} filesReadable={!readOnly} />
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('detail.record')} size="small" style={{ marginBottom: 16 }}>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'number', label: t('columns.id'), children: <span data-testid="application-number">{detail.number}</span> },
                { key: 'enterprise', label: t('columns.enterprise'), children: <Link to={`/gov/enterprises/${detail.enterprise.id}`}>{detail.enterprise.name}</Link> },
                { key: 'uscc', label: t('columns.uscc'), children: detail.enterprise.uscc },
                { key: 'policy', label: t('columns.policy'), children: <Link to={`/gov/policies/${detail.policy.id}`}>{detail.policy.title}</Link> },
                { key: 'submitted', label: t('columns.submittedAt'), children: formatDateTime(detail.submittedAt, language) },
                { key: 'step', label: t('columns.step'), children: detail.currentStep ? stepName(detail.currentStep) : '—' },
                { key: 'due', label: t('columns.dueAt'), children: detail.stepDueAt ? <Typography.Text type={detail.isOverdue ? 'danger' : undefined}>{formatDateTime(detail.stepDueAt, language)}</Typography.Text> : '—' },
                ...(detail.noticeUntil ? [{ key: 'notice', label: t('columns.noticeUntil'), children: formatDateTime(detail.noticeUntil, language) }] : []),
                { key: 'estimated', label: t('columns.estimated'), children: <MoneyText fen={detail.estimatedAmountFen} /> },
                { key: 'approved', label: t('columns.approved'), children: <MoneyText fen={detail.approvedAmountFen} testId="application-approved-amount" /> },
              ]}
            />
          </Card>
          <Card title={t('detail.payments')} size="small" style={{ marginBottom: 16 }}>
            {detail.disbursements.length ? (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={detail.disbursements}
                data-testid="application-disbursements"
                columns={[
                  { title: t('columns.amount'), key: 'amount', render: (_, row) => <MoneyText fen={row.amountFen} /> },
                  { title: t('columns.status'), key: 'status', render: (_, row) => <Tag color={row.status === 'paid' ? 'success' : row.status === 'prepared' ? 'processing' : 'default'}>{t(`payments.status.${row.status}`)}</Tag> },
                  { title: t('columns.paidAt'), key: 'paidAt', render: (_, row) => (row.paidAt ? `${formatDateTime(row.paidAt, language)} · ${row.paymentRef ?? ''}` : formatDateTime(row.preparedAt, language)) },
                ]}
              />
            ) : (
              <Typography.Text type="secondary">{t('detail.noPayments')}</Typography.Text>
            )}
          </Card>
          <Card title={t('detail.timeline')} size="small">
            <EventTimeline events={detail.events} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
