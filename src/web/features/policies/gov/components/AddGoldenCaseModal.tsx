import { useState } from 'react';
import { Alert, Form, Input, Modal, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import type { CreateGoldenCaseInput, Outcome } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { EMPTY_TYPED_VALUE, IndicatorValueField, useIndicatorValueRule, useUnitHint, type TypedValue } from '../../../../components/IndicatorValueField.tsx';
import { problemsOf } from '../../../../lib/form-errors.ts';
import { parseIndicatorInput } from '../../../../lib/indicator-values.ts';
import { useCreateGoldenCase } from '../api/useGoldenCases.ts';
import { pointerInField } from '../lib/json-locate.ts';
import type { NodeProblem } from '../lib/rule-check.ts';
import { EnterprisePicker } from './EnterprisePicker.tsx';
import { RuleField, type ServerProblems } from './RuleField.tsx';

type Source = 'enterprise' | 'facts';

interface CaseFormValues {
  name: string;
  source: Source;
  enterpriseId?: number;
  factsText: string;
  expectedOutcome: Outcome;
  expectedAmount: TypedValue;
}

/** Made-up facts to start from: the shape the engine reads (EnterpriseFacts). */
export const FACTS_TEMPLATE = JSON.stringify(
  {
    attributes: { industry_code: '3453', town: '桂溪街道', registered_on: '2016-05-16', enterprise_type: 'limited_company' },
    indicators: { main_revenue: { '2025': 2_350_000_000 }, employees: { '2025': 120 } },
    sizeClass: { '2025': 'small' },
    certifications: [],
  },
  null,
  2,
);

/** 添加黄金用例: a real enterprise (its facts on the day the cases run) or made-up facts, with the expected outcome and amount. */
export function AddGoldenCaseModal({ policyId, open, onClose }: { policyId: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('policies');
  const { t: tc } = useTranslation('common');
  const errorText = useErrorText();
  const [form] = Form.useForm<CaseFormValues>();
  const create = useCreateGoldenCase(policyId);
  const [factProblems, setFactProblems] = useState<ServerProblems | null>(null);
  const source = Form.useWatch('source', form) ?? 'enterprise';
  const outcome = Form.useWatch('expectedOutcome', form) ?? 'eligible';
  const amountRule = useIndicatorValueRule('fen', true);
  const hint = useUnitHint('fen');

  const close = () => {
    form.resetFields();
    create.reset();
    setFactProblems(null);
    onClose();
  };

  const onFinish = (values: CaseFormValues) => {
    let facts: unknown;
    if (values.source === 'facts') {
      try {
        facts = JSON.parse(values.factsText);
      } catch {
        form.setFields([{ name: 'factsText', errors: [t('golden.factsSyntax')] }]);
        return;
      }
    }
    const amount = values.expectedOutcome === 'eligible' && values.expectedAmount?.text.trim() ? parseIndicatorInput('fen', values.expectedAmount.text, values.expectedAmount.moneyUnit) : null;
    const input: CreateGoldenCaseInput = {
      name: values.name.trim(),
      expectedOutcome: values.expectedOutcome,
      expectedAmountFen: amount && amount.ok ? (amount.value as number) : null,
      ...(values.source === 'enterprise' ? { enterpriseId: values.enterpriseId } : { facts }),
    };
    create.mutate(input, {
      onSuccess: close,
      onError: (error) => {
        if (isApiError(error) && error.code === 'validation_failed') {
          const problems: NodeProblem[] = [];
          for (const problem of problemsOf(error)) {
            const pointer = problem.path === undefined ? null : pointerInField(problem.path, 'facts');
            if (pointer !== null) problems.push({ pointer, code: 'invalid_node', message: problem.message });
          }
          if (problems.length) setFactProblems({ text: values.factsText, problems });
        }
      },
    });
  };

  const error = create.error;
  return (
    <Modal
      open={open}
      title={t('golden.addTitle')}
      onCancel={close}
      onOk={() => form.submit()}
      okText={tc('actions.save')}
      cancelText={tc('actions.cancel')}
      confirmLoading={create.isPending}
      width={760}
      destroyOnHidden
      data-testid="golden-add-modal"
      okButtonProps={{ 'data-testid': 'golden-add-submit' } as never}
    >
      {error && <Alert type="error" showIcon title={isApiError(error) && error.code === 'conflict' ? t('golden.notOpen') : errorText(error)} style={{ marginBottom: 12 }} data-testid="golden-add-error" />}
      <Form<CaseFormValues> form={form} layout="vertical" onFinish={onFinish} initialValues={{ name: '', source: 'enterprise', factsText: FACTS_TEMPLATE, expectedOutcome: 'eligible', expectedAmount: EMPTY_TYPED_VALUE }} requiredMark="optional">
        <Form.Item name="name" label={t('golden.name')} rules={[{ required: true, whitespace: true, message: tc('validation.required', { field: t('golden.name') }) }]}>
          <Input maxLength={200} placeholder={t('golden.namePlaceholder')} data-testid="golden-name" />
        </Form.Item>
        <Form.Item name="source" label={t('golden.source')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'enterprise', label: t('golden.fromEnterprise') },
              { value: 'facts', label: t('golden.fromFacts') },
            ]}
            data-testid="golden-source"
          />
        </Form.Item>
        {source === 'enterprise' ? (
          <Form.Item name="enterpriseId" label={t('golden.enterprise')} extra={t('golden.enterpriseHint')} rules={[{ required: true, message: t('golden.enterpriseRequired') }]}>
            <EnterprisePicker style={{ width: '100%' }} data-testid="golden-enterprise" />
          </Form.Item>
        ) : (
          <Form.Item name="factsText" label={t('golden.facts')} extra={t('golden.factsHint')} rules={[{ required: true, message: t('golden.factsSyntax') }]}>
            <RuleField kind="json" serverProblems={factProblems} testId="golden-facts" rows={12} />
          </Form.Item>
        )}
        <Form.Item name="expectedOutcome" label={t('golden.expectedOutcome')}>
          <Select<Outcome> options={(['eligible', 'ineligible', 'unknown'] as const).map((value) => ({ value, label: t(`outcome.${value}`) }))} data-testid="golden-expected-outcome" />
        </Form.Item>
        {outcome === 'eligible' && (
          <Form.Item name="expectedAmount" label={t('golden.expectedAmount')} extra={[t('golden.expectedAmountHint'), hint].join(' ')} rules={[amountRule]}>
            <IndicatorValueField unit="fen" data-testid="golden-expected-amount" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
