import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

/** Loans (数字普惠金融): products, the marketplace, applications under consent, the bank workbench, loans and their jobs. */
export const loansPlugin: FastifyPluginAsyncTypebox = async () => {};
