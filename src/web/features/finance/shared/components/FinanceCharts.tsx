import { useMemo } from 'react';
import { use as registerECharts } from 'echarts/core';
import { FunnelChart, PieChart, RadarChart } from 'echarts/charts';
import { RadarComponent } from 'echarts/components';
import EChart, { type EChartOption } from '../../../../components/EChart.tsx';

// The shared wrapper registers line and bar charts; radar, funnel and pie are registered here, in the
// finance pages' lazy chunks only.
registerECharts([RadarChart, RadarComponent, FunnelChart, PieChart]);

const PALETTE = ['#1f5fbf', '#36a3a1', '#f0a020', '#389e0d', '#c8102e', '#7a4fd0', '#8c8c8c'];

export interface RadarAxis {
  name: string;
  value: number;
  max: number;
}

/** The four credit dimensions as a radar: one polygon of the enterprise's scores against each maximum. */
export function CreditRadar({ axes, seriesName, ariaLabel, testId = 'credit-radar' }: { axes: RadarAxis[]; seriesName: string; ariaLabel: string; testId?: string }) {
  const option = useMemo(
    () =>
      ({
        color: PALETTE,
        tooltip: { trigger: 'item', confine: true },
        radar: { radius: '62%', indicator: axes.map((axis) => ({ name: axis.name, max: axis.max })), axisName: { color: '#333', fontSize: 12 } },
        series: [{ type: 'radar', name: seriesName, areaStyle: { opacity: 0.25 }, data: [{ name: seriesName, value: axes.map((axis) => axis.value) }] }],
      }) as unknown as EChartOption,
    [axes, seriesName],
  );
  return <EChart option={option} height={280} ariaLabel={ariaLabel} data-testid={testId} />;
}

export interface FunnelStage {
  name: string;
  value: number;
}

/** A conversion funnel (pushed → applied → approved → lent). */
export function Funnel({ stages, ariaLabel, testId }: { stages: FunnelStage[]; ariaLabel: string; testId?: string }) {
  const option = useMemo(
    () =>
      ({
        color: PALETTE,
        tooltip: { trigger: 'item', formatter: '{b}: {c}' },
        series: [{ type: 'funnel', sort: 'none', minSize: '8%', left: '8%', right: '8%', top: 8, bottom: 8, gap: 2, label: { show: true, position: 'inside', formatter: '{b} {c}' }, data: stages }],
      }) as unknown as EChartOption,
    [stages],
  );
  return <EChart option={option} height={260} ariaLabel={ariaLabel} data-testid={testId} />;
}

export interface BarSeries {
  name: string;
  data: number[];
  stack?: string;
  type?: 'bar' | 'line';
}

/** Bars (or lines) over categories: months, banks, products, reasons. */
export function Bars({ categories, series, ariaLabel, testId, horizontal = false, height = 260, unit }: { categories: string[]; series: BarSeries[]; ariaLabel: string; testId?: string; horizontal?: boolean; height?: number; unit?: string }) {
  const option = useMemo<EChartOption>(() => {
    const category = { type: 'category' as const, data: categories, axisLabel: { hideOverlap: true } };
    const value = { type: 'value' as const, name: unit, splitLine: { lineStyle: { color: '#eef0f4' } } };
    return {
      color: PALETTE,
      animationDuration: 300,
      grid: { left: 8, right: 16, top: series.length > 1 || unit ? 36 : 12, bottom: 8, containLabel: true },
      legend: series.length > 1 ? { top: 0, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 12 } } : undefined,
      tooltip: { trigger: 'axis', confine: true },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? { ...category, inverse: true } : value,
      series: series.map((s) => ({ name: s.name, type: s.type ?? 'bar', stack: s.stack, data: s.data, barMaxWidth: 28, smooth: s.type === 'line' })),
    };
  }, [categories, series, horizontal, unit]);
  return <EChart option={option} height={height} ariaLabel={ariaLabel} data-testid={testId} />;
}

/** Share of parts of a whole (refusal reasons). */
export function Pie({ parts, ariaLabel, testId }: { parts: FunnelStage[]; ariaLabel: string; testId?: string }) {
  const option = useMemo(
    () =>
      ({
        color: PALETTE,
        tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
        series: [{ type: 'pie', radius: ['40%', '68%'], label: { formatter: '{b} {d}%' }, data: parts }],
      }) as unknown as EChartOption,
    [parts],
  );
  return <EChart option={option} height={260} ariaLabel={ariaLabel} data-testid={testId} />;
}
