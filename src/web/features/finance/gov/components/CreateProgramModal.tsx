import { useMemo, useState } from 'react';
import { Alert, App, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import type { CreateLoanProgramInput } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { applyServerErrors, type ServerProblem } from '../../../../lib/form-errors.ts';
import { useLoanProducts } from '../../shared/api/useLoans.ts';
import { useCreateProgram } from '../../shared/api/usePrograms.ts';
import { useRiskPools } from '../../shared/api/useRiskPools.ts';
import { wanInputToFen } from '../../shared/lib/format.ts';

interface ProgramValues {
  name: string;
  code: string;
  description?: string;
  rule: string;
  quotaWan: string;
  poolId?: number;
  bankOrgIds: number[];
  productIds: number[];
}

/** Small and micro firms in good tax standing, as a start the finance office narrows (the rule language of policies). */
const STARTER_RULE = JSON.stringify(
  {
    clause: '政策贷款支持对象',
    all: [
      { clause: '小微企业', value: { fact: 'size_class', period: { yearsAgo: 1 } }, in: ['small', 'micro'] },
      { clause: '纳税信用A级或B级', value: { fact: 'tax_credit_grade', period: { yearsAgo: 1 } }, in: ['A', 'B'] },
    ],
  },
  null,
  2,
);

const fieldOf = (problem: ServerProblem) => {
  const path = problem.path ?? '';
  if (path.startsWith('body/rule')) return { name: 'rule', message: `${path.replace(/^body\/rule\/?/, '') || 'rule'}: ${problem.message}` };
  const fields: Record<string, keyof ProgramValues> = { 'body/code': 'code', 'body/name': 'name', 'body/quotaFen': 'quotaWan', 'body/poolId': 'poolId', 'body/bankOrgIds': 'bankOrgIds', 'body/productIds': 'productIds' };
  return fields[path] ?? null;
};

/**
 * 金融办: a new policy-loan programme (抗疫贷-style) — the eligibility rule its whitelist is generated from,
 * the quota, the banks and their products, and the risk pool covering its loans. It starts as a draft.
 */
export function CreateProgramModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('finance-gov');
  const navigate = useNavigate();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProgramValues>();
  const [failure, setFailure] = useState<unknown>(null);
  const create = useCreateProgram();
  const products = useLoanProducts({ page: 1, pageSize: 200 });
  const pools = useRiskPools();
  const chosenBanks = Form.useWatch('bankOrgIds', form) ?? [];

  const listed = useMemo(() => (products.data?.items ?? []).filter((p) => p.published), [products.data]);
  const banks = useMemo(() => [...new Map(listed.map((p) => [p.bank.id, p.bank.name])).entries()].map(([value, label]) => ({ value, label })), [listed]);
  const productOptions = listed.filter((p) => chosenBanks.includes(p.bank.id)).map((p) => ({ value: p.id, label: `${p.published!.name} · ${p.bank.name}` }));

  const onFinish = (values: ProgramValues) => {
    setFailure(null);
    let rule: unknown;
    try {
      rule = JSON.parse(values.rule);
    } catch {
      form.setFields([{ name: 'rule', errors: [t('forms.badRule')] }]);
      return;
    }
    const input: CreateLoanProgramInput = {
      code: values.code.trim().toUpperCase(),
      name: values.name.trim(),
      description: values.description?.trim() || undefined,
      rule: rule as CreateLoanProgramInput['rule'],
      quotaFen: wanInputToFen(values.quotaWan)!,
      poolId: values.poolId,
      bankOrgIds: values.bankOrgIds,
      productIds: values.productIds.filter((id) => listed.some((p) => p.id === id && values.bankOrgIds.includes(p.bank.id))),
    };
    create.mutate(input, {
      onSuccess: (program) => {
        void message.success(t('forms.programCreated'));
        onClose();
        void navigate(`/gov/finance/programs/${program.id}`);
      },
      onError: (error) => {
        const unplaced = isApiError(error) ? applyServerErrors(form, error, fieldOf) : [error];
        if (unplaced.length) setFailure(error);
      },
    });
  };

  return (
    <Modal open width={820} title={t('forms.createProgram')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} okText={t('forms.create')} okButtonProps={{ 'data-testid': 'program-create-ok' }}>
      <Form<ProgramValues> form={form} layout="vertical" onFinish={onFinish} initialValues={{ rule: STARTER_RULE, bankOrgIds: [], productIds: [] }}>
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item name="name" label={t('forms.programName')} rules={[{ required: true, whitespace: true, max: 100 }]}>
              <Input data-testid="program-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="code" label={t('forms.code')} extra={t('forms.codeHint')} rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$/, message: t('forms.codeHint') }]}>
              <Input data-testid="program-code" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="quotaWan"
              label={t('forms.quota')}
              rules={[{ required: true, validator: (_, value: string) => ((wanInputToFen(value) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(t('forms.amountInvalid')))) }]}
            >
              <Input inputMode="decimal" suffix={t('forms.wan')} data-testid="program-quota" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="poolId" label={t('forms.pool')} extra={t('forms.poolHint')}>
              <Select allowClear loading={pools.isPending} options={(pools.data?.items ?? []).map((pool) => ({ value: pool.id, label: pool.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="bankOrgIds" label={t('forms.banks')} rules={[{ required: true, type: 'array', min: 1, message: t('forms.banksRequired') }]}>
              <Select mode="multiple" loading={products.isPending} options={banks} optionFilterProp="label" data-testid="program-banks" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="productIds" label={t('forms.products')} rules={[{ required: true, type: 'array', min: 1, message: t('forms.productsRequired') }]}>
              <Select mode="multiple" options={productOptions} optionFilterProp="label" disabled={chosenBanks.length === 0} data-testid="program-products" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('forms.description')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Form.Item name="rule" label={t('forms.rule')} extra={t('forms.ruleHint')} rules={[{ required: true }]}>
          <Input.TextArea rows={10} spellCheck={false} style={{ fontFamily: 'monospace' }} data-testid="program-rule" />
        </Form.Item>
        {failure !== null && <Alert type="error" showIcon title={errorText(failure)} />}
      </Form>
    </Modal>
  );
}
