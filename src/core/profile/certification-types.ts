/**
 * Certification and qualification types (高新技术企业, 专精特新, 企业技术中心 …) as registry data. The
 * list below is only the built-in seed of the database table `certification_types`; administrators
 * add rows there, and the engines (rules, profile tags) run on the table's rows.
 */

// ---------------------------------------------------------------------------------------------
// Certification levels and types
// ---------------------------------------------------------------------------------------------

/** Levels of the awarding authority, highest first. */
export const CERTIFICATION_LEVELS = ['national', 'provincial', 'city', 'county'] as const;
export type CertificationLevel = (typeof CERTIFICATION_LEVELS)[number];

export const CERTIFICATION_LEVEL_NAMES: Record<CertificationLevel, { zh: string; en: string }> = {
  national: { zh: '国家级', en: 'national' },
  provincial: { zh: '省级', en: 'provincial' },
  city: { zh: '市级', en: 'city' },
  county: { zh: '县级', en: 'county' },
};

/** Level → small integer used in the engines' arrays (0 = no level recorded). */
export function levelIndex(level: string | null | undefined): number {
  const i = CERTIFICATION_LEVELS.indexOf(level as CertificationLevel);
  return i < 0 ? 0 : i + 1;
}

/** A bit mask of level indexes (bit levelIndex set for each listed level); 0 means "any level". */
export function levelMask(levels: readonly string[] | undefined): number {
  let mask = 0;
  for (const level of levels ?? []) mask |= 1 << levelIndex(level);
  return mask;
}

export interface CertificationTypeDefinition {
  code: string;
  nameZh: string;
  nameEn: string;
  /** The levels at which it is awarded; empty when the type has a single authority (高新: national rules, provincial award). */
  levels: readonly CertificationLevel[];
  /** The awarding body (认定机构). */
  issuingBodyZh: string;
  issuingBodyEn: string;
  /** Years a certificate is valid; null when it does not expire. Award + validity gives the default expiry. */
  validityYears: number | null;
}

const c = (d: CertificationTypeDefinition): CertificationTypeDefinition => d;

export const BUILT_IN_CERTIFICATION_TYPES: readonly CertificationTypeDefinition[] = [
  c({ code: 'high_tech', nameZh: '高新技术企业', nameEn: 'High and new technology enterprise', levels: [], issuingBodyZh: '省级高新技术企业认定管理机构（科技、财政、税务）', issuingBodyEn: 'Provincial high-tech enterprise recognition office', validityYears: 3 }),
  c({ code: 'tech_sme', nameZh: '科技型中小企业', nameEn: 'Technology-based SME', levels: [], issuingBodyZh: '省级科技管理部门（入库登记）', issuingBodyEn: 'Provincial science and technology department', validityYears: 1 }),
  c({ code: 'innovative_sme', nameZh: '创新型中小企业', nameEn: 'Innovative SME', levels: [], issuingBodyZh: '省级中小企业主管部门', issuingBodyEn: 'Provincial SME authority', validityYears: 3 }),
  c({ code: 'specialized_sme', nameZh: '专精特新中小企业', nameEn: 'Specialised, refined, distinctive and innovative SME', levels: [], issuingBodyZh: '省级中小企业主管部门', issuingBodyEn: 'Provincial SME authority', validityYears: 3 }),
  c({ code: 'little_giant', nameZh: '专精特新“小巨人”企业', nameEn: '“Little giant” enterprise', levels: [], issuingBodyZh: '工业和信息化部', issuingBodyEn: 'Ministry of Industry and Information Technology', validityYears: 3 }),
  c({ code: 'enterprise_tech_center', nameZh: '企业技术中心', nameEn: 'Enterprise technology centre', levels: ['national', 'provincial', 'city', 'county'], issuingBodyZh: '发展改革委/经信部门（按级别）', issuingBodyEn: 'Development and reform / industry departments by level', validityYears: null }),
  c({ code: 'engineering_research_center', nameZh: '工程技术研究中心', nameEn: 'Engineering technology research centre', levels: ['national', 'provincial', 'city'], issuingBodyZh: '科技部门（按级别）', issuingBodyEn: 'Science and technology departments by level', validityYears: null }),
  c({ code: 'pilot_demonstration', nameZh: '试点示范单位', nameEn: 'Pilot or demonstration unit', levels: ['national', 'provincial', 'city', 'county'], issuingBodyZh: '发布试点示范名单的部门', issuingBodyEn: 'The department publishing the pilot list', validityYears: null }),
  c({ code: 'growth_micro', nameZh: '成长型微型企业', nameEn: 'Growth-oriented micro enterprise', levels: [], issuingBodyZh: '县级中小企业主管部门', issuingBodyEn: 'County SME authority', validityYears: null }),
];

