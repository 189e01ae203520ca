import { Type } from 'typebox';
import { OrgTypeSchema, RoleSchema, StrictObject } from '../../http/schemas.ts';

export const UserView = Type.Object(
  {
    id: Type.Integer(),
    username: Type.String(),
    displayName: Type.String(),
    roles: Type.Array(RoleSchema),
    // The code tells the menus which office a department user is in (e.g. 'jrb', the finance office).
    org: Type.Object({ id: Type.Integer(), type: OrgTypeSchema, name: Type.String(), code: Type.Union([Type.String(), Type.Null()]) }),
    mustChangePassword: Type.Boolean(),
  },
  { $id: 'SessionUser' },
);

export const UserEnvelope = Type.Object({ user: Type.Ref('SessionUser') });

export const LoginBody = StrictObject({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
});

export const PasswordChangeBody = StrictObject({
  currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
  newPassword: Type.String({ minLength: 1, maxLength: 256 }),
});

export const CsrfResponse = Type.Object({ token: Type.String() });
