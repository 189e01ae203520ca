import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IdParams } from '../../http/schemas.ts';
import { actorOf } from '../../request-context.ts';
import { exportQueryOf, sendXlsx, xlsxRoute } from '../../http/xlsx-reply.ts';
import { orgsExport, usersExport } from './accounts.export.ts';
import {
  AdminUser,
  AssignRolesBody,
  CreateOrgBody,
  CreateUserBody,
  Org,
  OrgList,
  OrgListQuery,
  ResetPasswordBody,
  UpdateUserBody,
  UserList,
  UserListQuery,
} from './accounts.schemas.ts';
import { assignRoles, createOrg, createUser, listOrgs, listUsers, resetPassword, updateUser } from './accounts.service.ts';
import { pageOf } from '../../platform/pagination.ts';

export const accountsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(AdminUser);
  app.addSchema(Org);
  const tags = ['accounts'];

  app.get('/api/admin/users', {
    schema: { tags, summary: 'List users (admin)', querystring: UserListQuery, response: { 200: UserList, ...errorResponses(400, 401, 403) } },
  }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return listUsers(app.db, actorOf(request), filter, pageOf({ page, pageSize }));
  });

  app.post('/api/admin/users', {
    schema: { tags, summary: 'Create a user (admin)', body: CreateUserBody, response: { 201: Type.Ref('AdminUser'), ...errorResponses(400, 401, 403, 409) } },
  }, async (request, reply) => reply.status(201).send(await createUser(app.db, actorOf(request), request.body)));

  app.patch('/api/admin/users/:id', {
    schema: { tags, summary: 'Change a user’s name or disabled state (admin)', params: IdParams, body: UpdateUserBody, response: { 200: Type.Ref('AdminUser'), ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => updateUser(app.db, app.sessionCache, actorOf(request), request.params.id, request.body));

  app.post('/api/admin/users/:id/reset-password', {
    schema: { tags, summary: 'Set a new password, unlock and sign out a user (admin)', params: IdParams, body: ResetPasswordBody, response: { 204: { type: 'null' }, ...errorResponses(400, 401, 403, 404) } },
  }, async (request, reply) => {
    await resetPassword(app.db, app.sessionCache, actorOf(request), request.params.id, request.body.newPassword);
    return reply.status(204).send(null);
  });

  app.get('/api/admin/users/export.xlsx', {
    schema: { tags, summary: 'Export users with the list’s filters (admin)', querystring: exportQueryOf(UserListQuery.properties), ...xlsxRoute },
  }, async (request, reply) => sendXlsx(reply, '用户.xlsx', await usersExport(app.db, actorOf(request), request.query)));

  app.get('/api/admin/orgs/export.xlsx', {
    schema: { tags, summary: 'Export organisations with the list’s filters (admin)', querystring: exportQueryOf(OrgListQuery.properties), ...xlsxRoute },
  }, async (request, reply) => sendXlsx(reply, '机构.xlsx', await orgsExport(app.db, actorOf(request), request.query)));

  app.get('/api/admin/orgs', {
    schema: { tags, summary: 'List organisations (admin)', querystring: OrgListQuery, response: { 200: OrgList, ...errorResponses(400, 401, 403) } },
  }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return listOrgs(app.db, actorOf(request), filter, pageOf({ page, pageSize }));
  });

  // Roles are the security administrator's (三权分立): with its other routes under /api/security, served
  // here because this module owns the accounts and the rule of which role fits which organisation.
  app.patch('/api/security/users/:id/role', {
    schema: { tags: ['security'], summary: 'Assign the roles of an account of no administrator kind; its sessions end (security admin)', params: IdParams, body: AssignRolesBody, response: { 200: Type.Ref('AdminUser'), ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => assignRoles(app.db, app.sessionCache, actorOf(request), request.params.id, request.body.roles));

  app.post('/api/admin/orgs', {
    schema: { tags, summary: 'Create an organisation (admin)', body: CreateOrgBody, response: { 201: Type.Ref('Organization'), ...errorResponses(400, 401, 403, 409) } },
  }, async (request, reply) => reply.status(201).send(await createOrg(app.db, actorOf(request), request.body)));
};
