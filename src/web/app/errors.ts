import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { formatDateTime } from '../lib/format.ts';

const KNOWN_CODES = [
  'invalid_credentials',
  'rate_limited',
  'network',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'validation_failed',
  'csrf_invalid',
] as const;
type KnownCode = (typeof KNOWN_CODES)[number];

function lockedUntilOf(details: unknown[]): string | null {
  for (const detail of details) {
    const value = (detail as { lockedUntil?: unknown } | null)?.lockedUntil;
    if (typeof value === 'string') return value;
  }
  return null;
}

/**
 * Turns any error into a sentence for the user, by its API error code. Server messages are never shown
 * as they are: they are English and, for 5xx, deliberately vague.
 */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation('common');
  return useCallback(
    (error: unknown) => {
      if (!isApiError(error)) return t('errors.unknown');
      if (error.code === 'account_locked') {
        const until = lockedUntilOf(error.details);
        return until
          ? t('errors.account_locked', { time: formatDateTime(until, i18n.language) })
          : t('errors.account_locked_unknown');
      }
      if ((KNOWN_CODES as readonly string[]).includes(error.code)) return t(`errors.${error.code as KnownCode}`);
      if (error.status === 401) return t('errors.unauthenticated');
      if (error.status === 403) return t('errors.forbidden');
      if (error.status === 404) return t('errors.not_found');
      if (error.status === 429) return t('errors.rate_limited');
      if (error.status >= 500) return t('errors.server');
      return t('errors.unknown');
    },
    [t, i18n.language],
  );
}
