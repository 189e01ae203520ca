import { useMemo, useState } from 'react';
import { Card, Col, DatePicker, Row, Segmented, Select, Skeleton, Space, Statistic, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { FinanceKpis, FinanceKpisParams } from '../../../../api/types.ts';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { isEnglish } from '../../../../lib/indicator-values.ts';
import { useFinanceKpis } from '../../shared/api/useFinanceKpis.ts';
import { useLoanCodes } from '../../shared/api/useLoans.ts';
import { Bars, Pie } from '../../shared/components/FinanceCharts.tsx';
import { money, rate, wan } from '../../shared/lib/format.ts';
import { GovLoadFailed } from '../components/GovLoadFailed.tsx';
import '../../shared/components/finance.css';

type Period = NonNullable<FinanceKpisParams['period']>;

function Figures({ data }: { data: FinanceKpis }) {
  const { t, i18n } = useTranslation('finance-gov');
  const language = i18n.language;
  const days = data.approvalTime.averageWorkingDays;
  return (
    <Row gutter={[12, 12]} data-testid="kpi-figures">
      <Col xs={12} md={8} lg={4}>
        <Card className="dxe-fin-count" data-testid="kpi-amount-lent" data-fen={data.amountLentFen}>
          <Statistic title={t('kpis.amountLent')} value={money(data.amountLentFen, language)} />
        </Card>
      </Col>
      <Col xs={12} md={8} lg={4}>
        <Card className="dxe-fin-count" data-testid="kpi-loans" data-value={data.loans}>
          <Statistic title={t('kpis.loans')} value={data.loans} />
        </Card>
      </Col>
      <Col xs={12} md={8} lg={4}>
        <Card className="dxe-fin-count" data-testid="kpi-enterprises" data-value={data.enterprisesWithLoans}>
          <Statistic title={t('kpis.enterprisesWithLoans')} value={data.enterprisesWithLoans} />
        </Card>
      </Col>
      <Col xs={12} md={8} lg={4}>
        <Card className="dxe-fin-count" data-testid="kpi-first-loan-rate">
          <Statistic title={t('kpis.firstLoanRate')} value={rate(data.firstLoan.rateBp)} />
        </Card>
      </Col>
      <Col xs={12} md={8} lg={4}>
        <Card className="dxe-fin-count" data-testid="kpi-approval-time">
          <Statistic title={t('kpis.approvalTime')} value={days === null ? '—' : t('kpis.approvalDays', { days: days.toFixed(1) })} />
        </Card>
      </Col>
      <Col xs={12} md={8} lg={4}>
        <Card className="dxe-fin-count" data-testid="kpi-pool-usage">
          <Statistic title={t('kpis.poolUsage')} value={data.pools.length === 0 ? '—' : data.pools.map((pool) => rate(pool.usageBp)).join(' / ')} />
        </Card>
      </Col>
    </Row>
  );
}

/**
 * /gov/finance/kpis — 金融办: the finance KPIs of a range, a bank and a product — lending by period, the
 * first-loan rate, approval time, refusal reasons, lending by bank and product, and the pools' usage.
 */
export default function FinanceKpisPage() {
  const { t, i18n } = useTranslation('finance-gov');
  const language = i18n.language;
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [bank, setBank] = useState<number | undefined>();
  const [product, setProduct] = useState<number | undefined>();
  const [period, setPeriod] = useState<Period>('month');
  const params: FinanceKpisParams = { from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD'), bank, product, period };
  const kpis = useFinanceKpis(params);
  // Bank and product pickers list what the unfiltered range lent through.
  const all = useFinanceKpis({ from: params.from, to: params.to, period });
  const codes = useLoanCodes();
  const reasonName = useMemo(() => {
    const names = new Map((codes.data?.refusalReasons ?? []).map((reason) => [reason.code as string, isEnglish(language) ? reason.label.en : reason.label.zh]));
    return (code: string) => names.get(code) ?? code;
  }, [codes.data, language]);

  let body;
  if (kpis.isPending) body = <Skeleton active paragraph={{ rows: 10 }} />;
  else if (kpis.isError) body = <GovLoadFailed error={kpis.error} onRetry={() => void kpis.refetch()} title={t('kpis.loadFailed')} />;
  else {
    const data = kpis.data;
    body = (
      <>
        <Figures data={data} />
        <Card className="dxe-fin-section" title={t('kpis.monthly')}>
          <Bars
            categories={data.series.map((point) => point.period)}
            series={[
              { name: t('kpis.seriesAmount'), data: data.series.map((point) => wan(point.amountFen)) },
              { name: t('kpis.enterprisesWithLoans'), data: data.series.map((point) => point.enterprises), type: 'line' },
            ]}
            ariaLabel={t('kpis.monthlyLabel')}
            testId="kpi-monthly-chart"
          />
        </Card>
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Card className="dxe-fin-section" title={t('kpis.byBank')}>
              <Bars
                categories={data.byBank.map((row) => row.name)}
                series={[{ name: t('kpis.seriesAmount'), data: data.byBank.map((row) => wan(row.amountFen)) }]}
                horizontal
                height={Math.max(180, data.byBank.length * 28)}
                ariaLabel={t('kpis.byBankLabel')}
                testId="kpi-bank-chart"
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card className="dxe-fin-section" title={t('kpis.byProduct')}>
              <Bars
                categories={data.byProduct.slice(0, 15).map((row) => row.name ?? row.code)}
                series={[{ name: t('kpis.seriesAmount'), data: data.byProduct.slice(0, 15).map((row) => wan(row.amountFen)) }]}
                horizontal
                height={Math.max(180, Math.min(15, data.byProduct.length) * 28)}
                ariaLabel={t('kpis.byProductLabel')}
                testId="kpi-product-chart"
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card className="dxe-fin-section" title={t('kpis.refusalReasons')}>
              <Pie parts={data.refusals.map((row) => ({ name: reasonName(row.reason), value: row.count }))} ariaLabel={t('kpis.refusalLabel')} testId="kpi-refusal-chart" />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card className="dxe-fin-section" title={t('kpis.poolUsage')}>
              <Bars
                categories={data.pools.map((pool) => pool.name)}
                series={[
                  { name: t('pools.seriesCovered'), data: data.pools.map((pool) => wan(pool.coveredOutstandingFen)), stack: 'pool' },
                  { name: t('pools.seriesAvailable'), data: data.pools.map((pool) => wan(Math.max(0, pool.capacityFen - pool.coveredOutstandingFen))), stack: 'pool' },
                ]}
                horizontal
                height={Math.max(160, data.pools.length * 48)}
                ariaLabel={t('pools.capacityChartLabel')}
                testId="kpi-pool-chart"
              />
              <Typography.Text type="secondary">
                {t('kpis.approvalTime')}：{data.approvalTime.decisions} · {t('kpis.firstLoanRate')}：{data.firstLoan.firstTimeBorrowers} / {data.firstLoan.borrowers}
              </Typography.Text>
            </Card>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" className="dxe-fin-section">
          {data.from} – {data.to}
          {data.loans === 0 ? ` · ${t('kpis.empty')}` : ` · ${money(data.amountLentFen, language)}`}
        </Typography.Paragraph>
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('kpis.title')} extra={<ExportButton path="/api/finance/kpis/export.xlsx" params={{ ...params }} />} />
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker value={range} onChange={(value) => setRange(value)} allowEmpty={[true, true]} />
        <Select
          allowClear
          placeholder={t('kpis.bank')}
          style={{ minWidth: 200 }}
          value={bank}
          onChange={setBank}
          options={(all.data?.byBank ?? []).map((row) => ({ value: row.bankOrgId, label: row.name }))}
          data-testid="kpi-filter-bank"
        />
        <Select
          allowClear
          placeholder={t('kpis.product')}
          style={{ minWidth: 200 }}
          value={product}
          onChange={setProduct}
          options={(all.data?.byProduct ?? []).map((row) => ({ value: row.productId, label: row.name ?? row.code }))}
          data-testid="kpi-filter-product"
        />
        <Segmented<Period>
          value={period}
          onChange={setPeriod}
          options={[
            { value: 'month', label: t('kpis.periods.month') },
            { value: 'quarter', label: t('kpis.periods.quarter') },
            { value: 'year', label: t('kpis.periods.year') },
          ]}
        />
      </Space>
      {body}
    </>
  );
}
