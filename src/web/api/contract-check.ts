/**
 * Compile-time check that the web's API types (api/types.ts) agree with the server's schemas. Type-only
 * imports: nothing of the server reaches the bundle. When the server changes a shape, tsc fails here and
 * points at the type to update, instead of a page breaking at run time.
 */
import type { Static } from 'typebox';
import type { OrgType as ServerOrgType, Role as ServerRole } from '../../server/db/schema.ts';
import type { UserView } from '../../server/modules/auth/auth.schemas.ts';
import type {
  AdminUser as ServerAdminUser,
  CreateOrgInput as ServerCreateOrgInput,
  CreateUserInput as ServerCreateUserInput,
  Org as ServerOrg,
  UpdateUserInput as ServerUpdateUserInput,
} from '../../server/modules/accounts/accounts.schemas.ts';
import type { CreateOrgInput } from '../features/admin/api/useCreateOrg.ts';
import type { CreateUserInput } from '../features/admin/api/useCreateUser.ts';
import type { UpdateUserInput } from '../features/admin/api/useUpdateUser.ts';
import type { AdminUser, Org, OrgType, Role, User } from './types.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Fits<From, To> = [From] extends [To] ? true : false;

/** Every line must be `true`. */
export type ContractChecks = [
  Same<Role, ServerRole>,
  Same<OrgType, ServerOrgType>,
  // Responses: what the server sends must fit what the web reads.
  Fits<Static<typeof UserView>, User>,
  Fits<ServerAdminUser, AdminUser>,
  Fits<ServerOrg, Org>,
  // Requests: what the web sends must fit what the server accepts.
  Fits<CreateUserInput, ServerCreateUserInput>,
  Fits<Omit<UpdateUserInput, 'id'>, ServerUpdateUserInput>,
  Fits<CreateOrgInput, ServerCreateOrgInput>,
];

const allTrue: ContractChecks = [true, true, true, true, true, true, true, true];
void allTrue;
