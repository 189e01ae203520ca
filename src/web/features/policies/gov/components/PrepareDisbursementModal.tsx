import { Alert, Descriptions, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatFen, formatYuan } from '../../../../../core/money/money.ts';
import { EMPTY_TYPED_VALUE, IndicatorValueField, useIndicatorValueRule, useUnitHint, type TypedValue } from '../../../../components/IndicatorValueField.tsx';
import { moneyLocale, parseIndicatorInput } from '../../../../lib/indicator-values.ts';
import { usePrepareDisbursement } from '../api/useDisbursements.ts';
import { useReviewErrorText } from '../lib/review-errors.ts';

export interface PaymentTarget {
  applicationId?: number;
  autoGrantItemId?: number;
  /** The approved (or granted) amount the maker must type again, in fen. */
  amountFen: number;
  enterpriseName: string;
  policyTitle: string;
}

/**
 * 经办 (maker): prepares a payment. The approved amount is shown in 万元 and exactly in 元; the maker types it
 * again (in 万元 or 元, read into fen exactly) and it must match, so a typo never reaches the checker.
 */
export function PrepareDisbursementModal({ target, onClose, onDone }: { target: PaymentTarget | null; onClose: () => void; onDone?: () => void }) {
  const { t, i18n } = useTranslation('reviews');
  const { t: tc } = useTranslation('common');
  const [form] = Form.useForm<{ amount: TypedValue }>();
  const prepare = usePrepareDisbursement();
  const errorText = useReviewErrorText();
  const valueRule = useIndicatorValueRule('fen', true);
  const hint = useUnitHint('fen');
  const locale = moneyLocale(i18n.language);

  const close = () => {
    form.resetFields();
    prepare.reset();
    onClose();
  };

  const onFinish = ({ amount }: { amount: TypedValue }) => {
    if (!target) return;
    const parsed = parseIndicatorInput('fen', amount.text, amount.moneyUnit);
    if (!parsed.ok) return;
    if (parsed.value !== target.amountFen) {
      form.setFields([{ name: 'amount', errors: [t('payments.mismatch', { typed: formatFen(parsed.value as number, locale), expected: formatFen(target.amountFen, locale) })] }]);
      return;
    }
    prepare.mutate(
      { ...(target.applicationId ? { applicationId: target.applicationId } : { autoGrantItemId: target.autoGrantItemId }), amountFen: parsed.value as number },
      {
        onSuccess: () => {
          close();
          onDone?.();
        },
      },
    );
  };

  return (
    <Modal
      open={target !== null}
      title={t('payments.prepareTitle')}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('payments.prepare')}
      cancelText={tc('actions.cancel')}
      confirmLoading={prepare.isPending}
      destroyOnHidden
      data-testid="prepare-modal"
      okButtonProps={{ 'data-testid': 'prepare-submit' } as never}
    >
      {target && (
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 12 }}
          items={[
            { key: 'enterprise', label: t('columns.enterprise'), children: target.enterpriseName },
            { key: 'policy', label: t('columns.policy'), children: target.policyTitle },
            {
              key: 'amount',
              label: t('payments.approvedAmount'),
              children: (
                <span data-testid="prepare-expected" data-fen={target.amountFen}>
                  <strong>{formatFen(target.amountFen, 'zh-CN')}</strong>（{formatYuan(target.amountFen)} 元）
                </span>
              ),
            },
          ]}
        />
      )}
      <Alert type="info" showIcon title={t('payments.makerHint')} style={{ marginBottom: 12 }} />
      {prepare.error && <Alert type="error" showIcon title={errorText(prepare.error)} style={{ marginBottom: 12 }} data-testid="prepare-error" />}
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ amount: EMPTY_TYPED_VALUE }}>
        <Form.Item name="amount" label={t('payments.typeAmount')} extra={hint} rules={[valueRule]}>
          <IndicatorValueField unit="fen" data-testid="prepare-amount" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
