import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { passDueApplicationNotices } from '../../src/server/modules/applications/applications.review.ts';
import type { TestClient } from '../app.ts';
import { createManufacturer, signIn, type CreatedEnterprise } from './enterprises.ts';
import type { DepartmentStaff } from './policies.ts';

/** A signed-in user of an enterprise, with the enterprise's id. */
export type Applicant = Awaited<ReturnType<typeof signIn>> & { enterpriseId: number };

/**
 * The states an application is brought to, in the order of the path: 申报 → 受理 → review steps
 * approved → 公示 → 公示期满 (ready for payment).
 */
export const APPLICATION_STATES = ['submitted', 'accepted', 'approved', 'in_notice', 'notice_passed'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export interface ApplicationOptions {
  policyId: number;
  /** How far along the path (default 'submitted'). Past 'submitted', each required file is uploaded first. */
  state?: ApplicationState;
  /** Who applies. Default: a user of `enterprise`, or of a new manufacturer with 3000万元 revenue (eligible under REVENUE_RULE). */
  applicant?: Applicant;
  /** The enterprise applying, when no `applicant` is given: one of its users is signed in. */
  enterprise?: CreatedEnterprise;
  /** What the enterprise fills in (default nothing). */
  formData?: Record<string, unknown>;
  /**
   * Staff of the policy's department who take the steps in turn: the first accepts and approves the
   * first review step, the next the second, and so on; the first starts the notice. Default: two new
   * staff of the department.
   */
  reviewers?: DepartmentStaff[];
}

export interface CreatedApplication {
  id: number;
  applicant: Applicant;
}

/** Signs in a user of `enterprise`, or of a new manufacturer with `revenueWan` 万元 of last year's revenue. */
export async function signInApplicant(app: FastifyInstance, options: { enterprise?: CreatedEnterprise; revenueWan?: number } = {}): Promise<Applicant> {
  const enterprise = options.enterprise ?? (await createManufacturer(app.db, options.revenueWan ?? 3000));
  if (enterprise.orgId === null) throw new Error(`enterprise ${enterprise.id} has no organisation to sign in to: create it withOrg`);
  const client = await signIn(app, ['enterprise_user'], enterprise.orgId);
  return Object.assign(client, { enterpriseId: enterprise.id });
}

/**
 * Creates an application and walks it to `state` through the applications API, as the enterprise and
 * the department would: so it meets every rule of the path (eligibility, attachments, deadlines), and
 * a refusal fails here with the response's body. Only the end of the notice is not waited for: its
 * period is moved into the past and the notice job's service function passes it.
 */
export async function createApplication(app: FastifyInstance, options: ApplicationOptions): Promise<CreatedApplication> {
  const state = options.state ?? 'submitted';
  const reached = (s: ApplicationState) => APPLICATION_STATES.indexOf(state) >= APPLICATION_STATES.indexOf(s);
  const applicant = options.applicant ?? (await signInApplicant(app, { enterprise: options.enterprise }));
  const created = await applicant.post('/api/applications', { policyId: options.policyId, formData: options.formData ?? {} });
  expect(created.statusCode, created.body).toBe(201);
  const { id } = created.json<{ id: number }>();
  if (!reached('accepted')) return { id, applicant };

  const form = (await applicant.get(`/api/policies/${options.policyId}/application-form`)).json<{ fields: { key: string; source: string; type: string; required: boolean }[] }>();
  for (const field of form.fields.filter((f) => f.source === 'enterprise' && f.type === 'file' && f.required)) {
    const uploaded = await uploadAttachment(applicant, id, field.key, { name: `${field.key}.pdf`, content: PDF_BYTES });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
  }
  const reviewers = options.reviewers ?? (await departmentStaffOf(app, options.policyId, 2));
  const accepted = await reviewers[0].post(`/api/applications/${id}/accept`);
  expect(accepted.statusCode, accepted.body).toBe(200);
  if (!reached('approved')) return { id, applicant };

  // As many review steps as the policy has: approve until the application is approved.
  let status = accepted.json<{ status: string }>().status;
  for (let step = 0; status !== 'approved'; step++) {
    const approved = await reviewers[step % reviewers.length].post(`/api/applications/${id}/approve-step`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    status = approved.json<{ status: string }>().status;
  }
  if (!reached('in_notice')) return { id, applicant };

  const noticed = await reviewers[0].post(`/api/applications/${id}/start-notice`);
  expect(noticed.statusCode, noticed.body).toBe(200);
  if (!reached('notice_passed')) return { id, applicant };

  await sql`update applications set notice_until = now() - interval '1 minute' where id = ${id}`.execute(app.db);
  await passDueApplicationNotices(app.db);
  const passed = await applicant.get(`/api/applications/${id}`);
  expect(passed.json<{ status: string }>().status, passed.body).toBe('notice_passed');
  return { id, applicant };
}

/** A minimal PDF: the attachment check, which reads the content, accepts it. */
export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** A multipart body with one file (and optional text fields first), as a browser sends it. */
function multipart(file: { name: string; content: Buffer; type?: string }, fields: Record<string, string> = {}): { body: Buffer; contentType: string } {
  const boundary = `----dxe${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
  parts.push(file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Uploads a file to an application's form field as the client (POST /api/applications/:id/files). */
export async function uploadAttachment(client: TestClient, applicationId: number, fieldKey: string, file: { name: string; content: Buffer; type?: string }) {
  const { body, contentType } = multipart(file, { fieldKey });
  return client.request('POST', `/api/applications/${applicationId}/files`, body, { headers: { 'content-type': contentType } });
}

/** Signs in `count` new staff members of the department that issued the policy. */
async function departmentStaffOf(app: FastifyInstance, policyId: number, count: number): Promise<DepartmentStaff[]> {
  const { department_org_id: departmentId } = await app.db.selectFrom('policies').where('id', '=', policyId).select('department_org_id').executeTakeFirstOrThrow();
  const staff: DepartmentStaff[] = [];
  for (let i = 0; i < count; i++) staff.push(await signIn(app, ['department_staff'], departmentId));
  return staff;
}
