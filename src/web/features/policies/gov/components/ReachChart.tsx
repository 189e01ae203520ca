import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import EChart, { type EChartOption } from '../../../../components/EChart.tsx';
import type { DraftReachFigures } from '../api/usePolicies.ts';

const COLOURS = { eligible: '#389e0d', unknown: '#d48806', ineligible: '#8c8c8c' } as const;

/** The reach as bars: eligible / undecided for lack of data / not eligible. Loaded lazily (ECharts). */
export default function ReachChart({ reach }: { reach: DraftReachFigures }) {
  const { t } = useTranslation('ruleBuilder');
  const option = useMemo<EChartOption>(() => {
    const rows = [
      { key: 'eligible', name: t('review.eligible'), value: reach.eligible },
      { key: 'unknown', name: t('review.unknown'), value: reach.unknown },
      { key: 'ineligible', name: t('reachChart.ineligible'), value: reach.ineligible },
    ] as const;
    return {
      animationDuration: 200,
      grid: { left: 8, right: 48, top: 4, bottom: 4, containLabel: true },
      tooltip: { trigger: 'item', confine: true },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef0f4' } } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name) },
      series: [
        {
          type: 'bar',
          barMaxWidth: 22,
          label: { show: true, position: 'right', formatter: (p: { value: unknown }) => t('reachChart.firms', { count: Number(p.value) }) },
          data: rows.map((r) => ({ value: r.value, itemStyle: { color: COLOURS[r.key] } })),
        },
      ],
    };
  }, [reach, t]);
  return <EChart option={option} height={132} ariaLabel={t('reachChart.title')} data-testid="policy-draft-reach-chart" />;
}
