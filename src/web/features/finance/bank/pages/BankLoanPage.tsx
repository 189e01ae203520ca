import { useState } from 'react';
import { App, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, Modal, Result, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import type { LoanInstallment, LoanRepayment } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { applyServerErrors } from '../../../../lib/form-errors.ts';
import { useLoan, useMarkDefault, useRecordRecovery, useRecordRepayment } from '../../shared/api/useLoans.ts';
import { useRegisterLoan, useRiskPools, useRiskRegistrations } from '../../shared/api/useRiskPools.ts';
import { LoanStatusTag } from '../../shared/components/FinanceTags.tsx';
import { money, months, rate, wanInputToFen } from '../../shared/lib/format.ts';
import '../../shared/components/finance.css';

type Action = 'repayment' | 'default' | 'recovery' | null;

/**
 * 纳入风险补偿资金池: the pools of this bank that cover the loan's product, and whether the loan is covered.
 * The server refuses a registration beyond the pool's capacity (leverage × capital).
 */
function PoolCoverage({ loanId, productId, live }: { loanId: number; productId: number; live: boolean }) {
  const { t, i18n } = useTranslation('finance-bank');
  const pools = useRiskPools();
  const registrations = useRiskRegistrations({ page: 1, pageSize: 500 });
  const register = useRegisterLoan();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const covering = (pools.data?.items ?? []).filter((pool) => pool.products.length === 0 || pool.products.some((product) => product.id === productId));
  const registration = registrations.data?.items.find((row) => row.loanId === loanId);
  if (registration) {
    return (
      <Typography.Text type="secondary" data-testid="loan-pool-registration">
        {t('loan.covered', { amount: money(registration.coveredFen, i18n.language) })} · {t(`claims.regStatus.${registration.status}`)}
      </Typography.Text>
    );
  }
  if (!live || covering.length === 0) return null;
  return (
    <Space wrap>
      {covering.map((pool) => (
        <Button
          key={pool.id}
          loading={register.isPending}
          onClick={() => register.mutate({ poolId: pool.id, loanId }, { onSuccess: () => void message.success(t('loan.registered')), onError: (error) => void message.error(errorText(error)) })}
          data-testid={`loan-register-${pool.id}`}
        >
          {t('loan.register', { pool: pool.name })}
        </Button>
      ))}
    </Space>
  );
}

interface ActionValues {
  amountWan?: string;
  date?: Dayjs;
  note?: string;
  reason?: string;
  close?: boolean;
}

/** /bank/loans/:id — one loan: terms, the schedule, repayments and recoveries; record a repayment, a default, a recovery. */
export default function BankLoanPage() {
  const { t, i18n } = useTranslation('finance-bank');
  const { t: tf } = useTranslation('finance');
  const language = i18n.language;
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const loan = useLoan(id);
  const repay = useRecordRepayment(id);
  const markDefault = useMarkDefault(id);
  const recover = useRecordRecovery(id);
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [action, setAction] = useState<Action>(null);
  const [form] = Form.useForm<ActionValues>();
  const back = <Button onClick={() => navigate('/bank/loans')}>{t('loan.back')}</Button>;

  if (loan.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (loan.isError) {
    return isApiError(loan.error) && (loan.error.status === 404 || loan.error.status === 403) ? (
      <Result status="404" title={t('loan.notFound')} extra={back} />
    ) : (
      <LoadFailed wholePage error={loan.error} onRetry={() => void loan.refetch()} extra={back} />
    );
  }
  const item = loan.data;
  const live = item.status === 'active' || item.status === 'overdue';

  const close = () => {
    setAction(null);
    form.resetFields();
  };
  const onFailed = (error: unknown) => {
    if (applyServerErrors(form, error, { 'body/amountFen': 'amountWan', 'body/reason': 'reason', 'body/note': 'note' }).length || !isApiError(error) || error.code !== 'validation_failed') void message.error(errorText(error));
  };
  const submit = (values: ActionValues) => {
    const date = values.date ? values.date.format('YYYY-MM-DD') : undefined;
    const note = values.note?.trim() || undefined;
    if (action === 'repayment') repay.mutate({ amountFen: wanInputToFen(values.amountWan)!, paidOn: date, note }, { onSuccess: () => (close(), void message.success(t('loan.repaymentSaved'))), onError: onFailed });
    if (action === 'default') markDefault.mutate({ reason: (values.reason ?? '').trim(), defaultedOn: date }, { onSuccess: () => (close(), void message.success(t('loan.defaultSaved'))), onError: onFailed });
    if (action === 'recovery') recover.mutate({ amountFen: wanInputToFen(values.amountWan)!, recoveredOn: date, note, close: values.close }, { onSuccess: () => (close(), void message.success(t('loan.recoverySaved'))), onError: onFailed });
  };
  const pending = repay.isPending || markDefault.isPending || recover.isPending;
  const amountRule = { required: true, validator: (_: unknown, value: string) => (wanInputToFen(value) ? Promise.resolve() : Promise.reject(new Error(t('loan.amount')))) };

  return (
    <>
      <PageHeader title={`${item.enterprise.name} · ${item.product.name}`} extra={back} />
      <Card title={t('loan.title')} data-testid="loan" data-status={item.status} extra={<LoanStatusTag status={item.status} testId="loan-status" />}>
        <Descriptions
          column={{ xs: 1, sm: 2, lg: 3 }}
          size="small"
          items={[
            { key: 'principal', label: t('loans.principal'), children: money(item.principalFen, language) },
            { key: 'outstanding', label: t('loans.outstanding'), children: <span data-testid="loan-outstanding">{money(item.outstandingPrincipalFen, language)}</span> },
            { key: 'rate', label: t('loans.rate'), children: rate(item.rateBp) },
            { key: 'term', label: tf('term'), children: months(item.termMonths, language) },
            { key: 'method', label: t('lead.repaymentMethod'), children: tf(`repaymentMethod.${item.repaymentMethod}`) },
            { key: 'dates', label: `${t('loans.disbursedOn')} – ${t('loans.maturityOn')}`, children: `${item.disbursedOn} – ${item.maturityOn}` },
          ]}
        />
        {item.isFirstLoan && <Tag color="gold">{t('loans.firstLoan')}</Tag>}
        {item.overdueSince && <Typography.Text type="danger">{t('loan.overdueSince', { date: item.overdueSince })}</Typography.Text>}
        {item.defaultedOn && <Typography.Text type="danger">{t('loan.defaultedOnText', { date: item.defaultedOn, amount: money(item.defaultAmountFen ?? 0, language) })}</Typography.Text>}
        <Space wrap style={{ marginTop: 12 }}>
          {live && (
            <Button type="primary" onClick={() => setAction('repayment')} data-testid="loan-repay">
              {t('loan.recordRepayment')}
            </Button>
          )}
          {live && (
            <Button danger onClick={() => setAction('default')} data-testid="loan-default">
              {t('loan.markDefault')}
            </Button>
          )}
          {item.status === 'defaulted' && (
            <>
              <Button onClick={() => setAction('recovery')} data-testid="loan-recover">
                {t('loan.recordRecovery')}
              </Button>
              <Button onClick={() => navigate('/bank/claims')}>{t('loan.fileClaim')}</Button>
            </>
          )}
        </Space>
      </Card>

      <div className="dxe-fin-section">
        <PoolCoverage loanId={item.id} productId={item.product.id} live={live} />
      </div>

      <Card className="dxe-fin-section" title={t('loan.schedule')}>
        <Table<LoanInstallment>
          rowKey="seq"
          size="small"
          dataSource={item.schedule}
          pagination={item.schedule.length > 12 ? { pageSize: 12, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          data-testid="loan-schedule"
          columns={[
            { key: 'seq', title: t('loan.seq'), dataIndex: 'seq' },
            { key: 'due', title: t('loan.dueOn'), dataIndex: 'dueOn' },
            { key: 'principal', title: t('loan.principal'), align: 'right', render: (_, row) => money(row.principalFen, language) },
            { key: 'interest', title: t('loan.interest'), align: 'right', render: (_, row) => money(row.interestFen, language) },
            { key: 'paid', title: t('loan.paid'), align: 'right', render: (_, row) => money(row.paidPrincipalFen + row.paidInterestFen, language) },
            {
              key: 'state',
              title: t('loan.state'),
              render: (_, row) =>
                row.state === 'settled' ? <Tag color="success">{t('loan.stateSettled')}</Tag> : row.state === 'overdue' ? <Tag color="error">{t('loan.stateOverdue')}</Tag> : <Tag>{t('loan.stateDue')}</Tag>,
            },
          ]}
        />
      </Card>

      <Card className="dxe-fin-section" title={t('loan.repayments')}>
        <Table<LoanRepayment>
          rowKey="id"
          size="small"
          dataSource={item.repayments}
          pagination={false}
          locale={{ emptyText: t('loan.noRepayments') }}
          scroll={{ x: 'max-content' }}
          data-testid="loan-repayments"
          columns={[
            { key: 'on', title: t('loan.paidOn'), dataIndex: 'paidOn' },
            { key: 'kind', title: tf('status'), render: (_, row) => (row.kind === 'recovery' ? t('loan.recovery') : t('loan.repayment')) },
            { key: 'amount', title: t('loan.amount'), align: 'right', render: (_, row) => money(row.amountFen, language) },
            { key: 'principal', title: t('loan.principal'), align: 'right', render: (_, row) => money(row.principalFen, language) },
            { key: 'interest', title: t('loan.interest'), align: 'right', render: (_, row) => money(row.interestFen, language) },
            { key: 'note', title: t('loan.note'), render: (_, row) => row.note ?? '' },
          ]}
        />
      </Card>

      <Modal
        open={action !== null}
        title={action === 'repayment' ? t('loan.recordRepayment') : action === 'default' ? t('loan.markDefault') : t('loan.recordRecovery')}
        onCancel={close}
        onOk={() => form.submit()}
        confirmLoading={pending}
        okButtonProps={{ danger: action === 'default', 'data-testid': 'loan-action-ok' }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          {action !== 'default' && (
            <Form.Item name="amountWan" label={action === 'repayment' ? t('loan.repaymentAmount') : t('loan.recoveryAmount')} rules={[amountRule]}>
              <Input inputMode="decimal" data-testid="loan-action-amount" />
            </Form.Item>
          )}
          {action === 'default' && (
            <Form.Item name="reason" label={t('loan.defaultReason')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
              <Input.TextArea rows={3} data-testid="loan-action-reason" />
            </Form.Item>
          )}
          <Form.Item name="date" label={action === 'default' ? t('loan.defaultedOn') : t('loan.paidOn')}>
            <DatePicker />
          </Form.Item>
          {action !== 'default' && (
            <Form.Item name="note" label={t('loan.note')}>
              <Input maxLength={500} />
            </Form.Item>
          )}
          {action === 'recovery' && (
            <Form.Item name="close" valuePropName="checked">
              <Checkbox>{t('loan.closeAfter')}</Checkbox>
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
