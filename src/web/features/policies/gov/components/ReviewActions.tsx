import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Space, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatFen, formatYuan } from '../../../../../core/money/money.ts';
import type { ApplicationAction, ApplicationDetail } from '../../../../api/types.ts';
import { useUser } from '../../../../app/session.tsx';
import { EMPTY_TYPED_VALUE, IndicatorValueField, useIndicatorValueRule, type TypedValue } from '../../../../components/IndicatorValueField.tsx';
import { formatDateTime } from '../../../../lib/format.ts';
import { moneyLocale, parseIndicatorInput } from '../../../../lib/indicator-values.ts';
import { useApplicationAction, type ReviewCommand } from '../api/useApplications.ts';
import { useCancelDisbursement, useDisbursement } from '../api/useDisbursements.ts';
import { isLastReviewStep } from '../lib/application-view.ts';
import { useReviewErrorText } from '../lib/review-errors.ts';
import { ApproveDisbursementModal } from './ApproveDisbursementModal.tsx';
import { PrepareDisbursementModal, type PaymentTarget } from './PrepareDisbursementModal.tsx';
import { ReasonModal } from './ReasonModal.tsx';

type ReasonAction = 'return' | 'reject' | 'object' | 'cancel_payment';

/**
 * The buttons of what the department may do now, from the application's `availableActions`: accept,
 * approve the step (on the last one with the approved amount), return for correction or reject (reason
 * required), start and end the public notice, record an objection, and the payment — prepared by one
 * person, approved by another.
 */
export function ReviewActions({ detail }: { detail: ApplicationDetail }) {
  const { t, i18n } = useTranslation('reviews');
  const { t: tc } = useTranslation('common');
  const user = useUser();
  const { modal, message } = App.useApp();
  const errorText = useReviewErrorText();
  const action = useApplicationAction(detail.id);
  const cancel = useCancelDisbursement();
  const [reasonFor, setReasonFor] = useState<ReasonAction | null>(null);
  const [approving, setApproving] = useState(false);
  const [preparing, setPreparing] = useState<PaymentTarget | null>(null);
  const [checking, setChecking] = useState(false);
  const [approveForm] = Form.useForm<{ amount: TypedValue; reason: string }>();
  const amountRule = useIndicatorValueRule('fen', true);
  const locale = moneyLocale(i18n.language);
  const live = detail.disbursements.find((d) => d.status === 'prepared' || d.status === 'paid') ?? null;
  const liveDisbursement = useDisbursement(live?.status === 'prepared' ? live.id : null);
  const available = new Set<ApplicationAction>(detail.availableActions);
  const requested = detail.estimatedAmountFen;
  /** The most the benefit allows this enterprise (the estimate, or the cap of an "up to" benefit); null: nothing bounds it. */
  const bound = detail.amountBoundFen;
  const typedAmount = Form.useWatch('amount', approveForm);
  const typedFen = typedAmount ? parseIndicatorInput('fen', typedAmount.text, typedAmount.moneyUnit) : null;
  const adjusted = typedFen?.ok === true && typedFen.value !== requested;
  const isMaker = liveDisbursement.data?.preparedBy.id === user.id;

  const run = (command: ReviewCommand, done: string) =>
    action.mutateAsync(command).then(
      () => void message.success(done),
      (error: unknown) => {
        void message.error(errorText(error));
        throw error;
      },
    );

  const confirm = (title: string, content: string, command: ReviewCommand, done: string, testId: string) =>
    modal.confirm({ title, content, okText: tc('actions.confirm'), cancelText: tc('actions.cancel'), okButtonProps: { 'data-testid': `${testId}-confirm` } as never, onOk: () => run(command, done).catch(() => undefined) });

  const buttons: React.ReactNode[] = [];
  if (available.has('accept')) {
    buttons.push(
      <Button key="accept" type="primary" onClick={() => confirm(t('actions.acceptConfirm'), t('actions.acceptText'), { action: 'accept' }, t('actions.accepted'), 'review-accept')} data-testid="review-accept">
        {t('actions.accept')}
      </Button>,
    );
  }
  if (available.has('approve_step')) {
    const last = isLastReviewStep(detail);
    buttons.push(
      <Button
        key="approve"
        type="primary"
        onClick={() => (last ? setApproving(true) : confirm(t('actions.approveStepConfirm', { step: detail.currentStep?.nameZh ?? '' }), t('actions.approveStepText'), { action: 'approve-step', body: {} }, t('actions.stepApproved'), 'review-approve'))}
        data-testid="review-approve"
      >
        {last ? t('actions.approve') : t('actions.approveStep')}
      </Button>,
    );
  }
  if (available.has('start_notice')) {
    buttons.push(
      <Button
        key="notice"
        type="primary"
        onClick={() => confirm(t('actions.startNoticeConfirm'), t('actions.startNoticeText', { days: detail.publicNoticeDays }), { action: 'start-notice' }, t('actions.noticeStarted'), 'review-start-notice')}
        data-testid="review-start-notice"
      >
        {t('actions.startNotice')}
      </Button>,
    );
  }
  if (available.has('end_notice')) {
    // The server decides whether the period is over (its clock, the county's working days); the page only says until when.
    const until = detail.noticeUntil ? formatDateTime(detail.noticeUntil, i18n.language) : '';
    buttons.push(
      <Tooltip key="end-notice" title={t('actions.noticeRunsUntil', { time: until })}>
        <Button onClick={() => confirm(t('actions.endNoticeConfirm'), t('actions.endNoticeText'), { action: 'end-notice' }, t('actions.noticeEnded'), 'review-end-notice')} data-testid="review-end-notice">
          {t('actions.endNotice')}
        </Button>
      </Tooltip>,
    );
  }
  if (available.has('prepare_payment') && detail.approvedAmountFen !== null) {
    buttons.push(
      <Button
        key="prepare"
        type="primary"
        onClick={() => setPreparing({ applicationId: detail.id, amountFen: detail.approvedAmountFen!, enterpriseName: detail.enterprise.name, policyTitle: detail.policy.title })}
        data-testid="payment-prepare"
      >
        {t('payments.prepare')}
      </Button>,
    );
  }
  if (available.has('approve_payment') && live?.status === 'prepared') {
    buttons.push(
      <Tooltip key="approve-payment" title={isMaker ? t('payments.makerCannotApprove') : undefined}>
        <Button type="primary" disabled={isMaker || !liveDisbursement.data} loading={liveDisbursement.isPending} onClick={() => setChecking(true)} data-testid="payment-approve" data-maker={isMaker}>
          {t('payments.approve')}
        </Button>
      </Tooltip>,
    );
  }
  if (available.has('return')) {
    buttons.push(
      <Button key="return" onClick={() => setReasonFor('return')} data-testid="review-return">
        {t('actions.return')}
      </Button>,
    );
  }
  if (available.has('object')) {
    buttons.push(
      <Button key="object" onClick={() => setReasonFor('object')} data-testid="review-object">
        {t('actions.object')}
      </Button>,
    );
  }
  if (available.has('cancel_payment') && live?.status === 'prepared') {
    buttons.push(
      <Button key="cancel-payment" danger onClick={() => setReasonFor('cancel_payment')} data-testid="payment-cancel">
        {t('payments.cancel')}
      </Button>,
    );
  }
  if (available.has('reject')) {
    buttons.push(
      <Button key="reject" danger onClick={() => setReasonFor('reject')} data-testid="review-reject">
        {t('actions.reject')}
      </Button>,
    );
  }

  const reasonCopy: Record<ReasonAction, { title: string; label: string; description: string }> = {
    return: { title: t('actions.returnTitle'), label: t('actions.returnReason'), description: t('actions.returnText') },
    reject: { title: t('actions.rejectTitle'), label: t('actions.rejectReason'), description: t('actions.rejectText') },
    object: { title: t('actions.objectTitle'), label: t('actions.objectReason'), description: t('actions.objectText') },
    cancel_payment: { title: t('payments.cancelTitle'), label: t('payments.cancelReason'), description: t('payments.cancelText') },
  };
  const reasonPending = reasonFor === 'cancel_payment' ? cancel.isPending : action.isPending;
  const reasonError = reasonFor === 'cancel_payment' ? cancel.error : action.error;

  return (
    <>
      {buttons.length ? (
        <Space wrap data-testid="review-actions">
          {buttons}
        </Space>
      ) : (
        <Typography.Text type="secondary" data-testid="review-no-actions">
          {t('actions.none')}
        </Typography.Text>
      )}
      {live?.status === 'prepared' && liveDisbursement.data && (
        <Alert
          type={isMaker ? 'warning' : 'info'}
          showIcon
          style={{ marginTop: 12 }}
          title={t('payments.preparedNote', { name: liveDisbursement.data.preparedBy.displayName, amount: formatFen(liveDisbursement.data.amountFen, locale) })}
          description={isMaker ? t('payments.makerCannotApprove') : t('payments.checkerRule')}
          data-testid={isMaker ? 'maker-note' : 'checker-note'}
        />
      )}
      <ReasonModal
        open={reasonFor !== null}
        title={reasonFor ? reasonCopy[reasonFor].title : ''}
        label={reasonFor ? reasonCopy[reasonFor].label : ''}
        description={reasonFor ? reasonCopy[reasonFor].description : undefined}
        danger={reasonFor === 'reject' || reasonFor === 'cancel_payment'}
        pending={reasonPending}
        error={reasonError ? errorText(reasonError) : null}
        testId="reason-modal"
        onClose={() => {
          action.reset();
          cancel.reset();
          setReasonFor(null);
        }}
        onSubmit={(reason) => {
          const after = () => {
            void message.success(t('actions.done'));
            setReasonFor(null);
          };
          if (reasonFor === 'cancel_payment' && live) cancel.mutate({ id: live.id, reason }, { onSuccess: after });
          else if (reasonFor && reasonFor !== 'cancel_payment') action.mutate({ action: reasonFor, body: { reason } }, { onSuccess: after });
        }}
      />
      <Modal
        open={approving}
        title={t('actions.approveTitle')}
        onCancel={() => {
          approveForm.resetFields();
          action.reset();
          setApproving(false);
        }}
        onOk={() => approveForm.submit()}
        okText={t('actions.approve')}
        okButtonProps={{ disabled: bound === null, 'data-testid': 'approve-step-submit' } as never}
        cancelText={tc('actions.cancel')}
        confirmLoading={action.isPending}
        destroyOnHidden
        data-testid="approve-step-modal"
      >
        <Typography.Paragraph>
          {t('actions.approveText')}
          {requested !== null && <strong data-testid="approve-step-requested"> {t('actions.requested', { amount: formatFen(requested, locale), yuan: formatYuan(requested) })}</strong>}
        </Typography.Paragraph>
        {bound !== null ? (
          <Typography.Paragraph type="secondary" data-testid="approve-step-bound" data-bound-fen={bound}>
            {t('actions.bound', { amount: formatFen(bound, locale), yuan: formatYuan(bound) })}
          </Typography.Paragraph>
        ) : (
          <Alert type="warning" showIcon title={t('actions.unbounded')} style={{ marginBottom: 12 }} data-testid="approve-step-unbounded" />
        )}
        {action.error && <Alert type="error" showIcon title={errorText(action.error)} style={{ marginBottom: 12 }} />}
        <Form
          form={approveForm}
          layout="vertical"
          initialValues={{ amount: requested !== null ? { text: formatYuan(requested).replace(/,/g, ''), moneyUnit: 'yuan' } : EMPTY_TYPED_VALUE, reason: '' }}
          onFinish={({ amount, reason }) => {
            const parsed = parseIndicatorInput('fen', amount.text, amount.moneyUnit);
            if (!parsed.ok) return;
            const fen = parsed.value as number;
            if (bound !== null && fen > bound) {
              approveForm.setFields([{ name: 'amount', errors: [t('actions.aboveBound', { amount: formatFen(bound, locale) })] }]);
              return;
            }
            if (requested !== null && fen !== requested && !reason.trim()) {
              approveForm.setFields([{ name: 'reason', errors: [t('actions.adjustReasonRequired')] }]);
              return;
            }
            action.mutate(
              { action: 'approve-step', body: { approvedAmountFen: fen, ...(reason.trim() && { reason: reason.trim() }) } },
              {
                onSuccess: () => {
                  void message.success(t('actions.approved'));
                  approveForm.resetFields();
                  setApproving(false);
                },
              },
            );
          }}
        >
          <Form.Item name="amount" label={t('actions.approvedAmount')} rules={[amountRule]}>
            <IndicatorValueField unit="fen" data-testid="approve-step-amount" />
          </Form.Item>
          <Form.Item name="reason" label={t('actions.adjustReason')} extra={t('actions.adjustReasonHint')} required={adjusted}>
            <Input.TextArea rows={2} maxLength={2000} data-testid="approve-step-reason" />
          </Form.Item>
        </Form>
      </Modal>
      <PrepareDisbursementModal target={preparing} onClose={() => setPreparing(null)} onDone={() => void message.success(t('payments.prepared'))} />
      <ApproveDisbursementModal disbursement={checking ? (liveDisbursement.data ?? null) : null} onClose={() => setChecking(false)} onDone={() => void message.success(t('payments.paid'))} />
    </>
  );
}
