import { Alert, Button, DatePicker, Space, Spin } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { formatFen } from '../../../../core/money/money.ts';
import type { DashboardSummary } from '../../../api/types.ts';
import { useDashboard } from '../api.ts';
import '../cockpit.css';
import './report.css';

const pct = (bp: number | null) => (bp === null ? '—' : `${(bp / 100).toFixed(1)}%`);

function Table({ head, rows }: { head: string[]; rows: (string | number)[][] }) {
  return (
    <table className="dxe-report-table">
      <thead>
        <tr>{head.map((h) => <th key={h}>{h}</th>)}</tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * /gov/cockpit/report?month=YYYY-MM — 月度报告 for the county leadership: the month's summary as a document
 * laid out for A4 (CSS @page), printed from the browser (Chinese text stays text), and the same as XLSX.
 */
export default function MonthlyReportPage() {
  const { t } = useTranslation('cockpit');
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(search.get('month') ?? '') ? search.get('month')! : dayjs().subtract(1, 'month').format('YYYY-MM');
  const from = `${month}-01`;
  const to = dayjs(from).endOf('month').format('YYYY-MM-DD');
  const summary = useDashboard({ from, to }, false);
  const [year, mm] = month.split('-');
  return (
    <div className="dxe-report-page">
      <Space className="dxe-report-toolbar" wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/gov/cockpit')}>{t('report.back')}</Button>
        <DatePicker picker="month" allowClear={false} value={dayjs(from)} onChange={(d) => d && setSearch({ month: d.format('YYYY-MM') }, { replace: true })} aria-label={t('report.month')} />
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="report-print">{t('report.print')}</Button>
        <Button icon={<DownloadOutlined />} href={`/api/dashboard/monthly-report.xlsx?month=${month}`} data-testid="report-xlsx">{t('report.downloadXlsx')}</Button>
      </Space>
      {summary.isError && <Alert type="error" showIcon message={t('loadFailed')} />}
      {!summary.data ? <Spin /> : <Report data={summary.data} heading={t('report.heading', { year, month: Number(mm) })} />}
    </div>
  );
}

function Report({ data, heading }: { data: DashboardSummary; heading: string }) {
  const { t } = useTranslation('cockpit');
  const c = (key: 'item' | 'value' | 'name' | 'count' | 'amount') => t(`report.columns.${key}`);
  const fen = (v: number) => formatFen(v, 'zh-CN');
  return (
    <article className="dxe-report" data-testid="monthly-report">
      <h1>{heading}</h1>
      <p className="dxe-report-meta">
        {t('report.period', { from: data.from, to: data.to })}{' '}{t('report.generatedAt', { time: dayjs(data.generatedAt).format('YYYY-MM-DD HH:mm') })}
      </p>
      <h2>{t('report.sections.market')}</h2>
      <Table
        head={[c('item'), c('value')]}
        rows={[
          [t('figures.operating'), data.enterprises.operating],
          [t('figures.aboveScale'), data.enterprises.aboveScale],
          [t('figures.registered'), data.enterprises.registeredInPeriod],
          [t('figures.closed'), data.enterprises.closedInPeriod],
        ]}
      />
      <Table head={[t('filters.town'), t('charts.series.operating'), t('charts.series.aboveScale')]} rows={data.enterprises.byTown.map((r) => [r.name, r.operating, r.aboveScale])} />
      <h2>{t('report.sections.policies')}</h2>
      <Table
        head={[c('name'), t('charts.series.pushed'), t('charts.series.applied'), t('charts.series.granted'), c('amount')]}
        rows={data.policies.byDepartment.map((d) => [d.name, d.pushed, d.applied, d.granted, fen(d.grantedFen)])}
      />
      <p>{t('figures.grantedFen')}：{fen(data.policies.grantedFen)}；{t('figures.autoShare')}：{pct(data.policies.autoGrantShareBp)}</p>
      <h2>{t('report.sections.loans')}</h2>
      <Table
        head={[c('item'), c('value')]}
        rows={[
          [t('figures.loans'), data.loans.loans],
          [t('figures.amountLent'), fen(data.loans.amountLentFen)],
          [t('figures.firstLoanRate'), pct(data.loans.firstLoan.rateBp)],
          ...data.loans.pools.map((p) => [`${t('charts.pools')}：${p.name}`, pct(p.usageBp)]),
        ]}
      />
      <Table head={[c('name'), t('charts.series.loans'), c('amount')]} rows={data.loans.byBank.map((b) => [b.name, b.loans, fen(b.amountFen)])} />
      <h2>{t('report.sections.demands')}</h2>
      <Table
        head={[c('item'), c('value')]}
        rows={[
          [t('figures.demandsFiled'), data.demands.filed],
          [t('charts.series.resolved'), data.demands.resolved],
          [t('figures.onTimeRate'), pct(data.demands.onTimeRateBp)],
          [t('figures.satisfaction'), pct(data.demands.satisfiedRateBp)],
        ]}
      />
      <Table head={[c('name'), t('charts.series.filed'), t('charts.series.resolved')]} rows={data.demands.byCategory.map((r) => [r.name, r.filed, r.resolved])} />
      <h2>{t('report.sections.visits')}</h2>
      <Table head={[t('filters.town'), c('count'), t('charts.series.coverage')]} rows={data.visits.byTown.map((r) => [r.name, `${r.visited} / ${r.linked}`, pct(r.coverageBp)])} />
      <p>{t('figures.coverage')}：{pct(data.visits.coverageBp)}（{data.visits.visited} / {data.visits.linked}）</p>
    </article>
  );
}
