/**
 * Assessments: an enterprise's own (GET /api/me/credit-assessment) and a lead's credit report for its bank.
 * Every assessment is recorded with its model version and inputs (credit_assessments).
 *
 * The credit report is built ONLY from indicators in the categories the enterprise consented to the reading
 * bank, in force now (enterprises' access decision reads the consents): the indicators of other categories
 * are never loaded into the features, so a revoked or expired consent hides them from the next read on. Each
 * read is audited (credit_report.read) with the categories it rested on.
 */
import type { Kysely } from 'kysely';
import { assessEnterprise, type CreditAssessment } from '../../../core/credit/assessment.ts';
import { CREDIT_FEATURES, featuresOfRow, formatFeatureValue } from '../../../core/credit/features.ts';
import { DATA_CATEGORIES, type DataCategory } from '../../../core/profile/indicators.ts';
import type { Executor } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import { auditContextOfActor, type Actor } from '../../request-context.ts';
import { recordAudit } from '../audit/index.ts';
import { findEnterpriseAccess, findEnterpriseRef, requireOwnEnterprise } from '../enterprises/index.ts';
import { loadIndicatorCatalogue, sourceRankTable } from '../indicators/index.ts';
import { loadVisibleApplication } from '../loans/index.ts';
import { findEffectiveValues } from '../profiles/index.ts';
import { loadActiveModel } from './credit-models.service.ts';
import { loadFeatureColumns } from './credit.features.ts';
import { requireBankReader } from './credit.policy.ts';
import * as repo from './credit.repository.ts';
import type { CreditReport, MyCreditAssessment } from './credit.schemas.ts';

/** The year whose facts are "current": the last complete year in the county. */
export function currentReferenceYear(now: Date = new Date()): number {
  return Number(todayInCounty(now).slice(0, 4)) - 1;
}

/** Feature values as stored inputs: missing as null (JSON has no NaN). */
function inputsOf(features: Record<string, number>, referenceYear: number, categories: readonly string[]) {
  return { referenceYear, categories, features: Object.fromEntries(Object.entries(features).map(([code, value]) => [code, Number.isFinite(value) ? value : null])) };
}

async function assessOne(db: Executor, enterpriseId: number, hiddenCodes: ReadonlySet<string>): Promise<{ features: Record<string, number>; referenceYear: number }> {
  const referenceYear = currentReferenceYear();
  const columns = await loadFeatureColumns(db, [{ enterpriseId, referenceYear }], { hiddenCodes });
  return { features: featuresOfRow(columns, 0), referenceYear };
}

/** The signed-in enterprise's own assessment (all its data), recorded with the model version and inputs. */
export async function assessMyEnterprise(db: Kysely<DB>, actor: Actor): Promise<MyCreditAssessment> {
  const enterprise = await requireOwnEnterprise(db, actor);
  const model = await loadActiveModel(db);
  const { features, referenceYear } = await assessOne(db, enterprise.id, new Set());
  const assessment = assessEnterprise(model.card, features);
  await repo.insertAssessment(db, {
    enterpriseId: enterprise.id,
    modelId: model.id,
    modelVersion: model.version,
    purpose: 'self',
    applicationId: null,
    requestedBy: actor.userId,
    inputs: inputsOf(features, referenceYear, DATA_CATEGORIES),
    score: assessment.score,
    grade: assessment.grade,
    dimensions: assessment.dimensions,
    reasons: assessment.reasons,
    suggestedLimitFen: assessment.suggestedLimitFen,
  });
  return {
    score: assessment.score,
    grade: assessment.grade,
    dimensions: assessment.dimensions,
    reasons: assessment.reasons,
    suggestedLimitFen: assessment.suggestedLimitFen,
    modelVersion: model.version,
  };
}

/** The credit report of a lead for the bank that received it, from consented data only; audited. */
export async function creditReportOfApplication(db: Kysely<DB>, actor: Actor, applicationId: number, now: Date = new Date()): Promise<CreditReport> {
  requireBankReader(actor);
  const application = await loadVisibleApplication(db, actor, applicationId);
  const enterprise = await findEnterpriseRef(db, application.enterpriseId);
  if (!enterprise) throw notFound('Enterprise');
  const decision = await findEnterpriseAccess(db, actor, enterprise, now);
  const consented: DataCategory[] = decision.allowed ? [...decision.categories] : [];
  const hiddenCategories = DATA_CATEGORIES.filter((category) => !consented.includes(category));
  const catalogue = await loadIndicatorCatalogue(db);
  const hiddenCodes = new Set(catalogue.filter((indicator) => !consented.includes(indicator.category)).map((indicator) => indicator.code));
  const model = await loadActiveModel(db);

  let assessment: CreditAssessment | null = null;
  let features: CreditReport['features'] = [];
  let indicators: CreditReport['indicators'] = [];
  let inputs: ReturnType<typeof inputsOf> | null = null;
  if (consented.length > 0) {
    const one = await assessOne(db, enterprise.id, hiddenCodes);
    assessment = assessEnterprise(model.card, one.features);
    inputs = inputsOf(one.features, one.referenceYear, consented);
    features = CREDIT_FEATURES.map((feature) => {
      const value = one.features[feature.code];
      return {
        code: feature.code,
        dimension: feature.dimension,
        nameZh: feature.nameZh,
        nameEn: feature.nameEn,
        value: Number.isFinite(value) ? value : null,
        textZh: formatFeatureValue(feature, value, 'zh'),
        textEn: formatFeatureValue(feature, value, 'en'),
      };
    });
    const visible = catalogue.filter((indicator) => !hiddenCodes.has(indicator.code));
    const values = await findEffectiveValues(db, [enterprise.id], sourceRankTable(visible));
    const latest = new Map<string, { period: string; value: number | null; text: string | null }>();
    for (const [, code, period, value, text] of values) {
      if (hiddenCodes.has(code)) continue;
      const seen = latest.get(code);
      if (!seen || period > seen.period) latest.set(code, { period, value, text });
    }
    indicators = visible
      .filter((indicator) => latest.has(indicator.code))
      .map((indicator) => {
        const v = latest.get(indicator.code)!;
        return { code: indicator.code, nameZh: indicator.nameZh, nameEn: indicator.nameEn, category: indicator.category, unit: indicator.unit, period: v.period, value: v.value, valueText: v.text };
      });
  }

  await db.transaction().execute(async (trx) => {
    if (assessment && inputs) {
      await repo.insertAssessment(trx, {
        enterpriseId: enterprise.id,
        modelId: model.id,
        modelVersion: model.version,
        purpose: 'lead',
        applicationId,
        requestedBy: actor.userId,
        inputs,
        score: assessment.score,
        grade: assessment.grade,
        dimensions: assessment.dimensions,
        reasons: assessment.reasons,
        suggestedLimitFen: assessment.suggestedLimitFen,
      });
    }
    await recordAudit(trx, {
      ...auditContextOfActor(actor),
      action: 'credit_report.read',
      targetType: 'enterprise',
      targetId: enterprise.id,
      details: {
        applicationId,
        categories: consented,
        hiddenCategories,
        consentIds: decision.allowed ? decision.consentIds : [],
        modelVersion: model.version,
        ...(consented.length === 0 && { reason: 'no consent in force: no data shown' }),
      },
    });
  });

  return {
    applicationId,
    enterprise: { id: enterprise.id, name: enterprise.name, uscc: enterprise.uscc },
    consentedCategories: consented,
    hiddenCategories,
    modelVersion: model.version,
    assessment: assessment && {
      score: assessment.score,
      grade: assessment.grade,
      dimensions: assessment.dimensions,
      reasons: assessment.reasons,
      suggestedLimitFen: assessment.suggestedLimitFen,
    },
    features,
    indicators,
    generatedAt: now.toISOString(),
  };
}
