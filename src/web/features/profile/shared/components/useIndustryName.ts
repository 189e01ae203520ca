import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnterpriseSummary } from '../../../../api/types.ts';
import { isEnglish } from '../../../../lib/indicator-values.ts';
import { useIndustries } from '../api/useReferenceData.ts';
import { industryLabel } from '../lib/industry-label.ts';

export { isIndustryFact } from '../lib/industry-label.ts';

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
    (enterprise: Pick<EnterpriseSummary, 'industryCode' | 'industrySection' | 'industryName'>): string | null => industryLabel(enterprise, divisions, en),
    [divisions, en],
  );
}

/** A bare GB/T 4754 code as a rule's fact holds it ("3453") in the profile's form ("通用设备制造业（C3453）"). */
export function useIndustryCodeLabel() {
  const { i18n } = useTranslation('enterprises');
  const industries = useIndustries();
  const en = isEnglish(i18n.language);
  const divisions = industries.data?.divisions;
  return useCallback((code: string): string => industryLabel({ industryCode: code }, divisions, en) ?? code, [divisions, en]);
}
