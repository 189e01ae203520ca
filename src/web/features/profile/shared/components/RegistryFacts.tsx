import { Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EnterpriseDetail } from '../../../../api/types.ts';
import { formatFen } from '../../../../../core/money/money.ts';
import { isEnglish, moneyLocale } from '../../../../lib/indicator-values.ts';
import { useTowns } from '../api/useReferenceData.ts';
import { useIndustryLabel } from './useIndustryName.ts';

/** 登记信息: what the registry says (visible with any access). */
export function RegistryFacts({ enterprise }: { enterprise: EnterpriseDetail }) {
  const { t, i18n } = useTranslation('enterprises');
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  const industry = useIndustryLabel()(enterprise);
  const towns = useTowns();
  const town = towns.data?.find((item) => item.code === enterprise.townCode);
  const townName = (isEnglish(i18n.language) ? town?.nameEn : town?.name) ?? enterprise.townName;
  const closedStatus = enterprise.status === 'cancelled' || enterprise.status === 'revoked' || enterprise.status === 'moved_out' ? enterprise.status : null;
  return (
    <Card title={t('profile.registry.title')} data-testid="profile-registry" style={{ height: '100%' }}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, xl: 2 }}
        items={[
          { key: 'type', label: t('profile.registry.type'), children: t(`types.${enterprise.type}`) },
          { key: 'legalRepresentative', label: t('profile.registry.legalRepresentative'), children: enterprise.legalRepresentative ?? none },
          { key: 'registeredOn', label: t('profile.registry.registeredOn'), children: enterprise.registeredOn ?? none },
          // 注销/吊销/迁出日期, by the status: the day the firm left the register.
          ...(closedStatus ? [{ key: 'closedOn', label: t(`profile.registry.closedOn.${closedStatus}`), children: <span data-testid="profile-closed-on">{enterprise.closedOn ?? '—'}</span> }] : []),
          {
            key: 'registeredCapital',
            label: t('profile.registry.registeredCapital'),
            children: enterprise.registeredCapitalFen === null ? none : formatFen(enterprise.registeredCapitalFen, moneyLocale(i18n.language)),
          },
          { key: 'town', label: t('profile.registry.town'), children: townName ?? none },
          { key: 'industry', label: t('profile.registry.industry'), children: industry ?? none },
          { key: 'address', label: t('profile.registry.address'), children: enterprise.address ?? none, span: { xs: 1, sm: 2, xl: 2 } },
        ]}
      />
    </Card>
  );
}
