import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLanguage, type Language } from '../i18n/languages.ts';
import './language-switch.css';

/**
 * 中文 / English switch. Plain buttons (not antd's Segmented, which pulls in the tooltip machinery) since
 * it sits on the login page. The choice is stored in localStorage and survives reloads.
 */
export function LanguageSwitch({ compact = false, tone = 'light' }: { compact?: boolean; tone?: 'light' | 'dark' }) {
  const { t, i18n } = useTranslation('common');
  const current: Language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'zh-CN';
  return (
    <div role="group" aria-label={t('language.label')} className={`dxe-lang dxe-lang-${tone}`} data-testid="language-switch">
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          title={t(`language.${language}`)}
          aria-pressed={language === current}
          className={language === current ? 'dxe-lang-option dxe-lang-active' : 'dxe-lang-option'}
          onClick={() => void i18n.changeLanguage(language)}
          data-testid={`language-${language}`}
        >
          {compact ? t(`language.short.${language}`) : t(`language.${language}`)}
        </button>
      ))}
    </div>
  );
}
