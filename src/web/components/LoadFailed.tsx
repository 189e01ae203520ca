import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../app/errors.ts';

/** The error state of a page whose data did not load: what went wrong, and a retry. */
export function LoadFailed({ error, onRetry, testId }: { error: unknown; onRetry: () => void; testId?: string }) {
  const { t } = useTranslation('common');
  const errorText = useErrorText();
  return (
    <Alert
      type="error"
      showIcon
      title={t('states.loadFailed')}
      description={errorText(error)}
      action={
        <Button size="small" onClick={onRetry}>
          {t('actions.retry')}
        </Button>
      }
      data-testid={testId}
    />
  );
}
