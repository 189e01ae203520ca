import { useMemo, useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import { CAPITAL_SOURCES, type CapitalSource } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { useUser } from '../../../../app/session.tsx';
import { applyServerErrors } from '../../../../lib/form-errors.ts';
import { useLoanProducts } from '../../shared/api/useLoans.ts';
import { useCreateRiskPool, useOfficePolicies } from '../../shared/api/useRiskPools.ts';
import { wanInputToFen } from '../../shared/lib/format.ts';

interface PoolValues {
  name: string;
  code: string;
  description?: string;
  policyId: number;
  leverage: number;
  governmentSharePercent: number;
  bankOrgIds: number[];
  productIds: number[];
  contributions: { source: CapitalSource; amountWan: string; contributedOn: Dayjs; reference?: string }[];
}

const FIELD_OF_PATH: Record<string, keyof PoolValues> = {
  'body/code': 'code',
  'body/name': 'name',
  'body/policyId': 'policyId',
  'body/leverage': 'leverage',
  'body/bankShareBp': 'governmentSharePercent',
  'body/governmentShareBp': 'governmentSharePercent',
  'body/bankOrgIds': 'bankOrgIds',
  'body/productIds': 'productIds',
};

/**
 * 金融办: a new risk-compensation pool — leverage, the bank/government loss shares, member banks, covered
 * products, the policy it pays under, and its initial capital by source (one request, one transaction).
 */
export function CreatePoolModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('finance-gov');
  const user = useUser();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<PoolValues>();
  const [failure, setFailure] = useState<unknown>(null);
  const create = useCreateRiskPool();
  const products = useLoanProducts({ page: 1, pageSize: 200 });
  const policies = useOfficePolicies(user.org.id);
  const chosenBanks = Form.useWatch('bankOrgIds', form) ?? [];
  const governmentShare = Form.useWatch('governmentSharePercent', form);

  const listed = useMemo(() => (products.data?.items ?? []).filter((p) => p.published), [products.data]);
  const banks = useMemo(() => [...new Map(listed.map((p) => [p.bank.id, p.bank.name])).entries()].map(([value, label]) => ({ value, label })), [listed]);
  const productOptions = listed.filter((p) => chosenBanks.includes(p.bank.id)).map((p) => ({ value: p.id, label: `${p.published!.name} · ${p.bank.name}` }));

  const onFinish = (values: PoolValues) => {
    setFailure(null);
    const governmentShareBp = Math.round(values.governmentSharePercent * 100);
    create.mutate(
      {
        code: values.code.trim().toUpperCase(),
        name: values.name.trim(),
        description: values.description?.trim() || undefined,
        policyId: values.policyId,
        leverage: values.leverage,
        bankShareBp: 10_000 - governmentShareBp,
        governmentShareBp,
        bankOrgIds: values.bankOrgIds,
        productIds: (values.productIds ?? []).filter((id) => listed.some((p) => p.id === id && values.bankOrgIds.includes(p.bank.id))),
        contributions: (values.contributions ?? []).map((c) => ({ source: c.source, amountFen: wanInputToFen(c.amountWan)!, contributedOn: c.contributedOn.format('YYYY-MM-DD'), reference: c.reference?.trim() || undefined })),
      },
      {
        onSuccess: (pool) => {
          void message.success(t('forms.poolCreated'));
          onClose();
          void navigate(`/gov/finance/risk-pools/${pool.id}`);
        },
        onError: (error) => {
          const unplaced = isApiError(error) ? applyServerErrors(form, error, (problem) => (problem.path && FIELD_OF_PATH[problem.path]) || null) : [error];
          if (unplaced.length) setFailure(error);
        },
      },
    );
  };

  return (
    <Modal open width={820} title={t('forms.createPool')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} okText={t('forms.create')} okButtonProps={{ 'data-testid': 'pool-create-ok' }}>
      <Form<PoolValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ leverage: 10, governmentSharePercent: 70, bankOrgIds: [], productIds: [], contributions: [{ source: 'county', contributedOn: dayjs() }] }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item name="name" label={t('forms.poolName')} rules={[{ required: true, whitespace: true, max: 100 }]}>
              <Input data-testid="pool-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="code" label={t('forms.code')} extra={t('forms.codeHint')} rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$/, message: t('forms.codeHint') }]}>
              <Input data-testid="pool-code" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="policyId" label={t('forms.policy')} extra={t('forms.policyHint')} rules={[{ required: true, message: t('forms.policyRequired') }]}>
              <Select loading={policies.isPending} options={(policies.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.title}（${p.code}）` }))} data-testid="pool-policy" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="leverage" label={t('forms.leverage')} rules={[{ required: true, type: 'integer', min: 1, max: 100 }]}>
              <InputNumber style={{ width: '100%' }} precision={0} addonBefore="1:" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item
              name="governmentSharePercent"
              label={t('forms.governmentShare')}
              extra={typeof governmentShare === 'number' ? t('forms.bankShareIs', { share: Math.round((100 - governmentShare) * 100) / 100 }) : undefined}
              rules={[{ required: true, type: 'number', min: 0.01, max: 100 }]}
            >
              <InputNumber style={{ width: '100%' }} precision={2} addonAfter="%" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="bankOrgIds" label={t('forms.banks')} rules={[{ required: true, type: 'array', min: 1, message: t('forms.banksRequired') }]}>
              <Select mode="multiple" loading={products.isPending} options={banks} optionFilterProp="label" data-testid="pool-banks" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="productIds" label={t('forms.products')} extra={t('forms.productsHint')}>
              <Select mode="multiple" options={productOptions} optionFilterProp="label" disabled={chosenBanks.length === 0} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('forms.description')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Typography.Title level={5}>{t('forms.capital')}</Typography.Title>
        <Form.List name="contributions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="start" wrap>
                  <Form.Item name={[field.name, 'source']} rules={[{ required: true }]}>
                    <Select style={{ width: 150 }} options={CAPITAL_SOURCES.map((source) => ({ value: source, label: t(`pools.sources.${source}`) }))} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'amountWan']}
                    rules={[{ required: true, validator: (_, value: string) => ((wanInputToFen(value) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(t('forms.amountInvalid')))) }]}
                  >
                    <Input inputMode="decimal" placeholder={t('forms.amountWan')} suffix={t('forms.wan')} style={{ width: 170 }} data-testid={`pool-capital-${field.name}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'contributedOn']} rules={[{ required: true }]}>
                    <DatePicker disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'reference']} rules={[{ max: 100 }]}>
                    <Input placeholder={t('forms.reference')} style={{ width: 180 }} />
                  </Form.Item>
                  <Button aria-label={t('forms.removeCapital')} icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ source: 'national', contributedOn: dayjs() })} disabled={fields.length >= 10}>
                {t('forms.addCapital')}
              </Button>
            </>
          )}
        </Form.List>
        {failure !== null && <Alert style={{ marginTop: 12 }} type="error" showIcon title={errorText(failure)} />}
      </Form>
    </Modal>
  );
}
