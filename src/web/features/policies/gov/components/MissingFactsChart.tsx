import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PolicyPreview } from '../../../../api/types.ts';
import EChart, { type EChartOption } from '../../../../components/EChart.tsx';
import { isEnglish } from '../../../../lib/indicator-values.ts';

/** The facts most often missing among the undecided enterprises, as horizontal bars. Loaded lazily (ECharts). */
export default function MissingFactsChart({ facts }: { facts: PolicyPreview['topMissingFacts'] }) {
  const { t, i18n } = useTranslation('policies');
  const en = isEnglish(i18n.language);
  const option = useMemo<EChartOption>(() => {
    const rows = [...facts].reverse();
    return {
      color: ['#f0a020'],
      animationDuration: 300,
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef0f4' } } },
      yAxis: { type: 'category', data: rows.map((f) => (en ? f.name.en : f.name.zh)), axisLabel: { width: 180, overflow: 'truncate' } },
      series: [{ type: 'bar', name: t('preview.enterprises'), barMaxWidth: 18, data: rows.map((f) => f.count), label: { show: true, position: 'right' } }],
    };
  }, [facts, en, t]);
  return <EChart option={option} height={Math.max(160, 36 * facts.length + 24)} ariaLabel={t('preview.missingChart')} data-testid="preview-missing-chart" />;
}
