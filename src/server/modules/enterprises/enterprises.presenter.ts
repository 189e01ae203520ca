import type { DerivedTag } from '../../../core/profile/derived.ts';
import { industryName } from '../../../core/profile/industry-codes.ts';
import { CERTIFICATIONS } from '../../../core/profile/indicators.ts';
import type { SizeClass } from '../../db/schema.ts';
import { CERTIFICATION_CATEGORIES, categoriesOfInputs, type Catalogue, type ProfileExplanation, type StoredProfile } from '../profiles/index.ts';
import { canSee, type EnterpriseAccess } from './enterprise-access.ts';
import type { DetailRow, findCertifications, SummaryRow } from './enterprises.repository.ts';
import type { EnterpriseDetail, EnterpriseSummary } from './enterprises.schemas.ts';

type TagCategories = Record<string, string[]> | null | undefined;
/** A fact whose categories are not recorded (a profile never computed) is business data: operations. */
const DEFAULT_CATEGORIES = ['operations'];

function visibleIn(tagCategories: TagCategories, granted: readonly string[]) {
  return (key: string) => canSee({ categories: granted }, tagCategories?.[key] ?? DEFAULT_CATEGORIES);
}

type SummarySource = Pick<
  SummaryRow,
  'id' | 'uscc' | 'name' | 'type' | 'status' | 'town_code' | 'town_name' | 'industry_code' | 'industry_section' | 'size_class' | 'is_above_scale' | 'lifecycle_stage' | 'tags'
>;

/**
 * Row → EnterpriseSummary, showing derived facts only where `granted` covers the categories they reveal
 * (registry facts are always shown).
 */
export function presentEnterpriseSummary(row: SummarySource, tagCategories: TagCategories, granted: readonly string[]): EnterpriseSummary {
  const isVisible = visibleIn(tagCategories, granted);
  return {
    id: row.id,
    uscc: row.uscc,
    name: row.name,
    type: row.type,
    status: row.status,
    townCode: row.town_code,
    townName: row.town_name ?? null,
    industryCode: row.industry_code,
    industrySection: row.industry_section,
    industryName: row.industry_code ? industryName(row.industry_code, 'zh') : null,
    sizeClass: isVisible('size_class') ? (row.size_class as SizeClass | null) : null,
    isAboveScale: isVisible('above_scale') ? row.is_above_scale : null,
    lifecycleStage: isVisible('lifecycle_stage') ? row.lifecycle_stage : null,
    tags: row.tags.filter((tag) => isVisible(tag)),
  };
}

type CertificationRow = Awaited<ReturnType<typeof findCertifications>>[number];
const CERTIFICATION_NAMES = new Map<string, { nameZh: string; nameEn: string }>(CERTIFICATIONS.map((c) => [c.code, { nameZh: c.nameZh, nameEn: c.nameEn }]));

/**
 * Row → EnterpriseDetail for a caller with `access`: derived tags, completeness and certifications are
 * limited to the categories granted. `explanation` is the profile's explanation rendered for this read
 * (profiles' explainProfile; null when the profile was never computed).
 */
export function presentEnterpriseDetail(
  row: DetailRow,
  explanation: ProfileExplanation | null,
  certifications: readonly CertificationRow[],
  access: EnterpriseAccess,
  catalogue: Catalogue,
  today: string,
): EnterpriseDetail {
  const tagCategories = (row.profile as StoredProfile | null)?.tagCategories;
  const stored = explanation;
  const showTag = (tag: DerivedTag) => {
    const categories = categoriesOfInputs(tag.inputs, catalogue);
    return canSee(access, categories) ? { ...tag, categories } : null;
  };
  let profile: EnterpriseDetail['profile'] = null;
  if (stored) {
    const isCategoryVisible = (code: string) => {
      const category = catalogue.byCode.get(code)?.category;
      return category === undefined || access.categories.includes(category);
    };
    const present = stored.completeness.present.filter(isCategoryVisible);
    const missing = stored.completeness.missing.filter(isCategoryVisible);
    const isPartial = present.length !== stored.completeness.present.length || missing.length !== stored.completeness.missing.length;
    profile = {
      computedAt: row.profile_computed_at?.toISOString() ?? null,
      evaluationDate: stored.evaluationDate,
      sizeClass: showTag(stored.sizeClass),
      aboveScale: showTag(stored.aboveScale),
      lifecycleStage: showTag(stored.lifecycleStage),
      tags: stored.tags.map(showTag).filter((tag) => tag !== null),
      completeness: {
        year: stored.completeness.year,
        // Over the key indicators the caller may see, so a partial view does not reveal what it hides.
        percent: !isPartial ? stored.completeness.percent : present.length + missing.length === 0 ? 0 : Math.floor((present.length * 100) / (present.length + missing.length)),
        present,
        missing,
      },
    };
  }
  const showCertifications = canSee(access, CERTIFICATION_CATEGORIES);
  return {
    ...presentEnterpriseSummary(row, tagCategories, access.categories),
    legalRepresentative: row.legal_representative,
    registeredOn: row.registered_on,
    closedOn: row.closed_on,
    registeredCapitalFen: row.registered_capital_fen,
    address: row.address,
    usccStatus: row.uscc_status,
    orgId: row.org_id,
    profile,
    certifications: showCertifications
      ? certifications.map((c) => ({
          code: c.code,
          nameZh: CERTIFICATION_NAMES.get(c.code)?.nameZh ?? c.code,
          nameEn: CERTIFICATION_NAMES.get(c.code)?.nameEn ?? c.code,
          awardedOn: c.awarded_on,
          expiresOn: c.expires_on,
          isRenewal: c.is_renewal,
          isValid: c.awarded_on <= today && (c.expires_on === null || c.expires_on > today),
          source: c.source,
        }))
      : [],
    access: { isOwn: access.isOwn, categories: [...access.categories] },
  };
}
