import { useCallback, useSyncExternalStore } from 'react';

/** Whether a CSS media query matches, right from the first render (no flash of the desktop layout on phones). */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** Tablets and up get the side menu; phones the drawer. */
export const DESKTOP_QUERY = '(min-width: 768px)';
