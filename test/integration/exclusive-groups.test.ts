/**
 * Exclusive groups (互斥组): applying, 免申即享 grant lists and the calculator follow one rule
 * (applications.exclusivity.ts) — an enterprise holding one policy of a group (an application approved or
 * later, or a grant item) gets no other policy of the group, and the department sees why.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/server/db/schema.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createOrg } from '../factories/accounts.ts';
import { createApplication, signInApplicant } from '../factories/applications.ts';
import { createManufacturer, signIn } from '../factories/enterprises.ts';
import { createPolicy, type DepartmentStaff } from '../factories/policies.ts';

const GROUP = '规上奖励';
let t: TestApp;
let db: Kysely<DB>;
let staff: DepartmentStaff;
let reviewer: DepartmentStaff;

interface Match {
  policyId: number;
  outcome: string;
  isChosen: boolean;
  isWindowClosed: boolean;
  exclusiveHeld: { policyId: number; title: string; via: string; status: string } | null;
}
interface Matches {
  summary: { count: number; totalFen: number; notCounted: number };
  items: Match[];
}

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  const deptId = await createOrg(db, 'department', '县经济和信息化委员会');
  staff = await signIn(t.app, ['department_staff'], deptId);
  reviewer = await signIn(t.app, ['department_staff'], deptId);
});
afterAll(async () => {
  await t.close();
});

describe(`exclusive groups on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('an application in notice keeps the enterprise off another policy’s grant list, the form and the calculator total', async () => {
    const applied = (await createPolicy(t.app, { author: staff, body: { title: '首次升规奖励', exclusionGroup: GROUP } })).id;
    const other = (await createPolicy(t.app, { author: staff, body: { title: '升规稳规奖励', exclusionGroup: GROUP, benefit: { amount: { fixed: { wan: 30 } } } } })).id;
    const auto = (await createPolicy(t.app, { author: staff, body: { title: '规上企业免申奖励', exclusionGroup: GROUP, isAutoGrant: true, benefit: { amount: { fixed: { wan: 50 } } } } })).id;
    const holder = await createManufacturer(db, 3000, { name: '垫江互斥甲有限公司' });
    const free = await createManufacturer(db, 3000, { name: '垫江互斥乙有限公司' });
    const holderUser = await signInApplicant(t.app, { enterprise: holder });
    await createApplication(t.app, { policyId: applied, applicant: holderUser, state: 'in_notice', reviewers: [staff, reviewer] });
    await t.app.jobs.drain();

    // The grant list: the holder is listed as removed with the reason; the other one is included.
    const proposed = await staff.post(`/api/policies/${auto}/auto-grants`);
    expect(proposed.statusCode, proposed.body).toBe(201);
    const items = proposed.json<{ items: { items: { enterprise: { id: number }; status: string; removedReason: string | null }[] } }>().items.items;
    expect(items.find((i) => i.enterprise.id === free.id)?.status).toBe('included');
    const removed = items.find((i) => i.enterprise.id === holder.id)!;
    expect(removed.status).toBe('removed');
    expect(removed.removedReason).toContain(GROUP);
    expect(removed.removedReason).toContain('《首次升规奖励》');
    expect(removed.removedReason).toContain('公示中');

    // Applying for the third policy of the group: blocked on the form, 409 on submission.
    const form = (await holderUser.get(`/api/policies/${other}/application-form`)).json<{ canApply: boolean; blockedBy: string; exclusiveWith: { policyId: number } | null }>();
    expect(form).toMatchObject({ canApply: false, blockedBy: 'exclusive_group', exclusiveWith: { policyId: applied } });
    const refused = await holderUser.post('/api/applications', { policyId: other, formData: {} });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ error: { details: { reason: string }[] } }>().error.details[0].reason).toBe('exclusive_group');

    // The calculator: the held policy counts, the two others are listed but not counted.
    const matches = (await holderUser.get('/api/me/policy-matches')).json<Matches>();
    const byId = new Map(matches.items.map((i) => [i.policyId, i]));
    expect(byId.get(applied)).toMatchObject({ isChosen: true, exclusiveHeld: null });
    expect(byId.get(other)).toMatchObject({ isChosen: false, exclusiveHeld: { policyId: applied, via: 'application', status: 'in_notice' } });
    expect(byId.get(auto)).toMatchObject({ isChosen: false, exclusiveHeld: { policyId: applied } });
    const ours = [applied, other, auto];
    const totalOfOthers = matches.items.filter((i) => !ours.includes(i.policyId) && i.isChosen).length;
    expect(matches.summary.count).toBe(totalOfOthers + 1);
    expect(matches.summary.notCounted).toBeGreaterThanOrEqual(2);

    // The enterprise included in the grant (not yet confirmed) holds the group as well.
    const freeUser = await signInApplicant(t.app, { enterprise: free });
    const freeForm = (await freeUser.get(`/api/policies/${other}/application-form`)).json<{ blockedBy: string }>();
    expect(freeForm.blockedBy).toBe('exclusive_group');
    expect((await freeUser.post('/api/applications', { policyId: other, formData: {} })).statusCode).toBe(409);
  });

  it('of two applications under review in one group, approving the second is refused once the first is approved', async () => {
    const first = (await createPolicy(t.app, { author: staff, body: { title: '技改奖励甲', exclusionGroup: '技改' } })).id;
    const second = (await createPolicy(t.app, { author: staff, body: { title: '技改奖励乙', exclusionGroup: '技改' } })).id;
    const enterprise = await createManufacturer(db, 3000);
    const applicant = await signInApplicant(t.app, { enterprise });
    await createApplication(t.app, { policyId: second, applicant, state: 'accepted', reviewers: [staff, reviewer] });
    await createApplication(t.app, { policyId: first, applicant, state: 'approved', reviewers: [staff, reviewer] });
    const pending = await db.selectFrom('applications').where('policy_id', '=', second).where('enterprise_id', '=', enterprise.id).select(['id', 'current_step']).executeTakeFirstOrThrow();
    const approve = await reviewer.post(`/api/applications/${pending.id}/approve-step`, {});
    expect(approve.statusCode, approve.body).toBe(409);
    expect(approve.json<{ error: { details: { reason: string; heldTitle: string }[] } }>().error.details[0]).toMatchObject({ reason: 'exclusive_group', heldTitle: '技改奖励甲' });
    expect((await db.selectFrom('applications').where('id', '=', pending.id).select('status').executeTakeFirstOrThrow()).status).toBe('accepted');
  });

  it('the headline total leaves out a policy whose application window has closed, still listing it', async () => {
    const closed = (await createPolicy(t.app, { author: staff, body: { title: '已截止的奖励', applyFrom: '2020-01-01T00:00:00.000Z', applyUntil: '2020-02-01T00:00:00.000Z' } })).id;
    const open = (await createPolicy(t.app, { author: staff, body: { title: '申报中的奖励' } })).id;
    const enterprise = await createManufacturer(db, 3000);
    const user = await signInApplicant(t.app, { enterprise });
    const matches = (await user.get('/api/me/policy-matches')).json<Matches>();
    const byId = new Map(matches.items.map((i) => [i.policyId, i]));
    expect(byId.get(closed)).toMatchObject({ outcome: 'eligible', isWindowClosed: true, isChosen: false });
    expect(byId.get(open)).toMatchObject({ outcome: 'eligible', isWindowClosed: false, isChosen: true });
    const counted = matches.items.filter((i) => i.isChosen);
    expect(counted.map((i) => i.policyId)).not.toContain(closed);
    expect(matches.summary.count).toBe(counted.length);
  });
  it('a holding under an edition no longer in force (expired) blocks nothing of the group', async () => {
    const group = '新升规奖励（往年）';
    const lastYear = (await createPolicy(t.app, { author: staff, body: { title: '往年新升规奖励', exclusionGroup: group } })).id;
    const thisYear = (await createPolicy(t.app, { author: staff, body: { title: '今年首次入统补助', exclusionGroup: group, benefit: { amount: { fixed: { wan: 5 } } } } })).id;
    const firm = await createManufacturer(db, 3000, { name: '垫江往年升规有限公司' });
    const user = await signInApplicant(t.app, { enterprise: firm });
    await createApplication(t.app, { policyId: lastYear, applicant: user, state: 'in_notice', reviewers: [staff, reviewer] });
    const blocked = (await user.get(`/api/policies/${thisYear}/application-form`)).json<{ blockedBy: string | null }>();
    expect(blocked.blockedBy).toBe('exclusive_group');

    // Last year's edition ends (as the seed's past editions do): its award no longer chooses for this round.
    await db.updateTable('policy_versions').set({ status: 'expired' }).where('policy_id', '=', lastYear).where('status', '=', 'published').execute();
    const form = (await user.get(`/api/policies/${thisYear}/application-form`)).json<{ blockedBy: string | null; exclusiveWith: unknown }>();
    expect(form.blockedBy).not.toBe('exclusive_group');
    expect(form.exclusiveWith ?? null).toBeNull();
    const matches = (await user.get('/api/me/policy-matches')).json<Matches>();
    expect(matches.items.find((i) => i.policyId === thisYear)).toMatchObject({ exclusiveHeld: null });
  });
});
