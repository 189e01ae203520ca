import { MoneyError, multiplyFen, parseToFen, wanToFen, yuanToFen } from '../../../core/money/money.ts';
import type { IndicatorDefinition } from '../../../core/profile/indicators.ts';
import { checkValue } from '../indicators/index.ts';

/**
 * Reads a value as a person types it into the stored integer of the indicator's unit, exactly (no float
 * arithmetic: money goes through src/core/money/money.ts).
 *
 * - money (fen): "2350万", "2,350万元", "1.2亿", "23500000.00", "23500000", "¥23,500,000元" — 元 by default
 * - people, counts, kWh: "85", "85人", "1.2万" — whole numbers only
 * - basis points: "3.5%" or "350bp"
 * - yes/no: 是/否, 有/无, yes/no, true/false, 1/0
 * - grades: one of the indicator's grades, any case
 */
export function parseProposedValue(indicator: IndicatorDefinition, input: string): { value: number | null; valueText: string | null } | { error: string } {
  const text = input.trim().replace(/[\s,，]/g, '');
  if (text === '') return { error: 'the value is empty' };
  try {
    switch (indicator.unit) {
      case 'grade':
        return checkValue(indicator, text);
      case 'boolean': {
        const lower = text.toLowerCase();
        if (['是', '有', 'yes', 'true', '1'].includes(lower)) return { value: 1, valueText: null };
        if (['否', '无', 'no', 'false', '0'].includes(lower)) return { value: 0, valueText: null };
        return { error: `"${input}" is not yes or no (是/否)` };
      }
      case 'fen': {
        const amount = text.replace(/^(人民币|[¥￥])/, '').replace(/元$/, '');
        if (amount.endsWith('亿')) return checkValue(indicator, multiplyFen(wanToFen(amount.slice(0, -1)), 10_000));
        if (amount.endsWith('万')) return checkValue(indicator, wanToFen(amount.slice(0, -1)));
        return checkValue(indicator, yuanToFen(amount));
      }
      case 'bp': {
        if (text.endsWith('%')) return checkValue(indicator, parseToFen(text.slice(0, -1), 'yuan'));
        if (text.toLowerCase().endsWith('bp')) return checkValue(indicator, parseToFen(text.slice(0, -2), 'fen'));
        return { error: `write a percentage like 3.5%` };
      }
      default: {
        const number = text.replace(/(人|个|件|项|家|千瓦时|度|kwh)$/i, '');
        if (number.endsWith('万')) {
          // 万 of whole things: ×10,000, and the result must still be whole.
          const hundredths = parseToFen(number.slice(0, -1), 'wan') / 100;
          if (!Number.isInteger(hundredths)) return { error: `"${input}" is not a whole number` };
          return checkValue(indicator, hundredths);
        }
        return checkValue(indicator, parseToFen(number, 'fen'));
      }
    }
  } catch (error) {
    if (error instanceof MoneyError) return { error: `"${input}" is not a number this indicator can hold (${indicator.unit})` };
    throw error;
  }
}
