import { lazy } from 'react';
import { Card, Col, Descriptions, Row, Tag, Typography } from 'antd';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAreaMenu } from '../../../app/area-menu.ts';
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
      <WorkShortcuts />
    </>
  );
}

/** The pages this user works in (their menu, less this page), as cards that open them. */
function WorkShortcuts() {
  const { t } = useTranslation('home');
  const { pathname } = useLocation();
  const pages = useAreaMenu().filter((entry) => entry.path !== pathname);
  if (pages.length === 0) return null;
  return (
    <Card title={t('yourWork')} style={{ marginTop: 16 }} data-testid="work-shortcuts">
      <Row gutter={[12, 12]}>
        {pages.map(({ id, path, label, icon: Icon }) => (
          <Col key={id} xs={12} sm={8} md={6}>
            <Link to={path} data-testid={`shortcut-${id}`}>
              <Card size="small" hoverable>
                <Icon /> {label}
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
