import { lazy, Suspense, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Segmented, Select, Skeleton, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import type { CreatePolicyInput } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { applyServerErrors } from '../../../../lib/form-errors.ts';
import { pointerInField } from '../lib/json-locate.ts';
import { DEFAULT_REVIEW_STEP, formFieldOfPath, inputFromFormValues, JSON_FIELDS, type JsonField, type PolicyFormValues } from '../lib/policy-form.ts';
import { MarkdownText } from './MarkdownText.tsx';
import { RuleField, type ServerProblems } from './RuleField.tsx';
import { ReadingSection } from './reading/ReadingSection.tsx';
import { isEmptyRule } from '../lib/rule-edit.ts';
import { DraftReach } from './DraftReach.tsx';
import { GoldenBench } from './GoldenBench.tsx';
import { useSettledDraft } from '../lib/draft-rules.ts';
import { blankDeclaredFact, declaredFactsFromForm, type DeclaredFactFormValue } from '../lib/declared-form.ts';
import { DeclaredFactsContext } from './rule-builder/declared-context.ts';

// The visual builder (and its pickers) is loaded on the editor only, in a chunk of its own.
const RuleBuilderField = lazy(() => import('./rule-builder/RuleBuilder.tsx').then((m) => ({ default: m.RuleBuilderField })));
const BenefitBuilderField = lazy(() => import('./rule-builder/RuleBuilder.tsx').then((m) => ({ default: m.BenefitBuilderField })));

/** The form's own shape: PolicyFormValues with its dates as dayjs for the pickers. */
type EditorValues = Omit<PolicyFormValues, 'validFrom' | 'validUntil' | 'applyFrom' | 'applyUntil'> & {
  validity: [Dayjs, Dayjs];
  applyWindow: [Dayjs | null, Dayjs | null] | null;
};

const DAY = 'YYYY-MM-DD';

/** The body's dates are two range pickers in the form. */
const FIELD_OF_DATE: Readonly<Record<string, string>> = { validFrom: 'validity', validUntil: 'validity', applyFrom: 'applyWindow', applyUntil: 'applyWindow' };

function toEditor(values: PolicyFormValues): EditorValues {
  const { validFrom, validUntil, applyFrom, applyUntil, ...rest } = values;
  return { ...rest, validity: [dayjs(validFrom), dayjs(validUntil)], applyWindow: applyFrom || applyUntil ? [applyFrom ? dayjs(applyFrom) : null, applyUntil ? dayjs(applyUntil) : null] : null };
}

function fromEditor(values: EditorValues): PolicyFormValues {
  const { validity, applyWindow, ...rest } = values;
  return {
    ...rest,
    qa: rest.qa ?? [],
    tags: rest.tags ?? [],
    reviewSteps: rest.reviewSteps ?? [],
    formFields: rest.formFields ?? [],
    declaredFacts: rest.declaredFacts ?? [],
    validFrom: validity[0].format(DAY),
    validUntil: validity[1].format(DAY),
    applyFrom: applyWindow?.[0]?.format(DAY) ?? null,
    applyUntil: applyWindow?.[1]?.format(DAY) ?? null,
  };
}

interface PolicyEditorProps {
  initialValues: PolicyFormValues;
  onSave: (input: CreatePolicyInput) => Promise<unknown>;
  onCancel?: () => void;
  saveLabel: string;
  /** The policy being edited (absent for a new one): its golden cases are run live beside the builder too. */
  policyId?: number;
}

/**
 * The policy editor: metadata, texts, the application window, the process, the form the enterprise fills,
 * and the rule and benefit as JSON with their readable rendering. On save the server's problems are shown
 * where they belong: at the node of the rule or benefit, at the form field, or listed above the buttons.
 */
export function PolicyEditor({ initialValues, onSave, onCancel, saveLabel, policyId }: PolicyEditorProps) {
  const { t } = useTranslation('policies');
  const { t: tc } = useTranslation('common');
  const { t: tb } = useTranslation('ruleBuilder');
  const errorText = useErrorText();
  const [form] = Form.useForm<EditorValues>();
  const [saving, setSaving] = useState(false);
  const [serverProblems, setServerProblems] = useState<Partial<Record<JsonField, ServerProblems>>>({});
  const [otherProblems, setOtherProblems] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [interpretationMode, setInterpretationMode] = useState<'edit' | 'preview'>('edit');
  const paramsText = Form.useWatch('paramsText', form) ?? initialValues.paramsText;
  const sourceText = Form.useWatch('sourceText', form) ?? '';
  const interpretation = Form.useWatch('interpretation', form) ?? '';
  const ruleText = Form.useWatch('ruleText', form) ?? initialValues.ruleText;
  const benefitText = Form.useWatch('benefitText', form) ?? initialValues.benefitText;
  // The live figures beside the builder (reach, golden cases) follow the unsaved draft, once typing pauses.
  const draft = useSettledDraft(ruleText, benefitText, paramsText);
  // The declarations as typed so far: the rule builder offers the named ones as 申报时声明 conditions.
  const declaredRows = (Form.useWatch('declaredFacts', form) as DeclaredFactFormValue[] | undefined) ?? initialValues.declaredFacts;
  const declared = useMemo(() => declaredFactsFromForm(declaredRows.filter((row) => row?.key?.trim() && row.labelZh?.trim())), [declaredRows]);

  const save = async (values: EditorValues) => {
    setFailure(null);
    setOtherProblems([]);
    const plain = fromEditor(values);
    // Say what is missing before anything else: no condition yet, no benefit chosen.
    const missing: string[] = [];
    let rule: unknown;
    try {
      rule = JSON.parse(plain.ruleText);
    } catch {
      rule = 'unparsed';
    }
    if (rule !== 'unparsed' && isEmptyRule(rule)) missing.push(tb('missing.rule'));
    if (!plain.benefitText.trim()) missing.push(tb('missing.benefit'));
    if (missing.length) {
      setFailure(tb('missing.title', { items: missing.join('；') }));
      return;
    }
    const result = inputFromFormValues(plain);
    if (!result.ok) {
      setFailure(t('editor.syntaxBeforeSave', { fields: result.syntax.map((field) => t(`editor.fieldNames.${field}`)).join('、') }));
      return;
    }
    setSaving(true);
    try {
      await onSave(result.input);
      setServerProblems({});
    } catch (error) {
      if (isApiError(error) && error.code === 'validation_failed' && error.details.length > 0) {
        const jsonFieldOf = (path: string) => JSON_FIELDS.find((field) => pointerInField(path, field) !== null);
        // A problem inside the rule, benefit or parameters is shown at its node in the JSON (below), not
        // under the whole field; the rest goes to the form field it names, or to the list above the buttons.
        const unplaced = applyServerErrors(form, error, (problem) => {
          const path = problem.path ?? '';
          const name = jsonFieldOf(path) ? null : formFieldOfPath(path);
          if (!name) return null;
          return { name: name.length === 1 && Object.hasOwn(FIELD_OF_DATE, name[0]) ? FIELD_OF_DATE[name[0]] : name, message: problem.message || t('editor.invalidValue') };
        });
        const texts: Record<JsonField, string> = { rule: plain.ruleText, benefit: plain.benefitText, params: plain.paramsText };
        const byField: Partial<Record<JsonField, ServerProblems>> = {};
        const others: string[] = [];
        for (const problem of unplaced) {
          const path = problem.path ?? '';
          const field = jsonFieldOf(path);
          if (field) {
            const entry = (byField[field] ??= { text: texts[field], problems: [] });
            entry.problems.push({ pointer: pointerInField(path, field)!, code: typeof problem.code === 'string' ? problem.code : 'invalid_node', message: problem.message });
          } else others.push(path ? `${path.replace(/^body\/?/, '')}: ${problem.message}` : problem.message);
        }
        setServerProblems(byField);
        setOtherProblems(others);
        setFailure(t('editor.serverRefused', { count: error.details.length }));
      } else setFailure(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  const section = (title: string, children: React.ReactNode, testId?: string) => (
    <Card title={title} size="small" style={{ marginBottom: 16 }} data-testid={testId}>
      {children}
    </Card>
  );

  return (
    <Form<EditorValues>
      form={form}
      layout="vertical"
      initialValues={toEditor(initialValues)}
      onFinish={(values) => void save(values)}
      onFinishFailed={() => setFailure(t('editor.formIncomplete'))}
      requiredMark="optional"
      data-testid="policy-editor"
      scrollToFirstError
      // Enter confirms a date or adds a tag; it must not save the whole policy (only the save button does).
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.target as HTMLElement).tagName === 'INPUT') event.preventDefault();
      }}
    >
      {section(
        t('editor.sections.basics'),
        <Row gutter={16}>
          <Col xs={24} lg={16}>
            <Form.Item name="title" label={t('fields.title')} rules={[{ required: true, whitespace: true, message: tc('validation.required', { field: t('fields.title') }) }]}>
              <Input maxLength={200} showCount data-testid="policy-title" />
            </Form.Item>
          </Col>
          <Col xs={24} lg={8}>
            <Form.Item name="documentNo" label={t('fields.documentNo')}>
              <Input maxLength={100} placeholder={t('editor.documentNoPlaceholder')} data-testid="policy-document-no" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="summary" label={t('fields.summary')} rules={[{ required: true, whitespace: true, message: tc('validation.required', { field: t('fields.summary') }) }]}>
              <Input.TextArea rows={2} maxLength={2000} showCount data-testid="policy-summary" />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="tags" label={t('fields.tags')} extra={t('editor.tagsHint')}>
              <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} suffixIcon={null} data-testid="policy-tags" />
            </Form.Item>
          </Col>
        </Row>,
        'policy-section-basics',
      )}
      {section(
        t('editor.sections.dates'),
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="validity" label={t('fields.validity')} rules={[{ required: true, message: tc('validation.required', { field: t('fields.validity') }) }]}>
              <DatePicker.RangePicker style={{ width: '100%' }} data-testid="policy-validity" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="applyWindow" label={t('fields.applyWindow')} extra={t('editor.applyWindowHint')}>
              <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} data-testid="policy-apply-window" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="isAutoGrant" label={t('fields.isAutoGrant')} valuePropName="checked" extra={t('editor.autoGrantHint')}>
              <Switch data-testid="policy-auto-grant" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="exclusionGroup" label={t('fields.exclusionGroup')} extra={t('editor.exclusionGroupHint')}>
              <Input maxLength={64} data-testid="policy-exclusion-group" />
            </Form.Item>
          </Col>
        </Row>,
      )}
      <ReadingSection
        sourceText={sourceText}
        getRuleText={() => form.getFieldValue('ruleText') ?? ''}
        setRuleText={(text) => form.setFieldValue('ruleText', text)}
        getBenefitText={() => form.getFieldValue('benefitText') ?? ''}
        setBenefitText={(text) => form.setFieldValue('benefitText', text)}
      />
      {section(
        t('editor.sections.declared'),
        <>
          <Typography.Paragraph type="secondary">{t('editor.declared.hint')}</Typography.Paragraph>
          <Form.List name="declaredFacts">
            {(items, { add, remove }) => (
              <div>
                {items.map((item, index) => {
                  const row = declaredRows[item.name] as DeclaredFactFormValue | undefined;
                  return (
                    <Card key={item.key} size="small" style={{ marginBottom: 8 }} data-testid={`policy-declared-${index}`}>
                      <Row gutter={8} align="top">
                        <Col xs={24} md={5}>
                          <Form.Item name={[item.name, 'key']} label={t('editor.declared.key')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,47}$/, message: t('editor.declared.keyRule') }]}>
                            <Input maxLength={48} data-testid="policy-declared-key" />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={7}>
                          <Form.Item name={[item.name, 'labelZh']} label={t('editor.declared.labelZh')} rules={[{ required: true, whitespace: true, message: t('editor.declared.labelRequired') }]}>
                            <Input maxLength={200} data-testid="policy-declared-label-zh" />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={6}>
                          <Form.Item name={[item.name, 'labelEn']} label={t('editor.declared.labelEn')} rules={[{ required: true, whitespace: true, message: t('editor.declared.labelRequired') }]}>
                            <Input maxLength={200} data-testid="policy-declared-label-en" />
                          </Form.Item>
                        </Col>
                        <Col xs={20} md={5}>
                          <Form.Item name={[item.name, 'type']} label={t('editor.declared.type')}>
                            <Select options={(['yesno', 'number', 'date', 'choice'] as const).map((value) => ({ value, label: t(`editor.declared.types.${value}`) }))} data-testid="policy-declared-type" />
                          </Form.Item>
                        </Col>
                        <Col xs={4} md={1}>
                          <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(item.name)} aria-label={t('editor.remove')} style={{ marginTop: 30 }} />
                        </Col>
                        {row?.type === 'number' && (
                          <>
                            <Col xs={12} md={5}>
                              <Form.Item name={[item.name, 'unitZh']} label={t('editor.declared.unitZh')}>
                                <Input maxLength={20} data-testid="policy-declared-unit-zh" />
                              </Form.Item>
                            </Col>
                            <Col xs={12} md={5}>
                              <Form.Item name={[item.name, 'unitEn']} label={t('editor.declared.unitEn')}>
                                <Input maxLength={20} />
                              </Form.Item>
                            </Col>
                          </>
                        )}
                        {row?.type === 'choice' && (
                          <Col span={24}>
                            <Typography.Text>{t('editor.declared.choices')}</Typography.Text>
                            <Form.List name={[item.name, 'choices']} rules={[{ validator: async (_, choices: unknown[]) => ((choices?.length ?? 0) >= 2 ? undefined : Promise.reject(new Error(t('editor.declared.choicesMin')))) }]}>
                              {(choiceItems, choiceOps, { errors }) => (
                                <div style={{ marginTop: 4 }}>
                                  {choiceItems.map((choice) => (
                                    <Row key={choice.key} gutter={8} align="top">
                                      <Col xs={8} md={5}>
                                        <Form.Item name={[choice.name, 'code']} rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{1,48}$/, message: t('editor.declared.choiceCodeRule') }]}>
                                          <Input placeholder={t('editor.declared.choiceCode')} maxLength={48} />
                                        </Form.Item>
                                      </Col>
                                      <Col xs={7} md={8}>
                                        <Form.Item name={[choice.name, 'labelZh']} rules={[{ required: true, whitespace: true, message: t('editor.declared.labelRequired') }]}>
                                          <Input placeholder={t('editor.declared.choiceLabelZh')} maxLength={100} />
                                        </Form.Item>
                                      </Col>
                                      <Col xs={7} md={8}>
                                        <Form.Item name={[choice.name, 'labelEn']} rules={[{ required: true, whitespace: true, message: t('editor.declared.labelRequired') }]}>
                                          <Input placeholder={t('editor.declared.choiceLabelEn')} maxLength={100} />
                                        </Form.Item>
                                      </Col>
                                      <Col xs={2} md={1}>
                                        <Button type="text" icon={<DeleteOutlined />} onClick={() => choiceOps.remove(choice.name)} aria-label={t('editor.remove')} />
                                      </Col>
                                    </Row>
                                  ))}
                                  <Form.ErrorList errors={errors} />
                                  <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => choiceOps.add({ code: `option_${choiceItems.length + 1}`, labelZh: '', labelEn: '' })} disabled={choiceItems.length >= 30} style={{ marginBottom: 12 }}>
                                    {t('editor.declared.choiceAdd')}
                                  </Button>
                                </div>
                              )}
                            </Form.List>
                          </Col>
                        )}
                        <Col xs={24} md={6}>
                          <Form.Item name={[item.name, 'evidence']} label={t('editor.declared.evidence')}>
                            <Segmented<DeclaredFactFormValue['evidence']> options={(['required', 'optional', 'none'] as const).map((value) => ({ value, label: t(`editor.declared.evidences.${value}`) }))} data-testid="policy-declared-evidence" />
                          </Form.Item>
                        </Col>
                        {row && row.evidence !== 'none' && (
                          <>
                            <Col xs={24} md={9}>
                              <Form.Item name={[item.name, 'evidenceHintZh']} label={t('editor.declared.evidenceHintZh')}>
                                <Input maxLength={200} />
                              </Form.Item>
                            </Col>
                            <Col xs={24} md={9}>
                              <Form.Item name={[item.name, 'evidenceHintEn']} label={t('editor.declared.evidenceHintEn')}>
                                <Input maxLength={200} />
                              </Form.Item>
                            </Col>
                          </>
                        )}
                        <Col span={24}>
                          <Form.Item name={[item.name, 'clause']} label={t('editor.declared.clause')} style={{ marginBottom: 0 }}>
                            <Input maxLength={500} />
                          </Form.Item>
                        </Col>
                      </Row>
                    </Card>
                  );
                })}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(blankDeclaredFact(items.length))} disabled={items.length >= 30} data-testid="policy-declared-add">
                  {t('editor.declared.add')}
                </Button>
              </div>
            )}
          </Form.List>
        </>,
        'policy-section-declared',
      )}
      <DeclaredFactsContext.Provider value={declared}>
      {section(
        t('editor.sections.rule'),
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('editor.ruleHint')}{' '}
            <a href="/api/rules/schema.json" target="_blank" rel="noreferrer">
              {t('editor.schemaLink')}
            </a>
          </Typography.Paragraph>
          <Suspense fallback={<Skeleton active />}>
            <Form.Item name="ruleText" noStyle>
              <RuleBuilderField paramsText={paramsText} serverProblems={serverProblems.rule} testId="policy-rule" />
            </Form.Item>
          </Suspense>
          {serverProblems.rule && (
            <Alert type="error" showIcon style={{ marginTop: 8 }} title={serverProblems.rule.problems.map((p) => `${p.pointer || '/'}: ${p.message}`).join('；')} data-testid="policy-rule-server-problems" />
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('editor.paramsTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('editor.paramsHint')}
          </Typography.Paragraph>
          <Form.Item name="paramsText" noStyle>
            <RuleField kind="params" serverProblems={serverProblems.params} testId="policy-params" rows={5} />
          </Form.Item>
        </>,
        'policy-section-rule',
      )}
      {section(
        t('editor.sections.benefit'),
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('editor.benefitHint')}
          </Typography.Paragraph>
          <Suspense fallback={<Skeleton active />}>
            <Form.Item name="benefitText" noStyle>
              <BenefitBuilderField paramsText={paramsText} serverProblems={serverProblems.benefit} testId="policy-benefit" />
            </Form.Item>
          </Suspense>
          {serverProblems.benefit && (
            <Alert type="error" showIcon style={{ marginTop: 8 }} title={serverProblems.benefit.problems.map((p) => `${p.pointer || '/'}: ${p.message}`).join('；')} data-testid="policy-benefit-server-problems" />
          )}
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} xl={policyId !== undefined ? 12 : 24}>
              <DraftReach policyId={policyId} draft={draft} />
            </Col>
            {policyId !== undefined && (
              <Col xs={24} xl={12}>
                <GoldenBench policyId={policyId} draft={draft} />
              </Col>
            )}
          </Row>
        </>,
        'policy-section-benefit',
      )}
      </DeclaredFactsContext.Provider>
      {section(
        t('editor.sections.texts'),
        <>
          <Form.Item name="sourceText" label={t('fields.sourceText')}>
            <Input.TextArea rows={5} maxLength={100_000} data-testid="policy-source-text" />
          </Form.Item>
          <Form.Item
            label={
              <Space>
                {t('fields.interpretation')}
                <Segmented<'edit' | 'preview'>
                  size="small"
                  value={interpretationMode}
                  onChange={setInterpretationMode}
                  options={[
                    { value: 'edit', label: t('editor.markdownEdit') },
                    { value: 'preview', label: t('editor.markdownPreview') },
                  ]}
                />
              </Space>
            }
            extra={t('editor.markdownHint')}
          >
            <Form.Item name="interpretation" noStyle hidden={interpretationMode === 'preview'}>
              <Input.TextArea rows={8} maxLength={100_000} data-testid="policy-interpretation" />
            </Form.Item>
            {interpretationMode === 'preview' && (
              <Card size="small">{interpretation.trim() ? <MarkdownText source={interpretation} testId="policy-interpretation-preview" /> : <Typography.Text type="secondary">{t('editor.nothingToPreview')}</Typography.Text>}</Card>
            )}
          </Form.Item>
          <Typography.Text strong>{t('fields.qa')}</Typography.Text>
          <Form.List name="qa">
            {(items, { add, remove }) => (
              <div style={{ marginTop: 8 }}>
                {items.map((item) => (
                  <Row key={item.key} gutter={8} align="top">
                    <Col xs={24} md={9}>
                      <Form.Item name={[item.name, 'q']} rules={[{ required: true, whitespace: true, message: t('editor.qaQuestionRequired') }]}>
                        <Input placeholder={t('editor.qaQuestion')} maxLength={1000} />
                      </Form.Item>
                    </Col>
                    <Col xs={22} md={14}>
                      <Form.Item name={[item.name, 'a']} rules={[{ required: true, whitespace: true, message: t('editor.qaAnswerRequired') }]}>
                        <Input.TextArea placeholder={t('editor.qaAnswer')} autoSize={{ minRows: 1, maxRows: 6 }} maxLength={5000} />
                      </Form.Item>
                    </Col>
                    <Col xs={2} md={1}>
                      <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(item.name)} aria-label={t('editor.remove')} />
                    </Col>
                  </Row>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ q: '', a: '' })} data-testid="policy-qa-add">
                  {t('editor.qaAdd')}
                </Button>
              </div>
            )}
          </Form.List>
        </>,
      )}
      {section(
        t('editor.sections.process'),
        <>
          <Typography.Paragraph type="secondary">{t('editor.processHint')}</Typography.Paragraph>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Form.Item name="acceptDays" label={t('editor.acceptDays')} rules={[{ required: true, type: 'integer', min: 1, max: 120, message: t('editor.daysRange', { min: 1, max: 120 }) }]}>
                <InputNumber min={1} max={120} precision={0} suffix={t('editor.workingDays')} style={{ width: '100%' }} data-testid="policy-accept-days" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="publicNoticeDays" label={t('fields.publicNoticeDays')} rules={[{ required: true, type: 'integer', min: 0, max: 60, message: t('editor.daysRange', { min: 0, max: 60 }) }]}>
                <InputNumber min={0} max={60} precision={0} suffix={t('editor.workingDays')} style={{ width: '100%' }} data-testid="policy-notice-days" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="disburseDays" label={t('editor.disburseDays')} rules={[{ required: true, type: 'integer', min: 1, max: 120, message: t('editor.daysRange', { min: 1, max: 120 }) }]}>
                <InputNumber min={1} max={120} precision={0} suffix={t('editor.workingDays')} style={{ width: '100%' }} data-testid="policy-disburse-days" />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text strong>{t('editor.reviewSteps')}</Typography.Text>
          <Form.List name="reviewSteps" rules={[{ validator: async (_, steps: unknown[]) => (steps?.length ? undefined : Promise.reject(new Error(t('editor.oneReviewStep')))) }]}>
            {(items, { add, remove }, { errors }) => (
              <div style={{ marginTop: 8 }}>
                {items.map((item, index) => (
                  <Row key={item.key} gutter={8} align="top" data-testid={`policy-step-${index}`}>
                    <Col xs={12} md={5}>
                      <Form.Item name={[item.name, 'key']} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,31}$/, message: t('editor.stepKeyRule') }]}>
                        <Input placeholder={t('editor.stepKey')} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={[item.name, 'nameZh']} rules={[{ required: true, whitespace: true, message: t('editor.stepNameRequired') }]}>
                        <Input placeholder={t('editor.stepNameZh')} maxLength={50} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={[item.name, 'nameEn']} rules={[{ required: true, whitespace: true, message: t('editor.stepNameRequired') }]}>
                        <Input placeholder={t('editor.stepNameEn')} maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={10} md={6}>
                      <Form.Item name={[item.name, 'deadlineWorkingDays']} rules={[{ required: true, type: 'integer', min: 1, max: 120, message: t('editor.daysRange', { min: 1, max: 120 }) }]}>
                        <InputNumber min={1} max={120} precision={0} suffix={t('editor.workingDays')} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={2} md={1}>
                      <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(item.name)} disabled={items.length <= 1} aria-label={t('editor.remove')} />
                    </Col>
                  </Row>
                ))}
                <Form.ErrorList errors={errors} />
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ ...DEFAULT_REVIEW_STEP, key: `review_${items.length + 1}`, nameZh: '复核', nameEn: 'Second review' })} disabled={items.length >= 8}>
                  {t('editor.stepAdd')}
                </Button>
              </div>
            )}
          </Form.List>
        </>,
      )}
      {section(
        t('editor.sections.form'),
        <>
          <Typography.Paragraph type="secondary">{t('editor.formHint')}</Typography.Paragraph>
          <Form.List name="formFields">
            {(items, { add, remove }) => (
              <div>
                {items.map((item, index) => (
                  <Row key={item.key} gutter={8} align="top" data-testid={`policy-form-field-${index}`}>
                    <Col xs={12} md={5}>
                      <Form.Item name={[item.name, 'key']} rules={[{ required: true, pattern: /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/, message: t('editor.fieldKeyRule') }]}>
                        <Input placeholder={t('editor.fieldKey')} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={[item.name, 'labelZh']} rules={[{ required: true, whitespace: true, message: t('editor.fieldLabelRequired') }]}>
                        <Input placeholder={t('editor.fieldLabelZh')} maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={[item.name, 'labelEn']} rules={[{ required: true, whitespace: true, message: t('editor.fieldLabelRequired') }]}>
                        <Input placeholder={t('editor.fieldLabelEn')} maxLength={200} />
                      </Form.Item>
                    </Col>
                    <Col xs={7} md={3}>
                      <Form.Item name={[item.name, 'type']}>
                        <Select options={(['text', 'number', 'money', 'date', 'file', 'bank_account'] as const).map((value) => ({ value, label: t(`fieldTypes.${value}`) }))} />
                      </Form.Item>
                    </Col>
                    <Col xs={4} md={3}>
                      <Form.Item name={[item.name, 'required']} valuePropName="checked">
                        <Switch checkedChildren={t('editor.required')} unCheckedChildren={t('editor.optional')} />
                      </Form.Item>
                    </Col>
                    <Col xs={1} md={1}>
                      <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(item.name)} aria-label={t('editor.remove')} />
                    </Col>
                  </Row>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: `field${items.length + 1}`, labelZh: '', labelEn: '', type: 'text', required: false })} disabled={items.length >= 50} data-testid="policy-form-field-add">
                  {t('editor.fieldAdd')}
                </Button>
              </div>
            )}
          </Form.List>
        </>,
      )}
      {(failure || otherProblems.length > 0) && (
        <Alert
          type="error"
          showIcon
          title={failure}
          description={otherProblems.length > 0 ? <ul style={{ margin: 0, paddingInlineStart: 18 }}>{otherProblems.map((p, i) => <li key={i}>{p}</li>)}</ul> : undefined}
          style={{ marginBottom: 12 }}
          data-testid="policy-save-error"
        />
      )}
      <div className="dxe-editor-footer">
        {onCancel && (
          <Button onClick={onCancel} data-testid="policy-cancel">
            {tc('actions.cancel')}
          </Button>
        )}
        <Button type="primary" htmlType="submit" loading={saving} data-testid="policy-save">
          {saveLabel}
        </Button>
      </div>
    </Form>
  );
}
