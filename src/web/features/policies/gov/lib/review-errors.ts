import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../../../core/money/money.ts';
import { isApiError } from '../../../../api/client.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { moneyLocale } from '../../../../lib/indicator-values.ts';

/** Refusal reasons the workflow and the payment rules give (details[].reason), each with its sentence. */
export const REFUSAL_REASONS = [
  'illegal_transition',
  'not_permitted',
  'reason_required',
  'notice_not_over',
  'same_person',
  'payment_exists',
  'payment_missing',
  'attachment_missing',
  'amount_mismatch',
  'amount_above_bound',
  'amount_unbounded',
  'amount_reason_required',
  'nothing_to_grant',
  'proposal_open',
  'not_auto_grant',
  'not_published',
] as const;
type Reason = (typeof REFUSAL_REASONS)[number];

interface Detail {
  reason?: unknown;
  message?: unknown;
  expected?: unknown;
  boundFen?: unknown;
}

/**
 * An error of a review, notice or payment step as a sentence: the workflow's reason when the server gives
 * one (the checker is the maker, the notice is not over, attachments missing …), else the common one.
 */
export function useReviewErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation('reviews');
  const errorText = useErrorText();
  return useCallback(
    (error: unknown) => {
      if (!isApiError(error)) return errorText(error);
      const details = error.details as Detail[];
      const reasons = details.map((d) => d?.reason).filter((r): r is Reason => typeof r === 'string' && (REFUSAL_REASONS as readonly string[]).includes(r));
      if (reasons.length) {
        const reason = reasons[0];
        if (reason === 'attachment_missing') {
          const names = details.filter((d) => d.reason === 'attachment_missing').map((d) => String(d.message ?? ''));
          return t('errors.attachment_missing', { files: names.join('、') });
        }
        if (reason === 'amount_mismatch') {
          const expected = details.find((d) => d.reason === 'amount_mismatch')?.expected;
          return typeof expected === 'number' ? t('errors.amount_mismatch', { amount: formatFen(expected, moneyLocale(i18n.language)) }) : t('errors.amount_mismatch_plain');
        }
        if (reason === 'amount_above_bound') {
          const bound = details.find((d) => d.reason === 'amount_above_bound')?.boundFen;
          return typeof bound === 'number' ? t('errors.amount_above_bound', { amount: formatFen(bound, moneyLocale(i18n.language)) }) : t('errors.amount_above_bound_plain');
        }
        return t(`errors.${reason}`);
      }
      return errorText(error);
    },
    [t, i18n.language, errorText],
  );
}
