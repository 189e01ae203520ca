import { useMemo, useState } from 'react';
import { Alert, Col, Empty, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { moneyLocale } from '../../../../lib/indicator-values.ts';
import { locateJson } from '../lib/json-locate.ts';
import { checkBenefit, checkParams, checkRule, type NodeProblem } from '../lib/rule-check.ts';
import { JsonEditor, type EditorProblem } from './JsonEditor.tsx';
import { countyDate } from '../../../../lib/format.ts';
import { useDeclaredFacts } from './rule-builder/declared-context.ts';

/** 'json' is any JSON (made-up facts): only its syntax is checked here, the rest by the server. */
export type RuleFieldKind = 'rule' | 'benefit' | 'params' | 'json';

/** Problems the server reported for a JSON field, with the text they were reported for. */
export interface ServerProblems {
  text: string;
  problems: NodeProblem[];
}

interface RuleFieldProps {
  value?: string;
  onChange?: (text: string) => void;
  kind: RuleFieldKind;
  /** The policy's own parameters (JSON text), which the rule and the benefit may use. */
  paramsText?: string;
  serverProblems?: ServerProblems | null;
  readOnly?: boolean;
  rows?: number;
  testId: string;
}

/**
 * A rule, a benefit formula or the parameters as JSON, checked as one types, with the readable text beside
 * it in the reader's language (generated from the tree by the same renderer the server uses). The server's
 * save-time problems are shown at their nodes until the text changes; then the live check takes over.
 */
export function RuleField({ value = '', onChange, kind, paramsText = '[]', serverProblems, readOnly, rows, testId }: RuleFieldProps) {
  const { t, i18n } = useTranslation('policies');
  const locale = moneyLocale(i18n.language);
  const declared = useDeclaredFacts();
  const [focus, setFocus] = useState<{ pointer: string; nonce: number } | null>(null);

  const check = useMemo(() => {
    const located = locateJson(value);
    if (!located.ok) return { parsed: false, problems: [] as NodeProblem[], lines: null };
    const paramsLocated = locateJson(paramsText.trim() || '[]');
    const params = paramsLocated.ok ? paramsLocated.value : [];
    const today = countyDate(new Date().toISOString());
    if (kind === 'json') return { parsed: true, problems: [] as NodeProblem[], lines: null };
    if (kind === 'params') return { parsed: true, problems: checkParams(located.value), lines: null };
    const result = kind === 'rule' ? checkRule(located.value, params, locale, today, declared) : checkBenefit(located.value, params, locale, today);
    return { parsed: true, ...result };
  }, [value, paramsText, kind, locale, declared]);

  const isServer = serverProblems !== null && serverProblems !== undefined && serverProblems.text === value;
  const problems: EditorProblem[] = isServer ? serverProblems.problems.map((p) => ({ ...p, source: 'server' as const })) : check.problems.map((p) => ({ ...p, source: 'local' as const }));

  const editor = (
    <JsonEditor
      value={value}
      onChange={onChange}
      problems={problems}
      readOnly={readOnly}
      rows={rows}
      focus={focus}
      ariaLabel={t(`editor.jsonLabel.${kind}`)}
      data-testid={testId}
    />
  );
  if (kind === 'params' || kind === 'json') return editor;

  return (
    <Row gutter={[16, 12]}>
      <Col xs={24} xl={13}>
        {editor}
      </Col>
      <Col xs={24} xl={11}>
        <div className="dxe-rule-preview" data-testid={`${testId}-rendered`}>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }}>
            {t('editor.livePreview')} {isServer ? <Tag color="error">{t('editor.serverChecked')}</Tag> : check.parsed && check.problems.length === 0 ? <Tag color="success">{t('editor.checkedOk')}</Tag> : null}
          </Typography.Text>
          {!check.parsed ? (
            <Alert type="warning" showIcon title={t('editor.fixSyntax')} />
          ) : check.lines ? (
            <ul className="dxe-rule-lines">
              {check.lines.map((line) => (
                <li
                  key={line.path || 'root'}
                  className={`dxe-rule-line${kind === 'rule' ? ' dxe-rule-line-clickable' : ''}`}
                  style={{ paddingInlineStart: 6 + line.depth * 20 }}
                  onClick={kind === 'rule' ? () => setFocus({ pointer: line.path, nonce: Date.now() }) : undefined}
                  data-path={line.path}
                >
                  {line.text}
                </li>
              ))}
            </ul>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('editor.fixProblems')} />
          )}
        </div>
      </Col>
    </Row>
  );
}
