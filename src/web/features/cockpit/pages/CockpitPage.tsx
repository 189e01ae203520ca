import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Row, Select, Space, Statistic, Switch, Typography } from 'antd';
import { DownloadOutlined, FileTextOutlined, FullscreenExitOutlined, FullscreenOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { formatFen } from '../../../../core/money/money.ts';
import type { DashboardSummary } from '../../../api/types.ts';
import EChart, { type EChartClick, type EChartOption } from '../../../components/EChart.tsx';
import { todayInCounty } from '../../../lib/format.ts';
import { useUser } from '../../../app/session.tsx';
import { queryString, useCockpitReference, useDashboard } from '../api.ts';
import { applicationsLink, monthWithin, type ApplicationsDrill } from '../drill-down.ts';
import '../cockpit.css';

const REFRESH_SECONDS = 30;
const WAN = 1_000_000;

const pct = (bp: number | null) => (bp === null ? '—' : `${(bp / 100).toFixed(1)}%`);
const wan = (fen: number) => Math.round(fen / (WAN / 100)) / 100;


/**
 * /gov/cockpit — 驾驶舱 for the county leadership (and departments, the dispatch centre, the administrator):
 * the summary of a period, town and 门类 as figures and charts; each chart opens the list behind it; a wall
 * display mode (full screen, dark, refreshing itself); the cockpit's tables and the monthly report to take away.
 */
export default function CockpitPage() {
  const { t, i18n } = useTranslation('cockpit');
  const en = i18n.language.startsWith('en');
  const navigate = useNavigate();
  const user = useUser();
  const [search, setSearch] = useSearchParams();
  // Without a chosen period the server picks the last twelve months up to today in the county (Asia/Shanghai),
  // anew at every refresh: the browser's clock and time zone never decide which day a demand falls on.
  const from = search.get('from') ?? undefined;
  const to = search.get('to') ?? undefined;
  const town = search.get('town') ?? undefined;
  const industry = search.get('industry') ?? undefined;
  const [wall, setWall] = useState(false);
  const [autoRefresh, setAutoRefresh] = useState(true);
  const root = useRef<HTMLDivElement>(null);
  const { towns, sections } = useCockpitReference();
  const params = { from, to, town, industry };
  const summary = useDashboard(params, wall || autoRefresh ? REFRESH_SECONDS * 1000 : false);
  const data = summary.data;
  const shownFrom = from ?? data?.from;
  const shownTo = to ?? data?.to ?? todayInCounty();

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setSearch(next, { replace: true });
  };

  // Wall display: the browser's full screen on the cockpit's root; leaving full screen (Esc) leaves the mode.
  const toggleWall = useCallback(async () => {
    if (!wall) {
      setWall(true);
      await root.current?.requestFullscreen?.().catch(() => undefined);
    } else {
      setWall(false);
      if (document.fullscreenElement) await document.exitFullscreen().catch(() => undefined);
    }
  }, [wall]);
  useEffect(() => {
    const onChange = () => {
      if (!document.fullscreenElement) setWall(false);
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const scope = { town, industry };
  const enterprises = (extra: Record<string, string | undefined>) => navigate(`/gov/enterprises?${queryString({ ...scope, ...extra })}`);
  const demands = (extra: Record<string, string | undefined>) => navigate(`/gov/demands?${queryString({ view: 'all', ...extra })}`);
  const canSeeDemands = user.roles.some((r) => r === 'leader' || r === 'dispatcher' || r === 'department_staff');
  // Every cockpit role opens the applications behind the policy charts: the county's readers all of them,
  // read-only; department staff their own department's only (another department's bar opens nothing).
  const ownDepartment = user.roles.includes('department_staff') ? user.org.id : null;
  const applications: OpenApplications = (drill) => {
    const link = applicationsLink({ from: data?.from, to: data?.to }, ownDepartment, drill);
    if (link) navigate(link);
  };
  // The loan charts open the county loan ledger (the leader and the finance office 金融办 read every bank's loans).
  const financeOffice = user.roles.includes('department_staff') && user.org.code === 'jrb';
  const canSeeLoans = user.roles.includes('leader') || financeOffice;
  const loans = (extra: Record<string, string | undefined>) => navigate(`/gov/finance/loans?${queryString({ from: shownFrom, to: shownTo, town, industry, ...extra })}`);
  const pools = () => (financeOffice ? navigate('/gov/finance/risk-pools') : loans({}));
  const theme = wall ? 'dark' : undefined;
  const exportHref = `/api/dashboard/export.xlsx?${queryString(params)}`;
  const reportMonth = dayjs(shownTo).subtract(dayjs(shownTo).date() === dayjs(shownTo).daysInMonth() ? 0 : 1, 'month').format('YYYY-MM');

  return (
    <div ref={root} className={wall ? 'dxe-cockpit dxe-cockpit-wall' : 'dxe-cockpit'} data-testid="cockpit">
      <div className="dxe-cockpit-head">
        <div>
          <Typography.Title level={3} className="dxe-cockpit-title" data-testid="page-title">{t('title')}</Typography.Title>
          <Typography.Text type="secondary" className="dxe-cockpit-sub">{t('subtitle')}</Typography.Text>
        </div>
        <Space wrap>
          <DatePicker.RangePicker
            allowClear={false}
            value={shownFrom ? [dayjs(shownFrom), dayjs(shownTo)] : null}
            onChange={(range) => {
              const [a, b] = (range ?? []) as [Dayjs | null, Dayjs | null];
              if (a && b) set({ from: a.format('YYYY-MM-DD'), to: b.format('YYYY-MM-DD') });
            }}
            aria-label={t('filters.period')}
            data-testid="cockpit-period"
          />
          <Select
            allowClear
            placeholder={t('filters.allTowns')}
            value={town}
            onChange={(v) => set({ town: v })}
            style={{ minWidth: 130 }}
            options={towns.map((tw) => ({ value: tw.code, label: en ? tw.nameEn : tw.name }))}
            data-testid="cockpit-town"
          />
          <Select
            allowClear
            placeholder={t('filters.allIndustries')}
            value={industry}
            onChange={(v) => set({ industry: v })}
            style={{ minWidth: 160 }}
            options={sections.map((s) => ({ value: s.code, label: `${s.code} ${en ? s.nameEn : s.nameZh}` }))}
            data-testid="cockpit-industry"
          />
          <Space size={4}>
            <Switch size="small" checked={autoRefresh} onChange={setAutoRefresh} aria-label={t('refreshEvery', { seconds: REFRESH_SECONDS })} />
            <Typography.Text type="secondary">{t('refreshEvery', { seconds: REFRESH_SECONDS })}</Typography.Text>
          </Space>
          <Button icon={<DownloadOutlined />} href={exportHref} data-testid="cockpit-export">{t('actions.export')}</Button>
          <Button icon={<FileTextOutlined />} onClick={() => navigate(`/gov/cockpit/report?month=${reportMonth}`)} data-testid="cockpit-report">{t('actions.monthlyReport')}</Button>
          <Button type="primary" icon={wall ? <FullscreenExitOutlined /> : <FullscreenOutlined />} onClick={toggleWall} data-testid="cockpit-wall">
            {wall ? t('actions.exitFullscreen') : t('actions.fullscreen')}
          </Button>
        </Space>
      </div>
      {summary.isError && <Alert type="error" showIcon message={t('loadFailed')} />}
      {data && (
        <>
          <Typography.Text type="secondary" className="dxe-cockpit-sub" data-testid="cockpit-updated">
            {t('updatedAt', { time: dayjs(data.generatedAt).format('YYYY-MM-DD HH:mm:ss') })} · {t('drillHint')}
          </Typography.Text>
          <Figures data={data} onEnterprises={enterprises} onDemands={canSeeDemands ? demands : undefined} onApplications={applications} onLoans={canSeeLoans ? loans : undefined} />
          <Charts data={data} theme={theme} en={en} towns={towns} sections={sections} onEnterprises={enterprises} onDemands={canSeeDemands ? demands : undefined} onApplications={applications} onLoans={canSeeLoans ? loans : undefined} onPools={canSeeLoans ? pools : undefined} />
        </>
      )}
    </div>
  );
}

function Figure({ title, value, testId, value_, onClick }: { title: string; value: string | number; testId: string; value_?: number; onClick?: () => void }) {
  return (
    <Col xs={12} md={8} xl={4}>
      <Card size="small" className={onClick ? 'dxe-cockpit-figure dxe-cockpit-link' : 'dxe-cockpit-figure'} onClick={onClick} data-testid={testId} data-value={value_}>
        <Statistic title={title} value={value} />
      </Card>
    </Col>
  );
}

/** Opens /gov/applications with the cockpit's period and these filters (orgId, status, or a month's from/to). */
type OpenApplications = (drill: ApplicationsDrill) => void;

function Figures({ data, onEnterprises, onDemands, onApplications, onLoans }: { data: DashboardSummary; onEnterprises: (q: Record<string, string | undefined>) => void; onDemands?: (q: Record<string, string | undefined>) => void; onApplications: OpenApplications; onLoans?: (q: Record<string, string | undefined>) => void }) {
  const { t, i18n } = useTranslation('cockpit');
  const locale = i18n.language.startsWith('en') ? 'en-US' : 'zh-CN';
  return (
    <Row gutter={[12, 12]} className="dxe-cockpit-figures">
      <Figure title={t('figures.operating')} value={data.enterprises.operating} value_={data.enterprises.operating} testId="fig-operating" onClick={() => onEnterprises({ status: 'operating' })} />
      <Figure title={t('figures.aboveScale')} value={data.enterprises.aboveScale} value_={data.enterprises.aboveScale} testId="fig-above-scale" onClick={() => onEnterprises({ aboveScale: 'true' })} />
      <Figure title={t('figures.grantedFen')} value={formatFen(data.policies.grantedFen, locale)} value_={data.policies.grantedFen} testId="fig-granted" onClick={() => onApplications({ status: 'paid' })} />
      <Figure title={t('figures.autoShare')} value={pct(data.policies.autoGrantShareBp)} testId="fig-auto-share" />
      <Figure title={t('figures.amountLent')} value={formatFen(data.loans.amountLentFen, locale)} value_={data.loans.amountLentFen} testId="fig-lent" onClick={onLoans ? () => onLoans({}) : undefined} />
      <Figure title={t('figures.firstLoanRate')} value={pct(data.loans.firstLoan.rateBp)} testId="fig-first-loan" onClick={onLoans ? () => onLoans({ first: 'true' }) : undefined} />
      <Figure title={t('figures.registered')} value={data.enterprises.registeredInPeriod} value_={data.enterprises.registeredInPeriod} testId="fig-registered" />
      <Figure title={t('figures.closed')} value={data.enterprises.closedInPeriod} value_={data.enterprises.closedInPeriod} testId="fig-closed" />
      <Figure title={t('figures.loans')} value={data.loans.loans} value_={data.loans.loans} testId="fig-loans" onClick={onLoans ? () => onLoans({}) : undefined} />
      <Figure title={t('figures.demandsFiled')} value={data.demands.filed} value_={data.demands.filed} testId="fig-demands" onClick={onDemands ? () => onDemands({}) : undefined} />
      <Figure title={t('figures.onTimeRate')} value={pct(data.demands.onTimeRateBp)} testId="fig-on-time" />
      <Figure title={t('figures.satisfaction')} value={pct(data.demands.satisfiedRateBp)} testId="fig-satisfaction" />
      <Figure title={t('figures.coverage')} value={pct(data.visits.coverageBp)} testId="fig-coverage" />
    </Row>
  );
}

interface ChartsProps {
  data: DashboardSummary;
  theme?: 'dark';
  en: boolean;
  sections: { code: string; nameZh: string; nameEn: string }[];
  onEnterprises: (q: Record<string, string | undefined>) => void;
  onDemands?: (q: Record<string, string | undefined>) => void;
  onApplications: OpenApplications;
  onLoans?: (q: Record<string, string | undefined>) => void;
  onPools?: () => void;
  towns: { code: string; name: string; nameEn: string }[];
}

/** The series of the policy chart by department, in order: pushed, applied, granted. */
const POLICY_SERIES_STATUS = [undefined, undefined, 'paid'] as const;

function Charts({ data, theme, en, towns, sections, onEnterprises, onDemands, onApplications, onLoans, onPools }: ChartsProps) {
  const { t } = useTranslation('cockpit');
  const bg = theme ? { backgroundColor: 'transparent' } : {};
  const sectionName = (code: string) => {
    const s = sections.find((x) => x.code === code);
    return code === 'unknown' ? t('unclassified') : s ? `${code} ${en ? s.nameEn : s.nameZh}` : code;
  };
  const e = data.enterprises;
  // Towns by their English names in English (the summary carries the Chinese name).
  const townName = (x: { code: string; name: string }) => (en ? (towns.find((tw) => tw.code === x.code)?.nameEn ?? x.name) : x.name);
  const options = useMemo(() => {
    const bar = (categories: string[], series: { name: string; data: number[]; type?: 'bar' | 'line'; yAxisIndex?: number }[], rotate = 0): EChartOption => ({
      ...bg,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 32, bottom: rotate ? 64 : 28 },
      xAxis: { type: 'category', data: categories, axisLabel: { rotate, interval: 0 } },
      yAxis: { type: 'value' },
      series: series.map((s) => ({ type: s.type ?? 'bar', name: s.name, data: s.data })),
    });
    const pie = (items: { name: string; value: number }[]): EChartOption => ({
      ...bg,
      tooltip: { trigger: 'item' },
      legend: { type: 'scroll', bottom: 0 },
      series: [{ type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'], data: items }],
    });
    const gauge = (bp: number | null, name: string): EChartOption => ({
      ...bg,
      series: [{ type: 'gauge', min: 0, max: 100, progress: { show: true }, detail: { formatter: '{value}%', fontSize: 20 }, data: [{ value: bp === null ? 0 : Math.round(bp) / 100, name }] }],
    });
    return {
      byTown: bar(e.byTown.map(townName), [{ name: t('charts.series.operating'), data: e.byTown.map((x) => x.operating) }, { name: t('charts.series.aboveScale'), data: e.byTown.map((x) => x.aboveScale) }], 40),
      byIndustry: pie(e.byIndustry.map((x) => ({ name: sectionName(x.section), value: x.operating }))),
      bySize: pie(e.bySize.map((x) => ({ name: t(`size.${x.sizeClass as 'large'}`), value: x.operating }))),
      registrations: bar(e.monthlyChange.map((m) => m.month), [
        { name: t('charts.series.registered'), data: e.monthlyChange.map((m) => m.registered) },
        { name: t('charts.series.closed'), data: e.monthlyChange.map((m) => m.closed) },
        { name: t('charts.series.net'), data: e.monthlyChange.map((m) => m.net), type: 'line' },
      ]),
      policies: bar(data.policies.byDepartment.map((d) => d.name.replace(/^县/, '')), [
        { name: t('charts.series.pushed'), data: data.policies.byDepartment.map((d) => d.pushed) },
        { name: t('charts.series.applied'), data: data.policies.byDepartment.map((d) => d.applied) },
        { name: t('charts.series.granted'), data: data.policies.byDepartment.map((d) => d.granted) },
      ], 40),
      policyMonthly: bar(data.policies.monthly.map((m) => m.month), [{ name: t('charts.series.amount'), data: data.policies.monthly.map((m) => wan(m.grantedFen)) }]),
      lending: bar(data.loans.series.map((m) => m.period), [
        { name: t('charts.series.amount'), data: data.loans.series.map((m) => wan(m.amountFen)) },
        { name: t('charts.series.loans'), data: data.loans.series.map((m) => m.loans), type: 'line' },
      ]),
      pools: gauge(data.loans.pools.length ? Math.max(...data.loans.pools.map((p) => p.usageBp ?? 0)) : null, data.loans.pools[0]?.name ?? ''),
      demandsByCategory: pie(data.demands.byCategory.map((c) => ({ name: c.code === 'unclassified' ? t('unclassified') : c.name, value: c.filed }))),
      demandsMonthly: bar(data.demands.monthly.map((m) => m.month), [
        { name: t('charts.series.filed'), data: data.demands.monthly.map((m) => m.filed) },
        { name: t('charts.series.resolved'), data: data.demands.monthly.map((m) => m.resolved), type: 'line' },
      ]),
      onTime: gauge(data.demands.onTimeRateBp, t('figures.onTimeRate')),
      coverage: bar(data.visits.byTown.map(townName), [{ name: t('charts.series.coverage'), data: data.visits.byTown.map((x) => (x.coverageBp ?? 0) / 100) }], 40),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, theme, en, sections, towns]);

  const card = (key: keyof typeof options, title: string, onItemClick?: (item: EChartClick) => void, extra?: React.ReactNode, span = 8) => (
    <Col xs={24} lg={span} key={key}>
      <Card size="small" title={title} className="dxe-cockpit-card" extra={extra}>
        <EChart option={options[key]} theme={theme} height={260} ariaLabel={title} onItemClick={onItemClick} data-testid={`chart-${key}`} />
      </Card>
    </Col>
  );
  const d = data.demands;
  return (
    <Row gutter={[12, 12]}>
      {card('byTown', t('charts.byTown'), ({ dataIndex }) => onEnterprises({ town: e.byTown[dataIndex]?.code }))}
      {card('byIndustry', t('charts.byIndustry'), ({ dataIndex }) => onEnterprises({ industry: e.byIndustry[dataIndex]?.section === 'unknown' ? undefined : e.byIndustry[dataIndex]?.section }))}
      {card('bySize', t('charts.bySize'), ({ dataIndex }) => onEnterprises({ sizeClass: e.bySize[dataIndex]?.sizeClass === 'unknown' ? undefined : e.bySize[dataIndex]?.sizeClass }))}
      {card('registrations', t('charts.registrations'), () => onEnterprises({}))}
      {card('policies', t('charts.policies'), ({ dataIndex, seriesIndex }) => {
        const department = data.policies.byDepartment[dataIndex];
        if (department) onApplications({ orgId: String(department.orgId), status: POLICY_SERIES_STATUS[seriesIndex ?? 0] });
      })}
      {card('policyMonthly', t('charts.policyMonthly'), ({ dataIndex }) => {
        const month = data.policies.monthly[dataIndex]?.month;
        if (month) onApplications({ ...monthWithin(month, data.from, data.to), status: 'paid' });
      })}
      {card('lending', t('charts.lending'), onLoans ? ({ dataIndex }) => { const month = data.loans.series[dataIndex]?.period; onLoans(month ? monthWithin(month, data.from, data.to) : {}); } : undefined)}
      {card('pools', t('charts.pools'), onPools ? () => onPools() : undefined)}
      {card('demandsByCategory', t('charts.demandsByCategory'), onDemands ? ({ dataIndex }) => onDemands({ category: d.byCategory[dataIndex]?.code === 'unclassified' ? undefined : d.byCategory[dataIndex]?.code }) : undefined)}
      {card('demandsMonthly', t('charts.demandsMonthly'), onDemands ? () => onDemands({}) : undefined)}
      {card(
        'onTime',
        t('charts.demandTimes'),
        onDemands ? () => onDemands({ view: 'overdue' }) : undefined,
        <Typography.Text type="secondary" className="dxe-cockpit-times" title={t('demandTimes.workingHoursNote')}>
          {d.averageResponseWorkingHours === null && d.averageResolutionWorkingHours === null
            ? t('demandTimes.none')
            : `${t('demandTimes.response', { hours: d.averageResponseWorkingHours ?? '—' })} · ${t('demandTimes.resolution', { hours: d.averageResolutionWorkingHours ?? '—' })} · ${t('demandTimes.rating', { rating: d.averageRating ?? '—' })}`}
        </Typography.Text>,
      )}
      {card('coverage', t('charts.coverage'), ({ dataIndex }) => onEnterprises({ town: data.visits.byTown[dataIndex]?.code }))}
    </Row>
  );
}
