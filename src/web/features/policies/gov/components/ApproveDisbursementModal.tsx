import { Alert, Descriptions, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Disbursement } from '../../../../api/types.ts';
import { useUser } from '../../../../app/session.tsx';
import { formatDateTime } from '../../../../lib/format.ts';
import { useApproveDisbursement } from '../api/useDisbursements.ts';
import { useReviewErrorText } from '../lib/review-errors.ts';
import { MoneyText } from './MoneyText.tsx';

/**
 * 复核 (checker): approves a prepared payment with the voucher number → paid. The checker must be another
 * person than the maker: the modal says so and offers no approval to the maker (the server refuses anyway).
 */
export function ApproveDisbursementModal({ disbursement, onClose, onDone }: { disbursement: Disbursement | null; onClose: () => void; onDone?: () => void }) {
  const { t, i18n } = useTranslation('reviews');
  const { t: tc } = useTranslation('common');
  const user = useUser();
  const [form] = Form.useForm<{ paymentRef: string }>();
  const approve = useApproveDisbursement();
  const errorText = useReviewErrorText();
  const isMaker = disbursement?.preparedBy.id === user.id;
  // The checker compares against what the policy allows, not only the figure the maker typed (the server refuses too).
  const aboveBound = disbursement !== null && !disbursement.withinBound;

  const close = () => {
    form.resetFields();
    approve.reset();
    onClose();
  };

  return (
    <Modal
      open={disbursement !== null}
      title={t('payments.approveTitle')}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('payments.approve')}
      cancelText={tc('actions.cancel')}
      confirmLoading={approve.isPending}
      okButtonProps={{ disabled: isMaker || aboveBound, 'data-testid': 'approve-submit' } as never}
      destroyOnHidden
      data-testid="approve-modal"
    >
      {disbursement && (
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 12 }}
          items={[
            { key: 'enterprise', label: t('columns.enterprise'), children: disbursement.enterprise.name },
            { key: 'amount', label: t('columns.amount'), children: <MoneyText fen={disbursement.amountFen} testId="approve-amount" /> },
            { key: 'estimate', label: t('payments.estimate'), children: disbursement.estimateFen !== null ? <MoneyText fen={disbursement.estimateFen} testId="approve-estimate" /> : t('payments.none') },
            ...(disbursement.differenceFen !== null && disbursement.differenceFen !== 0
              ? [{ key: 'difference', label: t('payments.difference'), children: <span data-testid="approve-difference">{disbursement.differenceFen > 0 ? '+' : '−'}<MoneyText fen={Math.abs(disbursement.differenceFen)} /></span> }]
              : []),
            { key: 'bound', label: t('payments.bound'), children: disbursement.boundFen !== null ? <MoneyText fen={disbursement.boundFen} testId="approve-bound" /> : t('payments.unbounded') },
            ...(disbursement.amountReason ? [{ key: 'reason', label: t('payments.amountReason'), children: <span data-testid="approve-amount-reason">{disbursement.amountReason}</span> }] : []),
            { key: 'maker', label: t('payments.preparedBy'), children: `${disbursement.preparedBy.displayName} · ${formatDateTime(disbursement.preparedAt, i18n.language)}` },
          ]}
        />
      )}
      {aboveBound && <Alert type="error" showIcon title={t('payments.aboveBound')} style={{ marginBottom: 12 }} data-testid="approve-above-bound" />}
      {isMaker ? (
        <Alert type="warning" showIcon title={t('payments.makerCannotApprove')} description={t('payments.checkerRule')} data-testid="approve-maker-refused" />
      ) : (
        <Alert type="info" showIcon title={t('payments.checkerRule')} style={{ marginBottom: 12 }} />
      )}
      {approve.error && <Alert type="error" showIcon title={errorText(approve.error)} style={{ marginTop: 12 }} data-testid="approve-error" />}
      {!isMaker && !aboveBound && (
        <Form
          form={form}
          layout="vertical"
          onFinish={({ paymentRef }) =>
            disbursement &&
            approve.mutate(
              { id: disbursement.id, paymentRef: paymentRef.trim() },
              {
                onSuccess: () => {
                  close();
                  onDone?.();
                },
              },
            )
          }
          initialValues={{ paymentRef: '' }}
        >
          <Form.Item name="paymentRef" label={t('payments.paymentRef')} extra={t('payments.paymentRefHint')} rules={[{ required: true, whitespace: true, message: t('payments.paymentRefRequired') }]}>
            <Input maxLength={100} data-testid="approve-payment-ref" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
