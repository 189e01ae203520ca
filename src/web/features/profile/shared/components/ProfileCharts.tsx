import { useMemo } from 'react';
import { Col, Empty, Row, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { DataCategory, IndicatorValue } from '../../../../api/types.ts';
import EChart, { type EChartOption } from '../../../../components/EChart.tsx';
import { categoryName, comparePeriods, formatIndicatorValue, isEnglish, localName } from '../../../../lib/indicator-values.ts';

/** A chart of the profile: the indicators it plots (one series each), their category and unit. */
interface ChartSpec {
  key: 'revenue' | 'tax' | 'staff' | 'electricity';
  codes: readonly string[];
  category: DataCategory;
  unit: 'fen' | 'person' | 'kwh';
  type: 'line' | 'bar';
}

const CHARTS: readonly ChartSpec[] = [
  { key: 'revenue', codes: ['operating_revenue', 'main_revenue'], category: 'operations', unit: 'fen', type: 'bar' },
  { key: 'tax', codes: ['tax_paid'], category: 'tax', unit: 'fen', type: 'bar' },
  { key: 'staff', codes: ['employees', 'insured_employees'], category: 'employment', unit: 'person', type: 'line' },
  { key: 'electricity', codes: ['electricity_kwh'], category: 'energy', unit: 'kwh', type: 'bar' },
];

const PALETTE = ['#1f5fbf', '#36a3a1', '#f0a020', '#8e5cc4'];

/**
 * An axis label. Plotting is the one place money may become a float: the axis only needs "2,350万",
 * while tooltips show the exact amount through formatFen.
 */
function axisLabel(unit: ChartSpec['unit'], value: number, en: boolean): string {
  if (unit === 'fen') {
    const yuan = value / 100;
    if (en) return yuan >= 1e6 || yuan <= -1e6 ? `${+(yuan / 1e6).toFixed(1)}M` : yuan >= 1e3 ? `${+(yuan / 1e3).toFixed(0)}k` : String(yuan);
    return Math.abs(yuan) >= 1e8 ? `${+(yuan / 1e8).toFixed(2)}亿` : Math.abs(yuan) >= 1e4 ? `${+(yuan / 1e4).toFixed(0)}万` : String(yuan);
  }
  if (en) return value >= 1e6 ? `${+(value / 1e6).toFixed(1)}M` : value >= 1e4 ? `${+(value / 1e3).toFixed(0)}k` : String(value);
  return value >= 1e4 ? `${+(value / 1e4).toFixed(1)}万` : String(value);
}

/** The values the platform uses (effective source) of the chart's indicators, by period. */
function seriesOf(spec: ChartSpec, values: readonly IndicatorValue[]) {
  const effective = values.filter((value) => value.isEffective && spec.codes.includes(value.code) && value.value !== null);
  const periods = [...new Set(effective.map((value) => value.period))].sort(comparePeriods);
  const series = spec.codes
    .map((code) => {
      const points = effective.filter((value) => value.code === code);
      return { code, first: points[0], byPeriod: new Map(points.map((point) => [point.period, point])) };
    })
    .filter((item) => item.first !== undefined);
  return { periods, series };
}

function ChartPanel({ spec, values, isGranted }: { spec: ChartSpec; values: readonly IndicatorValue[]; isGranted: boolean }) {
  const { t, i18n } = useTranslation('enterprises');
  const language = i18n.language;
  const en = isEnglish(language);
  const title = t(`profile.charts.${spec.key}`);
  const { periods, series } = useMemo(() => seriesOf(spec, values), [spec, values]);

  const option = useMemo<EChartOption>(
    () => ({
      color: PALETTE,
      animationDuration: 300,
      grid: { left: 8, right: 12, top: series.length > 1 ? 36 : 16, bottom: 8, containLabel: true },
      legend: series.length > 1 ? { top: 0, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 12 } } : undefined,
      tooltip: {
        trigger: 'axis',
        confine: true,
        valueFormatter: (value) => (typeof value === 'number' ? formatIndicatorValue(spec.unit, value, null, language) : String(value ?? '—')),
      },
      xAxis: { type: 'category', data: periods, axisTick: { alignWithLabel: true } },
      yAxis: { type: 'value', axisLabel: { formatter: (value: number) => axisLabel(spec.unit, value, en) }, splitLine: { lineStyle: { color: '#eef0f4' } } },
      series: series.map((item) => ({
        name: localName(item.first!, language),
        type: spec.type,
        smooth: spec.type === 'line',
        barMaxWidth: 28,
        symbolSize: 7,
        data: periods.map((period) => item.byPeriod.get(period)?.value ?? null),
      })),
    }),
    [periods, series, spec, language, en],
  );

  const latest = series[0] && periods.length > 0 ? series[0].byPeriod.get(periods[periods.length - 1]) : undefined;

  return (
    <div className="dxe-chart" data-testid={`chart-${spec.key}`}>
      <div className="dxe-chart-head">
        <Typography.Text strong>{title}</Typography.Text>
        {latest && (
          <Typography.Text type="secondary" className="dxe-chart-latest">
            {t('profile.charts.latest', { period: latest.period, value: formatIndicatorValue(spec.unit, latest.value, latest.valueText, language) })}
          </Typography.Text>
        )}
      </div>
      {!isGranted ? (
        <div className="dxe-chart-empty" data-testid={`chart-${spec.key}-hidden`}>
          <Typography.Text type="secondary">
            <LockOutlined /> {t('profile.charts.hidden', { category: categoryName(spec.category, language) })}
          </Typography.Text>
        </div>
      ) : periods.length === 0 ? (
        <div className="dxe-chart-empty">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('profile.charts.noData')} />
        </div>
      ) : (
        <EChart option={option} height={220} ariaLabel={t('profile.charts.aria', { title, periods: periods.join(', ') })} />
      )}
    </div>
  );
}

/**
 * Revenue, tax, staff and electricity over time (the numbers people compare). A lazy chunk of its own:
 * ECharts loads only when a profile is shown, after the rest of the page.
 */
export default function ProfileCharts({ values, categories }: { values: readonly IndicatorValue[]; categories: readonly DataCategory[] }) {
  return (
    <Row gutter={[16, 16]}>
      {CHARTS.map((spec) => (
        <Col key={spec.key} xs={24} md={12} xxl={6}>
          <ChartPanel spec={spec} values={values} isGranted={categories.includes(spec.category)} />
        </Col>
      ))}
    </Row>
  );
}
