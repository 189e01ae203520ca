import { lazy, Suspense, useEffect } from 'react';
import { Route, Routes, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { queryKeys } from '../api/query-keys.ts';
import { FullPageSpin } from '../components/FullPageSpin.tsx';

// Two lazy roots: the login page, and the signed-in shell (layout, menus, every area). The entry chunk
// carries only providers, the router and the API client.
const LoginPage = lazy(() => import('../features/auth/pages/LoginPage.tsx'));
const Shell = lazy(() => import('./Shell.tsx'));

/** When any API call answers 401 (the session expired or was revoked), go to the login page and come back after. */
function SessionExpiryRedirect() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  useEffect(() => {
    api.setUnauthorizedHandler(() => {
      const { pathname, search } = window.location;
      queryClient.setQueryData(queryKeys.auth.me, null);
      if (pathname === '/login') return;
      const next = encodeURIComponent(pathname + search);
      navigate(`/login?next=${next}&expired=1`, { replace: true });
    });
    return () => api.setUnauthorizedHandler(null);
  }, [navigate, queryClient]);
  return null;
}

export function App() {
  return (
    <>
      <SessionExpiryRedirect />
      <Suspense fallback={<FullPageSpin minHeight="100vh" />}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="*" element={<Shell />} />
        </Routes>
      </Suspense>
    </>
  );
}
