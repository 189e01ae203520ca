import { Type } from 'typebox';
import { OrgTypeSchema, RoleSchema, StrictObject } from '../../http/schemas.ts';

export const UserView = Type.Object(
  {
    id: Type.Integer(),
    username: Type.String(),
    displayName: Type.String(),
    roles: Type.Array(RoleSchema),
    org: Type.Object({ id: Type.Integer(), type: OrgTypeSchema, name: Type.String() }),
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
