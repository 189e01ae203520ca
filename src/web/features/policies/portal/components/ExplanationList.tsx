import { useTranslation } from 'react-i18next';
import type { ExplanationRow } from '../lib/explanation.ts';

const MARK = { pass: '✓', fail: '✗', unknown: '?' } as const;

/**
 * The explanation of a policy for the enterprise, clause by clause: what was checked with its own values,
 * ✓ / ✗ / ?, how far a failed threshold was missed ("差 150万元") and what is missing ("缺少数据").
 */
export function ExplanationList({ rows }: { rows: ExplanationRow[] }) {
  const { t } = useTranslation('portal-policies');
  return (
    <ol className="dxe-explanation" data-testid="policy-explanation">
      {rows.map((row) => {
        const tone = row.isInverted ? 'inverted' : row.status;
        return (
          <li
            key={row.path || 'root'}
            className={`dxe-explanation-row${row.isGroup ? ' is-group' : ''}${row.clause ? ' has-clause' : ''}`}
            style={{ paddingInlineStart: Math.max(0, row.depth - 1) * 18 }}
            data-testid="explanation-row"
            data-status={row.status}
            data-depth={row.depth}
            data-inverted={row.isInverted ? 'true' : 'false'}
          >
            <span className={`dxe-explanation-mark is-${tone}`} aria-label={row.status}>
              {row.isInverted ? '·' : MARK[row.status]}
            </span>
            <div className="dxe-explanation-body">
              {row.clause && <span className="dxe-explanation-clause">{row.clause}</span>}
              <span className="dxe-explanation-text" data-testid="explanation-text">
                {row.kind === 'not' ? t('detail.notGroup') : row.text}
              </span>
              {row.note && <span className={`dxe-explanation-note is-${tone}`}>{row.note}</span>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
