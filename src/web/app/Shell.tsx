import { App as AntApp } from 'antd';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import type { User } from '../api/types.ts';
import { FullPageSpin } from '../components/FullPageSpin.tsx';
import { useMe } from '../features/auth/api/useMe.ts';
import { AREA_IDS, AREAS, areasOf, type AreaId } from './areas.ts';
import { canOpen, homeOf } from './access.ts';
import { AppLayout } from './AppLayout.tsx';
import { NotFound } from './NotFound.tsx';
import type { AppRoute } from './registry.ts';
import { appRoutes } from './route-table.ts';
import { SessionContext } from './session.tsx';
import './dayjs-locale.ts';
import { LoadFailed } from '../components/LoadFailed.tsx';

/** Lets into an area only users with one of its roles; others go to their own home. */
function AreaGate({ user, area }: { user: User; area: AreaId }) {
  if (!areasOf(user).includes(area)) return <Navigate to={homeOf(user, appRoutes)} replace />;
  return <AppLayout area={area} />;
}

/** Lets into a page only users with one of its roles (an auditor opening /gov lands on the audit log). */
function RouteGate({ user, route }: { user: User; route: AppRoute }) {
  if (!canOpen(user, route)) return <Navigate to={homeOf(user, appRoutes)} replace />;
  const Page = route.component;
  return <Page />;
}

function SignedInRoutes({ user }: { user: User }) {
  const home = homeOf(user, appRoutes);
  const sharedLayoutArea = areasOf(user)[0] ?? null;
  return (
    <SessionContext.Provider value={user}>
      <Routes>
        <Route path="/" element={<Navigate to={home} replace />} />
        {AREA_IDS.map((area) => (
          <Route key={area} path={AREAS[area].base} element={<AreaGate user={user} area={area} />}>
            {appRoutes
              .filter((route) => route.area === area)
              .map((route) =>
                route.path === '' ? (
                  <Route key={route.id} index element={<RouteGate user={user} route={route} />} />
                ) : (
                  <Route key={route.id} path={route.path} element={<RouteGate user={user} route={route} />} />
                ),
              )}
            <Route path="*" element={<NotFound home={home} />} />
          </Route>
        ))}
        <Route element={<AppLayout area={sharedLayoutArea} />}>
          {appRoutes
            .filter((route) => route.area === null)
            .map((route) => (
              <Route key={route.id} path={route.path} element={<RouteGate user={user} route={route} />} />
            ))}
          <Route path="*" element={<NotFound home={home} />} />
        </Route>
      </Routes>
    </SessionContext.Provider>
  );
}

/** The signed-in part of the app: checks the session, then routes by role. */
export default function Shell() {
  const me = useMe();
  const location = useLocation();

  if (me.isPending) return <FullPageSpin minHeight="100vh" />;
  if (me.isError) {
    return (
      <LoadFailed wholePage error={me.error} onRetry={() => void me.refetch()} isRetrying={me.isFetching} />
    );
  }
  if (!me.data) {
    const next = location.pathname === '/' ? '' : `?next=${encodeURIComponent(location.pathname + location.search)}`;
    return <Navigate to={`/login${next}`} replace />;
  }
  // antd's App (message, notification, modal hooks) lives here, not at the root: the login page does not
  // need it and its weight.
  return (
    <AntApp>
      <SignedInRoutes user={me.data} />
    </AntApp>
  );
}
