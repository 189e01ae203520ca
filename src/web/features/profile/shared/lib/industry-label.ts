/** A 大类 of the industry list (GET /api/industries). */
export interface IndustryDivision {
  code: string;
  section: string;
  nameZh: string;
  nameEn: string;
}

/**
 * An industry as the profile shows it: "通用设备制造业（C3453）" / "General equipment manufacturing (C3453)" —
 * the 大类 name, the 门类 letter and the code. The section and Chinese name given win over the list's; a
 * bare code ("3453", as a rule's fact holds it) takes both from the list. Null without a code.
 */
export function industryLabel(
  industry: { industryCode: string | null; industrySection?: string | null; industryName?: string | null },
  divisions: readonly IndustryDivision[] | undefined,
  en: boolean,
): string | null {
  if (!industry.industryCode) return null;
  const division = divisions?.find((item) => item.code === industry.industryCode!.slice(0, 2));
  const code = `${industry.industrySection ?? division?.section ?? ''}${industry.industryCode}`;
  const name = en ? (division?.nameEn ?? industry.industryName) : (industry.industryName ?? division?.nameZh);
  if (!name) return code;
  return en ? `${name} (${code})` : `${name}（${code}）`;
}

/** Whether a form field is the rule's industry fact (keyed fact_industry_code…, a bare code as value). */
export function isIndustryFact(key: string): boolean {
  return key.startsWith('fact_industry_code');
}
