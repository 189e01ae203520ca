import { useEffect, useRef } from 'react';
import { init, use as registerECharts, type ComposeOption, type ECharts } from 'echarts/core';
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// Only what the app's charts use: line and bar series on a grid with tooltip and legend, drawn as SVG
// (crisp on phones, and text a test can read). Importing this module is what pulls ECharts in, so only
// lazy page chunks may import it — never the login route or the shell.
registerECharts([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type EChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

interface EChartProps {
  option: EChartOption;
  height?: number;
  /** What the chart shows, for screen readers (the chart itself is an image to them). */
  ariaLabel: string;
  'data-testid'?: string;
}

/** One ECharts instance in a div that follows its container's width (phones rotate, side menus fold). */
export default function EChart({ option, height = 240, ariaLabel, ...rest }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} data-testid={rest['data-testid']} />;
}
