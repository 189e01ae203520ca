import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, readStoredLanguage } from './languages.ts';
import { bundledNamespaces, lazyNamespaces } from './resources.ts';

/** Loads a feature's namespace from its lazily imported `features/…/<ns>.i18n.ts`. */
const featureBackend: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, namespace, callback) {
    const load = lazyNamespaces[namespace];
    if (!load) {
      callback(new Error(`unknown i18n namespace "${namespace}"`), false);
      return;
    }
    load().then(
      (module) => callback(null, module.default[language as (typeof LANGUAGES)[number]] ?? {}),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

const resources = Object.fromEntries(
  LANGUAGES.map((language) => [
    language,
    Object.fromEntries(Object.entries(bundledNamespaces).map(([ns, res]) => [ns, res[language]])),
  ]),
);

export const i18nReady = i18next
  .use(featureBackend)
  .use(initReactI18next)
  .init({
    lng: readStoredLanguage(),
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    load: 'currentOnly',
    ns: Object.keys(bundledNamespaces),
    defaultNS: 'common',
    resources,
    // Bundled namespaces come from `resources`; the backend fetches the rest on demand.
    partialBundledLanguages: true,
    interpolation: { escapeValue: false }, // React escapes.
    react: { useSuspense: true },
    showSupportNotice: false,
  });

export { i18next as i18n };
