import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IdParams } from '../../http/schemas.ts';
import { actorOf } from '../../request-context.ts';
import { NotificationList, NotificationListQuery, NotificationView, ReadAllResult } from './notifications.schemas.ts';
import { listMyNotifications, markAllNotificationsRead, markNotificationRead, openNotificationStream } from './notifications.service.ts';
import { pageOf } from '../../platform/pagination.ts';

export const notificationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addSchema(NotificationView);
  const tags = ['notifications'];

  app.get('/api/me/notifications', {
    schema: { tags, summary: 'Your notifications, newest first, with the unread count', querystring: NotificationListQuery, response: { 200: NotificationList, ...errorResponses(400, 401) } },
  }, async (request) => {
    const { page, pageSize, unread } = request.query;
    return listMyNotifications(app.db, actorOf(request), { unread }, pageOf({ page, pageSize }));
  });

  app.post('/api/me/notifications/read-all', {
    schema: { tags, summary: 'Mark all your notifications read', response: { 200: ReadAllResult, ...errorResponses(401, 403) } },
  }, async (request) => markAllNotificationsRead(app.db, actorOf(request)));

  app.post('/api/me/notifications/:id/read', {
    schema: { tags, summary: 'Mark one of your notifications read', params: IdParams, response: { 200: Type.Ref('Notification'), ...errorResponses(401, 403, 404) } },
  }, async (request) => markNotificationRead(app.db, actorOf(request), request.params.id));

  app.get('/api/me/notifications/stream', {
    schema: {
      tags,
      summary: 'Server-Sent Events: `hello` {unreadCount} on connect, then `notification` (a Notification) for each new one; ' +
        '`: heartbeat` comments every 25 s; `end` {reason} before the server closes it (session_ended, shutdown)',
      response: { 200: { description: 'an event stream', content: { 'text/event-stream': { schema: Type.Unsafe<unknown>({ type: 'string' }) } } }, ...errorResponses(401, 429, 503) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const stream = new PassThrough();
    const close = openNotificationStream(app.notificationHub, actor, {
      // After the client is gone Fastify destroys the stream; a late write must not raise.
      write: (chunk) => {
        if (stream.writable) stream.write(chunk);
      },
      end: () => {
        if (stream.writable) stream.end();
      },
      get backlogBytes() {
        return stream.writableLength + stream.readableLength;
      },
    });
    // The client went away (or the response ended): the hub forgets the stream.
    reply.raw.once('close', close);
    reply
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-cache, no-transform')
      // nginx and similar proxies would otherwise buffer the stream and deliver events late.
      .header('x-accel-buffering', 'no');
    return reply.send(stream);
  });
};
