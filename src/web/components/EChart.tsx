import { useEffect, useRef } from 'react';
import { init, use as registerECharts, type ComposeOption, type ECharts } from 'echarts/core';
import { BarChart, GaugeChart, LineChart, PieChart, type BarSeriesOption, type GaugeSeriesOption, type LineSeriesOption, type PieSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// Only what the app's charts use: line, bar, pie and gauge series with tooltip and legend, drawn as SVG
// (crisp on phones, and text a test can read). Importing this module is what pulls ECharts in, so only
// lazy page chunks may import it — never the login route or the shell.
registerECharts([BarChart, LineChart, PieChart, GaugeChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type EChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | PieSeriesOption | GaugeSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** What a click on a bar, slice or point reports (the drill-down of the cockpit). */
export interface EChartClick {
  name: string;
  dataIndex: number;
  seriesIndex?: number;
}

interface EChartProps {
  option: EChartOption;
  height?: number;
  /** What the chart shows, for screen readers (the chart itself is an image to them). */
  ariaLabel: string;
  'data-testid'?: string;
  /** Called with the item clicked; the cursor becomes a pointer over items. */
  onItemClick?: (item: EChartClick) => void;
  /** ECharts' built-in 'dark' theme for the wall display. */
  theme?: 'dark';
}

/** One ECharts instance in a div that follows its container's width (phones rotate, side menus fold). */
export default function EChart({ option, height = 240, ariaLabel, onItemClick, theme, ...rest }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const click = useRef(onItemClick);
  const lastOption = useRef<EChartOption | null>(null);
  useEffect(() => {
    click.current = onItemClick;
  }, [onItemClick]);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const instance = init(element, theme, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => click.current?.({ name: String(params.name), dataIndex: params.dataIndex, seriesIndex: params.seriesIndex }));
    if (lastOption.current) instance.setOption(lastOption.current, { notMerge: true });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [theme]);

  useEffect(() => {
    lastOption.current = option;
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} data-testid={rest['data-testid']} />;
}
