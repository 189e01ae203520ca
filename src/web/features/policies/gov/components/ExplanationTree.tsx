import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Explanation, ExplainedInput } from '../../../../../core/rules/evaluate.ts';
import { explanationValues, missingFactName, type Locale } from '../../../../../core/rules/explain/render.ts';
import type { RenderedLine } from '../../../../api/types.ts';
import { moneyLocale } from '../../../../lib/indicator-values.ts';
import './policies.css';

const MARK = { pass: '✓', fail: '✗', unknown: '?' } as const;

/** The rendered line without the clause (shown on its own) and the trailing ✓ ✗ ? (shown as the badge). */
export function lineBody(text: string, clause: string | undefined): string {
  let body = text;
  if (clause) {
    for (const prefix of [`【${clause}】`, `[${clause}] `]) if (body.startsWith(prefix)) body = body.slice(prefix.length);
  }
  return body.replace(/ [✓✗?](?=(（[^]*）| \([^]*\))?$)/, '');
}

function periodsOf(inputs: readonly ExplainedInput[]): string[] {
  return [...new Set(inputs.map((input) => input.period).filter((p): p is string => Boolean(p)))];
}

/**
 * The facts of a leaf as chips: the actual value, the bound, the periods read, the near miss, what is missing.
 * Values come from the core formatted as the line shows them (same decimals, issue 12); under a `not`
 * (`negated`) no near miss is shown, as it would point towards becoming excluded.
 */
function NodeFacts({ node, locale, negated }: { node: Explanation; locale: Locale; negated: boolean }) {
  const { t } = useTranslation('policies');
  const chips: React.ReactNode[] = [];
  const values = explanationValues(node, locale, negated);
  if (values.actual) chips.push(<Tag key="actual" color="blue">{t('explain.actual', { value: values.actual })}</Tag>);
  if (node.kind === 'between' && (values.min !== undefined || values.max !== undefined)) {
    chips.push(<Tag key="bound">{t('explain.range', { min: values.min ?? '…', max: values.max ?? '…' })}</Tag>);
  }
  if (values.bound) chips.push(<Tag key="bound">{t('explain.bound', { value: values.bound })}</Tag>);
  // Codes (size classes, yes/no, industry codes) are named in the clause's text already, in words.
  const inputs = node.kind === 'compare' ? [...node.left.inputs, ...node.right.inputs] : node.kind === 'between' || node.kind === 'bands' ? [...node.operand.inputs] : node.kind === 'in' || node.kind === 'is' || node.kind === 'industry' ? [node.input] : [];
  const periods = periodsOf(inputs);
  if (periods.length) chips.push(<Tag key="period">{t('explain.period', { period: periods.join('、') })}</Tag>);
  if (values.nearMiss) {
    chips.push(
      <Tag key="near" color="volcano" data-testid="explain-near-miss">
        {values.nearMiss}
      </Tag>,
    );
  }
  if (node.value === 'unknown' && node.missing?.length) {
    chips.push(
      <Tag key="missing" color="gold">
        {t('explain.missing', { facts: node.missing.map((fact) => missingFactName(fact, { locale })).join(locale === 'zh-CN' ? '、' : ', ') })}
      </Tag>,
    );
  }
  return chips.length ? <div className="dxe-explain-facts">{chips}</div> : null;
}

const FLIP = { pass: 'fail', fail: 'pass', unknown: 'unknown' } as const;

/**
 * One node as the renderer's lines show it: a `not` has no line of its own — over a single condition it
 * is that condition read as a prohibition (on the `not`'s path), over a group the group read by De Morgan;
 * below it, every verdict is the prohibition's (the node's value flipped once per `not` above).
 */
function NodeView({ node, lines, locale, negated = false, clause }: { node: Explanation; lines: ReadonlyMap<string, string>; locale: Locale; negated?: boolean; clause?: string }) {
  const { t } = useTranslation('policies');
  if (node.kind === 'not') {
    const child = node.children[0];
    if ('children' in child) return <NodeView node={child} lines={lines} locale={locale} negated={!negated} clause={node.clause ?? clause} />;
  }
  const leaf = node.kind === 'not' ? node.children[0] : node;
  const value = negated ? FLIP[node.value] : node.value;
  const shownClause = node.clause ?? clause ?? (node.kind === 'not' ? leaf.clause : undefined);
  const text = lines.get(node.path);
  const children = node.kind !== 'not' && 'children' in node ? node.children : [];
  return (
    <li className="dxe-explain-node" data-testid="explain-node" data-path={node.path} data-value={value}>
      <div className="dxe-explain-row">
        <Tooltip title={t(`explain.value.${value}`)}>
          <span className={`dxe-explain-mark dxe-explain-mark-${value}`} aria-label={t(`explain.value.${value}`)}>
            {MARK[value]}
          </span>
        </Tooltip>
        <div className="dxe-explain-body">
          {shownClause && <div className="dxe-explain-clause">{shownClause}</div>}
          {text && <Typography.Text type={shownClause ? 'secondary' : undefined}>{lineBody(text, shownClause)}</Typography.Text>}
          <NodeFacts node={leaf} locale={locale} negated={node.kind === 'not' ? !negated : negated} />
        </div>
      </div>
      {children.length > 0 && (
        <ul className="dxe-explain-tree">
          {children.map((child) => (
            <NodeView key={child.path} node={child} lines={lines} locale={locale} negated={negated} />
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * An explanation as the tree of the rule: every clause with ✓ / ✗ / ?, its text (values, bounds and periods
 * as resolved on the evaluation date), the actual value and the bound, the near miss ("差 150万元") and the
 * facts still missing.
 */
export function ExplanationTree({ explanation, rendered }: { explanation: unknown; rendered: { zh: RenderedLine[]; en: RenderedLine[] } }) {
  const { i18n } = useTranslation('policies');
  const locale = moneyLocale(i18n.language);
  const lines = new Map((locale === 'en-US' ? rendered.en : rendered.zh).map((line) => [line.path, line.text]));
  return (
    <ul className="dxe-explain-tree" data-testid="explain-tree">
      <NodeView node={explanation as Explanation} lines={lines} locale={locale} />
    </ul>
  );
}
