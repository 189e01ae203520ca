import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { LAST_YEAR, signIn } from './enterprises.ts';

const THIS_YEAR = LAST_YEAR + 1;

/** 上年度主营业务收入2000万元以上的工业企业: the rule of a policy unless a test gives another. */
export const REVENUE_RULE = {
  clause: '上年度主营业务收入2000万元以上的工业企业',
  all: [
    { clause: '工业企业', industry: { divisionRanges: [['06', '46']] } },
    { clause: '主营业务收入2000万元以上', left: { fact: 'main_revenue', period: { yearsAgo: 1 } }, op: '>=', right: { wan: 2000 } },
  ],
};

/**
 * A body for POST /api/policies: 20万元 once to the enterprises of REVENUE_RULE, valid from 1 January
 * of this year to the end of the next (so a test run late in December does not see it expire midway).
 * `over` replaces fields: rule, benefit, title, validity, review steps, form fields…
 */
export function policyBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '规上工业企业发展奖励',
    documentNo: `垫府发〔${THIS_YEAR}〕8号`,
    summary: '对上年度主营业务收入2000万元以上的工业企业给予一次性奖励20万元。',
    validFrom: `${THIS_YEAR}-01-01`,
    validUntil: `${THIS_YEAR + 1}-12-31`,
    rule: REVENUE_RULE,
    benefit: { amount: { fixed: { wan: 20 } } },
    ...over,
  };
}

/** A signed-in member of department staff; the department (their organisation) issues what they write. */
export type DepartmentStaff = Awaited<ReturnType<typeof signIn>>;

export interface PolicyOptions {
  /** Who writes the policy; their department issues it. Default: a new department with one staff member. */
  author?: DepartmentStaff;
  /** 'published' (default: created, then published, which also queues its county match) or 'draft' (created only). */
  status?: 'draft' | 'published';
  /** Fields of the body replacing policyBody's. */
  body?: Record<string, unknown>;
}

export interface CreatedPolicy {
  id: number;
  /** The version created (v1), published or draft as asked. */
  versionId: number;
  author: DepartmentStaff;
}

/**
 * Creates a policy through the policies API, as its department's staff would: a draft v1, published
 * unless `status` is 'draft'. Publishing goes through the product's checks (golden cases, validity), so
 * a policy the product would refuse fails here with the response's body.
 */
export async function createPolicy(app: FastifyInstance, options: PolicyOptions = {}): Promise<CreatedPolicy> {
  const author = options.author ?? (await signIn(app, ['department_staff']));
  const created = await author.post('/api/policies', policyBody(options.body));
  expect(created.statusCode, created.body).toBe(201);
  const { id, versionId } = created.json<{ id: number; versionId: number }>();
  if (options.status === 'draft') return { id, versionId, author };
  const published = await submitAndPublish(app, author, id);
  return { id, versionId: published.json<{ versionId: number }>().versionId, author };
}

/**
 * Two people, as the product requires: the author submits the draft, a colleague of the same department
 * (created here unless given) publishes it. Returns the publish response; fails the test unless it is 200.
 */
export async function submitAndPublish(app: FastifyInstance, author: DepartmentStaff, id: number, reviewer?: DepartmentStaff) {
  const submitted = await author.post(`/api/policies/${id}/submit`);
  expect(submitted.statusCode, submitted.body).toBe(200);
  const colleague = reviewer ?? (await signIn(app, ['department_staff'], author.user.orgId));
  const published = await colleague.post(`/api/policies/${id}/publish`);
  expect(published.statusCode, published.body).toBe(200);
  return published;
}
