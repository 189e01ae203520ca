import { lazy } from 'react';
import { Card, Descriptions, Empty, Tag, Typography } from 'antd';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { areaOfPath } from '../../../app/areas.ts';
import { useUser } from '../../../app/session.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { RoleTags } from '../../../components/RoleTags.tsx';

/** The dispatch centre's board (features/demands), loaded only for dispatchers. */
const DispatchHome = lazy(() => import('../../demands/gov/pages/DispatchHome.tsx'));

/** The welcome page of every area: who you are, for which organisation, in which roles. */
export default function HomePage() {
  const user = useUser();
  const area = areaOfPath(useLocation().pathname) ?? 'portal';
  if (area === 'gov' && user.roles.includes('dispatcher')) return <DispatchHome />;
  return <WelcomePage />;
}

function WelcomePage() {
  const { t } = useTranslation('home');
  const { t: tc } = useTranslation('common');
  const user = useUser();
  const area = areaOfPath(useLocation().pathname) ?? 'portal';

  return (
    <>
      <PageHeader title={t('greeting', { name: user.displayName })} />
      <Card data-testid="welcome-card">
        <Typography.Paragraph type="secondary">{t(`intro.${area}`)}</Typography.Paragraph>
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2 }}
          size="small"
          items={[
            { key: 'org', label: t('organisation'), children: <span data-testid="welcome-org">{user.org.name}</span> },
            { key: 'orgType', label: t('orgType'), children: <Tag>{tc(`orgTypes.${user.org.type}`)}</Tag> },
            { key: 'username', label: t('username'), children: user.username },
            { key: 'roles', label: t('roles'), children: <RoleTags roles={user.roles} /> },
          ]}
        />
      </Card>
      <Card style={{ marginTop: 16 }}>
        <Empty description={t('comingSoon')} />
      </Card>
    </>
  );
}
