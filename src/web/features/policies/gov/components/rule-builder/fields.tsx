/**
 * The rule builder's shared inputs: the fact picker (by data category, with unit and source), a value in the
 * fact's unit, a period picker, money; used by the node editors (editors.tsx) and the benefit form.
 */
import { useMemo } from 'react';
import { Input, InputNumber, Select, Space, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ATTRIBUTE_FACTS, DEFAULT_CATALOGUE, DERIVED_FACTS } from '../../../../../../core/rules/catalogue.ts';
import { DATA_CATEGORY_NAMES, SOURCE_NAMES } from '../../../../../../core/profile/indicators.ts';
import { useIndicatorCatalogue } from '../../../../profile/shared/api/useReferenceData.ts';
import { isObject, type BuilderNode, type Json, type JsonObject } from '../../lib/rule-builder/descriptors.ts';

export const pretty = (value: Json) => JSON.stringify(value, null, 2);
export const parse = (text: string): { ok: true; value: Json } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch {
    return { ok: false };
  }
};
export type Lang = 'zh' | 'en';
export const langOf = (language: string): Lang => (language.startsWith('en') ? 'en' : 'zh');
export const localeOf = (lang: Lang) => (lang === 'en' ? 'en-US' : 'zh-CN');

// ---------------------------------------------------------------------------------------------
// The fact catalogue as the picker shows it: by data category, with unit and source.
// ---------------------------------------------------------------------------------------------

export interface FactOption {
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  periodic: boolean;
  category: string;
  sources: string[];
  values?: readonly string[];
}

export function useFacts(): FactOption[] {
  const { data } = useIndicatorCatalogue();
  return useMemo(() => {
    const indicators: FactOption[] = (data ?? []).map((i) => ({ code: i.code, nameZh: i.nameZh, nameEn: i.nameEn, unit: i.unit, periodic: true, category: i.category, sources: i.sources, ...(i.grades && { values: i.grades }) }));
    const known = new Set(indicators.map((f) => f.code));
    const fromCatalogue = [...DEFAULT_CATALOGUE.facts.values()]
      .filter((f) => !known.has(f.code))
      .map((f) => ({ code: f.code, nameZh: f.nameZh, nameEn: f.nameEn, unit: f.unit, periodic: f.periodicity !== null, category: [...ATTRIBUTE_FACTS, ...DERIVED_FACTS].some((a) => a.code === f.code) ? 'basics' : 'operations', sources: [], ...(f.values && { values: f.values }) }));
    return [...indicators, ...fromCatalogue];
  }, [data]);
}

export function FactSelect({ value, onChange, facts, filter }: { value?: string; onChange: (code: string) => void; facts: FactOption[]; filter?: (f: FactOption) => boolean }) {
  const { t, i18n } = useTranslation('ruleBuilder');
  const lang = langOf(i18n.language);
  const groups = new Map<string, FactOption[]>();
  for (const f of facts.filter(filter ?? (() => true))) groups.set(f.category, [...(groups.get(f.category) ?? []), f]);
  const unitText = (unit: string) => t(`units.${unitKeyOf(unit)}` as never) as string;
  const categoryName = (c: string) => (DATA_CATEGORY_NAMES as Record<string, { zh: string; en: string }>)[c]?.[lang] ?? (lang === 'zh' ? '基本信息' : 'Basics');
  return (
    <Select
      showSearch
      value={value}
      onChange={onChange}
      placeholder={t('factPlaceholder')}
      style={{ minWidth: 220 }}
      optionFilterProp="search"
      popupMatchSelectWidth={360}
      data-testid="rb-fact"
      options={[...groups.entries()].map(([category, list]) => ({
        label: categoryName(category),
        options: list.map((f) => ({
          value: f.code,
          search: `${f.nameZh} ${f.nameEn}`,
          label: (
            <Tooltip placement="right" title={[t('unitOf', { unit: unitText(f.unit) }), f.sources.length ? t('sourceOf', { sources: f.sources.map((s) => (SOURCE_NAMES as Record<string, { zh: string; en: string }>)[s]?.[lang] ?? s).join('、') }) : ''].filter(Boolean).join('；')}>
              <span>{lang === 'zh' ? f.nameZh : f.nameEn}</span> <Typography.Text type="secondary">（{unitText(f.unit)}）</Typography.Text>
            </Tooltip>
          ),
        })),
      }))}
    />
  );
}

/** The unit keys of constants a fact of this unit is written in. */
export const CONSTANT_UNITS: Record<string, string[]> = { fen: ['wan', 'yi', 'yuan'], bp: ['percent'], person: ['people'], count: ['count'], kwh: ['kwh'], years: ['years'], date: ['date'] };
export const unitKeyOf = (unit: string) => ({ fen: 'wan', bp: 'percent', person: 'people' } as Record<string, string>)[unit] ?? (['count', 'kwh', 'years', 'date'].includes(unit) ? unit : 'count');

// ---------------------------------------------------------------------------------------------
// Values, periods
// ---------------------------------------------------------------------------------------------

export function ValueInput({ value, onChange, factUnit }: { value: Json; onChange: (v: JsonObject) => void; factUnit?: string }) {
  const { t } = useTranslation('ruleBuilder');
  const current = isObject(value) ? Object.keys(value)[0] : undefined;
  const units = CONSTANT_UNITS[factUnit ?? ''] ?? (current ? [current] : ['count']);
  const unit = current && (units.includes(current) || !factUnit) ? current : units[0];
  const amount = isObject(value) && current === unit ? value[unit] : null;
  if (unit === 'date') return <Input style={{ width: 140 }} value={typeof amount === 'string' ? amount : ''} placeholder="2025-01-01" onChange={(e) => onChange({ date: e.target.value })} />;
  return (
    <Space.Compact>
      <InputNumber<string>
        stringMode
        value={amount === null || amount === undefined ? null : String(amount)}
        onChange={(v) => onChange({ [unit]: v === null ? 0 : typeof amount === 'string' ? v : Number(v) })}
        style={{ width: 130 }}
        data-testid="rb-value"
      />
      <Select value={unit} style={{ width: 110 }} onChange={(u) => onChange({ [u]: (amount as never) ?? 0 })} options={[...new Set([...units, ...(current ? [current] : [])])].map((u) => ({ value: u, label: t(`units.${u}` as never) as string }))} />
    </Space.Compact>
  );
}

export function PeriodPicker({ value, onChange, quarterly }: { value: Json | undefined; onChange: (p: JsonObject | undefined) => void; quarterly?: boolean }) {
  const { t } = useTranslation('ruleBuilder');
  const p = isObject(value) ? value : undefined;
  const mode = !p ? 'none' : p.yearsAgo === 1 ? 'lastYear' : p.yearsAgo === 0 ? 'thisYear' : typeof p.yearsAgo === 'number' ? 'yearsAgo' : typeof p.year === 'number' ? 'year' : typeof p.quarter === 'string' ? 'quarter' : p.latest === true ? 'latest' : 'other';
  const thisYear = new Date().getFullYear();
  return (
    <Space.Compact>
      <Select
        value={mode}
        style={{ width: 130 }}
        data-testid="rb-period"
        onChange={(m) => onChange(m === 'lastYear' ? { yearsAgo: 1 } : m === 'thisYear' ? { yearsAgo: 0 } : m === 'yearsAgo' ? { yearsAgo: 2 } : m === 'year' ? { year: thisYear - 1 } : m === 'quarter' ? { quarter: `${thisYear}Q1` } : m === 'latest' ? { latest: true } : m === 'none' ? undefined : p)}
        options={[
          { value: 'lastYear', label: t('period.lastYear') },
          { value: 'thisYear', label: t('period.thisYear') },
          { value: 'yearsAgo', label: t('period.yearsAgo', { n: 'N' }) },
          { value: 'year', label: t('period.year') },
          ...(quarterly ? [{ value: 'quarter', label: t('period.quarter') }] : []),
          { value: 'latest', label: t('period.latest') },
          { value: 'none', label: t('period.none') },
          ...(mode === 'other' ? [{ value: 'other', label: JSON.stringify(p) }] : []),
        ]}
      />
      {mode === 'yearsAgo' && <InputNumber min={2} max={20} value={p!.yearsAgo as number} onChange={(n) => onChange({ yearsAgo: n ?? 2 })} style={{ width: 70 }} />}
      {mode === 'year' && <InputNumber min={1900} max={2200} value={p!.year as number} onChange={(n) => onChange({ year: n ?? thisYear - 1 })} style={{ width: 90 }} />}
      {mode === 'quarter' && <Input value={p!.quarter as string} onChange={(e) => onChange({ quarter: e.target.value })} style={{ width: 90 }} placeholder="2025Q1" />}
    </Space.Compact>
  );
}


export function safeText(render: () => string): string {
  try {
    return render();
  } catch {
    return '…';
  }
}

export function MoneyInput({ value, onChange, testId }: { value: Json | undefined; onChange: (v: JsonObject | undefined) => void; testId?: string }) {
  return <ValueInput value={value ?? { wan: null as never }} factUnit="fen" onChange={onChange} data-testid={testId} />;
}


export interface EditorProps {
  node: BuilderNode;
  onChange: (node: BuilderNode) => void;
  facts: FactOption[];
}

export const OPS = ['>=', '>', '<=', '<', '==', '!='] as const;
