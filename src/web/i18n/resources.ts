import type { Language } from './languages.ts';
import common from './common.ts';
import auth from '../features/auth/i18n.ts';

/** A feature's strings: one object per language with exactly the same keys (checked by i18n.test.ts). */
export type FeatureResources = Record<Language, Record<string, unknown>>;

/**
 * Namespaces bundled with the entry chunk: what the login page and the shell need before anything else.
 * Every other namespace is the folder name of a feature and is loaded with it (see `lazyNamespaces`).
 */
export const bundledNamespaces = { common, auth } satisfies Record<string, FeatureResources>;

/**
 * `features/<name>/i18n.ts` of every feature, as lazy imports: a feature's namespace is its folder name,
 * fetched the first time a component calls `useTranslation('<name>')` (react-i18next suspends meanwhile).
 * A new feature needs only to add the file; nothing to register here.
 */
export const lazyNamespaces: Record<string, () => Promise<{ default: FeatureResources }>> = Object.fromEntries(
  Object.entries(
    // Bundled namespaces are excluded here so they are not also split into a chunk of their own.
    import.meta.glob<{ default: FeatureResources }>(['../features/*/i18n.ts', '!../features/auth/i18n.ts']),
  ).map(([path, load]) => [namespaceOf(path), load] as const),
);

/** `../features/admin/i18n.ts` → `admin`. */
export function namespaceOf(path: string): string {
  return /\/features\/([^/]+)\/i18n\.ts$/.exec(path)?.[1] ?? path;
}
