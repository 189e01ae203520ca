import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';

/**
 * A 金融办 page's load failure: a forbidden answer means the user is department staff of another department
 * (the menu cannot tell them apart), so it says whose page this is; anything else is a load failure.
 */
export function GovLoadFailed({ error, onRetry, title }: { error: unknown; onRetry: () => void; title: string }) {
  const { t } = useTranslation('finance-gov');
  if (isApiError(error) && error.status === 403) return <Result status="403" title={t('onlyFinanceOffice')} subTitle={t('onlyFinanceOfficeHint')} data-testid="finance-office-only" />;
  return <LoadFailed wholePage error={error} onRetry={onRetry} title={title} />;
}
