import { Type } from 'typebox';
import { IsoDateTime, OrgTypeSchema, PageQuery, Paged, RoleSchema, StrictObject } from '../../http/schemas.ts';

export const UserView = Type.Object(
  {
    id: Type.Integer(),
    username: Type.String(),
    displayName: Type.String(),
    roles: Type.Array(RoleSchema),
    // The code tells the menus which office a department user is in (e.g. 'jrb', the finance office).
    org: Type.Object({ id: Type.Integer(), type: OrgTypeSchema, name: Type.String(), code: Type.Union([Type.String(), Type.Null()]) }),
    /** The password must be changed before anything else (initial, reset, or expired). */
    mustChangePassword: Type.Boolean(),
    /** Whole days before the password expires, once within the warning period (PASSWORD_WARN_DAYS); otherwise null. */
    passwordExpiresInDays: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
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

// The security administrator's pages ------------------------------------------------------------------

export const PasswordPolicyView = Type.Object({
  minLength: Type.Integer(),
  minClasses: Type.Integer(),
  maxAgeDays: Type.Integer({ description: '0: passwords do not expire' }),
  maxAgeDaysDefault: Type.Integer(),
  maxSessionsPerUser: Type.Integer(),
  maxSessionsPerUserDefault: Type.Integer(),
  lockAfterFailures: Type.Integer(),
  lockMinutes: Type.Integer(),
});

export const PasswordPolicyPatch = StrictObject({
  // null: back to the configured default.
  maxAgeDays: Type.Optional(Type.Union([Type.Null(), Type.Integer({ minimum: 0, maximum: 3650 })])),
  maxSessionsPerUser: Type.Optional(Type.Union([Type.Null(), Type.Integer({ minimum: 1, maximum: 100 })])),
});

export const LockoutList = Paged(
  Type.Object({
    username: Type.String(),
    ip: Type.String(),
    locks: Type.Integer(),
    lockedUntil: IsoDateTime,
    lastFailureAt: IsoDateTime,
    user: Type.Union([Type.Object({ id: Type.Integer(), displayName: Type.String() }), Type.Null()]),
  }),
);

export const UnlockBody = StrictObject({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  ip: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
});

export const SessionListQuery = Type.Object({ userId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })), ...PageQuery });

export const SessionList = Paged(
  Type.Object({
    id: Type.Integer(),
    user: Type.Object({ id: Type.Integer(), username: Type.String(), displayName: Type.String(), roles: Type.Array(RoleSchema), orgName: Type.String() }),
    ip: Type.Union([Type.String(), Type.Null()]),
    userAgent: Type.Union([Type.String(), Type.Null()]),
    createdAt: IsoDateTime,
    lastSeenAt: IsoDateTime,
    expiresAt: IsoDateTime,
    isCurrent: Type.Boolean(),
  }),
);

export const UserIdParams = StrictObject({ userId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

export const PasswordExpiryList = Type.Object({
  maxAgeDays: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      username: Type.String(),
      displayName: Type.String(),
      passwordChangedAt: IsoDateTime,
      expired: Type.Boolean(),
      daysLeft: Type.Integer(),
    }),
  ),
});
