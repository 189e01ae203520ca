import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Typography } from 'antd';
import { CloseCircleFilled, WarningFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { locateJson, spanOfPointer, type JsonSyntaxError, type NodeSpan } from '../lib/json-locate.ts';
import './policies.css';

/** A problem to show at a node: where, what, and whether the server said so on save or the live check. */
export interface EditorProblem {
  pointer: string;
  code: string;
  message: string;
  source: 'server' | 'local';
}

const LINE_HEIGHT = 20;
const PADDING = 8;

interface JsonEditorProps {
  value?: string;
  onChange?: (text: string) => void;
  problems?: readonly EditorProblem[];
  readOnly?: boolean;
  rows?: number;
  /** The node to show (a rendered line or a problem was clicked): its lines are marked and selected. */
  focus?: { pointer: string; nonce: number } | null;
  ariaLabel: string;
  'data-testid'?: string;
}

/** "第 3 行第 5 列：意外的字符 “,”" — a syntax error in the reader's language. */
export function useSyntaxErrorText() {
  const { t } = useTranslation('policies');
  return (error: JsonSyntaxError) => t('json.syntaxAt', { line: error.line, column: error.column, problem: t(`json.syntax.${error.code}`, { found: error.found ?? '' }) });
}

/**
 * A JSON text editor for rules, benefit formulas and parameters: monospace, line numbers, the syntax
 * checked as one types, and problems shown at the lines of the node they name (a server path such as
 * `/all/2/left` is found in the text), with the list of messages under it; clicking a message selects
 * the node.
 */
export function JsonEditor({ value = '', onChange, problems = [], readOnly, rows = 16, focus, ariaLabel, ...rest }: JsonEditorProps) {
  const { t } = useTranslation('policies');
  const syntaxText = useSyntaxErrorText();
  const testId = rest['data-testid'];
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const backdrop = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const located = useMemo(() => locateJson(value), [value]);
  const lineCount = value.split('\n').length;

  // Lines to mark: the first line of each problem's node strongly, the rest of a short node lightly.
  const placed = useMemo(() => {
    if (!located.ok) return [];
    return problems.map((problem) => ({ problem, at: spanOfPointer(located.spans, problem.pointer) }));
  }, [located, problems]);
  const marks = useMemo(() => {
    const lines = new Map<number, 'error' | 'error-light' | 'focus'>();
    if (!located.ok) {
      lines.set(located.error.line, 'error');
      return lines;
    }
    for (const { at } of placed) {
      if (!at) continue;
      const { line, endLine } = at.span;
      if (endLine - line <= 8) for (let l = line + 1; l <= endLine; l++) if (!lines.has(l)) lines.set(l, 'error-light');
      lines.set(line, 'error');
    }
    const focused = selected ?? focus?.pointer ?? null;
    if (focused !== null) {
      const at = spanOfPointer(located.spans, focused);
      if (at) for (let l = at.span.line; l <= at.span.endLine; l++) if (lines.get(l) !== 'error') lines.set(l, 'focus');
    }
    return lines;
  }, [located, placed, selected, focus]);

  const select = (span: NodeSpan) => {
    const element = area.current;
    if (!element) return;
    element.focus();
    element.setSelectionRange(span.start, span.end);
    element.scrollTop = Math.max(0, (span.line - 3) * LINE_HEIGHT);
    syncScroll();
  };

  function syncScroll() {
    const top = area.current?.scrollTop ?? 0;
    if (gutter.current) gutter.current.scrollTop = top;
    if (backdrop.current) backdrop.current.scrollTop = top;
  }

  // Scroll to the node asked for from outside (a clicked line of the readable rendering).
  const focusNonce = focus?.nonce;
  useEffect(() => {
    if (focusNonce === undefined || !focus || !located.ok) return;
    const at = spanOfPointer(located.spans, focus.pointer);
    if (at) select(at.span);
    // Only a new request moves the caret, not every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusNonce]);

  const height = rows * LINE_HEIGHT + 2 * PADDING;
  const lines = Array.from({ length: lineCount }, (_, i) => i + 1);
  const messages: ReactNode[] = [];
  if (!located.ok) {
    messages.push(
      <li key="syntax" className="dxe-json-problem dxe-json-problem-error" data-testid={testId && `${testId}-syntax`} data-line={located.error.line}>
        <CloseCircleFilled />
        <button type="button" className="dxe-json-problem-link" onClick={() => select({ start: located.error.offset, end: located.error.offset + 1, line: located.error.line, endLine: located.error.line })}>
          {syntaxText(located.error)}
        </button>
      </li>,
    );
  } else {
    placed.forEach(({ problem, at }, index) => {
      const line = at?.span.line;
      messages.push(
        <li
          key={index}
          className={`dxe-json-problem ${problem.source === 'server' ? 'dxe-json-problem-error' : 'dxe-json-problem-warning'}`}
          data-testid={testId && `${testId}-problem`}
          data-pointer={problem.pointer}
          data-line={line ?? ''}
          data-source={problem.source}
        >
          {problem.source === 'server' ? <CloseCircleFilled /> : <WarningFilled />}
          <button
            type="button"
            className="dxe-json-problem-link"
            onClick={() => {
              if (!at) return;
              setSelected(at.pointer);
              select(at.span);
            }}
          >
            {line !== undefined && <span className="dxe-json-problem-line">{t('json.line', { line })}</span>}
            <code>{problem.pointer || '/'}</code> {t(`problemCodes.${problem.code}`, { defaultValue: problem.code })}
            {problem.message && <Typography.Text type="secondary">（{problem.message}）</Typography.Text>}
          </button>
        </li>,
      );
    });
  }

  return (
    <div className="dxe-json-editor-wrap">
      <div className={`dxe-json-editor${readOnly ? ' dxe-json-editor-readonly' : ''}`} style={{ height }}>
        <div className="dxe-json-gutter" ref={gutter} aria-hidden>
          {lines.map((n) => (
            <div key={n} className={marks.get(n) === 'error' ? 'dxe-json-gutter-error' : undefined} style={{ height: LINE_HEIGHT }}>
              {n}
            </div>
          ))}
        </div>
        <div className="dxe-json-area">
          <div className="dxe-json-backdrop" ref={backdrop} aria-hidden>
            {lines.map((n) => (
              <div key={n} className={marks.has(n) ? `dxe-json-line-${marks.get(n)}` : undefined} style={{ height: LINE_HEIGHT }} data-testid={marks.get(n) === 'error' && testId ? `${testId}-marked-line` : undefined} data-line={n} />
            ))}
          </div>
          <textarea
            ref={area}
            value={value}
            onChange={(event) => {
              setSelected(null);
              onChange?.(event.target.value);
            }}
            onScroll={syncScroll}
            readOnly={readOnly}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            wrap="off"
            aria-label={ariaLabel}
            aria-invalid={!located.ok || problems.length > 0}
            data-testid={testId}
            onKeyDown={(event) => {
              // Tab indents (two spaces) instead of leaving the field; Shift+Tab still leaves it.
              if (event.key !== 'Tab' || event.shiftKey || readOnly) return;
              event.preventDefault();
              const element = event.currentTarget;
              const { selectionStart, selectionEnd } = element;
              const next = `${value.slice(0, selectionStart)}  ${value.slice(selectionEnd)}`;
              onChange?.(next);
              requestAnimationFrame(() => element.setSelectionRange(selectionStart + 2, selectionStart + 2));
            }}
          />
        </div>
      </div>
      {messages.length > 0 && (
        <ul className="dxe-json-problems" data-testid={testId && `${testId}-problems`}>
          {messages}
        </ul>
      )}
    </div>
  );
}
