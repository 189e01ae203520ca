import { Alert, App, Descriptions, Form, Input, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import type { AdminDispute } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { EMPTY_TYPED_VALUE, IndicatorValueField, useIndicatorValueRule, useUnitHint, type TypedValue } from '../../../../components/IndicatorValueField.tsx';
import { formatStoredText, localName, proposedValueText, sourceName } from '../../../../lib/indicator-values.ts';
import { useIndicatorCatalogue } from '../../shared/api/useReferenceData.ts';
import { useResolveDispute } from '../api/useDisputes.ts';

interface ResolveFormValues {
  decision: 'accept' | 'reject';
  corrected: TypedValue;
  note: string;
}

/** 处理异议: accept (store the proposed or a corrected value under the disputed source) or reject, with a note. */
export function ResolveDisputeModal({ dispute, onClose }: { dispute: AdminDispute | null; onClose: () => void }) {
  const { t, i18n } = useTranslation('data-admin');
  const { t: tc } = useTranslation('common');
  const [form] = Form.useForm<ResolveFormValues>();
  const resolve = useResolveDispute();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const catalogue = useIndicatorCatalogue();
  const decision = Form.useWatch('decision', form);
  const unit = dispute?.unit;
  const valueRule = useIndicatorValueRule(unit, false);
  const hint = useUnitHint(unit);
  const grades = catalogue.data?.find((indicator) => indicator.code === dispute?.indicatorCode)?.grades;
  const language = i18n.language;

  const close = () => {
    form.resetFields();
    resolve.reset();
    onClose();
  };

  const onFinish = (values: ResolveFormValues) => {
    if (!dispute) return;
    const corrected = values.decision === 'accept' && values.corrected.text.trim() ? proposedValueText(dispute.unit, values.corrected.text, values.corrected.moneyUnit) : undefined;
    resolve.mutate(
      { id: dispute.id, decision: values.decision, note: values.note.trim(), correctedValue: corrected },
      {
        onSuccess: () => {
          void message.success(t(values.decision === 'accept' ? 'resolve.accepted' : 'resolve.rejected'));
          close();
        },
      },
    );
  };

  const error = resolve.error;
  const errorMessage = !error ? null : isApiError(error) && error.code === 'conflict' ? t('resolve.conflict') : isApiError(error) && error.code === 'validation_failed' ? t('resolve.invalid') : errorText(error);

  return (
    <Modal
      open={dispute !== null}
      title={t('resolve.title')}
      onCancel={close}
      onOk={() => form.submit()}
      okText={tc('actions.submit')}
      cancelText={tc('actions.cancel')}
      confirmLoading={resolve.isPending}
      destroyOnHidden
      data-testid="resolve-modal"
      okButtonProps={{ 'data-testid': 'resolve-submit' }}
    >
      {dispute && (
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 16 }}
          items={[
            { key: 'enterprise', label: t('disputes.columns.enterprise'), children: dispute.enterprise.name },
            { key: 'indicator', label: t('disputes.columns.indicator'), children: `${localName(dispute, language)} · ${dispute.period} · ${sourceName(dispute.source, language)}` },
            { key: 'current', label: t('disputes.current'), children: formatStoredText(dispute.unit, dispute.currentValue, language) },
            {
              key: 'proposed',
              label: t('disputes.proposed'),
              children: dispute.proposedParsed !== null ? t('disputes.proposedTyped', { value: formatStoredText(dispute.unit, dispute.proposedParsed, language), typed: dispute.proposedValue }) : dispute.proposedValue,
            },
            { key: 'reason', label: t('disputes.columns.reason'), children: dispute.reason },
          ]}
        />
      )}
      {errorMessage && <Alert type="error" showIcon title={errorMessage} style={{ marginBottom: 16 }} data-testid="resolve-error" />}
      <Form<ResolveFormValues> form={form} layout="vertical" onFinish={onFinish} initialValues={{ decision: 'accept', corrected: EMPTY_TYPED_VALUE, note: '' }} requiredMark="optional">
        <Form.Item name="decision" label={t('resolve.decision')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'accept', label: t('resolve.accept') },
              { value: 'reject', label: t('resolve.reject') },
            ]}
            data-testid="resolve-decision"
          />
        </Form.Item>
        {decision !== 'reject' && (
          <Form.Item name="corrected" label={t('resolve.corrected')} extra={[t('resolve.correctedHint'), hint].filter(Boolean).join(' ')} rules={[valueRule]}>
            <IndicatorValueField unit={unit ?? 'count'} grades={grades} data-testid="resolve-value" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('resolve.note')} rules={[{ required: true, whitespace: true, message: t('resolve.noteRequired') }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('resolve.notePlaceholder')} data-testid="resolve-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
