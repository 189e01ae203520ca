import { Card, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePrograms } from '../../shared/api/usePrograms.ts';
import { money } from '../../shared/lib/format.ts';

/** The policy-loan programmes (抗疫贷-style whitelists) pushed to the enterprise, under the marketplace. */
export function MyProgrammes() {
  const { t, i18n } = useTranslation('finance-portal');
  const programs = usePrograms();
  const items = programs.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card className="dxe-fin-section" title={t('market.programmes')} data-testid="my-programmes">
      <Typography.Paragraph type="secondary">{t('market.programmesIntro')}</Typography.Paragraph>
      <List
        dataSource={items}
        renderItem={(program) => (
          <List.Item data-testid={`my-programme-${program.id}`}>
            <List.Item.Meta
              title={program.name}
              description={
                <>
                  <div>{program.description}</div>
                  <div>
                    {t('market.programmeQuota', { amount: money(program.quotaFen, i18n.language) })} · {t('market.programmeBanks', { banks: program.banks.map((bank) => bank.name).join('、') })}
                  </div>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
