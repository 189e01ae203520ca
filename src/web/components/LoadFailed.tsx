import type { ReactNode } from 'react';
import { Alert, Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../app/errors.ts';

interface LoadFailedProps {
  error: unknown;
  /** Loads again; left out where the data comes with something else that is retried (a progress poll). */
  onRetry?: () => void;
  /** The retry is running (its button spins). */
  isRetrying?: boolean;
  /** The headline; default "加载失败". */
  title?: string;
  /**
   * The page has nothing to show without the data: the failure takes the page's place (a Result) instead of
   * a section's (an Alert above or instead of a table).
   */
  wholePage?: boolean;
  /** More buttons beside the retry of a whole-page failure (e.g. back to the list). */
  extra?: ReactNode;
  testId?: string;
}

/**
 * The one way a page shows that its data did not load: what went wrong (the API error as a sentence) and a
 * retry. Not-found and forbidden are not load failures: pages say those in their own words.
 */
export function LoadFailed({ error, onRetry, isRetrying, title, wholePage = false, extra, testId }: LoadFailedProps) {
  const { t } = useTranslation('common');
  const errorText = useErrorText();
  const headline = title ?? t('states.loadFailed');
  if (wholePage) {
    return (
      <Result
        status="warning"
        title={headline}
        subTitle={errorText(error)}
        extra={[
          onRetry && (
            <Button key="retry" type="primary" onClick={onRetry} loading={isRetrying}>
              {t('actions.retry')}
            </Button>
          ),
          extra,
        ]}
        data-testid={testId}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      title={headline}
      description={errorText(error)}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry} loading={isRetrying}>
            {t('actions.retry')}
          </Button>
        )
      }
      data-testid={testId}
    />
  );
}
