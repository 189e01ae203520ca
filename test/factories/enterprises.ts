import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { parseIndustryCode } from '../../src/core/profile/industry-codes.ts';
import { FEN_PER_WAN } from '../../src/core/money/money.ts';
import { completeUscc } from '../../src/core/profile/uscc.ts';
import { pinyinSortKey } from '../../src/core/text/pinyin-sort.ts';
import type { DB, EnterpriseStatus, EnterpriseType, Role } from '../../src/server/db/schema.ts';
import { upsertIndicatorValues } from '../../src/server/modules/indicators/indicators.repository.ts';
import { todayInCounty } from '../../src/server/platform/county-date.ts';
import { recomputeProfiles } from '../../src/server/modules/profiles/profiles.service.ts';
import { TestClient } from '../app.ts';
import { createOrg, createUser, TEST_PASSWORD } from './accounts.ts';

let sequence = 0;

/** The towns tests use; inserted on demand (the test database holds no seed data). */
export const TEST_TOWNS = [
  { code: '500231001', name: '桂阳街道', name_en: 'Guiyang Subdistrict', kind: 'street' as const },
  { code: '500231101', name: '新民镇', name_en: 'Xinmin', kind: 'town' as const },
];

/** Inserts TEST_TOWNS unless they are there already (createEnterprise calls it for its town). */
export async function ensureTowns(db: Kysely<DB>): Promise<void> {
  await db.insertInto('towns').values(TEST_TOWNS).onConflict((oc) => oc.column('code').doNothing()).execute();
}

/** A valid GB 32100 code, unique per call (positions 9–17 carry the sequence). */
export function nextUscc(): string {
  sequence++;
  return completeUscc(`91500231MA${String(sequence).padStart(7, '0')}`);
}

export interface FactValue {
  code: string;
  period: string;
  value: number | string;
  source?: string;
  asOf?: string;
}

export interface EnterpriseOptions {
  name?: string;
  uscc?: string;
  type?: EnterpriseType;
  /** GB/T 4754 code; its 门类 and 大类 are stored beside it. Default 3434 (machinery, industry). */
  industryCode?: string | null;
  townCode?: string | null;
  registeredOn?: string | null;
  status?: EnterpriseStatus;
  /** Create an enterprise organisation and link it (for enterprise users). */
  withOrg?: boolean;
  /**
   * Only what the registry knows an enterprise by (USCC, name, type, status): legal representative,
   * registration day, capital, town, address and industry empty, and no profile unless `recompute` is
   * asked for. As an import first finds an enterprise it has only a code for; options given still apply.
   */
  registryOnly?: boolean;
  indicators?: readonly FactValue[];
  certifications?: readonly { code: string; awardedOn: string; expiresOn?: string | null; isRenewal?: boolean }[];
  /** Compute the derived profile after writing the facts (default true, false with `registryOnly`). */
  recompute?: boolean;
  /** Write the pinyin sort key (default); false on a database migrated only part of the way. */
  nameSort?: boolean;
  evaluationDate?: string;
}

export interface CreatedEnterprise {
  id: number;
  /** Its organisation (where its users sign in), or null without `withOrg`. */
  orgId: number | null;
  uscc: string;
  name: string;
}

/**
 * Creates an enterprise with whatever it needs: towns, an organisation (withOrg), indicator values
 * (source 'statistics' unless given) and certifications, then its derived profile. The one way tests
 * add an enterprise to the registry: a new registry column is filled here, not in every test.
 */
export async function createEnterprise(db: Kysely<DB>, options: EnterpriseOptions = {}): Promise<CreatedEnterprise> {
  await ensureTowns(db);
  const isFilled = !options.registryOnly;
  /** The option as given (null included), else the full default, else empty for a registry-only row. */
  const orDefault = <T>(given: T | null | undefined, full: T): T | null => (given !== undefined ? given : isFilled ? full : null);
  const uscc = options.uscc ?? nextUscc();
  const name = options.name ?? `测试企业${uscc.slice(10, 17)}有限公司`;
  const industryCode = orDefault(options.industryCode, '3434');
  const parsed = industryCode ? parseIndustryCode(industryCode) : null;
  if (parsed && !parsed.ok) throw new Error(`bad industry code in test: ${industryCode}`);
  const orgId = options.withOrg ? await createOrg(db, 'enterprise', name) : null;
  const row = await db
    .insertInto('enterprises')
    .values({
      uscc,
      name,
      // A database migrated only part of the way (migration tests) has no sort key yet.
      ...(options.nameSort === false ? {} : { name_sort: pinyinSortKey(name) }),
      type: options.type ?? 'limited_company',
      legal_representative: isFilled ? '张三' : null,
      registered_on: orDefault(options.registeredOn, '2015-06-01'),
      registered_capital_fen: isFilled ? 500_000_000 : null,
      town_code: orDefault(options.townCode, TEST_TOWNS[0].code),
      address: isFilled ? '垫江县桂阳街道测试路1号' : null,
      industry_code: parsed?.ok ? parsed.code : null,
      industry_section: parsed?.ok ? parsed.section : null,
      industry_division: parsed?.ok ? parsed.division : null,
      status: options.status ?? 'operating',
      org_id: orgId,
      size_class: null,
      is_above_scale: null,
      lifecycle_stage: null,
      profile: null,
      completeness_bp: null,
      profile_computed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (options.indicators?.length) {
    await upsertIndicatorValues(
      db,
      options.indicators.map((v) => ({
        enterpriseId: row.id,
        code: v.code,
        period: v.period,
        source: v.source ?? 'statistics',
        value: typeof v.value === 'number' ? v.value : null,
        valueText: typeof v.value === 'string' ? v.value : null,
        asOf: v.asOf ?? `${Number(v.period.slice(0, 4)) + 1}-03-31`,
        batchId: null,
      })),
    );
  }
  if (options.certifications?.length) {
    await db
      .insertInto('certifications')
      .values(options.certifications.map((c) => ({ enterprise_id: row.id, code: c.code, awarded_on: c.awardedOn, expires_on: c.expiresOn ?? null, is_renewal: c.isRenewal ?? false, certificate_no: null, source: 'market_regulation', batch_id: null })))
      .execute();
  }
  if (options.recompute ?? isFilled) await recomputeProfiles(db, [row.id], { evaluationDate: options.evaluationDate });
  return { id: row.id, orgId, uscc, name };
}

/** The last complete year in the county: what rules call 上年度, and the year factories write facts for. */
export const LAST_YEAR = Number(todayInCounty().slice(0, 4)) - 1;

/**
 * An industrial enterprise (3453, machinery) with LAST_YEAR's 主营业务收入 in 万元 and 80 employees,
 * and an organisation for its users unless `withOrg` is false. From 2000万元 it meets REVENUE_RULE
 * (test/factories/policies.ts).
 */
export function createManufacturer(db: Kysely<DB>, revenueWan: number, options: Omit<EnterpriseOptions, 'industryCode' | 'indicators'> = {}): Promise<CreatedEnterprise> {
  return createEnterprise(db, {
    industryCode: '3453',
    ...options,
    withOrg: options.withOrg ?? true,
    indicators: [
      { code: 'main_revenue', period: String(LAST_YEAR), value: revenueWan * FEN_PER_WAN },
      { code: 'employees', period: String(LAST_YEAR), value: 80 },
    ],
  });
}

/** A signed-in browser-like client for a new user with these roles (in `orgId`, or a new fitting organisation). */
export async function signIn(app: FastifyInstance, roles: Role[], orgId?: number): Promise<TestClient & { user: { id: number; username: string; orgId: number } }> {
  const user = await createUser(app.db, { roles, orgId });
  const client = new TestClient(app);
  const response = await client.login(user.username, TEST_PASSWORD);
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
  return Object.assign(client, { user });
}
