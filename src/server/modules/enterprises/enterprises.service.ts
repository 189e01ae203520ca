import type { Kysely } from 'kysely';
import { listDivisions, listSections, parseIndustryCode } from '../../../core/profile/industry-codes.ts';
import { DATA_CATEGORIES } from '../../../core/profile/indicators.ts';
import { checkUscc } from '../../../core/profile/uscc.ts';
import type { Executor } from '../../db/database.ts';
import type { DB, EnterpriseStatus } from '../../db/schema.ts';
import { AppError, notFound, type ErrorDetail } from '../../errors.ts';
import { auditContextOfActor, requireRole, type Actor } from '../../request-context.ts';
import { recordAudit, recordAudits } from '../audit/index.ts';
import { loadIndicatorCatalogue } from '../indicators/index.ts';
import { explainProfile, makeCatalogue, PROFILE_TAGS, recomputeProfilesAndPublish } from '../profiles/index.ts';
import { todayInCounty } from '../../platform/county-date.ts';
import type { PageRequest } from '../../platform/pagination.ts';
import { auditEnterpriseRead, authorizeEnterpriseRead, isLinkBoundCadre, readsOtherEnterprises, requireOwnEnterprise, type EnterpriseAccess } from './enterprise-access.ts';
import { linkedEnterprisesOfCadreUser } from './cadre-links.ts';
import { presentEnterpriseDetail, presentEnterpriseSummary } from './enterprises.presenter.ts';
import * as repo from './enterprises.repository.ts';
import type { CreateEnterpriseInput, EnterpriseDetail, EnterpriseFilter, EnterpriseSummary, UpdateEnterpriseInput } from './enterprises.schemas.ts';

/** Characters a USCC prefix may hold (GB 32100 alphabet): such a query also searches codes. */
const USCC_PREFIX = /^[0-9A-HJ-NPQRTUWXY]{2,18}$/;

function normaliseIndustryFilter(industry: string): repo.SearchFilter['industry'] {
  const parsed = parseIndustryCode(industry);
  if (!parsed.ok) throw new AppError('validation_failed', 'Unknown industry code', [{ path: 'querystring/industry', message: parsed.message }]);
  if (parsed.division === null) return { section: parsed.section };
  if (parsed.level === 'division') return { division: parsed.division };
  return { prefix: parsed.code, division: parsed.division };
}

/** Which enterprises the actor's search covers; throws 403 for roles that read no enterprise data. */
function searchScope(actor: Actor, now: Date): repo.SearchScope {
  const kind = readsOtherEnterprises(actor);
  if (kind === 'government') return { kind: 'all' };
  if (kind === 'consent') return { kind: 'consent', granteeOrgId: actor.orgId, now };
  if (actor.roles.includes('enterprise_user')) return { kind: 'own', orgId: actor.orgId };
  throw new AppError('forbidden', 'Your role does not read enterprise data');
}

/**
 * Searches enterprises (name or USCC prefix, town, industry at any level, size class, tag, 四上, status),
 * ordered by name. Government readers search the county; banks and providers only the enterprises that
 * authorised them, seeing derived facts only where the consent covers them; an enterprise user finds only
 * itself. A cadre searches the county's directory but sees derived facts of linked firms only.
 * Every enterprise listed to another organisation is recorded in the audit log.
 */
export async function searchEnterprises(db: Kysely<DB>, actor: Actor, filter: EnterpriseFilter, { page, pageSize }: PageRequest) {
  const now = new Date();
  const scope = searchScope(actor, now);
  const q = filter.q?.trim();
  const search: repo.SearchFilter = {
    ...(q && { name: q }),
    ...(q && USCC_PREFIX.test(q.toUpperCase()) && { usccPrefix: q.toUpperCase() }),
    ...(filter.town && { town: filter.town }),
    ...(filter.industry && { industry: normaliseIndustryFilter(filter.industry) }),
    ...(filter.sizeClass && { sizeClass: filter.sizeClass }),
    ...(filter.tag && { tag: filter.tag }),
    ...(filter.aboveScale !== undefined && { aboveScale: filter.aboveScale }),
    ...(filter.status && { status: filter.status }),
  };
  const { rows, total } = await repo.searchEnterprises(db, search, scope, { page, pageSize });
  const linked = isLinkBoundCadre(actor) ? await linkedEnterprisesOfCadreUser(db, actor.userId, rows.map((row) => row.id)) : null;
  const categoriesOf = (row: (typeof rows)[number]) => (scope.kind === 'consent' ? (row.granted ?? []) : linked && !linked.has(row.id) ? [] : DATA_CATEGORIES);
  const items: EnterpriseSummary[] = rows.map((row) => presentEnterpriseSummary(row, row.tag_categories, categoriesOf(row)));
  if (scope.kind !== 'own' && rows.length > 0) {
    const context = auditContextOfActor(actor);
    await recordAudits(
      db,
      rows.map((row) => ({
        ...context,
        action: 'enterprise.list',
        targetType: 'enterprise',
        targetId: row.id,
        details: { basis: scope.kind === 'all' ? (linked ? (linked.has(row.id) ? 'linked_cadre' : 'directory') : 'government') : 'consent', filter, page, ...(scope.kind === 'consent' && { categories: row.granted ?? [] }) },
      })),
    );
  }
  return { items, total, page, pageSize };
}

async function loadDetail(db: Executor, id: number, access: EnterpriseAccess): Promise<EnterpriseDetail> {
  const [row, explanation, certifications, catalogue] = await Promise.all([
    repo.findEnterpriseById(db, id),
    explainProfile(db, id),
    repo.findCertifications(db, id),
    loadIndicatorCatalogue(db),
  ]);
  if (!row) throw notFound('Enterprise');
  return presentEnterpriseDetail(row, explanation, certifications, access, makeCatalogue(catalogue), todayInCounty());
}

/** The enterprise's registry facts, derived profile and certifications, as far as the actor may see them (audited). */
export async function getEnterprise(db: Kysely<DB>, actor: Actor, id: number): Promise<EnterpriseDetail> {
  const enterprise = await repo.findEnterpriseRef(db, id);
  if (!enterprise) throw notFound('Enterprise');
  const access = await authorizeEnterpriseRead(db, actor, enterprise, 'enterprise.read');
  const detail = await loadDetail(db, id, access);
  await auditEnterpriseRead(db, actor, access, 'enterprise.read');
  return detail;
}

/** The enterprise user's own enterprise (404 when their organisation is linked to none). */
export async function getMyEnterprise(db: Kysely<DB>, actor: Actor): Promise<EnterpriseDetail> {
  const enterprise = await requireOwnEnterprise(db, actor);
  const access = await authorizeEnterpriseRead(db, actor, enterprise, 'enterprise.read');
  return loadDetail(db, enterprise.id, access);
}

/** Government access, for a data admin's own writes: the response shows what was stored. */
const adminAccess = (enterpriseId: number): EnterpriseAccess => ({ enterpriseId, basis: 'government', isOwn: false, categories: DATA_CATEGORIES, consentIds: [] });

type RegistryInput = Omit<UpdateEnterpriseInput, 'name' | 'type' | 'status' | 'closedOn'>;

const CLOSED_STATUSES: readonly EnterpriseStatus[] = ['cancelled', 'revoked', 'moved_out'];

/**
 * The closure date (注销/吊销/迁出日期) an enterprise will have after a write, kept consistent with its status:
 * only a closed status carries one (a firm that operates again loses it), a closed firm keeps its stored date
 * unless a new one is given, and the date lies between the registration date and today.
 */
function resolveClosedOn(
  status: EnterpriseStatus,
  given: string | null | undefined,
  stored: { status: EnterpriseStatus; closedOn: string | null } | null,
  registeredOn: string | null,
  details: ErrorDetail[],
): string | null {
  if (!CLOSED_STATUSES.includes(status)) {
    if (given) details.push({ path: 'body/closedOn', reason: 'closed_date_not_closed', message: `a closure date is only for a cancelled, revoked or moved-out enterprise (the status is ${status})`, messageZh: '仅注销、吊销或迁出的企业有注销/吊销/迁出日期' });
    return null;
  }
  const closedOn = given !== undefined ? given : stored && CLOSED_STATUSES.includes(stored.status) ? stored.closedOn : null;
  if (closedOn === null) return null;
  if (closedOn > todayInCounty()) details.push({ path: 'body/closedOn', reason: 'future_date', message: 'the closure date is in the future', messageZh: '注销/吊销/迁出日期晚于今天' });
  else if (registeredOn !== null && closedOn < registeredOn) {
    details.push({ path: given !== undefined ? 'body/closedOn' : 'body/registeredOn', reason: 'closed_before_registered', message: `the closure date ${closedOn} is before the registration date ${registeredOn}`, messageZh: `注销/吊销/迁出日期${closedOn}早于成立日期${registeredOn}` });
  }
  return closedOn;
}

/** Checks town and industry code; returns the columns they set. Collects every problem before failing. */
async function validateRegistryFields(db: Executor, input: RegistryInput, details: ErrorDetail[]): Promise<Partial<repo.EnterpriseRegistryFields>> {
  const fields: Partial<repo.EnterpriseRegistryFields> = {};
  if (input.industryCode !== undefined) {
    if (input.industryCode === null) Object.assign(fields, { industry_code: null, industry_section: null, industry_division: null });
    else {
      const parsed = parseIndustryCode(input.industryCode);
      if (!parsed.ok) details.push({ path: 'body/industryCode', message: parsed.message });
      // The finest level given is stored, with its 门类 and 大类 for filtering at any level.
      else Object.assign(fields, { industry_code: parsed.code, industry_section: parsed.section, industry_division: parsed.division });
    }
  }
  if (input.townCode !== undefined) {
    if (input.townCode !== null && !(await repo.townExists(db, input.townCode))) details.push({ path: 'body/townCode', message: `unknown town ${input.townCode}` });
    else fields.town_code = input.townCode;
  }
  if (input.legalRepresentative !== undefined) fields.legal_representative = input.legalRepresentative?.trim() || null;
  if (input.registeredOn !== undefined) {
    if (input.registeredOn !== null && input.registeredOn > todayInCounty()) details.push({ path: 'body/registeredOn', message: 'the registration date is in the future' });
    else fields.registered_on = input.registeredOn;
  }
  if (input.registeredCapitalFen !== undefined) fields.registered_capital_fen = input.registeredCapitalFen;
  if (input.address !== undefined) fields.address = input.address?.trim() || null;
  return fields;
}

/**
 * Registers an enterprise (data admin). The USCC is checked against GB 32100: a malformed code is refused
 * (400); a wrong check character is refused with the expected one (422) unless the admin accepts it —
 * pilot-era codes are legal yet fail the checksum — in which case it is stored as `checksum_override`
 * and the override is audited. The derived profile is computed at once.
 */
export async function createEnterprise(db: Kysely<DB>, actor: Actor, input: CreateEnterpriseInput): Promise<EnterpriseDetail> {
  requireRole(actor, 'data_admin');
  const check = checkUscc(input.uscc);
  if (check.status === 'malformed') {
    throw new AppError('validation_failed', 'The USCC is malformed', check.problems.map((p) => ({ path: 'body/uscc', message: p.message, messageZh: p.messageZh, reason: p.code })));
  }
  if (check.status === 'checksum_mismatch' && !input.acceptChecksumMismatch) {
    const problem = check.problems[0];
    throw new AppError('unprocessable', 'The USCC check character does not match; confirm the code and send acceptChecksumMismatch to store it anyway', [
      { path: 'body/uscc', reason: 'checksum_mismatch', expectedCheckChar: check.expectedCheckChar, message: problem.message, messageZh: problem.messageZh },
    ]);
  }
  const details: ErrorDetail[] = [];
  const registry = await validateRegistryFields(db, input, details);
  const closedOn = resolveClosedOn(input.status ?? 'operating', input.closedOn, null, registry.registered_on ?? null, details);
  if (details.length > 0) throw new AppError('validation_failed', 'The enterprise is invalid', details);
  const usccStatus = check.status === 'checksum_mismatch' ? 'checksum_override' : 'valid';

  const id = await db.transaction().execute(async (trx) => {
    if (await repo.usccExists(trx, check.normalized)) throw new AppError('conflict', `An enterprise with USCC ${check.normalized} exists`);
    const enterpriseId = await repo.insertEnterprise(trx, {
      legal_representative: null,
      registered_on: null,
      registered_capital_fen: null,
      town_code: null,
      address: null,
      industry_code: null,
      industry_section: null,
      industry_division: null,
      ...registry,
      uscc: check.normalized,
      uscc_status: usccStatus,
      name: input.name.trim(),
      type: input.type,
      status: input.status ?? 'operating',
      closed_on: closedOn,
    });
    const context = auditContextOfActor(actor);
    await recordAudit(trx, { ...context, action: 'enterprise.create', targetType: 'enterprise', targetId: enterpriseId, details: { uscc: check.normalized, usccStatus, name: input.name } });
    if (usccStatus === 'checksum_override') {
      await recordAudit(trx, {
        ...context,
        action: 'enterprise.uscc_override',
        targetType: 'enterprise',
        targetId: enterpriseId,
        details: { uscc: check.normalized, checkChar: check.parts!.checkChar, expectedCheckChar: check.expectedCheckChar },
      });
    }
    await recomputeProfilesAndPublish(trx, [enterpriseId]);
    return enterpriseId;
  });
  return loadDetail(db, id, adminAccess(id));
}

/** Changes registry facts (data admin; the USCC never changes); audited with before and after, profile recomputed. */
export async function updateEnterprise(db: Kysely<DB>, actor: Actor, id: number, patch: UpdateEnterpriseInput): Promise<EnterpriseDetail> {
  requireRole(actor, 'data_admin');
  const current = await repo.findEnterpriseById(db, id);
  if (!current) throw notFound('Enterprise');
  const details: ErrorDetail[] = [];
  const fields = await validateRegistryFields(db, patch, details);
  const status = patch.status ?? current.status;
  const registeredOn = fields.registered_on !== undefined ? fields.registered_on : current.registered_on;
  const closedOn = resolveClosedOn(status, patch.closedOn, { status: current.status, closedOn: current.closed_on }, registeredOn, details);
  if (details.length > 0) throw new AppError('validation_failed', 'The change is invalid', details);
  if (patch.name !== undefined) fields.name = patch.name.trim();
  if (patch.type !== undefined) fields.type = patch.type;
  if (patch.status !== undefined) fields.status = patch.status;
  // Written only when it changes, so the audit's before/after names it exactly then.
  if (closedOn !== current.closed_on) fields.closed_on = closedOn;
  await db.transaction().execute(async (trx) => {
    await repo.updateEnterprise(trx, id, fields);
    const before = Object.fromEntries(Object.keys(fields).map((key) => [key, current[key as keyof typeof current] ?? null]));
    await recordAudit(trx, { ...auditContextOfActor(actor), action: 'enterprise.update', targetType: 'enterprise', targetId: id, details: { before, after: fields } });
    // Industry and registration date feed the size class and life cycle.
    await recomputeProfilesAndPublish(trx, [id]);
  });
  return loadDetail(db, id, adminAccess(id));
}

/** The county's towns and streets (any signed-in user: they label filters and addresses). */
export async function listTowns(db: Executor) {
  return (await repo.findTowns(db)).map((t) => ({ code: t.code, name: t.name, nameEn: t.name_en, kind: t.kind }));
}

/** GB/T 4754-2017 门类 and 大类 (optionally of one 门类), for industry filters. */
export function listIndustries(section?: string) {
  return {
    sections: listSections().map((s) => ({ code: s.code, nameZh: s.nameZh, nameEn: s.nameEn })),
    divisions: listDivisions(section).map((d) => ({ code: d.code, section: d.section, nameZh: d.nameZh, nameEn: d.nameEn })),
  };
}

/** The tag vocabulary of the derived profile (see profiles.compute.ts). */
export function listProfileTags() {
  return PROFILE_TAGS.map((t) => ({ ...t }));
}
