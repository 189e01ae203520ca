/**
 * The node editors of the rule builder, one per descriptor kind (lib/rule-builder/descriptors.ts); a kind not
 * listed in EDITORS is shown read-only with "edit as JSON" and kept exactly. Registry lists (certification
 * types, industry sets, record types) are read from the server (registry-api.ts).
 */
import { useMemo } from 'react';
import { Button, Checkbox, DatePicker, Input, InputNumber, Segmented, Select, Space, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { DEFAULT_CATALOGUE, SIZE_CLASSES } from '../../../../../../core/rules/catalogue.ts';
import { renderRuleText } from '../../../../../../core/rules/explain/render.ts';
import { listDivisions, listGroups, listSections } from '../../../../../../core/profile/industry-codes.ts';
import { isObject, type BuilderNode, type Json, type JsonObject } from '../../lib/rule-builder/descriptors.ts';
import { FactSelect, langOf, MoneyInput, OPS, PeriodPicker, safeText, ValueInput, type EditorProps, type FactOption } from './fields.tsx';
import { declaredNodeFor } from '../../lib/rule-builder/declared-node.ts';
import { countyDate } from '../../../../../lib/format.ts';
import { useDeclaredFacts } from './declared-context.ts';
import { useCertificationTypes, useIndustrySets, useRecordTypes, type RecordFieldItem, type RecordTypeItem } from './registry-api.ts';

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
  const { data: sets } = useIndustrySets();
  const setCode = typeof industry.set === 'string' ? industry.set : undefined;
  const chooseSet = (code: string | undefined) => {
    const { set: _set, ...criteria } = industry;
    onChange({ ...node, model: { ...m, industry: { ...criteria, ...(code && { set: code }) } } });
  };
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
      <Typography.Text type="secondary">{t('industry.orSet')}</Typography.Text>
      <Select
        allowClear
        showSearch
        optionFilterProp="search"
        value={setCode}
        placeholder={t('industry.setPlaceholder')}
        style={{ minWidth: 220 }}
        popupMatchSelectWidth={360}
        onChange={(code?: string) => chooseSet(code)}
        data-testid="rb-industry-set"
        options={[
          ...(sets ?? []).map((s) => ({
            value: s.code,
            search: `${s.nameZh} ${s.nameEn}`,
            label: (
              <Tooltip placement="right" title={s.sourceZh ? t('industry.setSource', { source: s.sourceZh }) : undefined}>
                <span>{lang === 'zh' ? s.nameZh : s.nameEn}</span>
              </Tooltip>
            ),
          })),
          ...(setCode && !(sets ?? []).some((s) => s.code === setCode) ? [{ value: setCode, search: setCode, label: <span>{setCode}</span> }] : []),
        ]}
      />
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

const LEVELS = ['national', 'provincial', 'city', 'county'] as const;

function CertificationEditor({ node, onChange }: EditorProps) {
  const { t, i18n } = useTranslation('ruleBuilder');
  const lang = langOf(i18n.language);
  const m = node.model;
  const { data: types } = useCertificationTypes();
  const set = (patch: JsonObject) => onChange({ ...node, model: { ...m, ...patch } });
  const type = (types ?? []).find((c) => c.code === m.certification);
  const levels = Array.isArray(m.levels) ? (m.levels as string[]) : [];
  const offered = type ? type.levels : LEVELS.filter((l) => levels.includes(l));
  const setLevels = (next: string[]) => {
    const { levels: _l, ...rest } = m;
    onChange({ ...node, model: next.length ? { ...rest, levels: LEVELS.filter((l) => next.includes(l)) } : rest });
  };
  return (
    <Space wrap>
      <Select
        value={m.certification as string}
        style={{ width: 240 }}
        showSearch
        optionFilterProp="search"
        onChange={(certification: string) => {
          const next = (types ?? []).find((c) => c.code === certification);
          const { levels: _l, ...rest } = m;
          const kept = levels.filter((l) => next?.levels.includes(l as never));
          onChange({ ...node, model: { ...rest, certification, ...(kept.length && { levels: kept }) } });
        }}
        options={[
          ...(types ?? []).map((c) => ({ value: c.code, search: `${c.nameZh} ${c.nameEn}`, label: <Tooltip placement="right" title={t('certification.issuer', { body: lang === 'zh' ? c.issuingBodyZh : c.issuingBodyEn })}><span>{lang === 'zh' ? c.nameZh : c.nameEn}</span></Tooltip> })),
          ...(typeof m.certification === 'string' && !type ? [{ value: m.certification, search: m.certification, label: <span>{m.certification}</span> }] : []),
        ]}
        data-testid="rb-certification"
      />
      {offered.length > 0 && (
        <Select
          mode="multiple"
          allowClear
          value={levels}
          style={{ minWidth: 200 }}
          placeholder={t('certification.anyLevel')}
          onChange={setLevels}
          options={offered.map((l) => ({ value: l, label: t(`certification.levels.${l}` as never) as string }))}
          data-testid="rb-certification-levels"
        />
      )}
      <Select value={m.test as string} style={{ width: 160 }} onChange={(test) => set({ test })} options={['heldOn', 'awardedIn', 'firstAwardedIn', 'renewedIn', 'heldForYears'].map((v) => ({ value: v, label: t(`certification.${v}` as never) }))} />
      {m.test !== 'heldOn' && m.test !== 'heldForYears' && <PeriodPicker value={m.year} onChange={(year) => set(year ? { year } : {})} />}
      {m.test === 'heldForYears' && <InputNumber min={1} max={30} addonAfter={t('units.years')} value={m.years as number} onChange={(years) => set({ years: years ?? 1 })} />}
    </Space>
  );
}

// ---------------------------------------------------------------------------------------------
// 区间 (between) and 分段门槛 (bands): the value and the bounds in the fact's unit.
// ---------------------------------------------------------------------------------------------

/** A plain fact reference ({fact, period}) edited in place; any other expression shown as its readable text. */
function FactRefInput({ value, onChange, facts, filter }: { value: Json | undefined; onChange: (v: JsonObject) => void; facts: FactOption[]; filter?: (f: FactOption) => boolean }) {
  const ref = isObject(value) ? value : undefined;
  if (!ref || typeof ref.fact !== 'string' || Object.keys(ref).some((k) => k !== 'fact' && k !== 'period')) return <ExprText value={value} />;
  const fact = facts.find((f) => f.code === ref.fact);
  return (
    <Space.Compact>
      <FactSelect facts={facts} filter={filter} value={ref.fact} onChange={(code) => onChange({ ...ref, fact: code, ...(facts.find((f) => f.code === code)?.periodic ? { period: (ref.period as Json) ?? { yearsAgo: 1 } } : {}) })} />
      {fact?.periodic !== false && <PeriodPicker value={ref.period} quarterly onChange={(period) => onChange(period ? { ...ref, period } : { fact: ref.fact as string })} />}
    </Space.Compact>
  );
}

function ExprText({ value }: { value: Json | undefined }) {
  const { i18n } = useTranslation('ruleBuilder');
  const text = safeText(() => renderRuleText({ left: value, op: '>=', right: value } as never, { catalogue: DEFAULT_CATALOGUE, locale: langOf(i18n.language) === 'en' ? 'en-US' : 'zh-CN' }).split(/ ?[≥>] ?/)[0]);
  return <Typography.Text code>{text}</Typography.Text>;
}

const isConstant = (value: Json | undefined) => isObject(value) && Object.keys(value).length === 1 && !['fact', 'param', 'ratio', 'growth', 'change', 'sum', 'yearsSince', 'records'].includes(Object.keys(value)[0]);
const factUnitOf = (value: Json | undefined, facts: FactOption[]) => (isObject(value) && typeof value.fact === 'string' ? facts.find((f) => f.code === value.fact)?.unit : undefined);

function BoundInput({ value, unit, onChange }: { value: Json | undefined; unit?: string; onChange: (v: JsonObject) => void }) {
  return isConstant(value) ? <ValueInput value={value!} factUnit={unit} onChange={onChange} /> : <ExprText value={value} />;
}

const BOUNDS = ['[]', '[)', '(]', '()'] as const;

function BetweenEditor({ node, onChange, facts }: EditorProps) {
  const { t } = useTranslation('ruleBuilder');
  const m = node.model;
  const set = (patch: JsonObject) => onChange({ ...node, model: { ...m, ...patch } });
  const [low, high] = (Array.isArray(m.between) ? m.between : []) as Json[];
  const unit = factUnitOf(m.value, facts);
  return (
    <Space wrap>
      <FactRefInput value={m.value} facts={facts} onChange={(value) => set({ value })} />
      <Typography.Text>{t('between.from')}</Typography.Text>
      <BoundInput value={low} unit={unit} onChange={(v) => set({ between: [v, high] })} />
      <Typography.Text>{t('between.to')}</Typography.Text>
      <BoundInput value={high} unit={unit} onChange={(v) => set({ between: [low, v] })} />
      <Select value={m.bounds as string} style={{ width: 200 }} onChange={(bounds) => set({ bounds })} options={BOUNDS.map((b) => ({ value: b, label: t(`between.bounds.${b}` as never) as string }))} data-testid="rb-between-bounds" />
    </Space>
  );
}

function BandsEditor({ node, onChange, facts }: EditorProps) {
  const { t } = useTranslation('ruleBuilder');
  const m = node.model;
  const set = (patch: JsonObject) => onChange({ ...node, model: { ...m, ...patch } });
  const bands = (Array.isArray(m.bands) ? m.bands : []) as JsonObject[];
  const setBands = (next: JsonObject[]) => set({ bands: next });
  const valueUnit = factUnitOf(m.value, facts);
  const byUnit = factUnitOf(m.by, facts);
  const addBand = () => {
    // A new band goes before the open last band; the last band keeps no upper end.
    const last = bands[bands.length - 1] ?? { bound: { percent: 0 } };
    setBands([...bands.slice(0, -1), { upTo: { wan: 0 }, bound: last.bound }, last]);
  };
  return (
    <Space direction="vertical" size={4}>
      <Space wrap>
        <FactRefInput value={m.value} facts={facts} onChange={(value) => set({ value })} />
        <Select value={m.op as string} style={{ width: 100 }} onChange={(op) => set({ op })} options={OPS.map((op) => ({ value: op, label: t(`comparators.${op}`) }))} />
        <Typography.Text>{t('bands.boundBy')}</Typography.Text>
        <FactRefInput value={m.by} facts={facts} onChange={(by) => set({ by })} />
        <Typography.Text>{t('bands.falls')}</Typography.Text>
      </Space>
      {bands.map((band, i) => {
        const setBand = (next: JsonObject) => setBands(bands.map((b, j) => (j === i ? next : b)));
        const open = !Object.hasOwn(band, 'upTo');
        return (
          <Space key={i} wrap style={{ paddingInlineStart: 16 }} data-testid="rb-band">
            {open ? (
              <Typography.Text>{i === 0 ? t('bands.any') : t('bands.rest')}</Typography.Text>
            ) : (
              <>
                <Typography.Text>{t('bands.upTo')}</Typography.Text>
                <BoundInput value={band.upTo} unit={byUnit} onChange={(upTo) => setBand({ ...band, upTo })} />
                <Checkbox checked={band.inclusive !== false} onChange={(e) => { const { inclusive: _i, ...rest } = band; setBand(e.target.checked ? (Object.hasOwn(band, 'inclusive') ? { ...rest, inclusive: true } : rest) : { ...rest, inclusive: false }); }}>{t('bands.inclusive')}</Checkbox>
              </>
            )}
            <Typography.Text>{t('bands.bound')}</Typography.Text>
            <BoundInput value={band.bound} unit={valueUnit} onChange={(bound) => setBand({ ...band, bound })} />
            <Button size="small" type="text" icon={<DeleteOutlined />} disabled={bands.length <= 1 || open} onClick={() => setBands(bands.filter((_, j) => j !== i))} />
          </Space>
        );
      })}
      <Button size="small" icon={<PlusOutlined />} onClick={addBand} style={{ marginInlineStart: 16 }}>{t('bands.add')}</Button>
    </Space>
  );
}

// ---------------------------------------------------------------------------------------------
// 评审认定: a criterion the reviewer judges on the application.
// ---------------------------------------------------------------------------------------------

function ReviewEditor({ node, onChange }: EditorProps) {
  const { t } = useTranslation('ruleBuilder');
  const m = node.model;
  const setText = (key: 'review' | 'reviewEn', text: string) => {
    const { [key]: _old, ...rest } = m;
    onChange({ ...node, model: key === 'reviewEn' && !text ? rest : { ...rest, [key]: text } });
  };
  return (
    <Space wrap>
      <Tag color="purple">{t('judged.label')}</Tag>
      <Input value={m.review as string} onChange={(e) => setText('review', e.target.value)} placeholder={t('judged.placeholder')} style={{ width: 240 }} status={m.review ? undefined : 'error'} data-testid="rb-review" />
      <Input value={(m.reviewEn as string) ?? ''} onChange={(e) => setText('reviewEn', e.target.value)} placeholder={t('judged.enPlaceholder')} style={{ width: 240 }} />
      <Typography.Text type="secondary">{t('judged.hint')}</Typography.Text>
    </Space>
  );
}

// ---------------------------------------------------------------------------------------------
// 申报时声明: a fact the applicant declares on the form, compared in the form its type asks for.
// ---------------------------------------------------------------------------------------------

function DeclaredEditor({ node, onChange }: EditorProps) {
  const { t, i18n } = useTranslation('ruleBuilder');
  const lang = langOf(i18n.language);
  const declared = useDeclaredFacts();
  const m = node.model;
  const fact = declared.find((f) => f.key === m.declared);
  const set = (patch: JsonObject) => onChange({ ...node, model: { ...m, ...patch } });
  const pick = (key: string) => {
    const next = declared.find((f) => f.key === key);
    if (next) onChange({ ...node, model: declaredNodeFor(next, countyDate(new Date().toISOString()), m, fact) });
  };
  const label = (f: { labelZh: string; labelEn: string }) => (lang === 'zh' ? f.labelZh : f.labelEn || f.labelZh);
  const unit = fact ? (lang === 'zh' ? fact.unitZh : fact.unitEn ?? fact.unitZh) : undefined;
  return (
    <Space wrap>
      <Tag color="gold">{t('declared.label')}</Tag>
      <Select
        value={fact ? fact.key : undefined}
        placeholder={t('declared.pick')}
        style={{ minWidth: 220 }}
        status={fact ? undefined : 'error'}
        onChange={pick}
        options={declared.map((f) => ({ value: f.key, label: label(f) }))}
        data-testid="rb-declared-fact"
      />
      {!fact && <Typography.Text type="danger">{t('declared.unknown')}</Typography.Text>}
      {fact?.type === 'yesno' && (
        <Segmented value={m.equals === false ? 'no' : 'yes'} onChange={(v) => set({ equals: v === 'yes' })} options={[{ value: 'yes', label: t('declared.yes') }, { value: 'no', label: t('declared.no') }]} data-testid="rb-declared-equals" />
      )}
      {(fact?.type === 'number' || fact?.type === 'date') && (
        <Select value={m.op as string} style={{ width: 100 }} onChange={(op) => set({ op })} options={OPS.map((op) => ({ value: op, label: t(`comparators.${op}`) }))} data-testid="rb-declared-op" />
      )}
      {fact?.type === 'number' && (
        <InputNumber value={typeof m.value === 'number' ? m.value : null} onChange={(v) => set({ value: typeof v === 'number' ? v : 0 })} suffix={unit || undefined} style={{ width: 160 }} data-testid="rb-declared-value" />
      )}
      {fact?.type === 'date' && (
        <DatePicker value={typeof m.value === 'string' && dayjs(m.value).isValid() ? dayjs(m.value) : null} onChange={(d) => d && set({ value: d.format('YYYY-MM-DD') })} allowClear={false} data-testid="rb-declared-date" />
      )}
      {fact?.type === 'choice' && (
        <Select
          mode="multiple"
          value={(Array.isArray(m.oneOf) ? m.oneOf : []) as string[]}
          style={{ minWidth: 220 }}
          placeholder={t('declared.choices')}
          status={Array.isArray(m.oneOf) && m.oneOf.length > 0 ? undefined : 'error'}
          onChange={(oneOf: string[]) => set({ oneOf })}
          options={(fact.choices ?? []).map((c) => ({ value: c.code, label: label(c) }))}
          data-testid="rb-declared-choices"
        />
      )}
      <Typography.Text type="secondary">{t('declared.hint')}</Typography.Text>
    </Space>
  );
}

// ---------------------------------------------------------------------------------------------
// 记录条件: count/sum/min/max/avg of an enterprise's records of a type, with field filters and a period.
// ---------------------------------------------------------------------------------------------

/** The unit an aggregate has in rules (records.ts fieldValueUnit; a count is people or things). */
function aggregateUnit(type: RecordTypeItem | undefined, agg: string, fieldCode: string | undefined): string {
  if (agg === 'count') return type?.countUnit === 'person' ? 'person' : 'count';
  const field = type?.fields.find((f) => f.code === fieldCode);
  if (!field) return 'count';
  if (field.type === 'money') return 'fen';
  if (field.type === 'date') return 'date';
  return field.unit === 'bp' ? 'bp' : field.unit === '人' ? 'person' : 'count';
}

type Filter = JsonObject;
/** A `where` the builder edits as a list of field filters (all must hold); anything else is kept and shown as JSON. */
function filtersOf(where: Json | undefined): Filter[] | null {
  if (where === undefined) return [];
  if (!isObject(where)) return null;
  const simple = (w: Json) => isObject(w) && typeof w.field === 'string';
  if (simple(where)) return [where];
  if (Array.isArray(where.all) && Object.keys(where).length === 1 && where.all.every(simple)) return where.all as Filter[];
  return null;
}
const whereOf = (filters: Filter[]): Json | undefined => (filters.length === 0 ? undefined : filters.length === 1 ? filters[0] : { all: filters });

function FilterRow({ filter, fields, onChange, onRemove }: { filter: Filter; fields: RecordFieldItem[]; onChange: (f: Filter) => void; onRemove: () => void }) {
  const { t, i18n } = useTranslation('ruleBuilder');
  const lang = langOf(i18n.language);
  const field = fields.find((f) => f.code === filter.field);
  const pick = (code: string) => {
    const next = fields.find((f) => f.code === code)!;
    onChange(
      next.type === 'yesno' ? { field: code, is: true }
      : next.type === 'code' || next.type === 'text' ? { field: code, in: next.codes?.length ? [next.codes[0].code] : [] }
      : next.type === 'date' ? { field: code, within: { yearsAgo: 0 } }
      : next.type === 'money' ? { field: code, op: '>=', value: { wan: 0 } }
      : { field: code, op: '>=', value: next.unit === 'bp' ? { percent: 0 } : 0 },
    );
  };
  let body: React.ReactNode;
  if (Object.hasOwn(filter, 'is')) {
    body = <Segmented value={filter.is === true ? 'yes' : 'no'} onChange={(v) => onChange({ ...filter, is: v === 'yes' })} options={[{ value: 'yes', label: t('yes') }, { value: 'no', label: t('no') }]} />;
  } else if (Object.hasOwn(filter, 'in')) {
    body = (
      <Select
        mode={field?.codes?.length ? 'multiple' : 'tags'}
        value={filter.in as string[]}
        style={{ minWidth: 180 }}
        placeholder={t('codes')}
        onChange={(list: string[]) => onChange({ ...filter, in: list })}
        options={(field?.codes ?? (filter.in as string[]).map((c) => ({ code: c, nameZh: c, nameEn: c }))).map((c) => ({ value: c.code, label: lang === 'zh' ? c.nameZh : c.nameEn }))}
      />
    );
  } else if (Object.hasOwn(filter, 'within')) {
    body = <PeriodPicker value={filter.within} quarterly onChange={(within) => within && onChange({ ...filter, within })} />;
  } else {
    const plain = typeof filter.value === 'number';
    body = (
      <Space.Compact>
        <Select value={filter.op as string} style={{ width: 100 }} onChange={(op) => onChange({ ...filter, op })} options={OPS.map((op) => ({ value: op, label: t(`comparators.${op}`) }))} />
        {plain ? (
          <InputNumber value={filter.value as number} onChange={(v) => onChange({ ...filter, value: v ?? 0 })} style={{ width: 120 }} addonAfter={field?.unit && field.unit !== 'bp' ? field.unit : undefined} />
        ) : (
          <ValueInput value={filter.value} factUnit={field?.type === 'money' ? 'fen' : field?.type === 'date' ? 'date' : field?.unit === 'bp' ? 'bp' : undefined} onChange={(value) => onChange({ ...filter, value })} />
        )}
      </Space.Compact>
    );
  }
  return (
    <Space wrap data-testid="rb-record-filter">
      <Select value={filter.field as string} style={{ width: 170 }} onChange={pick} options={fields.map((f) => ({ value: f.code, label: lang === 'zh' ? f.nameZh : f.nameEn }))} />
      {body}
      <Button size="small" type="text" icon={<DeleteOutlined />} onClick={onRemove} />
    </Space>
  );
}

/**
 * The records a condition or a per-record benefit reads: the type, the field filters (all must hold) and the
 * period of the type's date field. `value` holds `records`, `where`, `within` (and `label`, kept).
 */
export function RecordSelection({ value, onChange }: { value: JsonObject; onChange: (v: JsonObject) => void }) {
  const { t, i18n } = useTranslation('ruleBuilder');
  const lang = langOf(i18n.language);
  const { data: types } = useRecordTypes();
  const type = (types ?? []).find((r) => r.code === value.records);
  const fields = type?.fields ?? [];
  const filters = filtersOf(value.where);
  const within = isObject(value.within) ? value.within : undefined;
  const dateFields = fields.filter((f) => f.type === 'date');
  const setWhere = (next: Filter[]) => {
    const { where: _w, ...rest } = value;
    const where = whereOf(next);
    onChange(where === undefined ? rest : { ...rest, where });
  };
  const setWithin = (next: JsonObject | undefined) => {
    const { within: _w, ...rest } = value;
    onChange(next ? { ...rest, within: next } : rest);
  };
  return (
    <Space direction="vertical" size={4}>
      <Space wrap>
        <Select
          value={value.records as string}
          style={{ width: 160 }}
          onChange={(records: string) => {
            const { where: _w, within: _wi, label: _l, ...rest } = value;
            const next = (types ?? []).find((r) => r.code === records);
            onChange({ ...rest, records, ...(next?.dateField && { within: { field: next.dateField, period: { yearsAgo: 0 } } }) });
          }}
          options={[...(types ?? []).map((r) => ({ value: r.code, label: lang === 'zh' ? r.nameZh : r.nameEn })), ...(!type && typeof value.records === 'string' ? [{ value: value.records, label: value.records }] : [])]}
          data-testid="rb-record-type"
        />
        {dateFields.length > 0 && (
          <>
            <Select
              value={within ? (within.field as string) : ''}
              style={{ width: 150 }}
              onChange={(field: string) => setWithin(field ? { field, period: (within?.period as Json) ?? { yearsAgo: 0 } } : undefined)}
              options={[{ value: '', label: t('records.anyTime') }, ...dateFields.map((f) => ({ value: f.code, label: lang === 'zh' ? f.nameZh : f.nameEn }))]}
            />
            {within && <PeriodPicker value={within.period} quarterly onChange={(period) => period && setWithin({ ...within, period })} />}
          </>
        )}
      </Space>
      {filters === null ? (
        <Typography.Text type="secondary">{t('records.complexWhere')} <Typography.Text code>{JSON.stringify(value.where)}</Typography.Text></Typography.Text>
      ) : (
        <>
          {filters.map((f, i) => (
            <FilterRow key={i} filter={f} fields={fields} onChange={(next) => setWhere(filters.map((x, j) => (j === i ? next : x)))} onRemove={() => setWhere(filters.filter((_, j) => j !== i))} />
          ))}
          {fields.length > 0 && (
            <Select
              value={null}
              placeholder={t('records.addFilter')}
              style={{ width: 200 }}
              onChange={(code: string) => {
                const field = fields.find((f) => f.code === code)!;
                const filter: Filter = field.type === 'yesno' ? { field: code, is: true } : field.type === 'code' || field.type === 'text' ? { field: code, in: field.codes?.length ? [field.codes[0].code] : [] } : field.type === 'date' ? { field: code, within: { yearsAgo: 0 } } : field.type === 'money' ? { field: code, op: '>=', value: { wan: 0 } } : { field: code, op: '>=', value: field.unit === 'bp' ? { percent: 0 } : 0 };
                setWhere([...filters, filter]);
              }}
              options={fields.map((f) => ({ value: f.code, label: lang === 'zh' ? f.nameZh : f.nameEn }))}
              data-testid="rb-record-add-filter"
            />
          )}
        </>
      )}
    </Space>
  );
}

function RecordsEditor({ node, onChange }: EditorProps) {
  const { t, i18n } = useTranslation('ruleBuilder');
  const lang = langOf(i18n.language);
  const { data: types } = useRecordTypes();
  const m = node.model;
  const left = m.left as JsonObject;
  const type = (types ?? []).find((r) => r.code === left.records);
  const agg = left.agg as string;
  const numeric = (type?.fields ?? []).filter((f) => f.type === 'money' || f.type === 'number');
  const unit = aggregateUnit(type, agg, left.field as string | undefined);
  const setLeft = (next: JsonObject) => onChange({ ...node, model: { ...m, left: next } });
  const setAgg = (next: string) => {
    const { field: _f, ...rest } = left;
    setLeft(next === 'count' ? { ...rest, agg: next } : { ...rest, agg: next, field: (left.field as string) ?? numeric[0]?.code ?? '' });
  };
  return (
    <Space direction="vertical" size={4}>
      <Space wrap>
        <Tag color="cyan">{t('records.label')}</Tag>
        <RecordSelection value={left} onChange={setLeft} />
      </Space>
      <Space wrap>
        <Select value={agg} style={{ width: 110 }} onChange={setAgg} options={['count', 'sum', 'min', 'max', 'avg'].map((a) => ({ value: a, label: t(`records.agg.${a}` as never) as string }))} data-testid="rb-record-agg" />
        {agg !== 'count' && <Select value={left.field as string} style={{ width: 150 }} onChange={(field: string) => setLeft({ ...left, field })} options={numeric.map((f) => ({ value: f.code, label: lang === 'zh' ? f.nameZh : f.nameEn }))} />}
        <Select value={m.op as string} style={{ width: 100 }} onChange={(op) => onChange({ ...node, model: { ...m, op } })} options={OPS.map((op) => ({ value: op, label: t(`comparators.${op}`) }))} />
        <BoundInput value={m.right} unit={unit} onChange={(right) => onChange({ ...node, model: { ...m, right } })} />
        <Input value={(left.label as string) ?? ''} placeholder={t('records.labelPlaceholder')} style={{ width: 220 }} onChange={(e) => { const { label: _l, ...rest } = left; setLeft(e.target.value ? { ...rest, label: e.target.value } : rest); }} />
      </Space>
    </Space>
  );
}

export { MoneyInput };

/** The editors by kind; a kind not listed is shown read-only (its readable text) with "edit as JSON". */
export const EDITORS: Partial<Record<BuilderNode['kind'], (props: EditorProps) => React.ReactNode>> = {
  compare: CompareEditor,
  in: InEditor,
  notIn: InEditor,
  is: IsEditor,
  industry: IndustryEditor,
  history: HistoryEditor,
  certification: CertificationEditor,
  between: BetweenEditor,
  bands: BandsEditor,
  review: ReviewEditor,
  declared: DeclaredEditor,
  records: RecordsEditor,
};

