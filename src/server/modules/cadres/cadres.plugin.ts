import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { registerCadreLinkLookup } from '../enterprises/index.ts';
import { registerLinkImport } from './cadres.import.ts';
import { findLinkedEnterprisesOfUser } from './cadres.repository.ts';
import { cadresRoutes } from './cadres.routes.ts';

/** 千人联千企: the routes, the `cadre_links` import kind, and the link lookup the access decision asks. */
export const cadresPlugin: FastifyPluginAsyncTypebox = async (app) => {
  registerCadreLinkLookup({ linkedEnterprises: findLinkedEnterprisesOfUser });
  registerLinkImport();
  await app.register(cadresRoutes);
};
