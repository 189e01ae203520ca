import { lazy } from 'react';
import { Card, Col, Row, Space, Tag, Typography } from 'antd';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { HomeSectionKind } from '../../../api/types.ts';
import { useAreaMenu } from '../../../app/area-menu.ts';
import { areaOfPath } from '../../../app/areas.ts';
import { useUser } from '../../../app/session.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { RoleTags } from '../../../components/RoleTags.tsx';
import RoleHome from '../components/RoleHome.tsx';

/** The dispatch centre's board (features/demands), loaded only for dispatchers. */
const DispatchHome = lazy(() => import('../../demands/gov/pages/DispatchHome.tsx'));

/** The sections of the role home that belong in the government console (the dispatcher has its own board). */
const GOV_SECTIONS: readonly HomeSectionKind[] = ['department_staff', 'finance_office', 'data_admin', 'cadre', 'admin', 'security_admin', 'auditor'];

/**
 * The government console's home. A dispatcher's is the dispatch centre's board; every other role sees,
 * per role, what needs doing today (counts that open the list of exactly those things), what is about to
 * fall due, and the figures the role watches (GET /api/me/home), then shortcuts to their pages.
 */
export default function HomePage() {
  const user = useUser();
  const area = areaOfPath(useLocation().pathname) ?? 'portal';
  const others = user.roles.some((role) => role !== 'dispatcher');
  if (area === 'gov' && user.roles.includes('dispatcher')) {
    return (
      <>
        <DispatchHome />
        {others && <RoleHome kinds={GOV_SECTIONS} />}
      </>
    );
  }
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
      <Space wrap data-testid="welcome-card" style={{ marginBottom: 4 }}>
        <Typography.Text strong data-testid="welcome-org">
          {user.org.name}
        </Typography.Text>
        <Tag>{tc(`orgTypes.${user.org.type}`)}</Tag>
        <RoleTags roles={user.roles} />
      </Space>
      <Typography.Paragraph type="secondary">{t(`intro.${area}`)}</Typography.Paragraph>
      <RoleHome kinds={GOV_SECTIONS} />
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
