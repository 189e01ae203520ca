import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, List, Modal, Radio, Result, Row, Select, Skeleton, Space, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import type { LoanApplicationDetail, LoanEvent, RefusalReason } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { countyDate, formatDateTime, todayInCounty } from '../../../../lib/format.ts';
import { applyServerErrors } from '../../../../lib/form-errors.ts';
import { categoryName, isEnglish } from '../../../../lib/indicator-values.ts';
import { useAddLoanNote, useDecideLoan, useDisburse, useLoanApplication, useLoanCodes, useLoanProduct, useSignContract, useTakeLead } from '../../shared/api/useLoans.ts';
import { LoanApplicationStatusTag } from '../../shared/components/FinanceTags.tsx';
import { money, months, percentInputToBp, rate, rateRange, wanInputToFen } from '../../shared/lib/format.ts';
import { CreditReportCard } from '../components/CreditReportCard.tsx';
import '../../shared/components/finance.css';

type NoteKind = 'site_visit' | 'phone_call' | 'document_check' | 'other';

function bilingual(label: { zh: string; en: string }, language: string) {
  return isEnglish(language) ? label.en : label.zh;
}

function NotesCard({ application }: { application: LoanApplicationDetail }) {
  const { t, i18n } = useTranslation('finance-bank');
  const language = i18n.language;
  const codes = useLoanCodes();
  const addNote = useAddLoanNote(application.id);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ kind: NoteKind; text: string; visitedOn?: Dayjs }>();
  const notes = application.timeline.filter((event) => event.action === 'note');
  const open = application.status === 'submitted' || application.status === 'in_review' || application.status === 'approved';
  const kindName = (code: unknown) => {
    const found = codes.data?.noteKinds.find((kind) => kind.code === code);
    return found ? bilingual(found.label, language) : String(code ?? '');
  };
  return (
    <Card className="dxe-fin-section" title={t('lead.notes')} data-testid="lead-notes">
      {notes.length === 0 ? (
        <Typography.Text type="secondary">{t('lead.noNotes')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={notes}
          renderItem={(note) => (
            <List.Item data-testid="lead-note">
              <List.Item.Meta title={`${kindName(note.details.kind)} · ${formatDateTime(note.at, language)}${note.actor ? ` · ${note.actor.displayName}` : ''}`} description={note.note} />
            </List.Item>
          )}
        />
      )}
      {open && (
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 12 }}
          initialValues={{ kind: 'site_visit' }}
          onFinish={(values) =>
            addNote.mutate(
              { kind: values.kind, text: values.text.trim(), visitedOn: values.visitedOn ? values.visitedOn.format('YYYY-MM-DD') : undefined },
              {
                onSuccess: () => {
                  form.resetFields();
                  void message.success(t('lead.noteSaved'));
                },
                onError: (error) => applyServerErrors(form, error),
              },
            )
          }
        >
          <Row gutter={12}>
            <Col xs={24} sm={8}>
              <Form.Item name="kind" label={t('lead.noteKind')} rules={[{ required: true }]}>
                <Select options={(codes.data?.noteKinds ?? []).map((kind) => ({ value: kind.code, label: bilingual(kind.label, language) }))} data-testid="note-kind" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="visitedOn" label={t('lead.visitedOn')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="text" label={t('lead.noteText')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
            <Input.TextArea rows={2} maxLength={2000} data-testid="note-text" />
          </Form.Item>
          <Button htmlType="submit" loading={addNote.isPending} data-testid="note-save">
            {t('lead.addNote')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

interface DecisionValues {
  decision: 'approve' | 'refuse';
  amountWan?: string;
  ratePercent?: string;
  termMonths?: number;
  reasonCode?: RefusalReason;
  text?: string;
}

const DECISION_FIELDS: Record<string, keyof DecisionValues> = { 'body/amountFen': 'amountWan', 'body/rateBp': 'ratePercent', 'body/termMonths': 'termMonths', 'body/reasonCode': 'reasonCode', 'body/text': 'text' };

function DecisionCard({ application }: { application: LoanApplicationDetail }) {
  const { t, i18n } = useTranslation('finance-bank');
  const language = i18n.language;
  const codes = useLoanCodes();
  const product = useLoanProduct(application.product.id);
  const decide = useDecideLoan(application.id);
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<DecisionValues>();
  const [failure, setFailure] = useState<unknown>(null);
  const decision = Form.useWatch('decision', form) ?? 'approve';
  const version = product.data?.versions.find((v) => v.id === application.product.versionId) ?? product.data?.published ?? null;
  const wanOf = (fen: number) => String(fen / 1_000_000);

  const onFinish = (values: DecisionValues) => {
    setFailure(null);
    const input =
      values.decision === 'approve'
        ? { decision: 'approve' as const, amountFen: wanInputToFen(values.amountWan)!, rateBp: percentInputToBp(values.ratePercent)!, termMonths: values.termMonths! }
        : { decision: 'refuse' as const, reasonCode: values.reasonCode!, text: (values.text ?? '').trim() };
    decide.mutate(input, {
      onSuccess: () => void message.success(t('lead.decided')),
      onError: (error) => {
        const unplaced = isApiError(error) && error.code === 'validation_failed' ? applyServerErrors(form, error, (problem) => (problem.path && DECISION_FIELDS[problem.path]) || null) : [error];
        if (unplaced.length) setFailure(error);
      },
    });
  };

  return (
    <Card className="dxe-fin-section" title={t('lead.decision')} data-testid="lead-decision">
      <Form<DecisionValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ decision: 'approve', amountWan: wanOf(application.amountFen), termMonths: application.termMonths }}
      >
        <Form.Item name="decision">
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="decision-kind">
            <Radio value="approve" data-testid="decision-approve">
              {t('lead.approve')}
            </Radio>
            <Radio value="refuse" data-testid="decision-refuse">
              {t('lead.refuse')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {decision === 'approve' ? (
          <Row gutter={12}>
            <Col xs={24} sm={8}>
              <Form.Item name="amountWan" label={t('lead.approvedAmount')} rules={[{ required: true, validator: (_, value: string) => (wanInputToFen(value) ? Promise.resolve() : Promise.reject(new Error(t('lead.approvedAmount')))) }]}>
                <Input inputMode="decimal" data-testid="decision-amount" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item
                name="ratePercent"
                label={t('lead.approvedRate')}
                extra={version ? t('lead.rateHint', { range: rateRange(version.rateMinBp, version.rateMaxBp) }) : undefined}
                rules={[{ required: true, validator: (_, value: string) => (percentInputToBp(value) ? Promise.resolve() : Promise.reject(new Error(t('lead.approvedRate')))) }]}
              >
                <Input inputMode="decimal" suffix="%" data-testid="decision-rate" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="termMonths" label={t('lead.approvedTerm')} rules={[{ required: true, type: 'integer', min: 1, max: 360 }]}>
                <InputNumber style={{ width: '100%' }} precision={0} min={1} data-testid="decision-term" />
              </Form.Item>
            </Col>
          </Row>
        ) : (
          <>
            <Form.Item name="reasonCode" label={t('lead.refusalReason')} rules={[{ required: true, message: t('lead.refusalReason') }]}>
              <Select options={(codes.data?.refusalReasons ?? []).map((reason) => ({ value: reason.code, label: bilingual(reason.label, language) }))} data-testid="decision-reason" />
            </Form.Item>
            <Form.Item name="text" label={t('lead.refusalText')} rules={[{ required: true, whitespace: true, max: 2000, message: t('lead.refusalText') }]}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="decision-text" />
            </Form.Item>
          </>
        )}
        {failure !== null && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(failure)} data-testid="decision-error" />}
        <Button type="primary" htmlType="submit" loading={decide.isPending} danger={decision === 'refuse'} data-testid="decision-submit">
          {t('lead.decide')}
        </Button>
      </Form>
    </Card>
  );
}

function ContractCard({ application }: { application: LoanApplicationDetail }) {
  const { t, i18n } = useTranslation('finance-bank');
  const language = i18n.language;
  const sign = useSignContract(application.id);
  const disburse = useDisburse(application.id);
  const errorText = useErrorText();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ contractNo: string; signedOn?: Dayjs }>();
  const approved = application.approved!;

  const confirmDisburse = () =>
    Modal.confirm({
      title: t('lead.disburse'),
      content: t('lead.disburseConfirm', { amount: money(approved.amountFen, language) }),
      okButtonProps: { 'data-testid': 'disburse-confirm' },
      onOk: () =>
        disburse.mutateAsync({ disbursedOn: todayInCounty() }).then(
          (loan) => {
            void message.success(t('lead.disbursed'));
            navigate(`/bank/loans/${loan.id}`);
          },
          (error: unknown) => void message.error(errorText(error)),
        ),
    });

  return (
    <Card className="dxe-fin-section" title={t('lead.contract')} data-testid="lead-contract">
      {application.status === 'approved' && (
        <Form
          form={form}
          layout="inline"
          onFinish={(values) =>
            sign.mutate(
              { contractNo: values.contractNo.trim(), signedOn: values.signedOn ? values.signedOn.format('YYYY-MM-DD') : undefined },
              { onSuccess: () => void message.success(t('lead.contracted')), onError: (error) => (applyServerErrors(form, error).length ? void message.error(errorText(error)) : undefined) },
            )
          }
        >
          <Form.Item name="contractNo" label={t('lead.contractNo')} rules={[{ required: true, whitespace: true, max: 64 }]}>
            <Input data-testid="contract-no" />
          </Form.Item>
          <Form.Item name="signedOn" label={t('lead.signedOn')}>
            <DatePicker />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={sign.isPending} data-testid="contract-save">
            {t('lead.signContract')}
          </Button>
        </Form>
      )}
      {application.contract && (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'no', label: t('lead.contractNo'), children: <span data-testid="contract-shown">{application.contract.contractNo}</span> },
            { key: 'on', label: t('lead.signedOn'), children: application.contract.signedOn },
          ]}
        />
      )}
      {application.status === 'contracted' && (
        <Button type="primary" onClick={confirmDisburse} loading={disburse.isPending} data-testid="disburse">
          {t('lead.disburse')} {money(approved.amountFen, language)}
        </Button>
      )}
      {application.status === 'disbursed' && application.loanId !== null && (
        <Space>
          <Typography.Text type="success" data-testid="lead-disbursed">
            {t('lead.disbursed')}
          </Typography.Text>
          <Link to={`/bank/loans/${application.loanId}`} data-testid="lead-view-loan">
            {t('lead.viewLoan')}
          </Link>
        </Space>
      )}
    </Card>
  );
}

function eventText(event: LoanEvent, language: string, tf: (key: string) => string): string {
  const to = event.toStatus ? tf(`applicationStatus.${event.toStatus}`) : '';
  return [to, event.note].filter(Boolean).join(isEnglish(language) ? ': ' : '：') || event.action;
}

/** /bank/leads/:id — one lead: the application, the consent, the credit report, notes, the decision, contract and disbursement. */
export default function LeadPage() {
  const { t, i18n } = useTranslation('finance-bank');
  const { t: tf } = useTranslation('finance');
  const language = i18n.language;
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const application = useLoanApplication(id);
  const take = useTakeLead(id);
  const errorText = useErrorText();
  const { message } = App.useApp();
  const back = <Button onClick={() => navigate('/bank/leads')}>{t('lead.back')}</Button>;

  if (application.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (application.isError) {
    return isApiError(application.error) && (application.error.status === 404 || application.error.status === 403) ? (
      <Result status="404" title={t('lead.notFound')} extra={back} />
    ) : (
      <LoadFailed wholePage error={application.error} onRetry={() => void application.refetch()} extra={back} />
    );
  }
  const item = application.data;
  const undecided = item.status === 'submitted' || item.status === 'in_review';
  const consent = item.consent;

  return (
    <>
      <PageHeader
        title={item.enterprise.name}
        extra={
          <Space wrap>
            {back}
            {item.status === 'submitted' && (
              <Button loading={take.isPending} onClick={() => take.mutate(undefined, { onSuccess: () => void message.success(t('lead.taken')), onError: (error) => void message.error(errorText(error)) })} data-testid="lead-take">
                {t('lead.take')}
              </Button>
            )}
          </Space>
        }
      />
      <Card title={t('lead.application')} data-testid="lead" data-status={item.status} extra={<LoanApplicationStatusTag status={item.status} testId="lead-status" />}>
        <Descriptions
          column={{ xs: 1, sm: 2, lg: 3 }}
          size="small"
          items={[
            { key: 'uscc', label: tf('uscc'), children: item.enterprise.uscc },
            { key: 'product', label: tf('product'), children: item.product.name },
            { key: 'amount', label: tf('amount'), children: money(item.amountFen, language) },
            { key: 'term', label: tf('term'), children: months(item.termMonths, language) },
            { key: 'method', label: t('lead.repaymentMethod'), children: tf(`repaymentMethod.${item.repaymentMethod}`) },
            { key: 'submitted', label: tf('submittedAt'), children: formatDateTime(item.submittedAt, language) },
            {
              key: 'due',
              label: t('leads.dueAt'),
              children: undecided ? <Typography.Text type={item.overdue ? 'danger' : undefined}>{countyDate(item.dueAt)}{item.overdue ? ` · ${t('leads.overdue')}` : ''}</Typography.Text> : '—',
            },
            { key: 'purpose', label: t('lead.purpose'), children: item.purpose },
          ]}
        />
        {item.approved && <Alert type="success" showIcon title={t('lead.approvedTerms', { amount: money(item.approved.amountFen, language), rate: rate(item.approved.rateBp), term: months(item.approved.termMonths, language) })} />}
        {item.refusal && <Alert type="error" showIcon title={t('lead.refusedWith', { reason: `${bilingual(item.refusal.label, language)}${item.refusal.text ? ` — ${item.refusal.text}` : ''}` })} />}
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong>{t('lead.consent')}：</Typography.Text>
          {consent ? (
            <Typography.Text type={consent.active ? undefined : 'warning'} data-testid="lead-consent" data-active={consent.active ? 'true' : 'false'}>
              {consent.categories.map((category) => categoryName(category, language)).join(isEnglish(language) ? ', ' : '、')} ·{' '}
              {consent.active ? t('lead.consentActive', { date: countyDate(consent.validUntil) }) : t('lead.consentRevoked', { date: countyDate(consent.revokedAt ?? consent.validUntil) })}
            </Typography.Text>
          ) : (
            <Typography.Text type="warning">{t('lead.consentNone')}</Typography.Text>
          )}
        </div>
      </Card>

      <div className="dxe-fin-section">
        <CreditReportCard application={item} />
      </div>
      <NotesCard application={item} />
      {undecided && <DecisionCard application={item} />}
      {(item.status === 'approved' || item.status === 'contracted' || item.status === 'disbursed') && item.approved && <ContractCard application={item} />}

      <Card className="dxe-fin-section" title={t('lead.timeline')}>
        <Timeline
          items={item.timeline.map((event) => ({
            key: event.id,
            content: (
              <span>
                <Typography.Text type="secondary">{formatDateTime(event.at, language)}</Typography.Text> {event.actor?.displayName ?? ''} · {eventText(event, language, tf as (key: string) => string)}
              </span>
            ),
          }))}
        />
      </Card>
    </>
  );
}
