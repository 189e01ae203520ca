import { Alert, App, Button, Card, Descriptions, Modal, Result, Skeleton, Steps, Typography } from 'antd';
import { CloseCircleFilled, StopOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { countyDate, formatDateTime } from '../../../../lib/format.ts';
import { categoryName, isEnglish } from '../../../../lib/indicator-values.ts';
import { useLoanApplication, useWithdrawLoanApplication } from '../../shared/api/useLoans.ts';
import { LoanApplicationStatusTag } from '../../shared/components/FinanceTags.tsx';
import { money, months, rate } from '../../shared/lib/format.ts';
import { loanTimeline } from '../lib/timeline.ts';
import '../../shared/components/finance.css';

const STEP_STATUS = { done: 'finish', current: 'process', waiting: 'wait', refused: 'error', withdrawn: 'wait' } as const;

/** /portal/loans/applications/:id — one loan application: its timeline, the refusal reason or the approved terms, the consent. */
export default function MyLoanApplicationPage() {
  const { t, i18n } = useTranslation('finance-portal');
  const { t: tf } = useTranslation('finance');
  const language = i18n.language;
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const application = useLoanApplication(id);
  const withdraw = useWithdrawLoanApplication(id);
  const errorText = useErrorText();
  const { message } = App.useApp();
  const back = <Button onClick={() => navigate('/portal/loans')}>{t('detail.back')}</Button>;

  if (application.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (application.isError) {
    return isApiError(application.error) && (application.error.status === 404 || application.error.status === 403) ? (
      <Result status="404" title={t('detail.notFound')} extra={back} />
    ) : (
      <LoadFailed wholePage error={application.error} onRetry={() => void application.refetch()} extra={back} />
    );
  }
  const item = application.data;
  const steps = loanTimeline(item);
  const open = item.status === 'submitted' || item.status === 'in_review';
  const refusalLabel = item.refusal ? (isEnglish(language) ? item.refusal.label.en : item.refusal.label.zh) : '';

  const confirmWithdraw = () =>
    Modal.confirm({
      title: t('detail.withdraw'),
      content: t('detail.withdrawConfirm'),
      okButtonProps: { danger: true, 'data-testid': 'withdraw-confirm' },
      onOk: () =>
        withdraw.mutateAsync().then(
          () => void message.success(t('detail.withdrawn')),
          (error: unknown) => void message.error(errorText(error)),
        ),
    });

  return (
    <>
      <PageHeader title={t('detail.title')} extra={back} />
      <Card data-testid="loan-application" data-status={item.status}>
        <div className="dxe-fin-head">
          <div className="dxe-fin-title">
            <strong>{item.product.name}</strong>
            <span className="dxe-fin-meta">{item.bank.name}</span>
          </div>
          <LoanApplicationStatusTag status={item.status} testId="loan-application-status" />
        </div>
        <Descriptions
          style={{ marginTop: 12 }}
          column={{ xs: 1, sm: 2 }}
          size="small"
          items={[
            { key: 'amount', label: tf('amount'), children: money(item.amountFen, language) },
            { key: 'term', label: tf('term'), children: months(item.termMonths, language) },
            { key: 'method', label: t('apply.repaymentMethod'), children: tf(`repaymentMethod.${item.repaymentMethod}`) },
            { key: 'purpose', label: t('apply.purpose'), children: item.purpose },
            { key: 'submitted', label: tf('submittedAt'), children: formatDateTime(item.submittedAt, language) },
          ]}
        />
        {open && (
          <Typography.Text type={item.overdue ? 'danger' : 'secondary'} data-testid="loan-application-due">
            {item.overdue ? t('detail.overdue', { date: countyDate(item.dueAt) }) : t('detail.dueAt', { date: countyDate(item.dueAt) })}
          </Typography.Text>
        )}
      </Card>

      {item.refusal && (
        <Alert
          type="error"
          showIcon
          className="dxe-fin-section"
          title={t('detail.refusal')}
          description={
            <span data-testid="loan-application-refusal" data-code={item.refusal.code}>
              {refusalLabel}
              {item.refusal.text ? `${isEnglish(language) ? ': ' : '：'}${item.refusal.text}` : ''}
            </span>
          }
        />
      )}
      {item.approved && (
        <Card className="dxe-fin-section" title={t('detail.approvedTerms')} data-testid="loan-application-approved">
          <Descriptions
            column={{ xs: 1, sm: 3 }}
            size="small"
            items={[
              { key: 'amount', label: tf('amount'), children: money(item.approved.amountFen, language) },
              { key: 'rate', label: tf('rate'), children: rate(item.approved.rateBp) },
              { key: 'term', label: tf('term'), children: months(item.approved.termMonths, language) },
            ]}
          />
        </Card>
      )}

      <Card className="dxe-fin-section" title={t('detail.timeline')}>
        <Steps
          orientation="vertical"
          size="small"
          data-testid="loan-application-timeline"
          items={steps.map((step) => ({
            key: step.key,
            title: <span data-testid={`loan-step-${step.key}`} data-state={step.state}>{t(`detail.${step.key}`)}</span>,
            status: STEP_STATUS[step.state],
            icon: step.state === 'refused' ? <CloseCircleFilled /> : step.state === 'withdrawn' ? <StopOutlined /> : undefined,
            content: step.at ? formatDateTime(step.at, language) : step.state === 'withdrawn' ? tf('applicationStatus.withdrawn') : undefined,
          }))}
        />
      </Card>

      {item.consent && (
        <Card className="dxe-fin-section" title={t('detail.consent')} data-testid="loan-application-consent">
          <Typography.Paragraph>{item.consent.categories.map((category) => categoryName(category, language)).join(isEnglish(language) ? ', ' : '、')}</Typography.Paragraph>
          <Typography.Text type={item.consent.active ? 'secondary' : 'warning'}>
            {item.consent.active ? t('detail.consentActive', { date: countyDate(item.consent.validUntil) }) : t('detail.consentRevoked')}
          </Typography.Text>
        </Card>
      )}

      {open && (
        <div className="dxe-fin-section">
          <Button danger onClick={confirmWithdraw} loading={withdraw.isPending} data-testid="loan-application-withdraw">
            {t('detail.withdraw')}
          </Button>
        </div>
      )}
    </>
  );
}
