import { lazy, type ComponentType } from 'react';
import { i18n } from '../i18n/index.ts';

/**
 * A lazy page whose i18n namespace is fetched together with its code, not after it (without this the
 * page's first render would suspend on `useTranslation('<ns>')` and start a second round trip).
 */
export function lazyPage(load: () => Promise<{ default: ComponentType }>, namespace?: string) {
  return lazy(() => Promise.all([load(), namespace ? i18n.loadNamespaces(namespace) : null]).then(([module]) => module));
}
