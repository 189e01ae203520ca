import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { WEBHOOK_JOB } from './outbound.repository.ts';
import { outboundRoutes } from './outbound.routes.ts';
import { deliverWebhookAttempt, setWebhookChannel } from './outbound.service.ts';

/**
 * The outbound channel: the webhook job handler (when WEBHOOK_URL is set) and the operations routes.
 * Without a handler, deliveries made while the channel was on wait in the queue until it is on again.
 */
export const outboundPlugin = fp(async (app: FastifyInstance) => {
  const { webhook } = app.config;
  setWebhookChannel(webhook !== null);
  if (webhook) {
    app.jobs.register(WEBHOOK_JOB, async (payload, { db, log }) => {
      const deliveryId = Number(payload.deliveryId);
      const attempt = Number(payload.attempt);
      if (!Number.isSafeInteger(deliveryId) || !Number.isSafeInteger(attempt) || attempt < 1) throw new Error(`bad ${WEBHOOK_JOB} payload`);
      return { outcome: await deliverWebhookAttempt(db, webhook, deliveryId, attempt, log) };
    });
  }
  await app.register(outboundRoutes);
});
