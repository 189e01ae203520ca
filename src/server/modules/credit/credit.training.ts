/**
 * Training a scorecard from the historical loans (issue 8): each loan's outcome (the loans face: 1 bad =
 * defaulted or 90+ days past due) against its enterprise's credit features as of the year before the
 * disbursement — and, where a feature has no value that early, as of now. The core trains it (monotonic WoE
 * binning, IV and correlation selection, L2 logistic regression, PDO points); the report adds the PSI of the
 * score between the training population (baseline) and the whole county now.
 *
 * Training problems are results, not crashes: too few loans, a single class, or no usable feature end the
 * model's training as `failed` with the reason in words; the job itself succeeds (retrying would not help).
 */
import type { Kysely } from 'kysely';
import { compileTrainedScorecard } from '../../../core/credit/assessment.ts';
import { CREDIT_FEATURE_CODES, CREDIT_FEATURES } from '../../../core/credit/features.ts';
import { binShares, populationStabilityIndex, stabilityOf, type DiscriminationMetrics } from '../../../core/credit/metrics.ts';
import { featureBinShares, scalingOf, scoreColumns, SingleClassError, trainScorecard, type ScorecardModel } from '../../../core/credit/scorecard.ts';
import type { DB } from '../../db/schema.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import { historicalLoanOutcomes } from '../loans/index.ts';
import { creditCatalogue, loadFeatureColumns } from './credit.features.ts';
import * as repo from './credit.repository.ts';
import type { CreditModelReport } from './credit.schemas.ts';
import type { Static } from 'typebox';

export const CREDIT_TRAIN_JOB = 'credit.train';

/** Fewer loans than this (or fewer than MIN_CLASS of either outcome) make no model worth a report. */
const MIN_LOANS = 50;
const MIN_CLASS = 10;
const EVENTS_PER_FEATURE = 10;

export interface TrainSettings {
  from?: string;
  to?: string;
  holdoutShare?: number;
  pdo?: number;
}

type Report = Static<typeof CreditModelReport>;

const finite = (value: number) => (Number.isFinite(value) ? value : null);
const metricsOf = (m: DiscriminationMetrics) => ({ n: m.n, bads: m.bads, auc: finite(m.auc), ks: finite(m.ks), gini: finite(m.gini) });

/** Raised for a training set that cannot make a model; its message is shown to the finance office. */
export class TrainingRefused extends Error {}

/**
 * Trains on the loans, returns the model and its report. `progress` gets basis points as the work advances.
 * @throws TrainingRefused with the reason in words
 */
export async function trainFromLoans(db: Kysely<DB>, version: number, settings: TrainSettings, progress: (bp: number) => Promise<void>): Promise<{ model: ScorecardModel; report: Report }> {
  const started = performance.now();
  const outcomes = await historicalLoanOutcomes(db, { from: settings.from, to: settings.to });
  await progress(1000);
  const bads = outcomes.reduce((sum, o) => sum + o.bad, 0);
  if (outcomes.length < MIN_LOANS) throw new TrainingRefused(`only ${outcomes.length} loans with an outcome in the period: at least ${MIN_LOANS} are needed`);
  if (bads < MIN_CLASS || outcomes.length - bads < MIN_CLASS) {
    throw new TrainingRefused(`the loans have ${bads} bad and ${outcomes.length - bads} good outcomes: at least ${MIN_CLASS} of each are needed (a single class cannot train a scorecard)`);
  }
  const catalogue = await creditCatalogue(db);
  const currentYear = Number(todayInCounty().slice(0, 4)) - 1;
  const asOf = await loadFeatureColumns(
    db,
    outcomes.map((o) => ({ enterpriseId: o.enterpriseId, referenceYear: Number(o.disbursedOn.slice(0, 4)) - 1 })),
    { catalogue, onChunk: (done, total) => progress(1000 + Math.round((3000 * done) / total)) },
  );
  const now = await loadFeatureColumns(db, outcomes.map((o) => ({ enterpriseId: o.enterpriseId, referenceYear: currentYear })), { catalogue });
  for (let f = 0; f < asOf.length; f++) for (let i = 0; i < outcomes.length; i++) if (Number.isNaN(asOf[f][i])) asOf[f][i] = now[f][i];
  await progress(5000);

  const target = Uint8Array.from(outcomes, (o) => o.bad);
  let trained;
  try {
    trained = trainScorecard(
      { featureNames: CREDIT_FEATURE_CODES, columns: asOf, target },
      {
        id: `credit-v${version}`,
        created: new Date().toISOString(),
        target: 'bad',
        holdoutShare: settings.holdoutShare ?? 0.3,
        scaling: scalingOf(600, 50, settings.pdo ?? 20),
        seed: version,
        // About ten bad outcomes per feature: a county's loan book is small, and a model must not learn its noise.
        maxFeatures: Math.max(3, Math.floor(bads / EVENTS_PER_FEATURE)),
      },
    );
  } catch (error) {
    if (error instanceof SingleClassError) throw new TrainingRefused(error.message);
    if (error instanceof Error && /no feature/.test(error.message)) throw new TrainingRefused(error.message);
    throw error;
  }
  compileTrainedScorecard(trained.model); // refuses a model that cannot score (every bin alike)
  await progress(7500);

  // PSI: the county now against the training population, on the score and on each selected feature.
  const ids = await repo.findAllEnterpriseIds(db);
  const county = await loadFeatureColumns(db, ids.map((id) => ({ enterpriseId: id, referenceYear: currentYear })), { catalogue });
  const countyColumns = new Map(CREDIT_FEATURE_CODES.map((code, index) => [code, county[index]]));
  const countyScores = scoreColumns(trained.model, countyColumns, ids.length);
  const { edges, shares } = trained.model.scoreDistribution;
  const scorePsi = ids.length > 0 && edges.length > 0 ? populationStabilityIndex(shares, binShares(countyScores, edges)) : NaN;
  const featurePsi = new Map(
    trained.model.features.map((feature) => {
      const { expected, actual } = featureBinShares(feature, countyColumns.get(feature.name) ?? null, ids.length);
      return [feature.name, populationStabilityIndex(expected, actual)];
    }),
  );
  await progress(9500);

  const names = new Map(CREDIT_FEATURES.map((feature) => [feature.code, feature]));
  const report: Report = {
    rows: { train: trained.rows.train, holdout: trained.rows.holdout, bads: trained.rows.bads, loans: outcomes.length },
    train: metricsOf(trained.model.metrics.train),
    holdout: trained.model.metrics.holdout ? metricsOf(trained.model.metrics.holdout) : null,
    features: trained.candidates
      .map((candidate) => ({
        name: candidate.name,
        nameZh: names.get(candidate.name)?.nameZh ?? candidate.name,
        nameEn: names.get(candidate.name)?.nameEn ?? candidate.name,
        iv: Number.isFinite(candidate.iv) ? candidate.iv : 0,
        bins: candidate.bins,
        status: candidate.status,
        note: candidate.note,
        psi: finite(featurePsi.get(candidate.name) ?? NaN),
      }))
      .sort((a, b) => b.iv - a.iv),
    psi: { score: finite(scorePsi), stability: Number.isFinite(scorePsi) ? stabilityOf(scorePsi) : null, population: ids.length },
    trainingSeconds: Math.round((performance.now() - started) / 10) / 100,
  };
  return { model: trained.model, report };
}

/**
 * The training of one registered model, from queued to done or failed, with progress written as it goes
 * (outside any long transaction, so the registry page sees it). Idempotent: a model already done or failed
 * is left alone.
 */
export async function runModelTraining(db: Kysely<DB>, modelId: number, settings: TrainSettings): Promise<void> {
  const model = await repo.findModel(db, modelId);
  if (!model || model.kind !== 'trained' || model.training_state === 'done' || model.training_state === 'failed') return;
  await repo.updateTraining(db, modelId, { state: 'running', progressBp: 0, error: null });
  try {
    const { model: trained, report } = await trainFromLoans(db, model.version, settings, (bp) => repo.updateTraining(db, modelId, { progressBp: bp }));
    await repo.updateTraining(db, modelId, { state: 'done', progressBp: 10000, definition: trained, report });
  } catch (error) {
    if (!(error instanceof TrainingRefused)) throw error;
    await repo.updateTraining(db, modelId, { state: 'failed', error: error.message });
  }
}
