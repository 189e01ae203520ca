import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ServiceItem } from '../../../../api/types.ts';
import { formatFen } from '../../../../../core/money/money.ts';
import { moneyLocale } from '../../../../lib/indicator-values.ts';

export function ServicePrice({ service }: { service: Pick<ServiceItem, 'isFree' | 'priceFen'> }) {
  const { t, i18n } = useTranslation('demands');
  return service.isFree || service.priceFen === null ? <Tag color="green">{t('catalogue.free')}</Tag> : <Tag color="gold">{formatFen(service.priceFen, moneyLocale(i18n.language))}</Tag>;
}
