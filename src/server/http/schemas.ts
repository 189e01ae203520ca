import { Type, type TProperties, type TSchema } from 'typebox';
import type { OrgType, Role } from '../db/schema.ts';

/**
 * Schema building blocks shared by every module. Request bodies are strict: an unknown field is a 400
 * naming the field, not silently dropped, so a client typo never "succeeds" while doing nothing.
 */
export const StrictObject = <T extends TProperties>(properties: T, options: { description?: string } = {}) =>
  Type.Object(properties, { ...options, additionalProperties: false });

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Array(Type.Unknown()),
    }),
  },
  { $id: 'ErrorResponse', description: 'The one error shape of the API' },
);

/** Error responses every route may give, for the OpenAPI document. */
export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, Type.Ref('ErrorResponse')])) as Record<number, TSchema>;

export const IdParams = StrictObject({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 20 })),
};

export const Paged = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

export const IsoDateTime = Type.String({ format: 'date-time' });
export const NullableIsoDateTime = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const ROLES = ['enterprise_user', 'department_staff', 'dispatcher', 'cadre', 'provider_staff', 'bank_staff', 'data_admin', 'admin', 'auditor'] as const satisfies readonly Role[];
export const ORG_TYPES = ['enterprise', 'department', 'dispatch_centre', 'bank', 'service_provider', 'platform'] as const satisfies readonly OrgType[];
export const RoleSchema = Type.Enum(ROLES);
export const OrgTypeSchema = Type.Enum(ORG_TYPES);
