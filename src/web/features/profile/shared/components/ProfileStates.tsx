import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';

/** Why a profile cannot be shown: not allowed (403), not there (404), or a failure to retry. */
export function ProfileLoadError({ error, onRetry, onBack }: { error: unknown; onRetry: () => void; onBack?: () => void }) {
  const { t } = useTranslation('enterprises');
  const back = onBack && (
    <Button onClick={onBack} key="back">
      {t('profile.back')}
    </Button>
  );
  if (isApiError(error) && error.status === 403) {
    return <Result status="403" title={t('profile.forbidden.title')} subTitle={t('profile.forbidden.subtitle')} extra={back} data-testid="profile-forbidden" />;
  }
  if (isApiError(error) && error.status === 404) {
    return <Result status="404" title={t('profile.notFound.title')} subTitle={t('profile.notFound.subtitle')} extra={back} data-testid="profile-not-found" />;
  }
  return <LoadFailed wholePage error={error} onRetry={onRetry} extra={back} testId="profile-error" />;
}
