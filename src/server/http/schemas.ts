import { Type, type Static, type TProperties, type TSchema } from 'typebox';
import { MONEY_MAX_FEN } from '../../core/money/money.ts';
import { DATA_CATEGORIES } from '../../core/profile/indicators.ts';
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

/**
 * THE schema of an amount of money in a request: integer fen (分), 0 … 1万亿元 (MONEY_MAX_FEN = 10^14 fen,
 * core/money/money.ts; the database's CHECKs use the same bound). Every money field of every request body
 * and query uses it, so an amount above the bound — or anything above 2^53 — is a 400 naming the field.
 * `minimum: 1` for amounts that must be positive.
 */
export const MoneyFen = (options: { minimum?: 0 | 1; maximum?: number; description?: string } = {}) =>
  Type.Integer({ minimum: 0, ...options, maximum: Math.min(options.maximum ?? MONEY_MAX_FEN, MONEY_MAX_FEN) });

export const IdParams = StrictObject({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 20 })),
};

export const Paged = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

/**
 * A field of a request body that may be null (to clear it). Written as a type list rather than anyOf:
 * with type coercion on, ajv would turn a null into "" through an anyOf's string branch.
 */
export const NullableInput = <T extends TSchema>(schema: T) => {
  const { type, ...rest } = schema as unknown as { type: string };
  return Type.Unsafe<Static<T> | null>({ ...rest, type: [type, 'null'] });
};
/** A response field that may be null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const IsoDate = Type.String({ format: 'date' });
export const IsoDateTime = Type.String({ format: 'date-time' });
export const NullableIsoDateTime = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const ROLES = ['enterprise_user', 'department_staff', 'dispatcher', 'cadre', 'provider_staff', 'bank_staff', 'data_admin', 'admin', 'auditor', 'leader', 'security_admin'] as const satisfies readonly Role[];
export const ORG_TYPES = ['enterprise', 'department', 'dispatch_centre', 'bank', 'service_provider', 'platform'] as const satisfies readonly OrgType[];
export const RoleSchema = Type.Enum(ROLES);
export const OrgTypeSchema = Type.Enum(ORG_TYPES);
/** The data categories (数据授权) a consent grants and an indicator belongs to. */
export const DataCategorySchema = Type.Enum(DATA_CATEGORIES);
