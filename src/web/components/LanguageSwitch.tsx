import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLanguage, type Language } from '../i18n/languages.ts';

/** 中 / EN switch. The choice is stored in localStorage by the locale provider and survives reloads. */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation('common');
  const value: Language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'zh-CN';
  return (
    <Segmented<Language>
      size="small"
      data-testid="language-switch"
      aria-label={t('language.label')}
      value={value}
      onChange={(language) => void i18n.changeLanguage(language)}
      options={LANGUAGES.map((language) => ({
        value: language,
        title: t(`language.${language}`),
        label: <span data-testid={`language-${language}`}>{compact ? t(`language.short.${language}`) : t(`language.${language}`)}</span>,
      }))}
    />
  );
}
