import { Type, type Static } from 'typebox';
import { NullableIsoDateTime, IsoDateTime, OrgTypeSchema, PageQuery, Paged, RoleSchema, StrictObject } from '../../http/schemas.ts';

export const AdminUser = Type.Object(
  {
    id: Type.Integer(),
    username: Type.String(),
    displayName: Type.String(),
    roles: Type.Array(RoleSchema),
    org: Type.Object({ id: Type.Integer(), type: OrgTypeSchema, name: Type.String() }),
    isDisabled: Type.Boolean(),
    mustChangePassword: Type.Boolean(),
    lockedUntil: NullableIsoDateTime,
    lastLoginAt: NullableIsoDateTime,
    createdAt: IsoDateTime,
    /** The roles the security administrator may give this account (fitting its organisation, no administrator kind); empty for an administrator. */
    assignableRoles: Type.Array(RoleSchema),
  },
  { $id: 'AdminUser' },
);
export type AdminUser = Static<typeof AdminUser>;

export const USER_STATUS_FILTERS = ['locked', 'never_signed_in', 'disabled'] as const;
export type UserStatusFilter = (typeof USER_STATUS_FILTERS)[number];

export const UserListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  orgId: Type.Optional(Type.Integer({ minimum: 1 })),
  role: Type.Optional(RoleSchema),
  /** locked: signing in is blocked after failures; never_signed_in: active and never signed in; disabled. */
  status: Type.Optional(Type.Enum(USER_STATUS_FILTERS)),
  ...PageQuery,
});

const Username = Type.String({ minLength: 3, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' });
const DisplayName = Type.String({ minLength: 1, maxLength: 100 });
const Roles = Type.Array(RoleSchema, { minItems: 1, maxItems: 9, uniqueItems: true });

export const CreateUserBody = StrictObject({
  username: Username,
  displayName: DisplayName,
  password: Type.String({ minLength: 1, maxLength: 256 }),
  orgId: Type.Integer({ minimum: 1 }),
  roles: Roles,
});
export type CreateUserInput = Static<typeof CreateUserBody>;

/** The system administrator's change: name and disabled state (roles are the security administrator's, AssignRolesBody). */
export const UpdateUserBody = StrictObject({
  displayName: Type.Optional(DisplayName),
  isDisabled: Type.Optional(Type.Boolean()),
});
export type UpdateUserInput = Static<typeof UpdateUserBody>;

/** The security administrator's change: the account's whole set of roles. */
export const AssignRolesBody = StrictObject({ roles: Roles });
export type AssignRolesInput = Static<typeof AssignRolesBody>;

export const ResetPasswordBody = StrictObject({ newPassword: Type.String({ minLength: 1, maxLength: 256 }) });

export const Org = Type.Object(
  {
    id: Type.Integer(),
    type: OrgTypeSchema,
    name: Type.String(),
    code: Type.Union([Type.String(), Type.Null()]),
    createdAt: IsoDateTime,
  },
  { $id: 'Organization' },
);
export type Org = Static<typeof Org>;

export const OrgListQuery = Type.Object({
  type: Type.Optional(OrgTypeSchema),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  ...PageQuery,
});

export const CreateOrgBody = StrictObject({
  type: OrgTypeSchema,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  code: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
});
export type CreateOrgInput = Static<typeof CreateOrgBody>;

export const UserList = Paged(Type.Ref('AdminUser'));
export const OrgList = Paged(Type.Ref('Organization'));
