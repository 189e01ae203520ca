import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatFen, formatYuan } from '../../../../../core/money/money.ts';
import { isEnglish, moneyLocale } from '../../../../lib/indicator-values.ts';

/**
 * An amount of money shown twice where it matters: as officials read it (10万元) and exactly in yuan
 * (100,000.00 元), from integer fen — never through a float.
 */
export function MoneyText({ fen, exact = true, testId }: { fen: number | null | undefined; exact?: boolean; testId?: string }) {
  const { i18n } = useTranslation();
  if (fen === null || fen === undefined) return <span>—</span>;
  const en = isEnglish(i18n.language);
  const main = formatFen(fen, moneyLocale(i18n.language));
  const yuan = formatYuan(fen);
  const showExact = exact && !en && main !== `¥${yuan}`;
  return (
    <span data-testid={testId} data-fen={fen}>
      {main}
      {showExact && (
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
          （{yuan} 元）
        </Typography.Text>
      )}
    </span>
  );
}
