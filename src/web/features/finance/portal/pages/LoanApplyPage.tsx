import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Radio, Result, Select, Skeleton, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import type { RepaymentMethod } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { applyServerErrors } from '../../../../lib/form-errors.ts';
import { categoryName } from '../../../../lib/indicator-values.ts';
import { useApplyForLoan, useLoanProduct } from '../../shared/api/useLoans.ts';
import { moneyRange, monthsRange, rateRange, wanInputToFen } from '../../shared/lib/format.ts';
import '../../shared/components/finance.css';

interface ApplyValues {
  amountWan: string;
  termMonths: number;
  repaymentMethod: RepaymentMethod;
  purpose: string;
  consentMonths: number;
  consent: boolean;
}

const CONSENT_PERIODS = [6, 12, 24, 36];
const FIELD_OF_PATH: Record<string, keyof ApplyValues> = {
  'body/amountFen': 'amountWan',
  'body/termMonths': 'termMonths',
  'body/repaymentMethod': 'repaymentMethod',
  'body/purpose': 'purpose',
  'body/consentMonths': 'consentMonths',
};

/**
 * /portal/finance/products/:id/apply — one step: amount, term, repayment method and purpose, and the data
 * consent the bank needs (the product's categories, purpose 贷款, a period), granted with the application.
 */
export default function LoanApplyPage() {
  const { t, i18n } = useTranslation('finance-portal');
  const { t: tf } = useTranslation('finance');
  const language = i18n.language;
  const id = Number(useParams().id);
  const product = useLoanProduct(id);
  const apply = useApplyForLoan();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<ApplyValues>();
  const [failure, setFailure] = useState<unknown>(null);

  if (product.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (product.isError) {
    return isApiError(product.error) && product.error.status === 404 ? (
      <Result status="404" title={t('apply.notPublished')} extra={<Button onClick={() => navigate('/portal/finance')}>{t('apply.back')}</Button>} />
    ) : (
      <LoadFailed wholePage error={product.error} onRetry={() => void product.refetch()} title={t('apply.loadFailed')} />
    );
  }
  const version = product.data.published;
  if (!version) return <Result status="info" title={t('apply.notPublished')} extra={<Button onClick={() => navigate('/portal/finance')}>{t('apply.back')}</Button>} />;
  const bank = product.data.bank.name;
  const amountRange = moneyRange(version.amountMinFen, version.amountMaxFen, language);
  const termRange = monthsRange(version.termMinMonths, version.termMaxMonths, language);

  const onFinish = (values: ApplyValues) => {
    setFailure(null);
    apply.mutate(
      {
        productId: id,
        amountFen: wanInputToFen(values.amountWan)!,
        termMonths: values.termMonths,
        repaymentMethod: values.repaymentMethod,
        purpose: values.purpose.trim(),
        consentMonths: values.consentMonths,
      },
      {
        onSuccess: (detail) => {
          void message.success(t('apply.submitted'));
          navigate(`/portal/loans/applications/${detail.id}`);
        },
        onError: (error) => {
          const unplaced = isApiError(error) && error.code === 'validation_failed' ? applyServerErrors(form, error, (problem) => (problem.path && FIELD_OF_PATH[problem.path]) || null) : [error];
          if (unplaced.length > 0) setFailure(error);
        },
      },
    );
  };

  return (
    <>
      <PageHeader title={t('apply.title')} />
      <Card data-testid="apply-product">
        <Descriptions
          column={{ xs: 1, sm: 2 }}
          size="small"
          items={[
            { key: 'product', label: t('apply.product'), children: <strong>{version.name}</strong> },
            { key: 'bank', label: tf('bank'), children: bank },
            { key: 'rate', label: tf('rate'), children: rateRange(version.rateMinBp, version.rateMaxBp) },
            { key: 'amount', label: tf('amount'), children: amountRange },
            { key: 'term', label: tf('term'), children: termRange },
            { key: 'type', label: tf('product'), children: tf(`productType.${version.productType}`) },
          ]}
        />
      </Card>
      <Card style={{ marginTop: 16 }}>
        <Form<ApplyValues>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ repaymentMethod: version.repaymentMethods[0], consentMonths: 12, termMonths: Math.min(Math.max(12, version.termMinMonths), version.termMaxMonths), consent: false }}
          data-testid="apply-form"
        >
          <Form.Item
            name="amountWan"
            label={t('apply.amount')}
            extra={t('apply.amountHint', { range: amountRange })}
            rules={[
              { required: true, message: t('apply.amountRange', { range: amountRange }) },
              {
                validator: (_, value: string | undefined) => {
                  if (value === undefined || value === '') return Promise.resolve();
                  const fen = wanInputToFen(value);
                  return fen !== null && fen >= version.amountMinFen && fen <= version.amountMaxFen ? Promise.resolve() : Promise.reject(new Error(t('apply.amountRange', { range: amountRange })));
                },
              },
            ]}
          >
            <Input inputMode="decimal" suffix={tf('wan')} data-testid="apply-amount" />
          </Form.Item>
          <Form.Item
            name="termMonths"
            label={t('apply.term')}
            extra={t('apply.termHint', { range: termRange })}
            rules={[{ required: true, type: 'integer', min: version.termMinMonths, max: version.termMaxMonths, message: t('apply.termRange', { range: termRange }) }]}
          >
            <InputNumber style={{ width: '100%' }} min={1} precision={0} suffix={tf('months')} data-testid="apply-term" />
          </Form.Item>
          <Form.Item name="repaymentMethod" label={t('apply.repaymentMethod')} rules={[{ required: true }]}>
            <Radio.Group data-testid="apply-repayment">
              {version.repaymentMethods.map((method) => (
                <Radio key={method} value={method}>
                  {tf(`repaymentMethod.${method}`)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="purpose" label={t('apply.purpose')} rules={[{ required: true, whitespace: true, max: 500, message: t('apply.purposePlaceholder') }]}>
            <Input.TextArea rows={2} maxLength={500} placeholder={t('apply.purposePlaceholder')} data-testid="apply-purpose" />
          </Form.Item>

          <Card type="inner" title={<><LockOutlined /> {t('apply.consentTitle')}</>} data-testid="apply-consent">
            <Typography.Paragraph>{t('apply.consentIntro', { bank })}</Typography.Paragraph>
            <ul data-testid="apply-consent-categories">
              {version.dataCategories.map((category) => (
                <li key={category} data-category={category}>
                  {categoryName(category, language)}
                </li>
              ))}
            </ul>
            <Typography.Paragraph>{t('apply.consentPurpose')}</Typography.Paragraph>
            <Form.Item name="consentMonths" label={t('apply.consentPeriod')} rules={[{ required: true }]}>
              <Select style={{ maxWidth: 200 }} options={CONSENT_PERIODS.map((count) => ({ value: count, label: t('apply.consentMonths', { count }) }))} data-testid="apply-consent-months" />
            </Form.Item>
            <Form.Item
              name="consent"
              valuePropName="checked"
              rules={[{ validator: (_, checked: boolean) => (checked ? Promise.resolve() : Promise.reject(new Error(t('apply.consentRequired')))) }]}
              style={{ marginBottom: 0 }}
            >
              <Checkbox data-testid="apply-consent-check">{t('apply.consentCheck')}</Checkbox>
            </Form.Item>
          </Card>

          {failure !== null && <Alert type="error" showIcon style={{ marginTop: 16 }} title={errorText(failure)} data-testid="apply-error" />}
          <div style={{ display: 'flex', gap: 8, marginTop: 16, flexWrap: 'wrap' }}>
            <Button type="primary" htmlType="submit" loading={apply.isPending} data-testid="apply-submit">
              {t('apply.submit')}
            </Button>
            <Button onClick={() => navigate('/portal/finance')}>{t('apply.back')}</Button>
          </div>
        </Form>
      </Card>
    </>
  );
}
