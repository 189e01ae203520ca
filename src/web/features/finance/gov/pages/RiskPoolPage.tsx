import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, Modal, Result, Row, Select, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import type { RiskClaim, RiskContribution, RiskLedgerEntry } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { useUser } from '../../../../app/session.tsx';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { formatDateTime, todayInCounty } from '../../../../lib/format.ts';
import { useAddContribution, useApproveClaim, usePayClaim, useRejectClaim, useRiskClaims, useRiskPool } from '../../shared/api/useRiskPools.ts';
import { ClaimStatusTag } from '../../shared/components/ClaimStatusTag.tsx';
import { Bars } from '../../shared/components/FinanceCharts.tsx';
import { money, rate, wan, wanInputToFen } from '../../shared/lib/format.ts';
import { applyServerErrors } from '../../../../lib/form-errors.ts';
import dayjs from 'dayjs';
import { GovLoadFailed } from '../components/GovLoadFailed.tsx';
import '../../shared/components/finance.css';

const SOURCES = ['county', 'city', 'province', 'national', 'bank', 'other'] as const;

/** 注入资本金: capital from a source, one ledger entry; the pool's capacity grows by leverage × amount. */
function ContributionModal({ poolId, onClose }: { poolId: number; onClose: () => void }) {
  const { t } = useTranslation('finance-gov');
  const add = useAddContribution(poolId);
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ source: (typeof SOURCES)[number]; amountWan: string; contributedOn: Dayjs; reference?: string }>();
  return (
    <Modal open title={t('pools.contribute')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={add.isPending} okButtonProps={{ 'data-testid': 'contribution-ok' }}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ source: 'county', contributedOn: dayjs(todayInCounty()) }}
        onFinish={(values) =>
          add.mutate(
            { source: values.source, amountFen: wanInputToFen(values.amountWan)!, contributedOn: values.contributedOn.format('YYYY-MM-DD'), reference: values.reference?.trim() || undefined },
            {
              onSuccess: () => {
                void message.success(t('pools.contributed'));
                onClose();
              },
              onError: (error) => {
                if (applyServerErrors(form, error, { 'body/amountFen': 'amountWan' }).length === 0) void message.error(errorText(error));
              },
            },
          )
        }
      >
        <Form.Item name="source" label={t('pools.source')} rules={[{ required: true }]}>
          <Select options={SOURCES.map((source) => ({ value: source, label: t(`pools.sources.${source}`) }))} />
        </Form.Item>
        <Form.Item name="amountWan" label={t('pools.contributionAmount')} rules={[{ required: true, validator: (_, value: string) => (wanInputToFen(value) ? Promise.resolve() : Promise.reject(new Error(t('pools.contributionAmount')))) }]}>
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="contributedOn" label={t('pools.contributedOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="reference" label={t('pools.reference')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ClaimActions({ claim }: { claim: RiskClaim }) {
  const { t } = useTranslation('finance-gov');
  const user = useUser();
  const approve = useApproveClaim();
  const reject = useRejectClaim();
  const pay = usePayClaim();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [mode, setMode] = useState<'reject' | 'pay' | null>(null);
  const [form] = Form.useForm<{ text: string }>();
  const fail = (error: unknown) => void message.error(errorText(error));
  const submit = ({ text }: { text: string }) => {
    const done = () => {
      setMode(null);
      form.resetFields();
    };
    if (mode === 'reject') reject.mutate({ id: claim.id, reason: text.trim() }, { onSuccess: () => (done(), void message.success(t('pools.rejected'))), onError: fail });
    if (mode === 'pay') pay.mutate({ id: claim.id, paymentRef: text.trim() }, { onSuccess: () => (done(), void message.success(t('pools.paid'))), onError: fail });
  };
  const preparedByMe = claim.disbursement?.preparedBy === user.id;
  return (
    <>
      <Space wrap>
        {claim.status === 'filed' && (
          <>
            <Button size="small" type="primary" loading={approve.isPending} onClick={() => approve.mutate(claim.id, { onSuccess: () => void message.success(t('pools.approved')), onError: fail })} data-testid={`claim-approve-${claim.id}`}>
              {t('pools.approve')}
            </Button>
            <Button size="small" danger onClick={() => setMode('reject')}>
              {t('pools.reject')}
            </Button>
          </>
        )}
        {claim.status === 'approved' && (
          <Button size="small" type="primary" disabled={preparedByMe} title={preparedByMe ? t('pools.makerChecker') : undefined} onClick={() => setMode('pay')} data-testid={`claim-pay-${claim.id}`}>
            {t('pools.pay')}
          </Button>
        )}
      </Space>
      <Modal open={mode !== null} title={mode === 'pay' ? t('pools.pay') : t('pools.reject')} onCancel={() => setMode(null)} onOk={() => form.submit()} confirmLoading={reject.isPending || pay.isPending} destroyOnHidden>
        {mode === 'pay' && <Typography.Paragraph type="secondary">{t('pools.makerChecker')}</Typography.Paragraph>}
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="text" label={mode === 'pay' ? t('pools.payRef') : t('pools.rejectReason')} rules={[{ required: true, whitespace: true, max: mode === 'pay' ? 100 : 2000 }]}>
            <Input.TextArea rows={mode === 'pay' ? 1 : 3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/**
 * /gov/finance/risk-pools/:id — one pool: capital by source, capacity and coverage month by month (chart),
 * account balances, the ledger, the contributions, and the claims to approve, reject and pay (maker–checker).
 */
export default function RiskPoolPage() {
  const { t, i18n } = useTranslation('finance-gov');
  const { t: tb } = useTranslation('finance-bank');
  const language = i18n.language;
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const [ledgerPage, setLedgerPage] = useState(1);
  const pool = useRiskPool(id, ledgerPage, 20);
  const [claimPage, setClaimPage] = useState(1);
  const claims = useRiskClaims({ poolId: id, page: claimPage, pageSize: 10 });
  const [contributing, setContributing] = useState(false);
  const back = <Button onClick={() => navigate('/gov/finance/risk-pools')}>{t('pools.back')}</Button>;

  if (pool.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (pool.isError) {
    if (isApiError(pool.error) && pool.error.status === 404) return <Result status="404" title={t('pools.notFound')} extra={back} />;
    return <GovLoadFailed error={pool.error} onRetry={() => void pool.refetch()} title={t('pools.loadFailed')} />;
  }
  const data = pool.data;
  const f = data.figures;

  return (
    <>
      <PageHeader title={data.name} extra={back} />
      <Card data-testid="pool-figures">
        <Typography.Paragraph type="secondary">
          {data.description} {t('pools.leverage', { leverage: data.leverage })} · {t('pools.shares', { bank: rate(data.bankShareBp), gov: rate(data.governmentShareBp) })}
        </Typography.Paragraph>
        <Row gutter={[12, 12]}>
          <Col xs={12} md={6}><Statistic title={t('pools.capital')} value={money(f.capitalFen, language)} /></Col>
          <Col xs={12} md={6}><Statistic title={t('pools.capacity')} value={money(f.capacityFen, language)} /></Col>
          <Col xs={12} md={6}><Statistic title={t('pools.covered')} value={money(f.coveredOutstandingFen, language)} /></Col>
          <Col xs={12} md={6}><Statistic title={t('pools.usage')} value={rate(f.usageBp)} /></Col>
          <Col xs={12} md={6}><Statistic title={t('pools.cash')} value={money(f.cashFen, language)} /></Col>
          <Col xs={12} md={6}><Statistic title={t('pools.claimsPaid')} value={money(f.claimsPaidFen, language)} /></Col>
          <Col xs={12} md={6}><Statistic title={t('pools.recovered')} value={money(f.recoveredFen, language)} /></Col>
          <Col xs={12} md={6}><Statistic title={t('pools.activeLoans')} value={f.activeLoans} /></Col>
        </Row>
        <Typography.Text type="secondary">
          {t('pools.banks')}：{data.banks.map((bank) => bank.name).join('、')}
          {data.products.length > 0 && ` · ${t('pools.products')}：${data.products.map((product) => product.name ?? product.code).join('、')}`}
        </Typography.Text>
      </Card>

      <Card className="dxe-fin-section" title={t('pools.capacityChart')}>
        <Bars
          categories={data.usage.map((point) => point.month)}
          series={[
            { name: t('pools.seriesCapacity'), data: data.usage.map((point) => wan(point.capacityFen)), type: 'line' },
            { name: t('pools.seriesCovered'), data: data.usage.map((point) => wan(point.coveredFen)) },
          ]}
          ariaLabel={t('pools.capacityChartLabel')}
          testId="pool-usage-chart"
        />
      </Card>

      <Card className="dxe-fin-section" title={t('pools.claims')}>
        <Table<RiskClaim>
          rowKey="id"
          size="small"
          loading={claims.isPending}
          dataSource={claims.data?.items}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: tb('claims.empty') }}
          data-testid="pool-claims"
          pagination={{ current: claimPage, pageSize: 10, total: claims.data?.total ?? 0, onChange: setClaimPage, showSizeChanger: false }}
          columns={[
            { key: 'bank', title: t('pools.banks'), render: (_, claim) => claim.bank.name },
            { key: 'enterprise', title: tb('claims.enterprise'), render: (_, claim) => claim.enterprise.name },
            { key: 'loss', title: tb('claims.loss'), align: 'right', render: (_, claim) => money(claim.lossFen, language) },
            { key: 'net', title: tb('claims.netLoss'), align: 'right', render: (_, claim) => <span title={tb('claims.netLossHint', { deducted: money(claim.deductedFen, language) })}>{money(claim.netLossFen, language)}</span> },
            { key: 'claimed', title: tb('claims.claimed'), align: 'right', render: (_, claim) => money(claim.claimedFen, language) },
            { key: 'gov', title: tb('claims.governmentShare'), align: 'right', render: (_, claim) => money(claim.governmentShareFen, language) },
            { key: 'status', title: tb('claims.status'), render: (_, claim) => <ClaimStatusTag status={claim.status} /> },
            { key: 'filed', title: tb('claims.filedAt'), render: (_, claim) => formatDateTime(claim.filedAt, language) },
            { key: 'actions', title: '', render: (_, claim) => <ClaimActions claim={claim} /> },
          ]}
        />
      </Card>

      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card className="dxe-fin-section" title={t('pools.balances')}>
            <Table
              rowKey="account"
              size="small"
              pagination={false}
              dataSource={data.balances}
              columns={[
                { key: 'account', title: t('pools.account'), dataIndex: 'account' },
                { key: 'balance', title: t('pools.balance'), align: 'right', render: (_, row: { balanceFen: number }) => money(row.balanceFen, language) },
              ]}
            />
          </Card>
          <Card
            className="dxe-fin-section"
            title={t('pools.contributions')}
            extra={
              <Button size="small" onClick={() => setContributing(true)} data-testid="pool-contribute">
                {t('pools.contribute')}
              </Button>
            }
          >
            <Table<RiskContribution>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={data.contributions}
              columns={[
                { key: 'source', title: t('pools.source'), render: (_, row) => t(`pools.sources.${row.source}`) },
                { key: 'amount', title: t('pools.amount'), align: 'right', render: (_, row) => money(row.amountFen, language) },
                { key: 'on', title: t('pools.contributedOn'), dataIndex: 'contributedOn' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card className="dxe-fin-section" title={t('pools.ledger')} extra={<ExportButton path={`/api/finance/risk-pools/${id}/ledger/export.xlsx`} params={{}} />}>
            <Table<RiskLedgerEntry>
              rowKey="id"
              size="small"
              dataSource={data.ledger.items}
              scroll={{ x: 'max-content' }}
              data-testid="pool-ledger"
              pagination={{ current: ledgerPage, pageSize: 20, total: data.ledger.total, onChange: setLedgerPage, showSizeChanger: false }}
              columns={[
                { key: 'at', title: t('pools.postedAt'), render: (_, row) => formatDateTime(row.postedAt, language) },
                { key: 'kind', title: t('pools.memo'), render: (_, row) => <Space size={4}><Tag>{t(`pools.ledgerKind.${row.kind}`)}</Tag>{row.memo}</Space> },
                { key: 'debit', title: t('pools.debit'), dataIndex: 'debit' },
                { key: 'credit', title: t('pools.credit'), dataIndex: 'credit' },
                { key: 'amount', title: t('pools.amount'), align: 'right', render: (_, row) => money(row.amountFen, language) },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {contributing && <ContributionModal poolId={id} onClose={() => setContributing(false)} />}
    </>
  );
}
