import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** Centred spinner for a page or an area that is loading. */
export function FullPageSpin({ minHeight = '60vh' }: { minHeight?: string | number }) {
  const { t } = useTranslation('common');
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', minHeight }} data-testid="loading">
      <Spin size="large" description={t('states.loading')} />
    </div>
  );
}
