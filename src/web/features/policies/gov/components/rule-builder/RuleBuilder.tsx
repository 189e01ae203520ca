/**
 * The visual rule builder (issue 11): the default editor of a policy's eligibility rule and benefit, with the
 * JSON kept as an expert tab. Built on antd forms rather than a query-builder component: the rule language has
 * periods, units-as-keys, 不得 groups, industry trees and record-level kinds no generic query builder models,
 * and the round trip must be exact. Every node is shown by the editor of its descriptor's kind
 * (lib/rule-builder/descriptors.ts); a kind the builder does not know is shown read-only as its readable text
 * with an "edit as JSON" affordance and kept exactly. Loaded lazily, on the editor page only.
 */
import { useMemo, useState, type DragEvent } from 'react';
import { Alert, Button, Card, Dropdown, Empty, Input, InputNumber, Modal, Segmented, Select, Space, Tabs, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, CodeOutlined, DeleteOutlined, HolderOutlined, MenuFoldOutlined, MenuUnfoldOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DEFAULT_CATALOGUE } from '../../../../../../core/rules/catalogue.ts';
import { renderBenefit } from '../../../../../../core/rules/benefit.ts';
import { renderRule, renderRuleText } from '../../../../../../core/rules/explain/render.ts';
import type { Benefit, RuleNode } from '../../../../../../core/rules/schema.ts';
import { AMOUNT_KINDS, amountKindOf, benefitFromModel, benefitToModel, casesFromModel, casesToModel, fromBuilder, GROUP_KINDS, isObject, toBuilder, type AmountKind, type BenefitModel, type BuilderNode, type CaseModel, type Json, type JsonObject } from '../../lib/rule-builder/descriptors.ts';
import { appendChild, indentNode, moveNode, moveNodeTo, outdentNode, removeNode, replaceNode } from '../../lib/rule-builder/tree-ops.ts';
import { RuleField, type ServerProblems } from '../RuleField.tsx';
import { isEmptyRule } from '../../lib/rule-edit.ts';
import { EDITORS, RecordSelection } from './editors.tsx';
import { useDeclaredFacts } from './declared-context.ts';
import { declaredNodeFor } from '../../lib/rule-builder/declared-node.ts';
import { countyDate } from '../../../../../lib/format.ts';
import { useRecordTypes } from './registry-api.ts';
import { FactSelect, langOf, localeOf, MoneyInput, parse, PeriodPicker, pretty, safeText, useFacts, ValueInput, type FactOption } from './fields.tsx';

/** The drag payload type of a builder row (HTML5 drag and drop; the node id travels as text). */
const DRAG_TYPE = 'application/x-dxe-rule-node';
const dragOver = (event: DragEvent) => {
  if (event.dataTransfer.types.includes(DRAG_TYPE)) {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
  }
};

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
  industrySet: () => ({ industry: { set: 'wholesale_retail' } }),
  between: () => ({ value: { fact: 'employees', period: { yearsAgo: 1 } }, between: [{ people: 20 }, { people: 300 }], bounds: '[]' }),
  bands: () => ({ value: { fact: 'rd_ratio', period: { yearsAgo: 1 } }, op: '>=', by: { fact: 'main_revenue', period: { yearsAgo: 1 } }, bands: [{ upTo: { wan: 5000 }, bound: { percent: 5 } }, { upTo: { yi: 2 }, bound: { percent: 4 } }, { bound: { percent: 3 } }] as Json[] }),
  records: () => ({ left: { records: 'employee', agg: 'count', within: { field: 'hired_on', period: { yearsAgo: 0 } } }, op: '>=', right: { people: 1 } }),
  review: () => ({ review: '经营状况良好' }),
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
  const declared = useDeclaredFacts();
  const [jsonOpen, setJsonOpen] = useState(false);
  const isRoot = node.id === root.id;
  const [dropping, setDropping] = useState(false);
  const drop = (position: 'before' | 'inside') => (event: DragEvent) => {
    const id = event.dataTransfer.getData(DRAG_TYPE);
    setDropping(false);
    if (!id) return;
    event.preventDefault();
    event.stopPropagation();
    setRoot(moveNodeTo(root, id, node.id, position));
  };
  const dropTarget = (position: 'before' | 'inside') => ({
    onDragOver: (event: DragEvent) => {
      dragOver(event);
      if (event.dataTransfer.types.includes(DRAG_TYPE)) {
        event.stopPropagation();
        if (!dropping) setDropping(true);
      }
    },
    onDragLeave: () => setDropping(false),
    onDrop: drop(position),
  });
  const toolbar = !isRoot && (
    <Space size={0}>
      <Tooltip title={t('actions.drag')}>
        <Button
          size="small"
          type="text"
          icon={<HolderOutlined />}
          style={{ cursor: 'grab' }}
          draggable
          onDragStart={(event) => {
            event.dataTransfer.setData(DRAG_TYPE, node.id);
            event.dataTransfer.effectAllowed = 'move';
            event.stopPropagation();
          }}
          data-testid="rb-drag"
        />
      </Tooltip>
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
    // 申报时声明 is offered once the policy declares a fact (the editor's section above the rule).
    const addMenu = {
      items: [...Object.keys(TEMPLATES), ...(declared.length ? ['declared'] : [])].map((key) => ({ key, label: t(`kinds.${key}` as never) as string })),
      onClick: ({ key }: { key: string }) =>
        setRoot(appendChild(root, node.id, toBuilder(key === 'declared' ? declaredNodeFor(declared[0], countyDate(new Date().toISOString())) : TEMPLATES[key]()))),
    };
    const switchKind = (next: string) => {
      const json = fromBuilder(node) as JsonObject;
      const children = (json.all ?? json.any ?? json.of ?? (json.not ? [json.not] : [])) as Json[];
      const { all: _a, any: _b, of: _c, not: _d, atLeast: _e, ...rest } = json;
      const rebuilt = next === 'not' ? { ...rest, not: children.length === 1 ? children[0] : { all: children } } : next === 'atLeast' ? { ...rest, atLeast: 1, of: children } : { ...rest, [next]: children };
      setRoot(replaceNode(root, node.id, { ...toBuilder(rebuilt), id: node.id }));
    };
    return (
      <div className={`dxe-rb-group dxe-rb-depth-${depth % 3}`} data-testid={`rb-group-${kind}`} style={{ borderInlineStart: '3px solid #91caff', paddingInlineStart: 12, marginBlock: 8, ...(dropping && { background: '#e6f4ff' }) }} {...(isRoot ? dropTarget('inside') : dropTarget('before'))}>
        <Space wrap style={{ marginBottom: 6 }} {...(!isRoot && dropTarget('inside'))} title={isRoot ? undefined : t('actions.dropInto')}>
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
    <Card size="small" style={{ marginBlock: 6, ...(dropping && { borderTop: '3px solid #1677ff' }) }} data-testid={`rb-node-${node.kind}`} styles={{ body: { padding: 8 } }} {...dropTarget('before')}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
        {Editor ? (
          <Editor node={node} facts={facts} onChange={(next) => setRoot(replaceNode(root, node.id, next))} />
        ) : (
          <div>
            <Typography.Text type="secondary">{t('readonlyNode')}</Typography.Text>
            <div data-testid="rb-readonly">{safeText(() => renderRuleText(fromBuilder(node) as unknown as RuleNode, { catalogue: DEFAULT_CATALOGUE, locale: localeOf(langOf(i18n.language)), declared }))}</div>
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
  const declared = useDeclaredFacts();
  const [tab, setTab] = useState<'builder' | 'json'>('builder');
  const [root, setRoot] = useSynced<BuilderNode>(value, onChange, (json) => toBuilder(json === undefined ? { all: [] } : json), (tree) => fromBuilder(tree));
  const lines = useMemo(() => {
    try {
      return { ok: true as const, lines: renderRule(fromBuilder(root) as unknown as RuleNode, { catalogue: DEFAULT_CATALOGUE, locale: localeOf(langOf(i18n.language)), declared }) };
    } catch (error) {
      return { ok: false as const, message: (error as Error).message };
    }
  }, [root, i18n.language, declared]);
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

/** A fresh amount of each form, when the official switches to it. */
const FRESH_AMOUNTS: Record<Exclude<AmountKind, 'opaque'>, () => JsonObject> = {
  fixed: () => ({ fixed: { wan: 0 } }),
  tiers: () => ({ tiers: { by: { fact: 'main_revenue', period: { yearsAgo: 1 } }, steps: [{ atLeast: { yi: 1 }, amount: { wan: 10 } }] } }),
  percentOf: () => ({ percentOf: { fact: 'equipment_investment', period: { yearsAgo: 1 } }, rate: { percent: 10 } }),
  perHead: () => ({ perHead: { yuan: 1000 }, count: { fact: 'employees', period: { yearsAgo: 1 } } }),
  installments: () => ({ installments: [{ wan: 10 }] }),
  upTo: () => ({ upTo: { wan: 10 } }),
  none: () => ({ none: true }),
  cases: () => ({ cases: [{ when: { all: [] }, amount: { fixed: { wan: 10 } } }] }),
  compute: () => ({ compute: { times: [{ yuan: 500 }, { fact: 'new_hires', period: { yearsAgo: 1 } }, { count: 6 }] as Json[] }, round: { to: 'yuan', mode: 'down' } }),
  perRecord: () => ({ perRecord: { records: 'patent', where: { field: 'kind', in: ['invention'] }, within: { field: 'granted_on', period: { yearsAgo: 1 } } }, each: { fixed: { wan: 1 } } }),
};

const without = (object: JsonObject, key: string): JsonObject => {
  const { [key]: _drop, ...rest } = object;
  return rest;
};

function FactRefPicker({ value, onChange, facts, filter }: { value: Json | undefined; onChange: (r: JsonObject) => void; facts: FactOption[]; filter?: (f: FactOption) => boolean }) {
  const r = isObject(value) ? value : {};
  return (
    <Space>
      <FactSelect facts={facts} filter={filter} value={r.fact as string} onChange={(fact) => onChange({ ...r, fact })} />
      <PeriodPicker value={r.period} onChange={(period) => onChange(period ? { ...r, period } : { fact: r.fact as string })} />
    </Space>
  );
}

/** An optional money field of an amount (封顶, 保底, 单条封顶): shown with its value, or added with a button. */
function OptionalMoney({ amount, name, label, onChange }: { amount: JsonObject; name: string; label: string; onChange: (a: JsonObject) => void }) {
  const { t } = useTranslation('ruleBuilder');
  return amount[name] === undefined ? (
    <Button size="small" icon={<PlusOutlined />} onClick={() => onChange({ ...amount, [name]: { wan: 0 } })}>{t('benefit.addOptional', { what: label })}</Button>
  ) : (
    <Space>
      <Typography.Text>{label}</Typography.Text>
      <MoneyInput value={amount[name]} onChange={(v) => onChange({ ...amount, [name]: v ?? { wan: 0 } })} />
      <Button size="small" type="text" icon={<DeleteOutlined />} onClick={() => onChange(without(amount, name))} />
    </Space>
  );
}

/** A rule tree edited in place (a case's condition): its own builder tree, kept while the JSON it gives stays the same. */
function RuleTree({ root, setRoot, facts }: { root: BuilderNode; setRoot: (root: BuilderNode) => void; facts: FactOption[] }) {
  return GROUP_KINDS.has(root.kind) && root.children ? (
    <NodeView node={root} root={root} setRoot={setRoot} facts={facts} depth={0} />
  ) : (
    <NodeView node={{ id: 'wrap', kind: 'all', model: {}, children: [root] }} root={root} setRoot={setRoot} facts={facts} depth={0} />
  );
}

/** 按情形: cases in order, the first whose condition holds pays its amount; optionally an amount for all other cases. */
function CasesForm({ amount, onChange, facts, depth }: { amount: JsonObject; onChange: (a: JsonObject) => void; facts: FactOption[]; depth: number }) {
  const { t } = useTranslation('ruleBuilder');
  const [model, setModel] = useState(() => casesToModel(amount));
  // A change from outside (the JSON tab) is read into the builder trees; the builder's own edits give back the same JSON.
  const [seen, setSeen] = useState<Json>(amount);
  if (seen !== amount) {
    setSeen(amount);
    if (JSON.stringify(casesFromModel(model)) !== JSON.stringify(amount)) setModel(casesToModel(amount));
  }
  const update = (next: { cases: CaseModel[]; otherwise?: Json }) => {
    setModel(next);
    onChange(casesFromModel(next));
  };
  const setCase = (i: number, c: CaseModel) => update({ ...model, cases: model.cases.map((x, j) => (j === i ? c : x)) });
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="rb-cases">
      <Typography.Text type="secondary">{t('benefit.casesHint')}</Typography.Text>
      {model.cases.map((c, i) => (
        <Card
          key={c.when.id}
          size="small"
          title={t('benefit.case', { n: i + 1 })}
          data-testid="rb-case"
          extra={
            <Space size={0}>
              <Tooltip title={t('actions.up')}><Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => update({ ...model, cases: model.cases.map((x, j) => (j === i - 1 ? model.cases[i] : j === i ? model.cases[i - 1] : x)) })} /></Tooltip>
              <Tooltip title={t('actions.remove')}><Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={model.cases.length <= 1} onClick={() => update({ ...model, cases: model.cases.filter((_, j) => j !== i) })} /></Tooltip>
            </Space>
          }
        >
          <Typography.Text strong>{t('benefit.when')}</Typography.Text>
          <RuleTree root={c.when} setRoot={(when) => setCase(i, { ...c, when })} facts={facts} />
          <Typography.Text strong>{t('benefit.then')}</Typography.Text>
          <AmountForm amount={c.amount} onChange={(next) => setCase(i, { ...c, amount: next })} facts={facts} depth={depth + 1} />
        </Card>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={() => update({ ...model, cases: [...model.cases, { when: toBuilder({ all: [] }), amount: { fixed: { wan: 0 } }, rest: {} }] })} data-testid="rb-add-case">{t('benefit.addCase')}</Button>
      {model.otherwise === undefined ? (
        <Button size="small" icon={<PlusOutlined />} onClick={() => update({ ...model, otherwise: { fixed: { wan: 0 } } })}>{t('benefit.addOtherwise')}</Button>
      ) : (
        <Card size="small" title={t('benefit.otherwise')} extra={<Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => update({ cases: model.cases })} />}>
          <AmountForm amount={model.otherwise} onChange={(otherwise) => update({ ...model, otherwise })} facts={facts} depth={depth + 1} />
        </Card>
      )}
      {model.otherwise === undefined && <Typography.Text type="secondary">{t('benefit.noOtherwise')}</Typography.Text>}
    </Space>
  );
}

// ---------------------------------------------------------------------------------------------
// 计算金额: products, quotients, the lower/higher of amounts, over facts and constants, rounded as the text says.
// ---------------------------------------------------------------------------------------------

const CALC_OPS = ['times', 'divide', 'min', 'max'] as const;
type OperandKind = 'fact' | 'wan' | 'yuan' | 'people' | 'count' | 'percent' | 'calc' | 'other';
const CONSTANT_KEYS = ['wan', 'yuan', 'people', 'count', 'percent'] as const;

function operandKindOf(value: Json): OperandKind {
  if (!isObject(value)) return 'other';
  if (CALC_OPS.some((op) => Array.isArray(value[op])) && Object.keys(value).length === 1) return 'calc';
  if (typeof value.fact === 'string' && Object.keys(value).every((k) => k === 'fact' || k === 'period')) return 'fact';
  const keys = Object.keys(value);
  if (keys.length === 1 && (CONSTANT_KEYS as readonly string[]).includes(keys[0])) return keys[0] as OperandKind;
  return 'other';
}

function CalcInput({ value, onChange, facts, depth }: { value: Json; onChange: (v: JsonObject) => void; facts: FactOption[]; depth: number }) {
  const { t } = useTranslation('ruleBuilder');
  const kind = operandKindOf(value);
  const v = (isObject(value) ? value : {}) as JsonObject;
  if (kind === 'calc') {
    const op = CALC_OPS.find((o) => Array.isArray(v[o]))!;
    const operands = v[op] as Json[];
    const setOperands = (next: Json[]) => onChange({ [op]: next });
    return (
      <div style={{ borderInlineStart: '2px solid #d3adf7', paddingInlineStart: 8 }} data-testid="rb-calc">
        <Select
          value={op}
          style={{ width: 150 }}
          onChange={(next: (typeof CALC_OPS)[number]) => onChange({ [next]: next === 'divide' ? [operands[0] ?? { wan: 0 }, operands[1] ?? { count: 1 }] : operands })}
          options={CALC_OPS.map((o) => ({ value: o, label: t(`benefit.calc.${o}` as never) as string }))}
        />
        {operands.map((operand, i) => (
          <div key={i} style={{ display: 'flex', gap: 4, alignItems: 'center', marginBlock: 4 }}>
            <CalcInput value={operand} facts={facts} depth={depth + 1} onChange={(next) => setOperands(operands.map((x, j) => (j === i ? next : x)))} />
            {op !== 'divide' && <Button size="small" type="text" icon={<DeleteOutlined />} disabled={operands.length <= 2} onClick={() => setOperands(operands.filter((_, j) => j !== i))} />}
          </div>
        ))}
        {op !== 'divide' && <Button size="small" icon={<PlusOutlined />} onClick={() => setOperands([...operands, { count: 1 }])}>{t('benefit.calc.addOperand')}</Button>}
      </div>
    );
  }
  const switchKind = (next: OperandKind) =>
    onChange(next === 'fact' ? { fact: 'employees', period: { yearsAgo: 1 } } : next === 'calc' ? { times: [isObject(value) ? value : { count: 1 }, { count: 1 }] } : { [next]: 0 });
  return (
    <Space.Compact>
      <Select
        value={kind}
        style={{ width: 110 }}
        onChange={switchKind}
        options={[
          { value: 'fact', label: t('benefit.calc.fact') },
          ...CONSTANT_KEYS.map((k) => ({ value: k, label: t(`units.${k}` as never) as string })),
          ...(depth < 3 ? [{ value: 'calc', label: t('benefit.calc.nested') }] : []),
          ...(kind === 'other' ? [{ value: 'other', label: '…', disabled: true }] : []),
        ]}
      />
      {kind === 'fact' ? (
        <FactRefPicker value={value} facts={facts} onChange={onChange} />
      ) : kind === 'other' ? (
        <Typography.Text code>{JSON.stringify(value)}</Typography.Text>
      ) : (
        <InputNumber<string>
          stringMode
          value={v[kind] === undefined || v[kind] === null ? null : String(v[kind])}
          onChange={(n) => onChange({ [kind]: n === null ? 0 : typeof v[kind] === 'string' ? n : Number(n) })}
          style={{ width: 120 }}
        />
      )}
    </Space.Compact>
  );
}

function ComputeForm({ amount, onChange, facts }: { amount: JsonObject; onChange: (a: JsonObject) => void; facts: FactOption[] }) {
  const { t } = useTranslation('ruleBuilder');
  const round = isObject(amount.round) ? amount.round : undefined;
  return (
    <Space direction="vertical">
      <Typography.Text type="secondary">{t('benefit.computeHint')}</Typography.Text>
      <CalcInput value={amount.compute} facts={facts} depth={0} onChange={(compute) => onChange({ ...amount, compute })} />
      <Space>
        <Typography.Text>{t('benefit.round.label')}</Typography.Text>
        <Select
          value={round ? `${round.to as string}:${round.mode as string}` : ''}
          style={{ width: 200 }}
          onChange={(r: string) => {
            if (!r) return onChange(without(amount, 'round'));
            const [to, mode] = r.split(':');
            onChange({ ...amount, round: { to, mode } });
          }}
          options={[{ value: '', label: t('benefit.round.default') }, ...['fen', 'yuan', 'wan'].flatMap((to) => ['down', 'halfUp'].map((mode) => ({ value: `${to}:${mode}`, label: t(`benefit.round.${mode}` as never, { unit: t(`units.${to}` as never) }) as string })))]}
          data-testid="rb-round"
        />
      </Space>
      <OptionalMoney amount={amount} name="cap" label={t('benefit.cap')} onChange={onChange} />
      <OptionalMoney amount={amount} name="floor" label={t('benefit.floor')} onChange={onChange} />
    </Space>
  );
}

// ---------------------------------------------------------------------------------------------
// 按条计发: a sum per qualifying record, each capped, at most N records, the total capped per enterprise.
// ---------------------------------------------------------------------------------------------

type RateLeaf = JsonObject;
type FieldOption = { value: string; label: string };

/** A field of the record type picked by its name (codes not in the type's list are kept and shown as they are). */
function FieldPicker({ value, options, onChange, width = 150 }: { value: string | undefined; options: FieldOption[]; onChange: (code: string) => void; width?: number }) {
  return <Select value={value} style={{ width }} onChange={onChange} options={[...options, ...(value && !options.some((o) => o.value === value) ? [{ value, label: value }] : [])]} />;
}

function RateLeafInput({ value, onChange, rateFields }: { value: RateLeaf; onChange: (v: RateLeaf) => void; rateFields: FieldOption[] }) {
  const { t } = useTranslation('ruleBuilder');
  const isField = typeof value.field === 'string';
  return (
    <Space.Compact>
      <Select value={isField ? 'field' : 'constant'} style={{ width: 120 }} onChange={(k) => onChange(k === 'field' ? { field: rateFields[0]?.value ?? 'rate_bp' } : { percent: 0 })} options={[{ value: 'constant', label: t('benefit.perRecord.rateConstant') }, { value: 'field', label: t('benefit.perRecord.rateField') }]} />
      {isField ? <FieldPicker value={value.field as string} options={rateFields} onChange={(field) => onChange({ field })} width={130} /> : <ValueInput value={value} factUnit="bp" onChange={onChange} />}
    </Space.Compact>
  );
}

function PerRecordForm({ amount, onChange }: { amount: JsonObject; onChange: (a: JsonObject) => void }) {
  const { t, i18n } = useTranslation('ruleBuilder');
  const lang = langOf(i18n.language);
  const each = isObject(amount.each) ? amount.each : {};
  const selection = isObject(amount.perRecord) ? amount.perRecord : {};
  const { data: recordTypes } = useRecordTypes();
  const fields = (recordTypes ?? []).find((r) => r.code === selection.records)?.fields ?? [];
  const optionsOf = (keep: (f: (typeof fields)[number]) => boolean): FieldOption[] => fields.filter(keep).map((f) => ({ value: f.code, label: lang === 'zh' ? f.nameZh : f.nameEn }));
  const moneyFields = optionsOf((f) => f.type === 'money');
  const rateFields = optionsOf((f) => f.type === 'number' && f.unit === 'bp');
  const monthFields = optionsOf((f) => f.type === 'number' && f.unit !== 'bp');
  const byRate = Object.hasOwn(each, 'of');
  const rate = isObject(each.rate) ? each.rate : { percent: 0 };
  const rateList = Array.isArray(rate.min) ? { op: 'min', leaves: rate.min as RateLeaf[] } : Array.isArray(rate.max) ? { op: 'max', leaves: rate.max as RateLeaf[] } : { op: 'one', leaves: [rate] };
  const setRate = (op: string, leaves: RateLeaf[]) => onChange({ ...amount, each: { ...each, rate: op === 'one' ? leaves[0] : { [op]: leaves } } });
  const setEach = (next: JsonObject) => onChange({ ...amount, each: next });
  return (
    <Space direction="vertical" data-testid="rb-per-record">
      <Typography.Text strong>{t('benefit.perRecord.which')}</Typography.Text>
      <RecordSelection value={selection} onChange={(perRecord) => onChange({ ...amount, perRecord })} />
      <Space wrap>
        <Typography.Text strong>{t('benefit.perRecord.each')}</Typography.Text>
        <Segmented value={byRate ? 'rate' : 'fixed'} onChange={(k) => setEach(k === 'rate' ? { of: moneyFields[0]?.value ?? 'amount', rate: { percent: 50 } } : { fixed: { wan: 1 } })} options={[{ value: 'fixed', label: t('benefit.perRecord.fixed') }, { value: 'rate', label: t('benefit.perRecord.rate') }]} />
      </Space>
      {byRate ? (
        <Space direction="vertical" style={{ paddingInlineStart: 16 }}>
          <Space>
            <Typography.Text>{t('benefit.perRecord.of')}</Typography.Text>
            <FieldPicker value={each.of as string} options={moneyFields} onChange={(of) => setEach({ ...each, of })} />
          </Space>
          <Space wrap>
            <Typography.Text>{t('benefit.rate')}</Typography.Text>
            <Select value={rateList.op} style={{ width: 130 }} onChange={(op: string) => setRate(op, op === 'one' ? [rateList.leaves[0]] : rateList.leaves.length >= 2 ? rateList.leaves : [...rateList.leaves, { percent: 0 }])} options={['one', 'min', 'max'].map((o) => ({ value: o, label: t(`benefit.perRecord.rateOp.${o}` as never) as string }))} />
            {rateList.leaves.map((leaf, i) => (
              <Space key={i} size={0}>
                <RateLeafInput value={leaf} rateFields={rateFields} onChange={(next) => setRate(rateList.op, rateList.leaves.map((x, j) => (j === i ? next : x)))} />
                {rateList.op !== 'one' && <Button size="small" type="text" icon={<DeleteOutlined />} disabled={rateList.leaves.length <= 1} onClick={() => setRate(rateList.op, rateList.leaves.filter((_, j) => j !== i))} />}
              </Space>
            ))}
            {rateList.op !== 'one' && <Button size="small" icon={<PlusOutlined />} onClick={() => setRate(rateList.op, [...rateList.leaves, { percent: 0 }])} />}
          </Space>
          <Space>
            <Typography.Text>{t('benefit.perRecord.months')}</Typography.Text>
            <Select
              value={each.months === undefined ? 'none' : typeof each.months === 'number' ? 'fixed' : 'field'}
              style={{ width: 150 }}
              onChange={(k: string) => setEach(k === 'none' ? without(each, 'months') : { ...each, months: k === 'fixed' ? 12 : (monthFields[0]?.value ?? 'term_months') })}
              options={['none', 'field', 'fixed'].map((k) => ({ value: k, label: t(`benefit.perRecord.monthsKind.${k}` as never) as string }))}
            />
            {typeof each.months === 'number' && <InputNumber min={0} value={each.months} onChange={(n) => setEach({ ...each, months: n ?? 0 })} addonAfter={t('benefit.perRecord.monthUnit')} />}
            {typeof each.months === 'string' && <FieldPicker value={each.months} options={monthFields} onChange={(months) => setEach({ ...each, months })} />}
          </Space>
        </Space>
      ) : (
        <Space style={{ paddingInlineStart: 16 }}>
          <Typography.Text>{t('benefit.perRecord.perEach')}</Typography.Text>
          <MoneyInput value={each.fixed} onChange={(fixed) => setEach({ ...each, fixed: fixed ?? { wan: 0 } })} />
        </Space>
      )}
      <OptionalMoney amount={amount} name="recordCap" label={t('benefit.perRecord.recordCap')} onChange={onChange} />
      {amount.maxRecords === undefined ? (
        <Button size="small" icon={<PlusOutlined />} onClick={() => onChange({ ...amount, maxRecords: 5 })}>{t('benefit.addOptional', { what: t('benefit.perRecord.maxRecords') })}</Button>
      ) : (
        <Space>
          <Typography.Text>{t('benefit.perRecord.maxRecords')}</Typography.Text>
          <InputNumber min={1} value={amount.maxRecords as number} onChange={(n) => onChange({ ...amount, maxRecords: n ?? 1 })} addonAfter={t('benefit.perRecord.recordUnit')} />
          <Button size="small" type="text" icon={<DeleteOutlined />} onClick={() => onChange(without(amount, 'maxRecords'))} />
        </Space>
      )}
      <OptionalMoney amount={amount} name="cap" label={t('benefit.perRecord.cap')} onChange={onChange} />
    </Space>
  );
}

/** An amount formula as a form, by its form (定额, 分档 … 按情形 nests amounts); an unknown form is read-only, kept exactly. */
function AmountForm({ amount, onChange, facts, depth }: { amount: Json; onChange: (a: JsonObject) => void; facts: FactOption[]; depth: number }) {
  const { t, i18n } = useTranslation('ruleBuilder');
  const kind = amountKindOf(amount);
  const a = isObject(amount) ? amount : {};
  const moneyFacts = (f: FactOption) => f.unit === 'fen';
  const set = onChange;
  const form =
    kind === 'fixed' ? (
      <Space><Typography.Text>{t('benefit.amount')}</Typography.Text><MoneyInput value={a.fixed} onChange={(v) => set({ ...a, fixed: v! })} /></Space>
    ) : kind === 'tiers' && isObject(a.tiers) ? (
      <TiersForm amount={a} onChange={set} facts={facts} />
    ) : kind === 'percentOf' ? (
      <Space direction="vertical">
        <Space><Typography.Text>{t('benefit.base')}</Typography.Text><FactRefPicker value={a.percentOf} onChange={(percentOf) => set({ ...a, percentOf })} facts={facts} filter={moneyFacts} /></Space>
        <Space><Typography.Text>{t('benefit.rate')}</Typography.Text><ValueInput value={a.rate} factUnit="bp" onChange={(rate) => set({ ...a, rate })} /></Space>
        <OptionalMoney amount={a} name="cap" label={t('benefit.cap')} onChange={set} />
        <OptionalMoney amount={a} name="floor" label={t('benefit.floor')} onChange={set} />
      </Space>
    ) : kind === 'perHead' ? (
      <Space direction="vertical">
        <Space><Typography.Text>{t('benefit.perHead')}</Typography.Text><MoneyInput value={a.perHead} onChange={(perHead) => set({ ...a, perHead: perHead! })} /></Space>
        <Space><Typography.Text>{t('benefit.count')}</Typography.Text><FactRefPicker value={a.count} onChange={(count) => set({ ...a, count })} facts={facts} filter={(f) => f.unit === 'person'} /></Space>
        <OptionalMoney amount={a} name="cap" label={t('benefit.cap')} onChange={set} />
      </Space>
    ) : kind === 'installments' ? (
      <Space direction="vertical">
        {((a.installments as Json[]) ?? []).map((part, i, all) => (
          <Space key={i}>
            <Typography.Text>{t('benefit.installment', { n: i + 1 })}</Typography.Text>
            <MoneyInput value={part} onChange={(v) => set({ ...a, installments: all.map((x, j) => (j === i ? v! : x)) })} />
            <Button size="small" type="text" icon={<DeleteOutlined />} disabled={all.length <= 1} onClick={() => set({ ...a, installments: all.filter((_, j) => j !== i) })} />
          </Space>
        ))}
        <Button size="small" icon={<PlusOutlined />} onClick={() => set({ ...a, installments: [...((a.installments as Json[]) ?? []), { wan: 0 }] })}>{t('benefit.addInstallment')}</Button>
      </Space>
    ) : kind === 'upTo' ? (
      <Space direction="vertical">
        <Space><Typography.Text>{t('benefit.upTo')}</Typography.Text><MoneyInput value={a.upTo} onChange={(upTo) => set({ ...a, upTo: upTo! })} testId="rb-up-to" /></Space>
        <Typography.Text type="secondary">{t('benefit.upToHint')}</Typography.Text>
      </Space>
    ) : kind === 'none' ? (
      <Typography.Text type="secondary" data-testid="rb-eligibility-only">{t('benefit.noneHint')}</Typography.Text>
    ) : kind === 'cases' ? (
      <CasesForm amount={a} onChange={set} facts={facts} depth={depth} />
    ) : kind === 'compute' ? (
      <ComputeForm amount={a} onChange={set} facts={facts} />
    ) : kind === 'perRecord' ? (
      <PerRecordForm amount={a} onChange={set} />
    ) : (
      <div>
        <Typography.Text type="secondary">{t('benefit.readonly')}</Typography.Text>
        <div data-testid="rb-benefit-readonly">{safeText(() => renderBenefit({ amount } as unknown as Benefit, { catalogue: DEFAULT_CATALOGUE, locale: localeOf(langOf(i18n.language)) }))}</div>
      </div>
    );
  const kinds = AMOUNT_KINDS.filter((k) => k !== 'none');
  // At the top the benefit field shows the forms as a segmented control; nested amounts (a case's) pick from a list.
  if (depth === 0) return form;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select
        value={kind}
        style={{ width: 220 }}
        onChange={(next: AmountKind) => next !== 'opaque' && set(FRESH_AMOUNTS[next]())}
        options={[...kinds.map((k) => ({ value: k, label: t(`benefit.kinds.${k}` as never) as string })), ...(kind === 'opaque' ? [{ value: 'opaque', label: t('benefit.kinds.other'), disabled: true }] : [])]}
        data-testid="rb-case-amount-kind"
      />
      {form}
    </Space>
  );
}

function TiersForm({ amount, onChange, facts }: { amount: JsonObject; onChange: (a: JsonObject) => void; facts: FactOption[] }) {
  const { t } = useTranslation('ruleBuilder');
  const tiers = amount.tiers as JsonObject;
  const steps = (tiers.steps as JsonObject[]) ?? [];
  const setTiers = (next: JsonObject) => onChange({ ...amount, tiers: next });
  return (
    <Space direction="vertical">
      <Space><Typography.Text>{t('benefit.by')}</Typography.Text><FactRefPicker value={tiers.by} onChange={(by) => setTiers({ ...tiers, by })} facts={facts} /></Space>
      {steps.map((step, i) => {
        const setStep = (s: JsonObject) => setTiers({ ...tiers, steps: steps.map((x, j) => (j === i ? s : x)) });
        const key = 'atLeast' in step ? 'atLeast' : 'above' in step ? 'above' : 'is' in step ? 'is' : 'in';
        return (
          <Space key={i} wrap>
            {key === 'atLeast' || key === 'above' ? (
              <>
                <Select value={key} style={{ width: 90 }} onChange={(k) => { const { [key]: bound, ...rest } = step; setStep({ ...rest, [k]: bound }); }} options={[{ value: 'atLeast', label: t('comparators.>=') }, { value: 'above', label: t('comparators.>') }]} />
                <ValueInput value={step[key]} onChange={(v) => setStep({ ...step, [key]: v })} factUnit={isObject(tiers.by) ? facts.find((f) => f.code === (tiers.by as JsonObject).fact)?.unit : undefined} />
              </>
            ) : key === 'is' ? (
              <Segmented value={step.is === true ? 'yes' : 'no'} onChange={(v) => setStep({ ...step, is: v === 'yes' })} options={[{ value: 'yes', label: t('yes') }, { value: 'no', label: t('no') }]} />
            ) : (
              <Select mode="tags" value={step.in as string[]} style={{ minWidth: 160 }} onChange={(list: string[]) => setStep({ ...step, in: list })} />
            )}
            <Typography.Text>{t('benefit.stepAmount')}</Typography.Text>
            <MoneyInput value={step.amount} onChange={(v) => setStep({ ...step, amount: v! })} />
            <Button size="small" type="text" icon={<DeleteOutlined />} disabled={steps.length <= 1} onClick={() => setTiers({ ...tiers, steps: steps.filter((_, j) => j !== i) })} />
          </Space>
        );
      })}
      <Button size="small" icon={<PlusOutlined />} onClick={() => setTiers({ ...tiers, steps: [...steps, { atLeast: { yi: 1 }, amount: { wan: 10 } }] })}>{t('benefit.addStep')}</Button>
    </Space>
  );
}

export function BenefitBuilderField({ value = '', onChange, paramsText, testId, serverProblems }: FieldProps) {
  const { t, i18n } = useTranslation('ruleBuilder');
  const facts = useFacts();
  const [tab, setTab] = useState<'builder' | 'json'>('builder');
  const [model, setModel] = useSynced<BenefitModel | null>(value, onChange, (json) => (json === undefined ? null : benefitToModel(json)), (m) => (m ? benefitFromModel(m) : undefined));
  const text = useMemo(() => {
    if (!model) return null;
    try {
      return renderBenefit(benefitFromModel(model) as unknown as Benefit, { catalogue: DEFAULT_CATALOGUE, locale: localeOf(langOf(i18n.language)) });
    } catch (error) {
      return t('live.invalid', { message: (error as Error).message });
    }
  }, [model, i18n.language, t]);
  const setAmount = (amount: JsonObject) => setModel({ amountKind: amountKindOf(amount), amount, rest: model?.rest ?? {} });
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
                <div style={{ overflowX: 'auto' }}>
                  <Segmented
                    value={model?.amountKind ?? ''}
                    onChange={(kind) => kind !== 'opaque' && kind !== '' && setAmount(FRESH_AMOUNTS[kind as Exclude<AmountKind, 'opaque'>]())}
                    options={[...(model ? [] : [{ value: '', label: t('benefit.none'), disabled: true }]), ...AMOUNT_KINDS.map((k) => ({ value: k, label: t(`benefit.kinds.${k}` as never) as string })), ...(model?.amountKind === 'opaque' ? [{ value: 'opaque', label: t('benefit.kinds.other'), disabled: true }] : [])]}
                    data-testid="rb-benefit-kind"
                  />
                </div>
                {model?.raw !== undefined ? (
                  <Typography.Text type="secondary">{t('benefit.readonly')} <Typography.Text code>{JSON.stringify(model.raw)}</Typography.Text></Typography.Text>
                ) : (
                  model && <AmountForm amount={model.amount} onChange={setAmount} facts={facts} depth={0} />
                )}
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
