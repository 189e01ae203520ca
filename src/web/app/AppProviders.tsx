import { useEffect, useState, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { isLanguage, storeLanguage } from '../i18n/languages.ts';
import { theme } from './theme.ts';

function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx will not get better by asking again; network and 5xx get two more tries.
        retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
}

/** Keeps the document, the antd locale and the stored choice in step with the i18next language. */
function LocaleConfig({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation('common');
  const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'zh-CN';
  const appName = t('app.name');

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = appName;
    storeLanguage(language);
  }, [language, appName]);

  return (
    <ConfigProvider locale={language === 'en-US' ? enUS : zhCN} theme={theme}>
      {children}
    </ConfigProvider>
  );
}

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleConfig>{children}</LocaleConfig>
    </QueryClientProvider>
  );
}
