import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEN_PER_WAN } from '../../src/core/money/money.ts';
import type { DB } from '../../src/server/db/schema.ts';
import type { StoredProfile } from '../../src/server/modules/profiles/profiles.compute.ts';
import { enqueueProfileRecompute } from '../../src/server/modules/profiles/profiles.queue.ts';
import { findEffectiveValues, findEffectiveValuesOfChunk } from '../../src/server/modules/profiles/profiles.repository.ts';
import { loadIndicatorCatalogue, sourceRankTable } from '../../src/server/modules/indicators/index.ts';
import { explainProfile, handleProfileRecomputeJob, recomputeAllProfiles, recomputeProfiles } from '../../src/server/modules/profiles/profiles.service.ts';
import { SHOWCASE_ENTERPRISE_NAME } from '../../src/server/seed/enterprises.ts';
import { seedDemoCounty } from '../../src/server/seed/demo-county.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createTestDatabase } from '../db.ts';
import { createEnterprise } from '../factories/enterprises.ts';

const WAN = FEN_PER_WAN;
const EVALUATION_DATE = '2025-06-30';

let t: TestApp;
let db: Kysely<DB>;
beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
});
afterAll(async () => {
  await t.close();
});

const profileRow = (id: number) =>
  db.selectFrom('enterprises').where('id', '=', id).select(['size_class', 'is_above_scale', 'lifecycle_stage', 'tags', 'profile', 'completeness_bp', 'profile_computed_at']).executeTakeFirstOrThrow();

/** An industrial enterprise (大类 34) with 85 staff and 1,860万元 main-business revenue in 2024. */
const smallManufacturer = () =>
  createEnterprise(db, {
    industryCode: '3434',
    evaluationDate: EVALUATION_DATE,
    indicators: [
      { code: 'employees', period: '2024', value: 85 },
      { code: 'main_revenue', period: '2024', value: 1860 * WAN },
      { code: 'main_revenue', period: '2023', value: 1500 * WAN },
      { code: 'operating_revenue', period: '2024', value: 1900 * WAN },
      { code: 'tax_paid', period: '2024', value: 60 * WAN, source: 'tax' },
    ],
  });

describe('recomputing the derived profile', () => {
  it('classifies an industrial firm with 85 staff and 1,860万元 revenue as small, with the reason', async () => {
    const { id } = await smallManufacturer();
    const row = await profileRow(id);
    expect(row.size_class).toBe('small');
    expect(row.tags).toContain('size_small');
    const stored = row.profile as StoredProfile;
    expect(stored).toEqual({ version: 2, evaluationDate: EVALUATION_DATE, tagCategories: expect.any(Object) });
    // The explanation is rendered on read, for the date the stored figures were evaluated on.
    const profile = (await explainProfile(db, id))!;
    expect(profile.evaluationDate).toBe(EVALUATION_DATE);
    expect(profile.sizeClass).toMatchObject({
      key: 'size_class',
      value: 'small',
      labelZh: '小型企业',
      reasonZh: '2024年数据，小型：从业人员 85人（≥ 20人，< 300人）且主营业务收入 1,860万元（≥ 300万元，< 2,000万元）',
    });
    expect(profile.sizeClass.inputs).toEqual([
      { code: 'industry_code', value: '3434' },
      { code: 'employees', period: '2024', value: 85 },
      { code: 'main_revenue', period: '2024', value: 1860 * WAN },
    ]);
    // Growth of 24% on main-business revenue: growth stage and high_growth.
    expect(row.lifecycle_stage).toBe('growth');
    expect(row.tags).toEqual(expect.arrayContaining(['lifecycle_growth', 'high_growth']));
    // 1,860万 < 2,000万: not 规上 on the figures (no official status).
    expect(row.is_above_scale).toBe(false);
    expect(row.tags).not.toContain('above_scale');
    // Key indicators present for 2024: operating_revenue, main_revenue, employees, tax_paid of 10.
    expect(profile.completeness).toMatchObject({ year: 2024, percent: 40 });
    expect(profile.completeness.present.sort()).toEqual(['employees', 'main_revenue', 'operating_revenue', 'tax_paid']);
    expect(row.completeness_bp).toBe(4000);
    expect(row.profile_computed_at).toBeInstanceOf(Date);
    // What each searchable fact reveals: size class reads employees (employment) and revenue.
    expect(stored.tagCategories.size_small).toEqual(['operations', 'employment']);
    expect(profile.tagCategories.high_growth).toEqual(['operations']);
  });

  it('is idempotent: running twice stores the same profile', async () => {
    const { id } = await smallManufacturer();
    const first = await profileRow(id);
    await recomputeProfiles(db, [id], { evaluationDate: EVALUATION_DATE });
    await recomputeProfiles(db, [id, id], { evaluationDate: EVALUATION_DATE });
    const second = await profileRow(id);
    const { profile_computed_at: a, ...restFirst } = first;
    const { profile_computed_at: b, ...restSecond } = second;
    expect(restSecond).toEqual(restFirst);
    expect(b!.getTime()).toBeGreaterThanOrEqual(a!.getTime());
  });

  it('uses the effective value: the indicator’s first source wins, self-reported figures only fill gaps', async () => {
    const { id } = await createEnterprise(db, {
      evaluationDate: EVALUATION_DATE,
      indicators: [
        { code: 'employees', period: '2024', value: 350 },
        { code: 'main_revenue', period: '2024', value: 1860 * WAN, source: 'statistics' },
        { code: 'main_revenue', period: '2024', value: 2500 * WAN, source: 'tax' },
        { code: 'main_revenue', period: '2024', value: 9000 * WAN, source: 'self_reported' },
      ],
    });
    expect((await profileRow(id)).size_class).toBe('small'); // statistics' 1,860万 < 2,000万
    await db.deleteFrom('indicator_values').where('enterprise_id', '=', id).where('source', '=', 'statistics').where('indicator_code', '=', 'main_revenue').execute();
    await recomputeProfiles(db, [id], { evaluationDate: EVALUATION_DATE });
    expect((await profileRow(id)).size_class).toBe('medium'); // tax's 2,500万 with 350 staff
    await db.deleteFrom('indicator_values').where('enterprise_id', '=', id).where('source', '=', 'tax').execute();
    await recomputeProfiles(db, [id], { evaluationDate: EVALUATION_DATE });
    const row = await profileRow(id);
    expect(row.size_class).toBe('medium'); // self-reported 9,000万 < 40,000万: still medium
    expect((await explainProfile(db, id))!.sizeClass.inputs).toContainEqual({ code: 'main_revenue', period: '2024', value: 9000 * WAN });
  });

  it('tags certifications held on the evaluation date and the official 新增规上 status', async () => {
    const { id } = await createEnterprise(db, {
      evaluationDate: EVALUATION_DATE,
      indicators: [
        { code: 'above_scale', period: '2023', value: 0 },
        { code: 'above_scale', period: '2024', value: 1 },
        { code: 'main_revenue', period: '2024', value: 2350 * WAN },
      ],
      certifications: [
        { code: 'high_tech', awardedOn: '2023-11-01', expiresOn: '2026-11-01' },
        { code: 'tech_sme', awardedOn: '2021-05-01', expiresOn: '2022-05-01' },
        { code: 'specialized_sme', awardedOn: '2025-09-01' },
      ],
    });
    const row = await profileRow(id);
    expect(row.is_above_scale).toBe(true);
    expect(row.tags).toEqual(expect.arrayContaining(['above_scale', 'above_scale_new', 'high_tech']));
    expect(row.tags).not.toContain('tech_sme'); // expired
    expect(row.tags).not.toContain('specialized_sme'); // awarded after the evaluation date
    const profile = (await explainProfile(db, id))!;
    // The 四上 tag carries the whole official history in its inputs.
    expect(profile.aboveScale.inputs).toEqual(expect.arrayContaining([
      { code: 'above_scale', period: '2023', value: 0 },
      { code: 'above_scale', period: '2024', value: 1 },
    ]));
    expect((row.profile as StoredProfile).tagCategories.high_tech).toEqual(['innovation']);
  });

  it('leaves the profile undetermined, with reasons, when facts are missing', async () => {
    const { id } = await createEnterprise(db, { industryCode: null, registeredOn: null, evaluationDate: EVALUATION_DATE });
    const row = await profileRow(id);
    expect(row).toMatchObject({ size_class: null, is_above_scale: null, lifecycle_stage: null, tags: [], completeness_bp: 0 });
    expect((await explainProfile(db, id))!.sizeClass.reasonZh).toMatch(/行业代码/);
  });

  it('walks the whole county in chunks, two at once, reporting progress', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await createEnterprise(db, { recompute: false, indicators: [{ code: 'employees', period: '2024', value: 5 + i }] })).id);
    const progress: [number, number][] = [];
    const count = await recomputeAllProfiles(db, { chunkSize: 2, concurrency: 2, evaluationDate: EVALUATION_DATE, onProgress: (done, total) => progress.push([done, total]) });
    const total = Number((await db.selectFrom('enterprises').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(count).toBe(total);
    expect(progress.at(-1)).toEqual([total, total]);
    expect(progress.length).toBeGreaterThanOrEqual(Math.ceil(total / 2));
    const rows = await db.selectFrom('enterprises').where('id', 'in', ids).select(['size_class', 'profile_computed_at']).execute();
    expect(rows.every((r) => r.size_class === 'micro' && r.profile_computed_at !== null)).toBe(true);
  });
});

describe('the effective values the recompute reads', () => {
  it('are the ones findEffectiveValues resolves in SQL, on random facts from several sources (ranked, unranked, ties)', async () => {
    const catalogue = await loadIndicatorCatalogue(db);
    const full = sourceRankTable(catalogue);
    // A partial table too: pairs missing from it rank last and fall back to the source's name.
    const partial = sourceRankTable(catalogue.filter((d) => ['employees', 'main_revenue'].includes(d.code)));
    const sources = ['statistics', 'tax', 'self_reported', 'social_insurance', 'bank'] as const;
    const fact = fc.record({
      code: fc.constantFrom('employees', 'main_revenue', 'operating_revenue', 'tax_paid'),
      period: fc.constantFrom('2023', '2024'),
      source: fc.constantFrom(...sources),
      value: fc.integer({ min: 0, max: 1_000_000 }),
    });
    const sorted = (values: unknown[][]) => values.map((v) => JSON.stringify(v)).sort();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fact, { maxLength: 12 }), { minLength: 1, maxLength: 3 }), async (enterprises) => {
        const ids: number[] = [];
        for (const facts of enterprises) {
          const unique = [...new Map(facts.map((f) => [`${f.code}|${f.period}|${f.source}`, f])).values()];
          ids.push((await createEnterprise(db, { recompute: false, indicators: unique })).id);
        }
        for (const ranks of [full, partial]) {
          // Contiguous ids (a county walk's chunk) and a scattered pick.
          for (const chosen of [ids, ids.filter((_, i) => i !== 1)]) {
            expect(sorted(await findEffectiveValuesOfChunk(db, chosen, ranks))).toEqual(sorted(await findEffectiveValues(db, chosen, ranks)));
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('the recompute job', () => {
  it('recomputes the enterprises a producer marked, and running it twice changes nothing', async () => {
    const { id } = await smallManufacturer();
    await db.updateTable('enterprises').set({ size_class: null, tags: [], profile: null, profile_computed_at: null }).where('id', '=', id).execute();
    await enqueueProfileRecompute(db, [id]);
    // The recompute, then its profile.recomputed event: the dispatch and matching's subscriber (no live
    // policy here, so it queues no re-match).
    expect(await t.app.jobs.drain()).toBe(3);
    expect(await db.selectFrom('jobs').where('kind', '=', 'policies.match_all').select('id').execute()).toEqual([]);
    const first = await profileRow(id);
    expect(first.size_class).toBe('small');
    const job = await db.selectFrom('jobs').where('kind', '=', 'profiles.recompute').orderBy('id', 'desc').select(['status', 'result', 'payload']).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'done', result: { recomputed: 1 } });
    // The same job again (a worker died after the work): same stored profile.
    await handleProfileRecomputeJob(job.payload, { db, heartbeat: async () => {} });
    const { profile_computed_at: _a, ...second } = await profileRow(id);
    const { profile_computed_at: _b, ...again } = first;
    expect(second).toEqual(again);
  });

  it('recomputes the whole county on {all: true}, extending its lease between chunks', async () => {
    await db.updateTable('enterprises').set({ profile_computed_at: null }).execute();
    let beats = 0;
    const result = await handleProfileRecomputeJob({ all: true }, { db, heartbeat: async () => void beats++ });
    expect(result.recomputed).toBeGreaterThan(0);
    expect(beats).toBeGreaterThan(0);
    const stale = await db.selectFrom('enterprises').where('profile_computed_at', 'is', null).select('id').execute();
    expect(stale).toEqual([]);
  });

  it('refuses a malformed payload (the job fails visibly instead of doing nothing)', async () => {
    await expect(handleProfileRecomputeJob({ enterpriseIds: ['x'] }, { db, heartbeat: async () => {} })).rejects.toThrow(/payload/);
  });
});

describe('the demo seed', () => {
  it('ends with every enterprise profiled; the showcase manufacturer is a small, newly above-scale high-tech firm', async () => {
    const database = await createTestDatabase();
    try {
      await seedDemoCounty(database.db, { enterprises: 60, seed: 7 });
      const rows = await database.db.selectFrom('enterprises').select(['name', 'size_class', 'tags', 'profile_computed_at', 'profile']).execute();
      expect(rows).toHaveLength(60);
      expect(rows.every((r) => r.profile_computed_at !== null && r.profile !== null)).toBe(true);
      const showcase = rows.find((r) => r.name === SHOWCASE_ENTERPRISE_NAME)!;
      expect(showcase.size_class).toBe('small');
      expect(showcase.tags).toEqual(expect.arrayContaining(['size_small', 'above_scale', 'above_scale_new', 'high_tech']));
    } finally {
      await database.destroy();
    }
  });
});
