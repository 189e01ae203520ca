import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnterpriseSummary } from '../../../../api/types.ts';
import { isEnglish } from '../../../../lib/indicator-values.ts';
import { useIndustries } from '../api/useReferenceData.ts';

/**
 * An enterprise's industry as "通用设备制造业（C3453）" / "General equipment manufacturing (C3453)": the
 * API names the 大类 in Chinese; the English name comes from the industry list.
 */
export function useIndustryLabel() {
  const { i18n } = useTranslation('enterprises');
  const industries = useIndustries();
  const en = isEnglish(i18n.language);
  const divisions = industries.data?.divisions;
  return useCallback(
    (enterprise: Pick<EnterpriseSummary, 'industryCode' | 'industrySection' | 'industryName'>): string | null => {
      if (!enterprise.industryCode) return null;
      const code = `${enterprise.industrySection ?? ''}${enterprise.industryCode}`;
      const division = divisions?.find((item) => item.code === enterprise.industryCode!.slice(0, 2));
      const name = en ? (division?.nameEn ?? enterprise.industryName) : (enterprise.industryName ?? division?.nameZh);
      if (!name) return code;
      return en ? `${name} (${code})` : `${name}（${code}）`;
    },
    [divisions, en],
  );
}
