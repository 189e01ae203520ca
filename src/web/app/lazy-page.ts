import { lazy, type ComponentType } from 'react';
import { i18n } from '../i18n/index.ts';

/**
 * A lazy page whose i18n namespace is fetched together with its code, not after it (without this the
 * page's first render would suspend on `useTranslation('<ns>')` and start a second round trip). A page that
 * reads several namespaces names them all.
 */
export function lazyPage(load: () => Promise<{ default: ComponentType }>, namespaces?: string | string[]) {
  return lazy(() => Promise.all([load(), namespaces ? i18n.loadNamespaces(namespaces) : null]).then(([module]) => module));
}
