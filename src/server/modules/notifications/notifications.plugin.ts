import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { notificationsRoutes } from './notifications.routes.ts';
import { NotificationHub } from './notifications.stream.ts';

declare module 'fastify' {
  interface FastifyInstance {
    notificationHub: NotificationHub;
  }
}

/** Notifications: the user's routes and this instance's stream hub, closed before the server so close() never waits on open streams. */
export const notificationsPlugin = fp(async (app: FastifyInstance) => {
  app.decorate('notificationHub', new NotificationHub(app.db, { pollMs: app.config.notifications.pollMs, idleMinutes: app.config.session.idleMinutes }, app.log));
  // preClose runs before the HTTP server stops accepting and waits for responses: ending the streams
  // here is what lets app.close() finish instead of waiting for every client to hang up.
  app.addHook('preClose', async () => {
    await app.notificationHub.close();
  });
  await app.register(notificationsRoutes);
});
