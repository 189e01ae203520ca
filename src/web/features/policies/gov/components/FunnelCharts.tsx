import { useMemo } from 'react';
import { Col, Row } from 'antd';
import { use as registerECharts } from 'echarts/core';
import { FunnelChart } from 'echarts/charts';
import { useTranslation } from 'react-i18next';
import type { PolicyFunnel } from '../../../../api/types.ts';
import EChart, { type EChartOption } from '../../../../components/EChart.tsx';

// The shared wrapper registers line and bar charts; the funnel is registered here, in this lazy chunk only.
registerECharts([FunnelChart]);

export const FUNNEL_STAGES = ['pushed', 'read', 'opened', 'applied', 'granted'] as const;
const PALETTE = ['#1f5fbf', '#3a7bd5', '#36a3a1', '#f0a020', '#389e0d'];

/** 推送漏斗: the stages as a funnel, and the same by day as lines. Loaded lazily (ECharts). */
export default function FunnelCharts({ funnel }: { funnel: PolicyFunnel }) {
  const { t } = useTranslation('policies');
  const names = FUNNEL_STAGES.map((stage) => t(`funnel.stages.${stage}`));

  const funnelOption = useMemo(
    () =>
      // The wrapper's option type lists line and bar series only; a funnel series is valid ECharts all the same.
      ({
        color: PALETTE,
        tooltip: { trigger: 'item', formatter: '{b}: {c}' },
        series: [
          {
            type: 'funnel',
            sort: 'none',
            minSize: '8%',
            left: '8%',
            right: '8%',
            top: 8,
            bottom: 8,
            gap: 2,
            label: { show: true, position: 'inside', formatter: '{b} {c}' },
            data: FUNNEL_STAGES.map((stage, i) => ({ name: names[i], value: funnel[stage] })),
          },
        ],
      }) as unknown as EChartOption,
    [funnel, names],
  );

  const lineOption = useMemo<EChartOption>(
    () => ({
      color: PALETTE,
      animationDuration: 300,
      grid: { left: 8, right: 12, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 12 } },
      tooltip: { trigger: 'axis', confine: true },
      xAxis: { type: 'category', data: funnel.byDay.map((d) => d.day) },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef0f4' } } },
      series: FUNNEL_STAGES.map((stage, i) => ({ name: names[i], type: 'line', smooth: true, symbolSize: 6, data: funnel.byDay.map((d) => d[stage]) })),
    }),
    [funnel, names],
  );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <EChart option={funnelOption} height={280} ariaLabel={t('funnel.funnelChart')} data-testid="funnel-chart" />
      </Col>
      <Col xs={24} lg={14}>
        <EChart option={lineOption} height={280} ariaLabel={t('funnel.dailyChart')} data-testid="funnel-daily-chart" />
      </Col>
    </Row>
  );
}
