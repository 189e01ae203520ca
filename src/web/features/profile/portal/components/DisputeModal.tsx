import { Alert, App, Descriptions, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import type { IndicatorValue } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { EMPTY_TYPED_VALUE, IndicatorValueField, useIndicatorValueRule, useUnitHint, type TypedValue } from '../../../../components/IndicatorValueField.tsx';
import { formatIndicatorValue, isEnglish, proposedValueText } from '../../../../lib/indicator-values.ts';
import { useFileDispute } from '../api/useMyDisputes.ts';
import { useIndicatorCatalogue } from '../../shared/api/useReferenceData.ts';

interface DisputeFormValues {
  proposed: TypedValue;
  reason: string;
}

/** 提出异议: the enterprise says a government fact is wrong and proposes the right value, with a reason. */
export function DisputeModal({ row, onClose }: { row: IndicatorValue | null; onClose: () => void }) {
  const { t, i18n } = useTranslation('enterprises');
  const { t: tc } = useTranslation('common');
  const [form] = Form.useForm<DisputeFormValues>();
  const file = useFileDispute();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const catalogue = useIndicatorCatalogue();
  const unit = row?.unit;
  const valueRule = useIndicatorValueRule(unit);
  const hint = useUnitHint(unit);
  const grades = catalogue.data?.find((indicator) => indicator.code === row?.code)?.grades;
  const en = isEnglish(i18n.language);

  const close = () => {
    form.resetFields();
    file.reset();
    onClose();
  };

  const onFinish = (values: DisputeFormValues) => {
    if (!row) return;
    file.mutate(
      {
        indicatorCode: row.code,
        period: row.period,
        source: row.source,
        proposedValue: proposedValueText(row.unit, values.proposed.text, values.proposed.moneyUnit),
        reason: values.reason.trim(),
      },
      {
        onSuccess: () => {
          void message.success(t('dispute.submitted'));
          close();
        },
      },
    );
  };

  const error = file.error;
  const errorMessage = !error ? null : isApiError(error) && error.code === 'conflict' ? t('dispute.alreadyOpen') : isApiError(error) && error.code === 'validation_failed' ? t('dispute.invalid') : errorText(error);

  return (
    <Modal
      open={row !== null}
      title={t('dispute.title')}
      onCancel={close}
      onOk={() => form.submit()}
      okText={tc('actions.submit')}
      cancelText={tc('actions.cancel')}
      confirmLoading={file.isPending}
      destroyOnHidden
      data-testid="dispute-modal"
      okButtonProps={{ 'data-testid': 'dispute-submit' }}
    >
      {row && (
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 16 }}
          items={[
            { key: 'indicator', label: t('profile.indicators.indicator'), children: en ? row.nameEn : row.nameZh },
            { key: 'period', label: t('profile.indicators.period'), children: row.period },
            { key: 'source', label: t('profile.indicators.source'), children: en ? row.sourceNameEn : row.sourceNameZh },
            { key: 'current', label: t('dispute.current'), children: formatIndicatorValue(row.unit, row.value, row.valueText, i18n.language) },
          ]}
        />
      )}
      {errorMessage && <Alert type="error" showIcon title={errorMessage} style={{ marginBottom: 16 }} data-testid="dispute-error" />}
      <Form<DisputeFormValues> form={form} layout="vertical" onFinish={onFinish} initialValues={{ proposed: EMPTY_TYPED_VALUE, reason: '' }} requiredMark="optional">
        <Form.Item name="proposed" label={t('dispute.proposed')} extra={hint} rules={[valueRule]} required>
          <IndicatorValueField unit={unit ?? 'count'} grades={grades} data-testid="dispute-value" />
        </Form.Item>
        <Form.Item name="reason" label={t('dispute.reason')} rules={[{ required: true, whitespace: true, message: t('dispute.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('dispute.reasonPlaceholder')} data-testid="dispute-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
