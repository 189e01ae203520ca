import { useMemo } from 'react';
import { Card, Col, Empty, List, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../../core/money/money.ts';
import type { HomeDeadline, HomeFigure, HomeItem, HomeSection } from '../../../api/types.ts';
import EChart, { type EChartOption } from '../../../components/EChart.tsx';
import { LoadFailed } from '../../../components/LoadFailed.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { isEnglish, moneyLocale } from '../../../lib/indicator-values.ts';
import { useMyHome } from '../api/useMyHome.ts';
import './role-home.css';

const PALETTE = ['#1f5fbf', '#36a3a1', '#f0a020', '#c8102e', '#7a4fd0'];

/** One count to do: the number, what it is, and (when a list shows exactly these) a link to that list. */
function CountTile({ kind, entry }: { kind: string; entry: HomeItem }) {
  const { t } = useTranslation('home');
  const colour = entry.severity === 'danger' ? '#c8102e' : entry.severity === 'warning' ? '#d46b08' : undefined;
  const body = (
    <Card size="small" hoverable={entry.link !== null} className={`dxe-home-count is-${entry.severity}`}>
      <Statistic title={t(`items.${entry.key}`, { defaultValue: entry.key })} value={entry.count} styles={{ content: colour ? { color: colour } : undefined }} />
    </Card>
  );
  const testId = `home-count-${kind}-${entry.key}`;
  return entry.link ? (
    <Link to={entry.link} data-testid={testId} data-count={entry.count}>
      {body}
    </Link>
  ) : (
    <div data-testid={testId} data-count={entry.count}>
      {body}
    </div>
  );
}

function Deadlines({ kind, deadlines }: { kind: string; deadlines: HomeDeadline[] }) {
  const { t, i18n } = useTranslation('home');
  return (
    <List
      size="small"
      data-testid={`home-deadlines-${kind}`}
      dataSource={deadlines}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deadlines.none')} /> }}
      renderItem={(d) => (
        <List.Item extra={<Typography.Text type={d.overdue ? 'danger' : 'warning'} style={{ whiteSpace: 'nowrap' }}>{d.overdue ? t('deadlines.overdue') : formatDateTime(d.dueAt, i18n.language)}</Typography.Text>}>
          <List.Item.Meta
            title={d.link ? <Link to={d.link}>{d.label}</Link> : d.label}
            description={<Tag color={d.overdue ? 'red' : 'orange'}>{t(`deadlineKinds.${d.key}`, { defaultValue: d.key })}</Tag>}
          />
        </List.Item>
      )}
    />
  );
}

/** A figure: one number as a statistic, several compared as a small bar chart. */
function Figure({ kind, figure }: { kind: string; figure: HomeFigure }) {
  const { t, i18n } = useTranslation('home');
  const { t: tc } = useTranslation('common');
  const en = isEnglish(i18n.language);
  const title: string = t(`figures.${figure.key}`, { defaultValue: figure.key });
  const testId = `home-figure-${kind}-${figure.key}`;
  const format = (value: number) =>
    figure.unit === 'fen' ? formatFen(Math.round(value), moneyLocale(i18n.language)) : figure.unit === 'bp' ? `${(value / 100).toFixed(1)}%` : String(value);
  const pointName = (point: HomeFigure['points'][number]) => {
    if (point.label !== null) return en && point.labelEn ? point.labelEn : point.label;
    if (figure.key === 'accounts_by_role') return tc(`roles.${point.key}`, { defaultValue: point.key });
    return t(`points.${figure.key}.${point.key}`, { defaultValue: point.key });
  };
  const option = useMemo<EChartOption>(
    () => ({
      color: PALETTE,
      animationDuration: 300,
      grid: { left: 8, right: 16, top: figure.series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
      legend: figure.series.length > 1 ? { top: 0, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 12 } } : undefined,
      tooltip: { trigger: 'axis', confine: true, valueFormatter: (value) => format(Number(value)) },
      xAxis: { type: 'category', data: figure.points.map(pointName), axisLabel: { hideOverlap: true, width: 90, overflow: 'truncate' } },
      yAxis: { type: 'value', axisLabel: { formatter: (value: number) => (figure.unit === 'fen' ? format(value) : String(value)) }, splitLine: { lineStyle: { color: '#eef0f4' } } },
      series: figure.series.map((name, i) => ({ name: t(`series.${name}`, { defaultValue: name }), type: 'bar', barMaxWidth: 26, data: figure.points.map((p) => p.values[i] ?? 0) })),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the labels follow the language
    [figure, i18n.language],
  );
  const single = figure.points.length === 1 && figure.series.length === 1;
  return (
    <Card size="small" title={title} data-testid={testId} data-total={figure.points.reduce((sum, p) => sum + p.values.reduce((a, b) => a + b, 0), 0)}>
      {figure.points.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('figures.empty')} />
      ) : single ? (
        <Statistic value={figure.unit === 'rating' ? figure.points[0].values[0].toFixed(2) : format(figure.points[0].values[0])} suffix={figure.unit === 'rating' ? '/ 5' : undefined} />
      ) : (
        <EChart option={option} height={220} ariaLabel={title} />
      )}
    </Card>
  );
}

function Section({ section }: { section: HomeSection }) {
  const { t } = useTranslation('home');
  const kind = section.kind;
  const hasDeadlines = section.deadlines.length > 0 || !['data_admin', 'admin', 'auditor', 'finance_office', 'enterprise_user'].includes(kind);
  return (
    <Card title={t(`sections.${kind}`, { defaultValue: kind })} className="dxe-home-section" data-testid={`home-section-${kind}`}>
      <Typography.Title level={5}>{t('today')}</Typography.Title>
      <Row gutter={[12, 12]}>
        {section.items.map((entry) => (
          <Col key={entry.key} xs={12} sm={8} lg={6} xl={4}>
            <CountTile kind={kind} entry={entry} />
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {hasDeadlines && (
          <Col xs={24} lg={10}>
            <Typography.Title level={5}>{t('deadlines.title')}</Typography.Title>
            <Deadlines kind={kind} deadlines={section.deadlines} />
          </Col>
        )}
        <Col xs={24} lg={hasDeadlines ? 14 : 24}>
          <Row gutter={[12, 12]}>
            {section.figures.map((figure) => (
              <Col key={figure.key} xs={24} md={section.figures.length > 1 && !hasDeadlines ? 12 : 24}>
                <Figure kind={kind} figure={figure} />
              </Col>
            ))}
          </Row>
        </Col>
      </Row>
    </Card>
  );
}

/**
 * The role home: for each role of the user (among `kinds`), what needs doing today, deadlines about to
 * pass, and the figures the role watches — all from GET /api/me/home, scoped by the server. With
 * `part="figures"` only the charts (a workbench that shows its own counts adds the figures it lacks).
 */
export default function RoleHome({ kinds, part = 'all' }: { kinds?: readonly HomeSection['kind'][]; part?: 'all' | 'figures' }) {
  const { t } = useTranslation('home');
  const home = useMyHome();
  if (home.isError) return <LoadFailed error={home.error} onRetry={() => void home.refetch()} title={t('loadFailed')} />;
  if (!home.data) return <Skeleton active data-testid="home-loading" />;
  const sections = home.data.sections.filter((s) => !kinds || kinds.includes(s.kind));
  if (part === 'figures') {
    return (
      <Row gutter={[12, 12]} style={{ marginTop: 16 }} data-testid="role-figures">
        {sections.flatMap((section) =>
          section.figures.map((figure) => (
            <Col key={`${section.kind}-${figure.key}`} xs={24} lg={12}>
              <Figure kind={section.kind} figure={figure} />
            </Col>
          )),
        )}
      </Row>
    );
  }
  return (
    <div className="dxe-home-sections" data-testid="role-home">
      <Typography.Paragraph type="secondary">{t('asOf', { date: home.data.today, horizon: home.data.horizon })}</Typography.Paragraph>
      {sections.map((section) => (
        <Section key={section.kind} section={section} />
      ))}
    </div>
  );
}
