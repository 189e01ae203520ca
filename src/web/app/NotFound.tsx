import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';

export function NotFound({ home }: { home: string }) {
  const { t } = useTranslation('common');
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={<span data-testid="page-title">{t('notFound.title')}</span>}
      subTitle={t('notFound.subtitle')}
      extra={
        <Button type="primary" onClick={() => navigate(home)}>
          {t('actions.backHome')}
        </Button>
      }
    />
  );
}
