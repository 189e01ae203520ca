import { useMemo, useState } from 'react';
import { Button, Select, Switch, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, FlagOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DATA_CATEGORIES, type DataCategory, type Indicator, type IndicatorValue } from '../../../../api/types.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { DESKTOP_QUERY, useMediaQuery } from '../../../../lib/useMediaQuery.ts';
import { categoryName, comparePeriods, formatIndicatorValue, isEnglish } from '../../../../lib/indicator-values.ts';

interface IndicatorTableProps {
  values: IndicatorValue[] | undefined;
  /** The registry, for its order (key facts first); rows of unknown indicators go last. */
  catalogue: readonly Indicator[] | undefined;
  isLoading: boolean;
  /** Why the values did not load; null when they did (or are loading). */
  loadError: unknown;
  onRetry: () => void;
  /** The enterprise's own user: dispute a government fact. */
  onDispute?: (row: IndicatorValue) => void;
  /** The enterprise's own user: correct a self-reported fact. */
  onCorrect?: (row: IndicatorValue) => void;
}

/** A row action: a text link on desktops, an icon with a tooltip on phones (the table must fit 375 px). */
function ActionButton({ icon, label, compact, onClick, testId }: { icon: React.ReactNode; label: string; compact: boolean; onClick: () => void; testId: string }) {
  if (!compact) {
    return (
      <Button type="link" size="small" icon={icon} onClick={onClick} data-testid={testId}>
        {label}
      </Button>
    );
  }
  return (
    <Tooltip title={label}>
      <Button type="text" size="small" icon={icon} aria-label={label} onClick={onClick} data-testid={testId} />
    </Tooltip>
  );
}

const rowKey = (row: IndicatorValue) => `${row.code}|${row.period}|${row.source}`;

/** Registry order (or category, then code), newest period first, the effective source first. */
function compareRows(order: Map<string, number>, a: IndicatorValue, b: IndicatorValue): number {
  const rank = (row: IndicatorValue) => order.get(row.code) ?? 100_000 + DATA_CATEGORIES.indexOf(row.category);
  return (
    rank(a) - rank(b) ||
    a.code.localeCompare(b.code) ||
    -comparePeriods(a.period, b.period) ||
    Number(b.isEffective) - Number(a.isEffective) ||
    a.source.localeCompare(b.source)
  );
}

/** 指标数据: every value the caller may see — indicator, period, value in its unit, source, as-of date, effective or not. */
export function IndicatorTable({ values, catalogue, isLoading, loadError, onRetry, onDispute, onCorrect }: IndicatorTableProps) {
  const { t, i18n } = useTranslation('enterprises');
  const { t: tc } = useTranslation('common');
  const language = i18n.language;
  const en = isEnglish(language);
  const isDesktop = useMediaQuery(DESKTOP_QUERY);
  const [category, setCategory] = useState<DataCategory | undefined>();
  const [code, setCode] = useState<string | undefined>();
  const [source, setSource] = useState<string | undefined>();
  const [effectiveOnly, setEffectiveOnly] = useState(false);
  const [page, setPage] = useState(1);

  const all = useMemo(() => {
    // Key facts first (revenue, staff, tax …), then by data category, then as the registry lists them.
    const order = new Map((catalogue ?? []).map((indicator, index) => [indicator.code, (indicator.isKey ? 0 : 10_000) + DATA_CATEGORIES.indexOf(indicator.category) * 1_000 + index]));
    return [...(values ?? [])].sort((a, b) => compareRows(order, a, b));
  }, [values, catalogue]);
  const categories = DATA_CATEGORIES.filter((item) => all.some((row) => row.category === item));
  const indicators = [...new Map(all.filter((row) => !category || row.category === category).map((row) => [row.code, en ? row.nameEn : row.nameZh])).entries()];
  const sources = [...new Map(all.map((row) => [row.source, en ? row.sourceNameEn : row.sourceNameZh])).entries()];
  const rows = all.filter((row) => (!category || row.category === category) && (!code || row.code === code) && (!source || row.source === source) && (!effectiveOnly || row.isEffective));
  const isFiltered = Boolean(category || code || source || effectiveOnly);
  const hasActions = Boolean(onDispute || onCorrect);

  const effectiveTag = (row: IndicatorValue) => (
    <Tooltip title={row.isEffective ? t('profile.indicators.effectiveHint') : t('profile.indicators.notEffectiveHint')}>
      <Tag color={row.isEffective ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
        {row.isEffective ? t('profile.indicators.effective') : t('profile.indicators.notEffective')}
      </Tag>
    </Tooltip>
  );

  const columns: TableColumnsType<IndicatorValue> = [
    {
      title: t('profile.indicators.indicator'),
      key: 'indicator',
      render: (_, row) => (
        <div className="dxe-indicator-name">
          <span>{en ? row.nameEn : row.nameZh}</span>
          {!isDesktop && (
            <Typography.Text type="secondary" className="dxe-indicator-sub">
              {en ? row.sourceNameEn : row.sourceNameZh} · {row.asOf}
              {!row.isEffective && ` · ${t('profile.indicators.notEffective')}`}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: t('profile.indicators.period'), dataIndex: 'period', key: 'period', width: isDesktop ? 96 : 56 },
    {
      title: t('profile.indicators.value'),
      key: 'value',
      align: 'right',
      width: isDesktop ? undefined : 100,
      render: (_, row) => (
        <span className="dxe-number" data-testid={`indicator-value-${row.code}-${row.period}-${row.source}`}>
          {formatIndicatorValue(row.unit, row.value, row.valueText, language)}
        </span>
      ),
    },
    ...(isDesktop
      ? ([
          { title: t('profile.indicators.source'), key: 'source', render: (_, row) => (en ? row.sourceNameEn : row.sourceNameZh) },
          { title: t('profile.indicators.asOf'), dataIndex: 'asOf', key: 'asOf' },
          { title: t('profile.indicators.effectiveColumn'), key: 'effective', render: (_, row) => effectiveTag(row) },
        ] satisfies TableColumnsType<IndicatorValue>)
      : []),
    ...(hasActions
      ? ([
          {
            title: isDesktop ? tc('table.actions') : '',
            key: 'actions',
            width: isDesktop ? undefined : 40,
            render: (_, row) =>
              row.source === 'self_reported' ? (
                onCorrect && (
                  <ActionButton icon={<EditOutlined />} label={t('profile.indicators.correct')} compact={!isDesktop} onClick={() => onCorrect(row)} testId={`indicator-correct-${row.code}-${row.period}`} />
                )
              ) : (
                onDispute && (
                  <ActionButton icon={<FlagOutlined />} label={t('profile.indicators.dispute')} compact={!isDesktop} onClick={() => onDispute(row)} testId={`indicator-dispute-${row.code}-${row.period}-${row.source}`} />
                )
              ),
          },
        ] satisfies TableColumnsType<IndicatorValue>)
      : []),
  ];

  const resetPage = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setPage(1);
  };

  return (
    <>
      <div className="dxe-filters dxe-indicator-filters">
        <Select<DataCategory>
          allowClear
          placeholder={t('profile.indicators.filterCategory')}
          value={category}
          onChange={(value) => {
            setCategory(value);
            setCode(undefined);
            setPage(1);
          }}
          options={categories.map((value) => ({ value, label: categoryName(value, language) }))}
          className="dxe-indicator-filter"
          data-testid="indicator-filter-category"
        />
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('profile.indicators.filterIndicator')}
          value={code}
          onChange={resetPage(setCode)}
          options={indicators.map(([value, label]) => ({ value, label }))}
          className="dxe-indicator-filter"
          popupMatchSelectWidth={false}
          data-testid="indicator-filter-code"
        />
        <Select<string>
          allowClear
          placeholder={t('profile.indicators.filterSource')}
          value={source}
          onChange={resetPage(setSource)}
          options={sources.map(([value, label]) => ({ value, label }))}
          className="dxe-indicator-filter"
          popupMatchSelectWidth={false}
          data-testid="indicator-filter-source"
        />
        <span className="dxe-switch-label">
          <Switch size="small" checked={effectiveOnly} onChange={resetPage(setEffectiveOnly)} data-testid="indicator-filter-effective" />
          <span>{t('profile.indicators.effectiveOnly')}</span>
        </span>
      </div>
      {loadError != null ? (
        <LoadFailed error={loadError} onRetry={onRetry} title={t('profile.indicators.loadFailed')} testId="indicator-table-error" />
      ) : (
        <Table<IndicatorValue>
          rowKey={rowKey}
          size="small"
          columns={columns}
          dataSource={rows}
          loading={isLoading}
          // Phones: no inner scroll; the indicator names wrap instead.
          scroll={isDesktop ? { x: 'max-content' } : undefined}
          tableLayout={isDesktop ? undefined : 'fixed'}
          locale={{ emptyText: isFiltered ? tc('states.noResults') : t('profile.indicators.empty') }}
          pagination={{
            current: page,
            pageSize: 10,
            onChange: setPage,
            showSizeChanger: false,
            size: 'small',
            hideOnSinglePage: true,
            showTotal: isDesktop ? (total) => tc('table.total', { total }) : undefined,
          }}
          data-testid="indicator-table"
        />
      )}
    </>
  );
}
