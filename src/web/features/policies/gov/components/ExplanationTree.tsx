import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Explanation, ExplainedInput, Operand } from '../../../../../core/rules/evaluate.ts';
import { formatNearMiss, formatValue, missingFactName, type Locale } from '../../../../../core/rules/explain/render.ts';
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

function operandValue(operand: Operand, locale: Locale): string | null {
  if (operand.state !== 'ok' || operand.value === null) return null;
  return formatValue(operand.value, operand.unit, locale);
}

function periodsOf(inputs: readonly ExplainedInput[]): string[] {
  return [...new Set(inputs.map((input) => input.period).filter((p): p is string => Boolean(p)))];
}

/** The facts of a leaf as chips: the actual value, the bound, the periods read, the near miss, what is missing. */
function NodeFacts({ node, locale }: { node: Explanation; locale: Locale }) {
  const { t } = useTranslation('policies');
  const chips: React.ReactNode[] = [];
  let actual: Operand | null = null;
  let bound: Operand | null = null;
  if (node.kind === 'compare') {
    actual = node.left;
    bound = node.right;
  } else if (node.kind === 'between') actual = node.operand;
  else if (node.kind === 'bands') {
    actual = node.operand;
    bound = node.bound;
  }
  const actualText = actual && operandValue(actual, locale);
  if (actualText) chips.push(<Tag key="actual" color="blue">{t('explain.actual', { value: actualText })}</Tag>);
  if (node.kind === 'between') {
    const min = operandValue(node.min, locale);
    const max = operandValue(node.max, locale);
    if (min !== null || max !== null) chips.push(<Tag key="bound">{t('explain.range', { min: min ?? '…', max: max ?? '…' })}</Tag>);
  }
  const boundText = bound && operandValue(bound, locale);
  if (boundText) chips.push(<Tag key="bound">{t('explain.bound', { value: boundText })}</Tag>);
  // Codes (size classes, yes/no, industry codes) are named in the clause's text already, in words.
  const inputs = node.kind === 'compare' ? [...node.left.inputs, ...node.right.inputs] : node.kind === 'between' || node.kind === 'bands' ? [...node.operand.inputs] : node.kind === 'in' || node.kind === 'is' || node.kind === 'industry' ? [node.input] : [];
  const periods = periodsOf(inputs);
  if (periods.length) chips.push(<Tag key="period">{t('explain.period', { period: periods.join('、') })}</Tag>);
  if ('nearMiss' in node && node.nearMiss) {
    chips.push(
      <Tag key="near" color="volcano" data-testid="explain-near-miss">
        {formatNearMiss(node.nearMiss, locale)}
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

function NodeView({ node, lines, locale }: { node: Explanation; lines: ReadonlyMap<string, string>; locale: Locale }) {
  const { t } = useTranslation('policies');
  const text = lines.get(node.path);
  const children = 'children' in node ? node.children : [];
  return (
    <li className="dxe-explain-node" data-testid="explain-node" data-path={node.path} data-value={node.value}>
      <div className="dxe-explain-row">
        <Tooltip title={t(`explain.value.${node.value}`)}>
          <span className={`dxe-explain-mark dxe-explain-mark-${node.value}`} aria-label={t(`explain.value.${node.value}`)}>
            {MARK[node.value]}
          </span>
        </Tooltip>
        <div className="dxe-explain-body">
          {node.clause && <div className="dxe-explain-clause">{node.clause}</div>}
          {text && <Typography.Text type={node.clause ? 'secondary' : undefined}>{lineBody(text, node.clause)}</Typography.Text>}
          <NodeFacts node={node} locale={locale} />
        </div>
      </div>
      {children.length > 0 && (
        <ul className="dxe-explain-tree">
          {children.map((child) => (
            <NodeView key={child.path} node={child} lines={lines} locale={locale} />
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
