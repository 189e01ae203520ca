import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../errors.ts';
import { errorResponses, StrictObject } from '../../http/schemas.ts';
import { exportQueryOf, sendXlsx, xlsxRoute } from '../../http/xlsx-reply.ts';
import { readMultipart } from '../../platform/multipart.ts';
import { pageOf } from '../../platform/pagination.ts';
import { actorOf } from '../../request-context.ts';
import { discardFile } from '../../storage/files.ts';
import { cadresExport, myEnterprisesExport, visitsExport } from './cadres.export.ts';
import {
  CadreDetail,
  CadreIdParams,
  CadreLink,
  CadreList,
  CadreListQuery,
  CreateVisitBody,
  EnterpriseCadre,
  EnterpriseIdParams,
  LinkBody,
  LinkList,
  LinkListQuery,
  Leaderboard,
  LeaderboardQuery,
  MyEnterprises,
  MyEnterprisesQuery,
  PlanBody,
  PlanList,
  PlanQuery,
  VisitDetail,
  VisitIdParams,
  VisitList,
  VisitListQuery,
  VisitPhotoParams,
} from './cadres.schemas.ts';
import { enterpriseCadre, getCadre, leaderboard, linkEnterprise, listCadres, listLinks, myEnterprises } from './cadres.service.ts';
import { addVisitPhoto, assertCanAddPhoto, createVisit, getVisit, listPlans, listVisits, openVisitPhoto, PHOTO_MAX_BYTES, receiveVisitPhoto, savePlan } from './visits.service.ts';

/** HTTP of 千人联千企: see cadres.schemas.ts for the route list. */
const CadreExportQuery = exportQueryOf(CadreListQuery.properties);
const VisitExportQuery = exportQueryOf(VisitListQuery.properties);

export const cadresRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(fastifyMultipart, { limits: { fileSize: PHOTO_MAX_BYTES, files: 1, fields: 2, fieldSize: 1024, parts: 3 } });
  const tags = ['cadres'];

  app.get('/api/cadres', {
    schema: { tags, summary: 'Cadres with visit coverage of the quarter and their work (government staff); filters org, town, q; sorted by coverage or work; paged', querystring: CadreListQuery, response: { 200: CadreList, ...errorResponses(400, 401, 403) } },
  }, async (request) => {
    const { page, pageSize, ...query } = request.query;
    return listCadres(app.db, actorOf(request), query, pageOf({ page, pageSize }));
  });

  app.get('/api/cadres/export.xlsx', {
    schema: { tags, summary: 'Export the cadre roster with coverage and work, the list’s filters and order (government staff; phones masked as in the list)', querystring: CadreExportQuery, ...xlsxRoute },
  }, async (request, reply) => sendXlsx(reply, '联企干部.xlsx', await cadresExport(app.db, actorOf(request), request.query)));

  app.get('/api/cadres/leaderboard', {
    schema: { tags, summary: 'Coverage and work by unit and by town for a quarter, with the county trend (government staff)', querystring: LeaderboardQuery, response: { 200: Leaderboard, ...errorResponses(400, 401, 403) } },
  }, async (request) => leaderboard(app.db, actorOf(request), request.query.quarter));

  app.get('/api/cadres/:id', {
    schema: { tags, summary: 'One cadre: profile, links and history, recent visits, coverage and work (government staff; a cadre: their own)', params: CadreIdParams, querystring: LeaderboardQuery, response: { 200: CadreDetail, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => getCadre(app.db, actorOf(request), request.params.id, request.query.quarter));

  app.get('/api/me/cadre/enterprises', {
    schema: { tags, summary: '我的企业: the signed-in cadre’s firms with open demands, matched-but-unapplied policies (amounts), loan status, last visit', querystring: MyEnterprisesQuery, response: { 200: MyEnterprises, ...errorResponses(400, 401, 403) } },
  }, async (request) => myEnterprises(app.db, actorOf(request), request.query));

  app.get('/api/me/cadre/enterprises/export.xlsx', {
    schema: { tags, summary: 'Export 我的企业: the signed-in cadre’s current firms with open demands, unapplied policies and loan status', ...xlsxRoute },
  }, async (request, reply) => sendXlsx(reply, '我的企业.xlsx', await myEnterprisesExport(app.db, actorOf(request))));

  app.get('/api/cadre-links', {
    schema: { tags, summary: 'Cadre–enterprise links with history (government staff; a cadre: their own)', querystring: LinkListQuery, response: { 200: LinkList, ...errorResponses(400, 401, 403) } },
  }, async (request) => {
    const { page, pageSize, ...query } = request.query;
    return listLinks(app.db, actorOf(request), query, pageOf({ page, pageSize }));
  });

  app.post('/api/cadre-links', {
    schema: { tags, summary: 'Link an enterprise to a cadre, or reassign it (the old link is closed with the reason; data administrators, dispatch centre)', body: LinkBody, response: { 201: CadreLink, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(await linkEnterprise(app.db, actorOf(request), request.body)));

  app.get('/api/enterprises/:id/cadre', {
    schema: { tags, summary: 'An enterprise’s current cadre and its link history (whoever may read the enterprise’s data)', params: EnterpriseIdParams, response: { 200: EnterpriseCadre, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => enterpriseCadre(app.db, actorOf(request), request.params.id));

  const visitTags = ['visits'];
  app.get('/api/visits', {
    schema: { tags: visitTags, summary: 'Visits (走访), newest first (government staff; a cadre: their own); filters cadre, enterprise, from, to', querystring: VisitListQuery, response: { 200: VisitList, ...errorResponses(400, 401, 403) } },
  }, async (request) => {
    const { page, pageSize, ...query } = request.query;
    return listVisits(app.db, actorOf(request), query, pageOf({ page, pageSize }));
  });

  app.get('/api/visits/export.xlsx', {
    schema: { tags: visitTags, summary: 'Export visits with the list’s filters (government staff: all; a cadre: their own)', querystring: VisitExportQuery, ...xlsxRoute },
  }, async (request, reply) => sendXlsx(reply, '走访记录.xlsx', await visitsExport(app.db, actorOf(request), request.query)));

  app.post('/api/visits', {
    schema: {
      tags: visitTags,
      summary: 'Record a visit to a firm linked to the cadre now (day not in the future, not before the link); each problem becomes a demand on the firm’s behalf in the same transaction',
      body: CreateVisitBody,
      response: { 201: VisitDetail, ...errorResponses(400, 401, 403, 404, 422) },
    },
  }, async (request, reply) => reply.status(201).send(await createVisit(app.db, actorOf(request), request.body)));

  app.get('/api/visits/:id', {
    schema: { tags: visitTags, summary: 'One visit with its photos and the demands it raised', params: VisitIdParams, response: { 200: VisitDetail, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => getVisit(app.db, actorOf(request), request.params.id));

  app.post('/api/visits/:id/photos', {
    bodyLimit: PHOTO_MAX_BYTES + 64 * 1024,
    schema: {
      tags: visitTags,
      summary: 'Add a photo to a visit (multipart `file`): JPEG, PNG or WebP by content, at most 5 MB, six per visit (the visit’s cadre)',
      consumes: ['multipart/form-data'],
      params: VisitIdParams,
      response: { 201: VisitDetail, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const visitId = request.params.id;
    const { upload } = await readMultipart(request, {
      fields: StrictObject({}),
      defaultFileName: 'photo',
      receive: async (part) => {
        await assertCanAddPhoto(app.db, actor, visitId);
        return receiveVisitPhoto(app.config.storageDir, part.file);
      },
    });
    if (!upload) throw new AppError('validation_failed', 'No file in the upload', [{ path: 'body/file', message: 'required' }]);
    if (upload.file.bytes === 0) {
      await discardFile(upload.file);
      throw new AppError('validation_failed', 'The file is empty', [{ path: 'body/file', message: 'empty' }]);
    }
    try {
      return reply.status(201).send(await addVisitPhoto(app.db, app.config.storageDir, actor, visitId, upload));
    } finally {
      await discardFile(upload.file);
    }
  });

  app.get('/api/visits/:id/photos/:photoId', {
    schema: { tags: visitTags, summary: 'A visit photo (whoever may see the visit)', params: VisitPhotoParams, produces: ['image/jpeg', 'image/png', 'image/webp'], response: { 200: { description: 'the photo', type: 'string' }, ...errorResponses(400, 401, 403, 404) } },
  }, async (request, reply) => {
    const photo = await openVisitPhoto(app.db, app.config.storageDir, actorOf(request), request.params.id, request.params.photoId);
    return reply
      .header('content-type', photo.contentType)
      .header('content-length', String(photo.sizeBytes))
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(photo.fileName)}`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(photo.stream as unknown as string);
  });

  app.get('/api/visit-plans', {
    schema: { tags: visitTags, summary: 'Visit plans of a quarter with the visits made (government staff; a cadre: their own)', querystring: PlanQuery, response: { 200: PlanList, ...errorResponses(400, 401, 403) } },
  }, async (request) => listPlans(app.db, actorOf(request), request.query));

  app.post('/api/visit-plans', {
    schema: { tags: visitTags, summary: 'The signed-in cadre plans which linked firms to visit in a quarter (replaces that quarter’s plan)', body: PlanBody, response: { 200: PlanList, ...errorResponses(400, 401, 403) } },
  }, async (request) => savePlan(app.db, actorOf(request), request.body));
};
