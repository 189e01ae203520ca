import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../../http/schemas.ts';
import { actorOf } from '../../request-context.ts';
import { CertificationType, CreateCertificationTypeBody, IndustrySet, SaveIndustrySetBody } from './registry.schemas.ts';
import { createCertificationType, listCertificationTypes, listIndustrySets, saveIndustrySet } from './registry.service.ts';

/** Registry data the rule language names: certification types and named industry sets. */
export const registryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(CertificationType);
  app.addSchema(IndustrySet);
  const tags = ['indicators'];

  app.get('/api/certification-types', {
    schema: { tags, summary: 'Certification and qualification types', response: { 200: Type.Array(Type.Ref('CertificationType')), ...errorResponses(401) } },
  }, async (request) => {
    actorOf(request);
    return listCertificationTypes(app.db);
  });

  app.post('/api/certification-types', {
    schema: { tags, summary: 'Add a certification type (data admin)', body: CreateCertificationTypeBody, response: { 201: Type.Ref('CertificationType'), ...errorResponses(400, 401, 403, 409) } },
  }, async (request, reply) => reply.status(201).send(await createCertificationType(app.db, actorOf(request), request.body)));

  app.get('/api/industry-sets', {
    schema: { tags, summary: 'Named industry sets mapped to GB/T 4754 codes', response: { 200: Type.Array(Type.Ref('IndustrySet')), ...errorResponses(401) } },
  }, async (request) => {
    actorOf(request);
    return listIndustrySets(app.db);
  });

  app.post('/api/industry-sets', {
    schema: { tags, summary: 'Create or replace a named industry set (data admin)', body: SaveIndustrySetBody, response: { 200: Type.Ref('IndustrySet'), ...errorResponses(400, 401, 403) } },
  }, async (request) => saveIndustrySet(app.db, actorOf(request), request.body));
};
