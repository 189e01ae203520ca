import { useEffect } from 'react';
import { Alert, App, DatePicker, Form, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import type { Indicator, IndicatorValue, Periodicity } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { EMPTY_TYPED_VALUE, IndicatorValueField, useIndicatorValueRule, useUnitHint, type TypedValue } from '../../../../components/IndicatorValueField.tsx';
import { applyServerErrors } from '../../../../lib/form-errors.ts';
import { categoryName, localName, parseIndicatorInput } from '../../../../lib/indicator-values.ts';
import { useReportIndicators } from '../api/useReportIndicators.ts';
import { useIndicatorCatalogue } from '../../shared/api/useReferenceData.ts';
import { todayInCounty } from '../../../../lib/format.ts';

interface ReportFormValues {
  code?: string;
  period?: Dayjs;
  value: TypedValue;
  asOf?: Dayjs;
}

const PICKERS: Record<Periodicity, 'year' | 'quarter' | 'month'> = { year: 'year', quarter: 'quarter', month: 'month' };

/** A picked date as the period label of the indicator's periodicity: 2024, 2024Q3, 2024-07. */
function periodLabel(periodicity: Periodicity, date: Dayjs): string {
  if (periodicity === 'year') return String(date.year());
  if (periodicity === 'quarter') return `${date.year()}Q${Math.floor(date.month() / 3) + 1}`;
  return date.format('YYYY-MM');
}

function periodDate(periodicity: Periodicity, label: string): Dayjs | undefined {
  const quarter = /^(\d{4})Q([1-4])$/.exec(label);
  if (periodicity === 'quarter' && quarter) return dayjs(`${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + 1).padStart(2, '0')}-01`);
  const date = dayjs(periodicity === 'year' ? `${label}-01-01` : `${label}-01`);
  return date.isValid() ? date : undefined;
}

/** The form field of a server problem's path such as `body/0/value` (the form sends one value). */
function fieldOfReportPath(path: string | undefined): keyof ReportFormValues | null {
  const field = path === undefined ? undefined : /^body\/\d+\/(\w+)$/.exec(path)?.[1];
  if (field === 'value' || field === 'period' || field === 'asOf') return field;
  if (field === 'code' || field === 'source') return 'code';
  return null;
}

/**
 * 更正自报数据: the enterprise reports its own figure (source self_reported). Money is typed in 万元 or 元
 * and sent as integer fen, converted exactly.
 */
export function SelfReportModal({ enterpriseId, open, initial, onClose }: { enterpriseId: number; open: boolean; initial: Pick<IndicatorValue, 'code' | 'period'> | null; onClose: () => void }) {
  const { t, i18n } = useTranslation('enterprises');
  const { t: tc } = useTranslation('common');
  const [form] = Form.useForm<ReportFormValues>();
  const report = useReportIndicators(enterpriseId);
  const catalogue = useIndicatorCatalogue();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const code = Form.useWatch('code', form);
  const language = i18n.language;

  // Only facts an enterprise may report itself (an authority alone reports tax paid, say).
  const reportable = (catalogue.data ?? []).filter((indicator) => indicator.sources.includes('self_reported'));
  const indicator: Indicator | undefined = reportable.find((item) => item.code === code);
  const valueRule = useIndicatorValueRule(indicator?.unit);
  const hint = useUnitHint(indicator?.unit);
  const today = todayInCounty();

  useEffect(() => {
    if (!open) return;
    const known = initial && reportable.find((item) => item.code === initial.code);
    form.setFieldsValue({
      code: known ? initial.code : undefined,
      period: known ? periodDate(known.periodicity, initial.period) : dayjs(today).subtract(1, 'year'),
      value: EMPTY_TYPED_VALUE,
      asOf: dayjs(today),
    });
    // The catalogue may arrive after the modal opens; `reportable` follows it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, initial, catalogue.data]);

  const close = () => {
    form.resetFields();
    report.reset();
    onClose();
  };

  const onFinish = (values: ReportFormValues) => {
    if (!indicator || !values.period || !values.asOf) return;
    const parsed = parseIndicatorInput(indicator.unit, values.value.text, values.value.moneyUnit);
    if (!parsed.ok) return;
    report.mutate(
      [{ code: indicator.code, period: periodLabel(indicator.periodicity, values.period), value: parsed.value, source: 'self_reported', asOf: values.asOf.format('YYYY-MM-DD') }],
      {
        onSuccess: (result) => {
          void message.success(t('report.done', { ...result }));
          close();
        },
        onError: (error) => {
          if (!isApiError(error) || error.code !== 'validation_failed') return;
          applyServerErrors(form, error, (problem) => {
            const name = fieldOfReportPath(problem.path);
            return name && { name, message: t(`report.invalid.${name}`) };
          });
        },
      },
    );
  };

  const error = report.error;
  const errorMessage = !error ? null : isApiError(error) && error.code === 'validation_failed' ? t('report.rejected') : errorText(error);

  return (
    <Modal
      open={open}
      title={t('report.title')}
      onCancel={close}
      onOk={() => form.submit()}
      okText={tc('actions.submit')}
      cancelText={tc('actions.cancel')}
      confirmLoading={report.isPending}
      destroyOnHidden
      data-testid="self-report-modal"
      okButtonProps={{ 'data-testid': 'self-report-submit' }}
    >
      <Typography.Paragraph type="secondary">{t('report.intro')}</Typography.Paragraph>
      {errorMessage && <Alert type="error" showIcon title={errorMessage} style={{ marginBottom: 16 }} data-testid="self-report-error" />}
      <Form<ReportFormValues> form={form} layout="vertical" onFinish={onFinish} initialValues={{ value: EMPTY_TYPED_VALUE }} requiredMark="optional">
        <Form.Item name="code" label={t('report.indicator')} rules={[{ required: true, message: t('report.indicatorRequired') }]}>
          <Select<string>
            showSearch={{ optionFilterProp: 'label' }}
            loading={catalogue.isPending}
            placeholder={t('report.indicatorPlaceholder')}
            onChange={() => form.setFieldValue('value', EMPTY_TYPED_VALUE)}
            options={reportable.map((item) => ({ value: item.code, label: `${localName(item, language)} · ${categoryName(item.category, language)}` }))}
            data-testid="self-report-indicator"
          />
        </Form.Item>
        <Form.Item name="period" label={t('report.period')} rules={[{ required: true, message: t('report.periodRequired') }]}>
          <DatePicker
            picker={PICKERS[indicator?.periodicity ?? 'year']}
            disabledDate={(date) => date.isAfter(dayjs(today), 'day')}
            style={{ width: '100%' }}
            inputReadOnly
            data-testid="self-report-period"
          />
        </Form.Item>
        <Form.Item name="value" label={t('report.value')} extra={hint} rules={[valueRule]} required>
          <IndicatorValueField unit={indicator?.unit ?? 'count'} grades={indicator?.grades} disabled={!indicator} data-testid="self-report-value" />
        </Form.Item>
        <Form.Item name="asOf" label={t('report.asOf')} extra={t('report.asOfHint')} rules={[{ required: true, message: t('report.asOfRequired') }]}>
          <DatePicker disabledDate={(date) => date.isAfter(dayjs(today), 'day')} style={{ width: '100%' }} inputReadOnly data-testid="self-report-as-of" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
