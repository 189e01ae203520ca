/**
 * The visual rule builder (issue 11): the default editor of a policy's eligibility rule and benefit, with the
 * JSON kept as an expert tab. Built on antd forms rather than a query-builder component: the rule language has
 * periods, units-as-keys, 不得 groups, industry trees and record-level kinds no generic query builder models,
 * and the round trip must be exact. Every node is shown by the editor of its descriptor's kind
 * (lib/rule-builder/descriptors.ts); a kind the builder does not know is shown read-only as its readable text
 * with an "edit as JSON" affordance and kept exactly. Loaded lazily, on the editor page only.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Dropdown, Empty, Input, InputNumber, Modal, Segmented, Select, Space, Tabs, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, CodeOutlined, DeleteOutlined, MenuFoldOutlined, MenuUnfoldOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ATTRIBUTE_FACTS, DEFAULT_CATALOGUE, DERIVED_FACTS, SIZE_CLASSES } from '../../../../../../core/rules/catalogue.ts';
import { renderBenefit } from '../../../../../../core/rules/benefit.ts';
import { renderRule, renderRuleText } from '../../../../../../core/rules/explain/render.ts';
import type { Benefit, RuleNode } from '../../../../../../core/rules/schema.ts';
import { CERTIFICATIONS, DATA_CATEGORY_NAMES, SOURCE_NAMES } from '../../../../../../core/profile/indicators.ts';
import { listDivisions, listGroups, listSections } from '../../../../../../core/profile/industry-codes.ts';
import { useIndicatorCatalogue } from '../../../../profile/shared/api/useReferenceData.ts';
import { AMOUNT_KINDS, benefitFromModel, benefitToModel, fromBuilder, GROUP_KINDS, isObject, toBuilder, type BenefitModel, type BuilderNode, type Json, type JsonObject } from '../../lib/rule-builder/descriptors.ts';
import { appendChild, indentNode, moveNode, outdentNode, removeNode, replaceNode } from '../../lib/rule-builder/tree-ops.ts';
import { RuleField, type ServerProblems } from '../RuleField.tsx';
import { isEmptyRule } from '../../lib/rule-edit.ts';

const pretty = (value: Json) => JSON.stringify(value, null, 2);
const parse = (text: string): { ok: true; value: Json } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch {
    return { ok: false };
  }
};
type Lang = 'zh' | 'en';
const langOf = (language: string): Lang => (language.startsWith('en') ? 'en' : 'zh');
const localeOf = (lang: Lang) => (lang === 'en' ? 'en-US' : 'zh-CN');

// ---------------------------------------------------------------------------------------------
// The fact catalogue as the picker shows it: by data category, with unit and source.
// ---------------------------------------------------------------------------------------------

interface FactOption {
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  periodic: boolean;
  category: string;
  sources: string[];
  values?: readonly string[];
}

function useFacts(): FactOption[] {
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

function FactSelect({ value, onChange, facts, filter }: { value?: string; onChange: (code: string) => void; facts: FactOption[]; filter?: (f: FactOption) => boolean }) {
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
const CONSTANT_UNITS: Record<string, string[]> = { fen: ['wan', 'yi', 'yuan'], bp: ['percent'], person: ['people'], count: ['count'], kwh: ['kwh'], years: ['years'], date: ['date'] };
const unitKeyOf = (unit: string) => ({ fen: 'wan', bp: 'percent', person: 'people' } as Record<string, string>)[unit] ?? (['count', 'kwh', 'years', 'date'].includes(unit) ? unit : 'count');

// ---------------------------------------------------------------------------------------------
// Values, periods
// ---------------------------------------------------------------------------------------------

function ValueInput({ value, onChange, factUnit }: { value: Json; onChange: (v: JsonObject) => void; factUnit?: string }) {
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

function PeriodPicker({ value, onChange, quarterly }: { value: Json | undefined; onChange: (p: JsonObject | undefined) => void; quarterly?: boolean }) {
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

// ---------------------------------------------------------------------------------------------
// Node editors, one per kind; kinds without one are shown read-only with "edit as JSON".
// ---------------------------------------------------------------------------------------------

interface EditorProps {
  node: BuilderNode;
  onChange: (node: BuilderNode) => void;
  facts: FactOption[];
}

const OPS = ['>=', '>', '<=', '<', '==', '!='] as const;

function CompareEditor({ node, onChange, facts }: EditorProps) {
  const { t } = useTranslation('ruleBuilder');
  const m = node.model;
  const set = (patch: JsonObject) => onChange({ ...node, model: { ...m, ...patch } });
  const left = isObject(m.left) ? m.left : {};
  const growth = isObject(left.growth) ? left.growth : null;
  const factCode = (typeof left.fact === 'string' ? left.fact : typeof growth?.fact === 'string' ? growth.fact : undefined) as string | undefined;
  const fact = facts.find((f) => f.code === factCode);
  const leftEditable = typeof left.fact === 'string' || growth !== null;
  const rightIsConstant = isObject(m.right) && Object.keys(m.right).length === 1 && !['fact', 'param', 'ratio', 'growth', 'change', 'sum', 'yearsSince'].includes(Object.keys(m.right)[0]);
  return (
    <Space wrap>
      {leftEditable ? (
        <>
          <FactSelect facts={facts} value={factCode} onChange={(code) => set({ left: growth ? { growth: { ...growth, fact: code } } : { ...left, fact: code, ...(facts.find((f) => f.code === code)?.periodic ? { period: (left.period as Json) ?? { yearsAgo: 1 } } : {}) } })} />
          {growth ? <Tag color="blue">{t('kinds.growth')}</Tag> : fact?.periodic !== false && <PeriodPicker value={left.period} quarterly onChange={(period) => set({ left: period ? { ...left, period } : { fact: left.fact as string } })} />}
        </>
      ) : (
        <Typography.Text code>{safeText(() => renderRuleText({ left: m.left, op: '>=', right: m.left } as never, { catalogue: DEFAULT_CATALOGUE }).split('≥')[0])}</Typography.Text>
      )}
      <Select value={m.op as string} style={{ width: 100 }} onChange={(op) => set({ op })} options={OPS.map((op) => ({ value: op, label: t(`comparators.${op}`) }))} data-testid="rb-op" />
      {rightIsConstant ? <ValueInput value={m.right} factUnit={growth ? 'bp' : fact?.unit} onChange={(right) => set({ right })} /> : <Typography.Text code>{JSON.stringify(m.right)}</Typography.Text>}
    </Space>
  );
}

function InEditor({ node, onChange, facts }: EditorProps) {
  const { t } = useTranslation('ruleBuilder');
  const m = node.model;
  const value = isObject(m.value) ? m.value : {};
  const fact = facts.find((f) => f.code === value.fact);
  const codes = (Array.isArray(m.in) ? m.in : []) as string[];
  const known = value.fact === 'size_class' ? SIZE_CLASSES : fact?.values;
  return (
    <Space wrap>
      <FactSelect facts={facts} filter={(f) => f.unit === 'code'} value={value.fact as string} onChange={(code) => onChange({ ...node, model: { ...m, value: { ...value, fact: code } } })} />
      {fact?.periodic && <PeriodPicker value={value.period} onChange={(period) => onChange({ ...node, model: { ...m, value: period ? { ...value, period } : { fact: value.fact as string } } })} />}
      <Select value={node.kind === 'notIn' ? 'notIn' : 'in'} style={{ width: 100 }} onChange={(k) => onChange({ ...node, kind: k as 'in' | 'notIn' })} options={[{ value: 'in', label: t('comparators.in') }, { value: 'notIn', label: t('comparators.notIn') }]} />
      <Select
        mode={known ? 'multiple' : 'tags'}
        value={codes}
        style={{ minWidth: 200 }}
        placeholder={t('codes')}
        onChange={(list: string[]) => onChange({ ...node, model: { ...m, in: list } })}
        options={(known ?? codes).map((code) => ({ value: code, label: value.fact === 'size_class' ? t(`sizeClasses.${code}` as never) : code }))}
      />
    </Space>
  );
}

function IsEditor({ node, onChange, facts }: EditorProps) {
  const { t } = useTranslation('ruleBuilder');
  const m = node.model;
  const value = isObject(m.value) ? m.value : {};
  const fact = facts.find((f) => f.code === value.fact);
  return (
    <Space wrap>
      <FactSelect facts={facts} filter={(f) => f.unit === 'bool'} value={value.fact as string} onChange={(code) => onChange({ ...node, model: { ...m, value: { ...value, fact: code } } })} />
      {fact?.periodic && <PeriodPicker value={value.period} onChange={(period) => onChange({ ...node, model: { ...m, value: period ? { ...value, period } : { fact: value.fact as string } } })} />}
      <Segmented value={m.is === true ? 'yes' : 'no'} onChange={(v) => onChange({ ...node, model: { ...m, is: v === 'yes' } })} options={[{ value: 'yes', label: t('yes') }, { value: 'no', label: t('no') }]} />
    </Space>
  );
}

function IndustryEditor({ node, onChange }: EditorProps) {
  const { t, i18n } = useTranslation('ruleBuilder');
  const lang = langOf(i18n.language);
  const m = node.model;
  const industry = isObject(m.industry) ? m.industry : {};
  const tree = useMemo(
    () =>
      listSections().map((s) => ({
        value: `S:${s.code}`,
        title: `${s.code} ${lang === 'zh' ? s.nameZh : s.nameEn}`,
        children: listDivisions(s.code).map((d) => ({
          value: `P:${d.code}`,
          title: `${d.code} ${lang === 'zh' ? d.nameZh : d.nameEn}`,
          children: listGroups(d.code).map((g) => ({ value: `P:${g.code}`, title: `${g.code} ${lang === 'zh' ? g.nameZh : g.nameEn}` })),
        })),
      })),
    [lang],
  );
  const selected = [...((industry.sections as string[] | undefined) ?? []).map((s) => `S:${s}`), ...((industry.prefixes as string[] | undefined) ?? []).map((p) => `P:${p}`)];
  const ranges = (industry.divisionRanges as [string, string][] | undefined) ?? [];
  const update = (values: string[]) => {
    const sections = values.filter((v) => v.startsWith('S:')).map((v) => v.slice(2));
    const prefixes = values.filter((v) => v.startsWith('P:')).map((v) => v.slice(2));
    const { sections: _s, prefixes: _p, ...rest } = industry;
    onChange({ ...node, model: { ...m, industry: { ...rest, ...(sections.length && { sections }), ...(prefixes.length && { prefixes }) } } });
  };
  return (
    <Space wrap>
      <Typography.Text>{t('industry.label')}</Typography.Text>
      {ranges.map(([from, to]) => (
        <Tag key={`${from}-${to}`} closable onClose={() => onChange({ ...node, model: { ...m, industry: { ...industry, divisionRanges: ranges.filter((r) => r[0] !== from || r[1] !== to) } } })}>
          {from === '06' && to === '46' ? t('industry.industrialAll') : `${from}–${to}`}
        </Tag>
      ))}
      <TreeSelect treeData={tree} value={selected} onChange={update} multiple showSearch treeNodeFilterProp="title" placeholder={t('industry.placeholder')} style={{ minWidth: 320 }} data-testid="rb-industry" />
    </Space>
  );
}

function HistoryEditor({ node, onChange }: EditorProps) {
  const { t } = useTranslation('ruleBuilder');
  const m = node.model;
  const set = (patch: JsonObject) => onChange({ ...node, model: { ...m, ...patch } });
  return (
    <Space wrap>
      <Typography.Text>{t('history.label')}</Typography.Text>
      <Select value={m.test as string} style={{ width: 170 }} onChange={(test) => set({ test })} options={['firstEntry', 'entry', 'reEntry', 'heldConsecutive', 'everExited'].map((v) => ({ value: v, label: t(`history.${v}` as never) }))} />
      <PeriodPicker value={m.year} onChange={(year) => year && set({ year })} />
      {m.test === 'heldConsecutive' && <InputNumber min={1} max={30} addonAfter={t('units.years')} value={m.years as number} onChange={(years) => set({ years: years ?? 1 })} />}
    </Space>
  );
}

function CertificationEditor({ node, onChange }: EditorProps) {
  const { t, i18n } = useTranslation('ruleBuilder');
  const lang = langOf(i18n.language);
  const m = node.model;
  const set = (patch: JsonObject) => onChange({ ...node, model: { ...m, ...patch } });
  return (
    <Space wrap>
      <Select value={m.certification as string} style={{ width: 220 }} showSearch optionFilterProp="label" onChange={(certification) => set({ certification })} options={CERTIFICATIONS.map((c) => ({ value: c.code, label: lang === 'zh' ? c.nameZh : c.nameEn }))} data-testid="rb-certification" />
      <Select value={m.test as string} style={{ width: 160 }} onChange={(test) => set({ test })} options={['heldOn', 'awardedIn', 'firstAwardedIn', 'renewedIn', 'heldForYears'].map((v) => ({ value: v, label: t(`certification.${v}` as never) }))} />
      {m.test !== 'heldOn' && m.test !== 'heldForYears' && <PeriodPicker value={m.year} onChange={(year) => set(year ? { year } : {})} />}
      {m.test === 'heldForYears' && <InputNumber min={1} max={30} addonAfter={t('units.years')} value={m.years as number} onChange={(years) => set({ years: years ?? 1 })} />}
    </Space>
  );
}

/** The editors by kind; a kind not listed is shown read-only (its readable text) with "edit as JSON". */
const EDITORS: Partial<Record<BuilderNode['kind'], (props: EditorProps) => React.ReactNode>> = {
  compare: CompareEditor,
  in: InEditor,
  notIn: InEditor,
  is: IsEditor,
  industry: IndustryEditor,
  history: HistoryEditor,
  certification: CertificationEditor,
};

function safeText(render: () => string): string {
  try {
    return render();
  } catch {
    return '…';
  }
}

function JsonNodeModal({ node, open, onClose, onApply }: { node: BuilderNode; open: boolean; onClose: () => void; onApply: (n: BuilderNode) => void }) {
  const { t } = useTranslation('ruleBuilder');
  const [text, setText] = useState(() => pretty(fromBuilder(node)));
  const parsed = parse(text);
  return (
    <Modal open={open} title={t('actions.editJson')} onCancel={onClose} okText={t('actions.apply')} cancelText={t('actions.cancel')} okButtonProps={{ disabled: !parsed.ok }} onOk={() => parsed.ok && (onApply({ ...toBuilder(parsed.value), id: node.id }), onClose())} destroyOnHidden>
      <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} rows={12} style={{ fontFamily: 'monospace' }} data-testid="rb-json-node" />
      {!parsed.ok && <Alert type="error" title={t('jsonInvalid')} />}
    </Modal>
  );
}

/** New nodes of the "add condition" menu. */
const TEMPLATES: Record<string, () => Json> = {
  compare: () => ({ left: { fact: 'main_revenue', period: { yearsAgo: 1 } }, op: '>=', right: { wan: 0 } }),
  growth: () => ({ left: { growth: { fact: 'main_revenue', from: { yearsAgo: 2 }, to: { yearsAgo: 1 } } }, op: '>=', right: { percent: 0 } }),
  in: () => ({ value: { fact: 'town' }, in: [] }),
  sizeClass: () => ({ value: { fact: 'size_class', period: { yearsAgo: 1 } }, in: ['small', 'micro'] }),
  is: () => ({ value: { fact: 'is_above_scale', period: { yearsAgo: 1 } }, is: true }),
  industry: () => ({ industry: { divisionRanges: [['06', '46']] } }),
  history: () => ({ history: 'above_scale', test: 'heldConsecutive', year: { yearsAgo: 1 }, years: 2 }),
  certification: () => ({ certification: 'high_tech', test: 'heldOn' }),
};

interface NodeViewProps {
  node: BuilderNode;
  root: BuilderNode;
  setRoot: (root: BuilderNode) => void;
  facts: FactOption[];
  depth: number;
}

function NodeView({ node, root, setRoot, facts, depth }: NodeViewProps) {
  const { t, i18n } = useTranslation('ruleBuilder');
  const [jsonOpen, setJsonOpen] = useState(false);
  const isRoot = node.id === root.id;
  const toolbar = !isRoot && (
    <Space size={0}>
      <Tooltip title={t('actions.up')}><Button size="small" type="text" icon={<ArrowUpOutlined />} onClick={() => setRoot(moveNode(root, node.id, -1))} /></Tooltip>
      <Tooltip title={t('actions.down')}><Button size="small" type="text" icon={<ArrowDownOutlined />} onClick={() => setRoot(moveNode(root, node.id, 1))} /></Tooltip>
      <Tooltip title={t('actions.indent')}><Button size="small" type="text" icon={<MenuUnfoldOutlined />} onClick={() => setRoot(indentNode(root, node.id))} /></Tooltip>
      <Tooltip title={t('actions.outdent')}><Button size="small" type="text" icon={<MenuFoldOutlined />} onClick={() => setRoot(outdentNode(root, node.id))} /></Tooltip>
      <Tooltip title={t('actions.editJson')}><Button size="small" type="text" icon={<CodeOutlined />} onClick={() => setJsonOpen(true)} /></Tooltip>
      <Tooltip title={t('actions.remove')}><Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => setRoot(removeNode(root, node.id))} data-testid="rb-remove" /></Tooltip>
    </Space>
  );
  const modal = jsonOpen && <JsonNodeModal node={node} open onClose={() => setJsonOpen(false)} onApply={(next) => setRoot(replaceNode(root, node.id, next))} />;

  if (GROUP_KINDS.has(node.kind) && node.children) {
    const kind = node.kind as 'all' | 'any' | 'not' | 'atLeast';
    const addMenu = {
      items: Object.keys(TEMPLATES).map((key) => ({ key, label: t(`kinds.${key}` as never) as string })),
      onClick: ({ key }: { key: string }) => setRoot(appendChild(root, node.id, toBuilder(TEMPLATES[key]()))),
    };
    const switchKind = (next: string) => {
      const json = fromBuilder(node) as JsonObject;
      const children = (json.all ?? json.any ?? json.of ?? (json.not ? [json.not] : [])) as Json[];
      const { all: _a, any: _b, of: _c, not: _d, atLeast: _e, ...rest } = json;
      const rebuilt = next === 'not' ? { ...rest, not: children.length === 1 ? children[0] : { all: children } } : next === 'atLeast' ? { ...rest, atLeast: 1, of: children } : { ...rest, [next]: children };
      setRoot(replaceNode(root, node.id, { ...toBuilder(rebuilt), id: node.id }));
    };
    return (
      <div className={`dxe-rb-group dxe-rb-depth-${depth % 3}`} data-testid={`rb-group-${kind}`} style={{ borderInlineStart: '3px solid #91caff', paddingInlineStart: 12, marginBlock: 8 }}>
        <Space wrap style={{ marginBottom: 6 }}>
          <Select value={kind} style={{ width: 130 }} onChange={switchKind} data-testid="rb-group-kind" options={(['all', 'any', 'not', 'atLeast'] as const).map((k) => ({ value: k, label: t(`groups.${k}`, { k: 'k' }) }))} />
          {kind === 'atLeast' && <InputNumber min={1} value={node.model.atLeast as number} onChange={(k) => setRoot(replaceNode(root, node.id, { ...node, model: { ...node.model, atLeast: k ?? 1 } }))} style={{ width: 70 }} />}
          <Typography.Text type="secondary">{t(`groupHint.${kind}`)}</Typography.Text>
          <Dropdown menu={addMenu} trigger={['click']}>
            <Button size="small" icon={<PlusOutlined />} data-testid="rb-add-condition">{t('addCondition')}</Button>
          </Dropdown>
          <Button size="small" icon={<PlusOutlined />} onClick={() => setRoot(appendChild(root, node.id, toBuilder({ any: [] })))} data-testid="rb-add-group">{t('addGroup')}</Button>
          {toolbar}
        </Space>
        {node.children.length === 0 ? <Typography.Paragraph type="secondary">{isRoot ? t('emptyRule') : t('emptyGroup')}</Typography.Paragraph> : node.children.map((child) => <NodeView key={child.id} node={child} root={root} setRoot={setRoot} facts={facts} depth={depth + 1} />)}
        {modal}
      </div>
    );
  }

  const Editor = EDITORS[node.kind];
  return (
    <Card size="small" style={{ marginBlock: 6 }} data-testid={`rb-node-${node.kind}`} styles={{ body: { padding: 8 } }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
        {Editor ? (
          <Editor node={node} facts={facts} onChange={(next) => setRoot(replaceNode(root, node.id, next))} />
        ) : (
          <div>
            <Typography.Text type="secondary">{t('readonlyNode')}</Typography.Text>
            <div data-testid="rb-readonly">{safeText(() => renderRuleText(fromBuilder(node) as unknown as RuleNode, { catalogue: DEFAULT_CATALOGUE, locale: localeOf(langOf(i18n.language)) }))}</div>
          </div>
        )}
        {toolbar}
      </div>
      {modal}
    </Card>
  );
}

// ---------------------------------------------------------------------------------------------
// The fields the policy editor mounts: rule and benefit, each with a builder tab and a JSON tab.
// ---------------------------------------------------------------------------------------------

interface FieldProps {
  value?: string;
  onChange?: (text: string) => void;
  paramsText?: string;
  testId: string;
  /** The server's save-time problems, shown at their nodes in the JSON tab. */
  serverProblems?: ServerProblems | null;
}

/** Keeps a structure and the JSON text of a form field in step: edits of either reach the other. */
function useSynced<T>(value: string, onChange: ((text: string) => void) | undefined, read: (json: Json | undefined) => T, write: (model: T) => Json | undefined) {
  const [model, setModel] = useState<T>(() => {
    const p = value.trim() ? parse(value) : { ok: true as const, value: undefined };
    return read(p.ok ? p.value : undefined);
  });
  // The text this hook last wrote, and the field's value last seen: a new value from outside (the JSON tab,
  // the reading assistant) is read into the structure during render (React's "adjust state on prop change").
  const [written, setWritten] = useState<string | null>(null);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (value !== written) {
      const p = value.trim() ? parse(value) : { ok: true as const, value: undefined };
      if (p.ok) setModel(read(p.value));
    }
  }
  const update = (next: T) => {
    setModel(next);
    const json = write(next);
    const text = json === undefined ? '' : pretty(json);
    setWritten(text);
    onChange?.(text);
  };
  return [model, update] as const;
}

export function RuleBuilderField({ value = '', onChange, paramsText, testId, serverProblems }: FieldProps) {
  const { t, i18n } = useTranslation('ruleBuilder');
  const facts = useFacts();
  const [tab, setTab] = useState<'builder' | 'json'>('builder');
  const [root, setRoot] = useSynced<BuilderNode>(value, onChange, (json) => toBuilder(json === undefined ? { all: [] } : json), (tree) => fromBuilder(tree));
  const lines = useMemo(() => {
    try {
      return { ok: true as const, lines: renderRule(fromBuilder(root) as unknown as RuleNode, { catalogue: DEFAULT_CATALOGUE, locale: localeOf(langOf(i18n.language)) }) };
    } catch (error) {
      return { ok: false as const, message: (error as Error).message };
    }
  }, [root, i18n.language]);
  const valid = parse(value);
  return (
    <Tabs
      activeKey={tab}
      onChange={(k) => setTab(k as 'builder' | 'json')}
      data-testid={`${testId}-tabs`}
      items={[
        {
          key: 'builder',
          label: <span data-testid={`${testId}-tab-builder`}>{t('tabs.builder')}</span>,
          disabled: value.trim() !== '' && !valid.ok,
          children: (
            <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)', gap: 16 }}>
              <div data-testid={`${testId}-builder`}>
                {root.kind === 'opaque' || !GROUP_KINDS.has(root.kind) ? (
                  <NodeView node={{ id: 'wrap', kind: 'all', model: {}, children: [root] }} root={root} setRoot={setRoot} facts={facts} depth={0} />
                ) : (
                  <NodeView node={root} root={root} setRoot={setRoot} facts={facts} depth={0} />
                )}
              </div>
              <Card size="small" title={t('live.title')} data-testid={`${testId}-readable`}>
                {isEmptyRule(fromBuilder(root)) ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('missing.rule')} />
                ) : lines.ok ? (
                  <ul className="dxe-rule-lines">
                    {lines.lines.map((line) => (
                      <li key={line.path || 'root'} className="dxe-rule-line" style={{ paddingInlineStart: 6 + line.depth * 20 }}>
                        {line.text}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <Alert type="warning" showIcon title={t('live.invalid', { message: lines.message })} />
                )}
              </Card>
            </div>
          ),
        },
        { key: 'json', label: <span data-testid={`${testId}-tab-json`}>{t('tabs.json')}</span>, children: <RuleField kind="rule" value={value} onChange={onChange} paramsText={paramsText} serverProblems={serverProblems} testId={testId} rows={18} /> },
      ]}
    />
  );
}

function MoneyInput({ value, onChange, testId }: { value: Json | undefined; onChange: (v: JsonObject | undefined) => void; testId?: string }) {
  return <ValueInput value={value ?? { wan: null as never }} factUnit="fen" onChange={onChange} data-testid={testId} />;
}

export function BenefitBuilderField({ value = '', onChange, paramsText, testId, serverProblems }: FieldProps) {
  const { t, i18n } = useTranslation('ruleBuilder');
  const facts = useFacts();
  const moneyFacts = (f: FactOption) => f.unit === 'fen';
  const [tab, setTab] = useState<'builder' | 'json'>('builder');
  const [model, setModel] = useSynced<BenefitModel | null>(value, onChange, (json) => (json === undefined ? null : benefitToModel(json)), (m) => (m ? benefitFromModel(m) : undefined));
  const a = model?.amount ?? {};
  const setAmount = (amount: JsonObject) => model && setModel({ ...model, amount });
  const text = useMemo(() => {
    if (!model) return null;
    try {
      return renderBenefit(benefitFromModel(model) as unknown as Benefit, { catalogue: DEFAULT_CATALOGUE, locale: localeOf(langOf(i18n.language)) });
    } catch (error) {
      return t('live.invalid', { message: (error as Error).message });
    }
  }, [model, i18n.language, t]);
  const fresh: Record<string, () => JsonObject> = {
    fixed: () => ({ fixed: { wan: 0 } }),
    tiers: () => ({ tiers: { by: { fact: 'main_revenue', period: { yearsAgo: 1 } }, steps: [{ atLeast: { yi: 1 }, amount: { wan: 10 } }] } }),
    percentOf: () => ({ percentOf: { fact: 'equipment_investment', period: { yearsAgo: 1 } }, rate: { percent: 10 } }),
    perHead: () => ({ perHead: { yuan: 1000 }, count: { fact: 'employees', period: { yearsAgo: 1 } } }),
    installments: () => ({ installments: [{ wan: 10 }] }),
  };
  const factRef = (ref: Json | undefined, set: (r: JsonObject) => void, filter?: (f: FactOption) => boolean) => {
    const r = isObject(ref) ? ref : {};
    return (
      <Space>
        <FactSelect facts={facts} filter={filter} value={r.fact as string} onChange={(fact) => set({ ...r, fact })} />
        <PeriodPicker value={r.period} onChange={(period) => set(period ? { ...r, period } : { fact: r.fact as string })} />
      </Space>
    );
  };
  const optional = (label: string, key: string) => (
    <Space>
      <Typography.Text>{label}</Typography.Text>
      <MoneyInput value={a[key]} onChange={(v) => setAmount({ ...a, [key]: v ?? null })} />
      {a[key] !== undefined && <Button size="small" type="text" icon={<DeleteOutlined />} onClick={() => { const { [key]: _, ...rest } = a; setAmount(rest); }} />}
    </Space>
  );
  const form = !model ? null : model.amountKind === 'fixed' ? (
    <Space><Typography.Text>{t('benefit.amount')}</Typography.Text><MoneyInput value={a.fixed} onChange={(v) => setAmount({ ...a, fixed: v! })} /></Space>
  ) : model.amountKind === 'tiers' && isObject(a.tiers) ? (
    <Space direction="vertical">
      <Space><Typography.Text>{t('benefit.by')}</Typography.Text>{factRef(a.tiers.by, (by) => setAmount({ tiers: { ...(a.tiers as JsonObject), by } }))}</Space>
      {((a.tiers.steps as JsonObject[]) ?? []).map((step, i) => {
        const steps = (a.tiers as JsonObject).steps as JsonObject[];
        const setStep = (s: JsonObject) => setAmount({ tiers: { ...(a.tiers as JsonObject), steps: steps.map((x, j) => (j === i ? s : x)) } });
        const key = 'atLeast' in step ? 'atLeast' : 'above';
        return (
          <Space key={i}>
            <Select value={key} style={{ width: 90 }} onChange={(k) => { const { [key]: bound, ...rest } = step; setStep({ ...rest, [k]: bound }); }} options={[{ value: 'atLeast', label: t('comparators.>=') }, { value: 'above', label: t('comparators.>') }]} />
            <ValueInput value={step[key]} onChange={(v) => setStep({ ...step, [key]: v })} />
            <Typography.Text>{t('benefit.stepAmount')}</Typography.Text>
            <MoneyInput value={step.amount} onChange={(v) => setStep({ ...step, amount: v! })} />
            <Button size="small" type="text" icon={<DeleteOutlined />} disabled={steps.length <= 1} onClick={() => setAmount({ tiers: { ...(a.tiers as JsonObject), steps: steps.filter((_, j) => j !== i) } })} />
          </Space>
        );
      })}
      <Button size="small" icon={<PlusOutlined />} onClick={() => setAmount({ tiers: { ...(a.tiers as JsonObject), steps: [...((a.tiers as JsonObject).steps as JsonObject[]), { atLeast: { yi: 1 }, amount: { wan: 10 } }] } })}>{t('benefit.addStep')}</Button>
    </Space>
  ) : model.amountKind === 'percentOf' ? (
    <Space direction="vertical">
      <Space><Typography.Text>{t('benefit.base')}</Typography.Text>{factRef(a.percentOf, (percentOf) => setAmount({ ...a, percentOf }), moneyFacts)}</Space>
      <Space><Typography.Text>{t('benefit.rate')}</Typography.Text><ValueInput value={a.rate} factUnit="bp" onChange={(rate) => setAmount({ ...a, rate })} /></Space>
      {optional(t('benefit.cap'), 'cap')}
      {optional(t('benefit.floor'), 'floor')}
    </Space>
  ) : model.amountKind === 'perHead' ? (
    <Space direction="vertical">
      <Space><Typography.Text>{t('benefit.perHead')}</Typography.Text><MoneyInput value={a.perHead} onChange={(perHead) => setAmount({ ...a, perHead: perHead! })} /></Space>
      <Space><Typography.Text>{t('benefit.count')}</Typography.Text>{factRef(a.count, (count) => setAmount({ ...a, count }), (f) => f.unit === 'person')}</Space>
      {optional(t('benefit.cap'), 'cap')}
    </Space>
  ) : model.amountKind === 'installments' ? (
    <Space direction="vertical">
      {((a.installments as Json[]) ?? []).map((part, i, all) => (
        <Space key={i}>
          <Typography.Text>{t('benefit.installment', { n: i + 1 })}</Typography.Text>
          <MoneyInput value={part} onChange={(v) => setAmount({ ...a, installments: all.map((x, j) => (j === i ? v! : x)) })} />
          <Button size="small" type="text" icon={<DeleteOutlined />} disabled={all.length <= 1} onClick={() => setAmount({ ...a, installments: all.filter((_, j) => j !== i) })} />
        </Space>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={() => setAmount({ ...a, installments: [...((a.installments as Json[]) ?? []), { wan: 0 }] })}>{t('benefit.addInstallment')}</Button>
    </Space>
  ) : (
    <div>
      <Typography.Text type="secondary">{t('benefit.readonly')}</Typography.Text>
      <div data-testid="rb-benefit-readonly">{text}</div>
    </div>
  );
  return (
    <Tabs
      activeKey={tab}
      onChange={(k) => setTab(k as 'builder' | 'json')}
      data-testid={`${testId}-tabs`}
      items={[
        {
          key: 'builder',
          label: <span data-testid={`${testId}-tab-builder`}>{t('tabs.builder')}</span>,
          children: (
            <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)', gap: 16 }}>
              <Space direction="vertical" style={{ width: '100%' }} data-testid={`${testId}-builder`}>
                <Segmented
                  value={model?.amountKind ?? ''}
                  onChange={(kind) => setModel({ amountKind: kind as BenefitModel['amountKind'], amount: fresh[kind as string]?.() ?? {}, rest: model?.rest ?? {} })}
                  options={[...(model ? [] : [{ value: '', label: t('benefit.none'), disabled: true }]), ...AMOUNT_KINDS.map((k) => ({ value: k, label: t(`benefit.kinds.${k}` as never) as string })), ...(model?.amountKind === 'opaque' ? [{ value: 'opaque', label: '…', disabled: true }] : [])]}
                  data-testid="rb-benefit-kind"
                />
                {form}
              </Space>
              <Card size="small" title={t('live.benefit')} data-testid={`${testId}-readable`}>
                {text ?? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('missing.benefit')} />}
              </Card>
            </div>
          ),
        },
        { key: 'json', label: <span data-testid={`${testId}-tab-json`}>{t('tabs.json')}</span>, children: <RuleField kind="benefit" value={value} onChange={onChange} paramsText={paramsText} serverProblems={serverProblems} testId={testId} rows={8} /> },
      ]}
    />
  );
}

