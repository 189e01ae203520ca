import { formatFen } from '../../../../../core/money/money.ts';

/** An amount in fen for people: 万元/亿元 in Chinese, CNY in English (src/core/money's formatFen). */
export function money(fen: number, language: string | undefined): string {
  return formatFen(fen, language?.startsWith('en') ? 'en-US' : 'zh-CN');
}

/** The text of a bilingual field in the user's language. */
export function localText(text: { zh: string; en: string }, language: string | undefined): string {
  return language?.startsWith('en') ? text.en : text.zh;
}
