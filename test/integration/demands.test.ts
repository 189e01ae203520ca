/**
 * Demands (诉求) end to end over HTTP: an enterprise files, the dispatcher assigns with the suggestion, the
 * department accepts, waits on the enterprise (the clock pauses), resolves; the enterprise rates; the
 * dispatcher closes and follows up. Who may see and do what, per object; each bad input of the issue refused
 * with nothing changed; a bad rating sent back for rectification; escalation of overdue demands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema.ts';
import type { DemandDetail, DemandSummaryCounts } from '../../src/server/modules/demands/demands.schemas.ts';
import { scanDemands } from '../../src/server/modules/demands/index.ts';
import { demandSettingsOf } from '../../src/server/modules/demands/demands.settings.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { act, createDemandCounty, fileDemand, LOAN_DEMAND, type DemandCounty } from '../factories/demands.ts';
import { signIn } from '../factories/enterprises.ts';
import { multipart, tempStorageDir } from '../fixtures/imports/helpers.ts';

let t: TestApp;
let db: Kysely<DB>;
let c: DemandCounty;

beforeAll(async () => {
  t = await createTestApp({ storageDir: tempStorageDir() });
  db = t.app.db;
  c = await createDemandCounty(t.app);
});
afterAll(async () => t?.close());

/** The demand's row and timeline length: what "nothing changed" compares. */
async function snapshot(id: number) {
  const row = await db.selectFrom('demands').where('id', '=', id).selectAll().executeTakeFirstOrThrow();
  const { n } = await db.selectFrom('demand_events').where('demand_id', '=', id).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const { a } = await db.selectFrom('audit_log').where('target_type', '=', 'demand').where('target_id', '=', String(id)).where('outcome', '=', 'success').select((eb) => eb.fn.countAll<number>().as('a')).executeTakeFirstOrThrow();
  return { row, events: Number(n), audits: Number(a) };
}

async function assignToFinance(id: number) {
  const response = await act(c.dispatcher, id, 'assign', { mode: 'manual', handlerOrgId: c.financeDeptId, categoryCode: 'financing' });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<DemandDetail>();
}

async function resolvedDemand(): Promise<number> {
  const filed = await fileDemand(c.ent);
  await assignToFinance(filed.id);
  expect((await act(c.financeStaff, filed.id, 'accept')).statusCode).toBe(200);
  const resolved = await act(c.financeStaff, filed.id, 'resolve', { resolution: '已协调县农商行发放信用贷款300万元', mode: 'offline' });
  expect(resolved.statusCode, resolved.body).toBe(200);
  return filed.id;
}

describe('the life cycle', () => {
  it('goes from filing to follow-up, every step on the timeline and in the audit log, the counts moving', async () => {
    const before = (await c.dispatcher.get('/api/demands/summary')).json<DemandSummaryCounts>();

    const filed = await fileDemand(c.ent, { ...LOAN_DEMAND, urgency: 'urgent', contactName: '李经理', contactPhone: '13800000000' });
    expect(filed.state).toBe('submitted');
    expect(filed.channel).toBe('portal');
    expect(filed.suggestion).toBeNull(); // the enterprise does not see the government's routing suggestion
    expect(filed.timeline.map((e) => e.action)).toEqual(['submit']);

    const seen = (await c.dispatcher.get(`/api/demands/${filed.id}`)).json<DemandDetail>();
    // No model yet: the enterprise's declared category, its competent department and that department's head.
    expect(seen.suggestion).toMatchObject({ source: 'declared', category: { code: 'financing' }, department: { id: c.financeDeptId }, leader: { id: c.financeHeadCadreId } });
    expect(seen.allowedActions).toEqual(expect.arrayContaining(['triage', 'assign', 'offer']));

    const queued = (await c.dispatcher.get('/api/demands/summary')).json<DemandSummaryCounts>();
    expect(queued.queue).toBe(before.queue + 1);

    const assigned = await assignToFinance(filed.id);
    expect(assigned).toMatchObject({ state: 'assigned', dispatchMode: 'dispatch', handlerOrg: { id: c.financeDeptId }, leader: { id: c.financeHeadCadreId }, category: { code: 'financing' } });
    expect(assigned.resolutionDueAt).not.toBeNull();
    expect(assigned.responseDueAt).not.toBeNull();

    // 接单提醒 reaches the department's staff in-app.
    const notices = await db.selectFrom('notifications').where('user_id', '=', c.financeStaff.user.id).where('kind', '=', 'demand.order').select('params').execute();
    expect(notices.map((n) => (n.params as { demandId: number }).demandId)).toContain(filed.id);

    const accepted = await act(c.financeStaff, filed.id, 'accept');
    expect(accepted.json<DemandDetail>()).toMatchObject({ state: 'accepted', handlerUser: { id: c.financeStaff.user.id } });
    expect((await act(c.financeStaff, filed.id, 'start', { note: '已联系企业' })).json<DemandDetail>().state).toBe('in_progress');

    const waiting = (await act(c.financeStaff, filed.id, 'wait', { reason: '请补充近三年财务报表' })).json<DemandDetail>();
    expect(waiting).toMatchObject({ state: 'waiting', isPaused: true });
    const resumed = (await act(c.ent, filed.id, 'resume', { note: '已上传财务报表' })).json<DemandDetail>();
    expect(resumed).toMatchObject({ state: 'in_progress', isPaused: false });
    expect(new Date(resumed.resolutionDueAt!).getTime()).toBeGreaterThanOrEqual(new Date(waiting.resolutionDueAt!).getTime());

    const resolved = (await act(c.financeStaff, filed.id, 'resolve', { resolution: '已协调县农商行发放信用贷款300万元', mode: 'offline' })).json<DemandDetail>();
    expect(resolved).toMatchObject({ state: 'resolved', resolutionMode: 'offline' });

    const rated = (await act(c.ent, filed.id, 'rate', { rating: 5, comment: '办理及时' })).json<DemandDetail>();
    expect(rated).toMatchObject({ state: 'rated', rating: 5, ratingComment: '办理及时' });
    expect(rated.allowedActions).not.toContain('rate');

    const closed = (await act(c.dispatcher, filed.id, 'close')).json<DemandDetail>();
    expect(closed.state).toBe('closed');
    expect(closed.followUpDueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const followed = (await act(c.dispatcher, filed.id, 'follow-up', { outcome: 'effective', note: '企业产能恢复' })).json<DemandDetail>();
    expect(followed).toMatchObject({ followUpOutcome: 'effective', followUpNote: '企业产能恢复' });
    expect((await act(c.dispatcher, filed.id, 'follow-up', { outcome: 'not_effective' })).statusCode).toBe(409);

    // The enterprise sees every step.
    const mine = (await c.ent.get(`/api/demands/${filed.id}`)).json<DemandDetail>();
    expect(mine.timeline.map((e) => e.action)).toEqual(['submit', 'assign', 'accept', 'start', 'wait', 'resume', 'resolve', 'rate', 'close', 'follow_up']);
    // The steps (the government side's reads of the demand are recorded as demand.read besides).
    const audits = await db.selectFrom('audit_log').where('target_type', '=', 'demand').where('target_id', '=', String(filed.id)).where('action', '<>', 'demand.read').select('action').orderBy('id').execute();
    expect(audits.map((a) => a.action)).toEqual(['demand.submit', 'demand.assign', 'demand.accept', 'demand.start', 'demand.wait', 'demand.resume', 'demand.resolve', 'demand.rate', 'demand.close', 'demand.follow_up']);

    // Events for later issues (cadre work statistics).
    const events = await db.selectFrom('domain_events').where('type', 'in', ['demand.resolved', 'demand.rated']).select(['type', 'payload']).execute();
    expect(events.filter((e) => (e.payload as { demandId: number }).demandId === filed.id).map((e) => e.type).sort()).toEqual(['demand.rated', 'demand.resolved']);

    const after = (await c.dispatcher.get('/api/demands/summary')).json<DemandSummaryCounts>();
    expect(after.byState.closed).toBe(before.byState.closed + 1);
    expect(after.resolvedLast30Days).toBe(before.resolvedLast30Days + 1);
  });

  it('a bad rating sends the demand back to the handler for rectification; it is rated again after it', async () => {
    const id = await resolvedDemand();
    const rated = (await act(c.ent, id, 'rate', { rating: 2, comment: '贷款额度不够' })).json<DemandDetail>();
    expect(rated).toMatchObject({ state: 'in_progress', rating: 2, reopenCount: 1 });
    expect(rated.rectificationDueAt).not.toBeNull();
    const notices = await db.selectFrom('notifications').where('user_id', '=', c.financeStaff.user.id).where('kind', '=', 'demand.rectify').select('params').execute();
    expect(notices.map((n) => (n.params as { demandId: number }).demandId)).toContain(id);
    expect((await act(c.financeStaff, id, 'resolve', { resolution: '追加担保贷款200万元', mode: 'online' })).statusCode).toBe(200);
    expect((await act(c.ent, id, 'rate', { rating: 4 })).json<DemandDetail>().state).toBe('rated');
  });

  it('a closed demand is reopened by the enterprise with a reason, back to its handler for rectification', async () => {
    const id = await resolvedDemand();
    await act(c.ent, id, 'rate', { rating: 4 });
    await act(c.dispatcher, id, 'close');
    expect((await act(c.ent, id, 'reopen', {})).statusCode).toBe(400);
    expect((await act(c.otherEnt, id, 'reopen', { reason: '问题复发' })).statusCode).toBe(403);
    const reopened = (await act(c.ent, id, 'reopen', { reason: '贷款到期后银行不再续贷，问题复发' })).json<DemandDetail>();
    expect(reopened).toMatchObject({ state: 'in_progress', handlerOrg: { id: c.financeDeptId }, reopenCount: 1, closedAt: null, followUpDueOn: null });
    expect(reopened.rectificationDueAt).not.toBeNull();
    expect(reopened.timeline.at(-1)).toMatchObject({ action: 'reopen', reason: '贷款到期后银行不再续贷，问题复发' });
  });

  it('transfer (移交) goes to another office with a reason; return sends it back to the dispatcher', async () => {
    const filed = await fileDemand(c.ent);
    await assignToFinance(filed.id);
    const dueBefore = await assignToFinanceDue(filed.id);
    const moved = (await act(c.financeStaff, filed.id, 'transfer', { reason: '涉及用工社保补贴，属人社局职责', handlerOrgId: c.hrDeptId })).json<DemandDetail>();
    expect(moved).toMatchObject({ state: 'assigned', handlerOrg: { id: c.hrDeptId }, transferCount: 1 });
    // The enterprise's deadline does not start again because an office passed the demand on.
    expect(moved.resolutionDueAt).toBe(dueBefore);
    expect(moved.allowedActions).toEqual([]);
    expect((await act(c.financeStaff, filed.id, 'accept')).statusCode).toBe(403);
    const back = (await act(c.hrStaff, filed.id, 'return', { reason: '企业诉求不明确' })).json<DemandDetail>();
    expect(back).toMatchObject({ state: 'triaged', handlerOrg: null });
  });
});

/** The stored resolution deadline (a transfer keeps it). */
async function assignToFinanceDue(id: number): Promise<string | null> {
  const row = await db.selectFrom('demands').where('id', '=', id).select('resolution_due_at').executeTakeFirstOrThrow();
  return row.resolution_due_at ? new Date(row.resolution_due_at).toISOString() : null;
}

describe('authorisation per object', () => {
  it('an enterprise sees and lists only its own demands', async () => {
    const filed = await fileDemand(c.ent);
    expect((await c.otherEnt.get(`/api/demands/${filed.id}`)).statusCode).toBe(403);
    const listed = (await c.otherEnt.get('/api/demands')).json<{ items: { id: number }[] }>();
    expect(listed.items.map((d) => d.id)).not.toContain(filed.id);
    expect((await c.otherEnt.post('/api/demands', { ...LOAN_DEMAND, enterpriseId: c.enterprise.id })).statusCode).toBe(403);
  });

  it('a handler sees and acts only on orders of its organisation; nobody else assigns', async () => {
    const filed = await fileDemand(c.ent);
    expect((await c.financeStaff.get(`/api/demands/${filed.id}`)).statusCode).toBe(403);
    expect((await act(c.financeStaff, filed.id, 'assign', { mode: 'manual', handlerOrgId: c.financeDeptId })).statusCode).toBe(403);
    expect((await act(c.ent, filed.id, 'assign', { mode: 'manual', handlerOrgId: c.financeDeptId })).statusCode).toBe(403);
    await assignToFinance(filed.id);
    expect((await c.financeStaff.get(`/api/demands/${filed.id}`)).statusCode).toBe(200);
    expect((await c.hrStaff.get(`/api/demands/${filed.id}`)).statusCode).toBe(403);
    // The responsible leader (a cadre with an account) may read it.
    expect((await c.financeHeadUser.get(`/api/demands/${filed.id}`)).statusCode).toBe(200);
    const bank = await signIn(t.app, ['bank_staff']);
    expect((await bank.get(`/api/demands/${filed.id}`)).statusCode).toBe(403);
    expect((await bank.get('/api/demands')).statusCode).toBe(403);
  });

  it('a cadre files for the enterprises linked to them only (千人联千企)', async () => {
    const townCadre = await signIn(t.app, ['cadre'], c.financeDeptId);
    const town = (await db.selectFrom('enterprises').where('id', '=', c.enterprise.id).select('town_code').executeTakeFirstOrThrow()).town_code!;
    const { id: cadreId } = await db.insertInto('cadres').values({ name: '驻村干部甲', position: '驻村干部', org_id: c.financeDeptId, town_code: town, user_id: townCadre.user.id }).returning('id').executeTakeFirstOrThrow();
    // Not linked yet: refused even in the cadre's own town.
    const refused = await townCadre.post('/api/demands', { ...LOAN_DEMAND, enterpriseId: c.enterprise.id });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { details: [{ reason: 'not_linked' }] } });
    await db.insertInto('cadre_links').values({ cadre_id: cadreId, enterprise_id: c.enterprise.id, linked_on: '2025-01-01' }).execute();
    const filed = await fileDemand(townCadre, { ...LOAN_DEMAND, enterpriseId: c.enterprise.id });
    expect(filed).toMatchObject({ channel: 'cadre', onBehalfCadre: { name: '驻村干部甲' } });
    // The enterprise sees what the cadre filed for it.
    expect((await c.ent.get(`/api/demands/${filed.id}`)).statusCode).toBe(200);
    expect((await townCadre.post('/api/demands', { ...LOAN_DEMAND, enterpriseId: c.otherEnterprise.id })).statusCode).toBe(403);
    const unlisted = await signIn(t.app, ['cadre'], c.financeDeptId);
    expect((await unlisted.post('/api/demands', { ...LOAN_DEMAND, enterpriseId: c.enterprise.id })).statusCode).toBe(403);
  });
});

describe('bad input is refused with a clear error, nothing changed', () => {
  it('accepting someone else’s order', async () => {
    const filed = await fileDemand(c.ent);
    await assignToFinance(filed.id);
    const before = await snapshot(filed.id);
    const response = await act(c.hrStaff, filed.id, 'accept');
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect(await snapshot(filed.id)).toEqual(before);
  });

  it('transferring without a reason', async () => {
    const filed = await fileDemand(c.ent);
    await assignToFinance(filed.id);
    const before = await snapshot(filed.id);
    for (const body of [{ handlerOrgId: c.hrDeptId }, { handlerOrgId: c.hrDeptId, reason: '' }, { handlerOrgId: c.hrDeptId, reason: '   ' }]) {
      const response = await act(c.financeStaff, filed.id, 'transfer', body);
      expect(response.statusCode).toBe(400);
      expect(response.json<{ error: { code: string; details: { path?: string }[] } }>().error.code).toBe('validation_failed');
    }
    expect(await snapshot(filed.id)).toEqual(before);
  });

  it('rating twice, and rating another enterprise’s demand', async () => {
    const id = await resolvedDemand();
    const foreign = await act(c.otherEnt, id, 'rate', { rating: 1 });
    expect(foreign.statusCode).toBe(403);
    expect((await act(c.ent, id, 'rate', { rating: 5 })).statusCode).toBe(200);
    const before = await snapshot(id);
    const twice = await act(c.ent, id, 'rate', { rating: 1 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ error: { code: 'conflict' } });
    expect(await snapshot(id)).toEqual(before);
    expect(before.row.rating).toBe(5);
  });

  it('attachments of a forbidden type or too large', async () => {
    const filed = await fileDemand(c.ent);
    const before = await snapshot(filed.id);
    const exe = multipart({}, { name: 'report.pdf', content: Buffer.from('MZ\x90\x00 not a pdf at all') });
    const refused = await c.ent.request('POST', `/api/demands/${filed.id}/files`, exe.payload, { headers: exe.headers });
    expect(refused.statusCode).toBe(415);
    const limit = demandSettingsOf(t.config).attachmentMaxBytes;
    const huge = multipart({}, { name: 'scan.pdf', content: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(limit + 10, 1)]) });
    const tooLarge = await c.ent.request('POST', `/api/demands/${filed.id}/files`, huge.payload, { headers: huge.headers });
    expect(tooLarge.statusCode).toBe(413);
    expect(await snapshot(filed.id)).toEqual(before);
    expect(await db.selectFrom('demand_files').where('demand_id', '=', filed.id).selectAll().execute()).toEqual([]);

    const pdf = multipart({}, { name: '财务报表.pdf', content: Buffer.from('%PDF-1.7\n%%EOF\n') });
    const stored = await c.ent.request('POST', `/api/demands/${filed.id}/files`, pdf.payload, { headers: pdf.headers });
    expect(stored.statusCode, stored.body).toBe(201);
    expect(stored.json()).toMatchObject({ fileName: '财务报表.pdf', contentType: 'application/pdf' });
    expect((await c.otherEnt.get(`/api/demands/${filed.id}/files/${stored.json<{ id: number }>().id}`)).statusCode).toBe(403);
  });

  it('an unknown category, an unknown handler, a foreign enterprise', async () => {
    const unknown = await c.ent.post('/api/demands', { ...LOAN_DEMAND, categoryCode: 'nonsense' });
    expect(unknown.statusCode).toBe(400);
    const filed = await fileDemand(c.ent);
    const before = await snapshot(filed.id);
    const notHandler = await act(c.dispatcher, filed.id, 'assign', { mode: 'manual', handlerOrgId: c.enterprise.orgId });
    expect(notHandler.statusCode).toBe(400);
    expect(await snapshot(filed.id)).toEqual(before);
  });
});

describe('near duplicates', () => {
  it('points out the enterprise’s own open demands that look alike, not other enterprises’', async () => {
    const filed = await fileDemand(c.ent, { title: '申请稳岗返还和社保补贴', description: '我公司今年新招用高校毕业生20人，申请社保补贴和稳岗返还，不清楚办理流程。' });
    const hint = (await c.ent.post('/api/demands/duplicates', { title: '申请社保补贴和稳岗返还', description: '新招用高校毕业生，申请社保补贴' })).json<{ items: { id: number; similarity: number }[] }>();
    expect(hint.items.map((i) => i.id)).toContain(filed.id);
    const unrelated = (await c.ent.post('/api/demands/duplicates', { title: '厂区周边道路积水', description: '雨季道路积水影响货车进出' })).json<{ items: { id: number }[] }>();
    expect(unrelated.items.map((i) => i.id)).not.toContain(filed.id);
    const other = (await c.otherEnt.post('/api/demands/duplicates', { title: '申请社保补贴和稳岗返还' })).json<{ items: { id: number }[] }>();
    expect(other.items).toEqual([]);
  });
});

describe('deadlines', () => {
  it('escalates up the chain: a warning, the breach to the handler and its leader, then the dispatch centre; a second pass changes nothing', async () => {
    const settings = demandSettingsOf(t.config);
    const filed = await fileDemand(c.ent);
    await assignToFinance(filed.id);
    const due = new Date((await db.selectFrom('demands').where('id', '=', filed.id).select('resolution_due_at').executeTakeFirstOrThrow()).resolution_due_at!);

    // Other open demands of this file may be warned too; this one is followed.
    const level = async () => (await db.selectFrom('demands').where('id', '=', filed.id).select('escalation_level').executeTakeFirstOrThrow()).escalation_level;
    await scanDemands(db, settings, new Date(due.getTime() - 60_000));
    expect(await level()).toBe(1);
    await scanDemands(db, settings, new Date(due.getTime() + 60_000));
    expect(await level()).toBe(2);
    const leaderNotices = await db.selectFrom('notifications').where('user_id', '=', c.financeHeadUser.user.id).where('kind', '=', 'demand.escalated').select('params').execute();
    expect(leaderNotices.map((n) => (n.params as { demandId: number }).demandId)).toContain(filed.id);
    const overdueNotices = await db.selectFrom('notifications').where('user_id', '=', c.financeStaff.user.id).where('kind', '=', 'demand.overdue').select('params').execute();
    expect(overdueNotices.map((n) => (n.params as { demandId: number }).demandId)).toContain(filed.id);

    const board = (await c.dispatcher.get('/api/demands/overdue')).json<{ items: { id: number }[] }>();
    expect(board.items.map((i) => i.id)).not.toContain(filed.id); // not overdue at the real "now"

    const muchLater = new Date(due.getTime() + 14 * 24 * 3600_000);
    await scanDemands(db, settings, muchLater);
    expect(await level()).toBe(3);
    const dispatcherNotices = await db.selectFrom('notifications').where('user_id', '=', c.dispatcher.user.id).where('kind', '=', 'demand.escalated').select('params').execute();
    expect(dispatcherNotices.filter((n) => (n.params as { demandId: number }).demandId === filed.id)).toHaveLength(1);
    const events = await db.selectFrom('demand_events').where('demand_id', '=', filed.id).where('action', 'in', ['warn', 'escalate']).select(['action', 'is_internal']).orderBy('id').execute();
    await scanDemands(db, settings, muchLater);
    expect(await db.selectFrom('demand_events').where('demand_id', '=', filed.id).where('action', 'in', ['warn', 'escalate']).select(['action', 'is_internal']).orderBy('id').execute()).toEqual(events);
    expect(events).toEqual([{ action: 'warn', is_internal: true }, { action: 'escalate', is_internal: false }, { action: 'escalate', is_internal: false }]);
  });

  it('a waiting demand is not escalated while its clock is paused', async () => {
    const settings = demandSettingsOf(t.config);
    const filed = await fileDemand(c.ent);
    await assignToFinance(filed.id);
    await act(c.financeStaff, filed.id, 'accept');
    await act(c.financeStaff, filed.id, 'wait', { reason: '请补充抵押物清单' });
    const due = new Date((await db.selectFrom('demands').where('id', '=', filed.id).select('resolution_due_at').executeTakeFirstOrThrow()).resolution_due_at!);
    await scanDemands(db, settings, new Date(due.getTime() + 30 * 24 * 3600_000));
    expect((await db.selectFrom('demands').where('id', '=', filed.id).select('escalation_level').executeTakeFirstOrThrow()).escalation_level).toBe(0);
  });
});
