import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { parseIndustryCode } from '../../src/core/profile/industry-codes.ts';
import { completeUscc } from '../../src/core/profile/uscc.ts';
import type { DB, EnterpriseStatus, EnterpriseType, Role } from '../../src/server/db/schema.ts';
import { upsertIndicatorValues } from '../../src/server/modules/indicators/indicators.repository.ts';
import { recomputeProfiles } from '../../src/server/modules/profiles/profiles.service.ts';
import { TestClient } from '../app.ts';
import { createOrg, createUser, TEST_PASSWORD } from './accounts.ts';

let sequence = 0;

/** The towns tests use; inserted on demand (the test database holds no seed data). */
export const TEST_TOWNS = [
  { code: '500231001', name: '桂阳街道', name_en: 'Guiyang Subdistrict', kind: 'street' as const },
  { code: '500231101', name: '新民镇', name_en: 'Xinmin', kind: 'town' as const },
];

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
  indicators?: readonly FactValue[];
  certifications?: readonly { code: string; awardedOn: string; expiresOn?: string | null; isRenewal?: boolean }[];
  /** Compute the derived profile after writing the facts (default true). */
  recompute?: boolean;
  evaluationDate?: string;
}

/**
 * Creates an enterprise with whatever it needs: towns, an organisation (withOrg), indicator values
 * (source 'statistics' unless given) and certifications, then its derived profile.
 */
export async function createEnterprise(db: Kysely<DB>, options: EnterpriseOptions = {}): Promise<{ id: number; orgId: number | null; uscc: string; name: string }> {
  await ensureTowns(db);
  const uscc = options.uscc ?? nextUscc();
  const name = options.name ?? `测试企业${uscc.slice(10, 17)}有限公司`;
  const industryCode = options.industryCode === undefined ? '3434' : options.industryCode;
  const parsed = industryCode ? parseIndustryCode(industryCode) : null;
  if (parsed && !parsed.ok) throw new Error(`bad industry code in test: ${industryCode}`);
  const orgId = options.withOrg ? await createOrg(db, 'enterprise', name) : null;
  const row = await db
    .insertInto('enterprises')
    .values({
      uscc,
      name,
      type: options.type ?? 'limited_company',
      legal_representative: '张三',
      registered_on: options.registeredOn === undefined ? '2015-06-01' : options.registeredOn,
      registered_capital_fen: 500_000_000,
      town_code: options.townCode === undefined ? TEST_TOWNS[0].code : options.townCode,
      address: '垫江县桂阳街道测试路1号',
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
  if (options.recompute !== false) await recomputeProfiles(db, [row.id], { evaluationDate: options.evaluationDate });
  return { id: row.id, orgId, uscc, name };
}

/** A signed-in browser-like client for a new user with these roles (in `orgId`, or a new fitting organisation). */
export async function signIn(app: FastifyInstance, roles: Role[], orgId?: number): Promise<TestClient & { user: { id: number; username: string; orgId: number } }> {
  const user = await createUser(app.db, { roles, orgId });
  const client = new TestClient(app);
  const response = await client.login(user.username, TEST_PASSWORD);
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
  return Object.assign(client, { user });
}
