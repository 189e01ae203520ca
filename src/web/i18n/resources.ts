import type { Language } from './languages.ts';
import common from './common.ts';
import auth from '../features/auth/auth.i18n.ts';

/** A feature's strings: one object per language with exactly the same keys (checked by i18n.test.ts). */
export type FeatureResources = Record<Language, Record<string, unknown>>;

/**
 * Namespaces bundled with the entry chunk: what the login page and the shell need before anything else.
 * Every other namespace is a `<namespace>.i18n.ts` file under features/ and is loaded with the pages that
 * read it (see `lazyNamespaces`).
 */
export const bundledNamespaces = { common, auth } satisfies Record<string, FeatureResources>;

/**
 * Every `<name>.i18n.ts` under features/, at any depth, as lazy imports: the namespace is the file's name,
 * fetched the first time a component calls `useTranslation('<name>')` (react-i18next suspends meanwhile).
 * Named files rather than one `i18n.ts` per folder because an audience folder may hold several namespaces
 * (policies/gov has `policies` and `reviews`). A new namespace needs only the file; nothing to register here.
 */
export const lazyNamespaces: Record<string, () => Promise<{ default: FeatureResources }>> = Object.fromEntries(
  Object.entries(
    // Bundled namespaces are excluded here so they are not also split into a chunk of their own.
    import.meta.glob<{ default: FeatureResources }>(['../features/**/*.i18n.ts', '!../features/auth/auth.i18n.ts']),
  ).map(([path, load]) => [namespaceOf(path), load] as const),
);

/** `../features/admin/admin.i18n.ts` → `admin`, `../features/policies/gov/reviews.i18n.ts` → `reviews`. */
export function namespaceOf(path: string): string {
  return /\/([^/]+)\.i18n\.ts$/.exec(path)?.[1] ?? path;
}
