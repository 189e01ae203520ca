import { Suspense, useMemo, useState, createElement } from 'react';
import { Alert, Avatar, Button, Drawer, Dropdown, Layout, Menu, Typography, type MenuProps } from 'antd';
import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { App as AntApp } from 'antd';
import { BrandMark } from '../components/BrandMark.tsx';
import { FullPageSpin } from '../components/FullPageSpin.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useLogout } from '../features/auth/api/useLogout.ts';
import { NotificationBellSlot } from '../features/notifications/components/NotificationBellSlot.tsx';
import { DESKTOP_QUERY, useMediaQuery } from '../lib/useMediaQuery.ts';
import { fullPath, menuLabelKey, menuRoutes } from './access.ts';
import type { AreaId } from './areas.ts';
import { useErrorText } from './errors.ts';
import { appRoutes } from './route-table.ts';
import { useUser } from './session.tsx';
import './layout.css';

const { Header, Sider, Content } = Layout;

/** The menu entry to highlight: the one whose path is the longest prefix of the current path. */
function selectedKey(pathname: string, entries: { id: string; path: string }[]): string[] {
  let best: { id: string; path: string } | undefined;
  for (const entry of entries) {
    const matches = pathname === entry.path || pathname.startsWith(`${entry.path}/`);
    if (matches && (!best || entry.path.length > best.path.length)) best = entry;
  }
  return best ? [best.id] : [];
}

function UserMenu() {
  const { t } = useTranslation('common');
  const user = useUser();
  const navigate = useNavigate();
  const logout = useLogout();
  const { message } = AntApp.useApp();
  const errorText = useErrorText();

  const items: MenuProps['items'] = [
    {
      key: 'account',
      icon: <UserOutlined />,
      label: <span data-testid="user-menu-account">{t('userMenu.account')}</span>,
    },
    { type: 'divider' },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="logout">{logout.isPending ? t('userMenu.loggingOut') : t('userMenu.logout')}</span>,
    },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'account') navigate('/account');
    if (key === 'logout') {
      logout.mutate(undefined, {
        onError: (error) => void message.warning(errorText(error)),
        onSettled: () => navigate('/login', { replace: true }),
      });
    }
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" className="dxe-user-button" data-testid="user-menu" aria-label={user.displayName}>
        <Avatar size="small" icon={<UserOutlined />} className="dxe-user-avatar" />
        <span className="dxe-user-name">{user.displayName}</span>
      </Button>
    </Dropdown>
  );
}

/**
 * The signed-in layout: header (brand, language, user menu), the area's side menu on tablets and up, a
 * drawer behind a hamburger on phones, and the page. `area` null is a page every user has (/account):
 * it shows the menu of the user's own area.
 */
export function AppLayout({ area }: { area: AreaId | null }) {
  const { t } = useTranslation('common');
  const user = useUser();
  const location = useLocation();
  const isDesktop = useMediaQuery(DESKTOP_QUERY);
  const [drawerOpen, setDrawerOpen] = useState(false);

  const entries = useMemo(
    () =>
      area
        ? menuRoutes(user, area, appRoutes).map((route) => ({
            id: route.id,
            path: fullPath(route),
            label: t(menuLabelKey(user, route.menu!)),
            icon: route.menu!.icon,
          }))
        : [],
    [area, user, t],
  );

  const menu = (
    <Menu
      mode="inline"
      aria-label={t('nav.mainMenu')}
      selectedKeys={selectedKey(location.pathname, entries)}
      onClick={() => setDrawerOpen(false)}
      items={entries.map((entry) => ({
        key: entry.id,
        icon: createElement(entry.icon),
        label: (
          <Link to={entry.path} data-testid={`nav-${entry.id}`}>
            {entry.label}
          </Link>
        ),
      }))}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  // The server answers 403 password_change_required to everything else while the password must change
  // (initial, reset or expired): the account page, with its form, is the only place to be.
  const isOnAccount = location.pathname === '/account';
  const mustChangePassword = user.mustChangePassword;
  const expiresInDays = user.passwordExpiresInDays;

  return (
    <Layout className="dxe-layout">
      <Header className="dxe-header">
        {!isDesktop && entries.length > 0 && (
          <Button
            type="text"
            className="dxe-header-icon"
            icon={<MenuOutlined />}
            aria-label={t('nav.openMenu')}
            data-testid="nav-toggle"
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <Link to="/" className="dxe-brand" data-testid="brand">
          <BrandMark size={isDesktop ? 30 : 26} />
          <span className="dxe-brand-name">{isDesktop ? t('app.name') : t('app.shortName')}</span>
        </Link>
        {isDesktop && area && <span className="dxe-area-name">{t(`areas.${area}`)}</span>}
        <div className="dxe-header-spacer" />
        <LanguageSwitch compact={!isDesktop} tone="dark" />
        <NotificationBellSlot />
        <UserMenu />
      </Header>
      <Layout>
        {isDesktop && entries.length > 0 && (
          <Sider width={208} className="dxe-sider" data-testid="sider">
            {menu}
          </Sider>
        )}
        <Content className="dxe-content">
          {mustChangePassword && isOnAccount && (
            <Alert
              type="warning"
              showIcon
              className="dxe-banner"
              title={t('mustChangePassword.title')}
              description={t('mustChangePassword.description')}
              action={
                <Link to="/account">
                  <Button size="small" type="primary">
                    {t('mustChangePassword.action')}
                  </Button>
                </Link>
              }
              data-testid="must-change-password"
            />
          )}
          {!mustChangePassword && expiresInDays !== null && !isOnAccount && (
            <Alert
              type="warning"
              showIcon
              className="dxe-banner"
              title={expiresInDays === 0 ? t('passwordExpiry.titleToday') : t('passwordExpiry.title', { count: expiresInDays })}
              description={t('passwordExpiry.description')}
              action={
                <Link to="/account">
                  <Button size="small">{t('passwordExpiry.action')}</Button>
                </Link>
              }
              data-testid="password-expiry-warning"
            />
          )}
          <Suspense fallback={<FullPageSpin />}>
            {mustChangePassword && !isOnAccount ? <Navigate to="/account" replace /> : <Outlet context={{ menu: entries }} />}
          </Suspense>
        </Content>
      </Layout>
      {!isDesktop && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={264}
          title={
            <span className="dxe-drawer-title">
              <BrandMark size={24} />
              <Typography.Text strong>{area ? t(`areas.${area}`) : t('app.shortName')}</Typography.Text>
            </span>
          }
          styles={{ body: { padding: 0 } }}
          data-testid="nav-drawer"
        >
          {menu}
        </Drawer>
      )}
    </Layout>
  );
}
