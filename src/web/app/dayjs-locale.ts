import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { i18n } from '../i18n/index.ts';

// dayjs (used by antd's date pickers) follows the app language. Loaded with the shell: the login page
// has no dates.
function apply(language: string) {
  dayjs.locale(language === 'en-US' ? 'en' : 'zh-cn');
}
apply(i18n.resolvedLanguage ?? i18n.language);
i18n.on('languageChanged', apply);
