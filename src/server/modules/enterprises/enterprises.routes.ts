import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IdParams } from '../../http/schemas.ts';
import { pageOf } from '../../platform/pagination.ts';
import { actorOf } from '../../request-context.ts';
import {
  CreateEnterpriseBody,
  DerivedTagSchema,
  EnterpriseDetail,
  EnterpriseList,
  EnterpriseSearchQuery,
  EnterpriseSummary,
  Industries,
  IndustriesQuery,
  ProfileTag,
  Town,
  UpdateEnterpriseBody,
} from './enterprises.schemas.ts';
import { createEnterprise, getEnterprise, getMyEnterprise, listIndustries, listProfileTags, listTowns, searchEnterprises, updateEnterprise } from './enterprises.service.ts';

export const enterprisesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(EnterpriseSummary);
  app.addSchema(DerivedTagSchema);
  app.addSchema(EnterpriseDetail);
  const tags = ['enterprises'];

  app.get('/api/enterprises', {
    schema: {
      tags,
      summary: 'Search enterprises (government readers: all; banks/providers: those that authorised them; an enterprise: itself)',
      querystring: EnterpriseSearchQuery,
      response: { 200: EnterpriseList, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return searchEnterprises(app.db, actorOf(request), filter, pageOf({ page, pageSize }));
  });

  app.post('/api/enterprises', {
    schema: { tags, summary: 'Register an enterprise (data admin)', body: CreateEnterpriseBody, response: { 201: Type.Ref('EnterpriseDetail'), ...errorResponses(400, 401, 403, 409, 422) } },
  }, async (request, reply) => reply.status(201).send(await createEnterprise(app.db, actorOf(request), request.body)));

  app.get('/api/enterprises/:id', {
    schema: { tags, summary: 'An enterprise with its derived profile, as far as the caller may see it', params: IdParams, response: { 200: Type.Ref('EnterpriseDetail'), ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => getEnterprise(app.db, actorOf(request), request.params.id));

  app.patch('/api/enterprises/:id', {
    schema: { tags, summary: 'Change registry facts (data admin)', params: IdParams, body: UpdateEnterpriseBody, response: { 200: Type.Ref('EnterpriseDetail'), ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => updateEnterprise(app.db, actorOf(request), request.params.id, request.body));

  app.get('/api/me/enterprise', {
    schema: { tags, summary: 'The signed-in enterprise user’s own enterprise', response: { 200: Type.Ref('EnterpriseDetail'), ...errorResponses(401, 403, 404) } },
  }, async (request) => getMyEnterprise(app.db, actorOf(request)));

  app.get('/api/towns', {
    schema: { tags, summary: 'Towns and streets of the county', response: { 200: Type.Array(Town), ...errorResponses(401) } },
  }, async (request) => {
    actorOf(request);
    return listTowns(app.db);
  });

  app.get('/api/industries', {
    schema: { tags, summary: 'GB/T 4754-2017 门类 and 大类', querystring: IndustriesQuery, response: { 200: Industries, ...errorResponses(400, 401) } },
  }, async (request) => {
    actorOf(request);
    return listIndustries(request.query.section);
  });

  app.get('/api/enterprise-tags', {
    schema: { tags, summary: 'The derived-profile tag vocabulary (for the tag filter)', response: { 200: Type.Array(ProfileTag), ...errorResponses(401) } },
  }, async (request) => {
    actorOf(request);
    return listProfileTags();
  });
};
