import { Type, type Static } from 'typebox';
import { SOURCES } from '../../../core/profile/indicators.ts';
import { IsoDateTime, NullableIsoDateTime, PageQuery, Paged, StrictObject } from '../../http/schemas.ts';

/** Sources a data admin may import from: every source but the enterprises' own reports. */
export const IMPORT_SOURCES = SOURCES.filter((source) => source !== 'self_reported');
export const IMPORT_KINDS = ['indicators', 'enterprises'] as const;
/** Kinds a list may be filtered by: the built-in ones and those registered by other modules. */
export const LISTED_IMPORT_KINDS = ['indicators', 'enterprises', 'demands_12345', 'cadre_links', 'records'] as const;
export const IMPORT_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;

/** Most items one JSON push may carry; bigger loads go as files (or several pushes). */
export const JSON_PUSH_MAX_ROWS = 50_000;

const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableInteger = Type.Union([Type.Integer(), Type.Null()]);

export const ImportBatch = Type.Object(
  {
    id: Type.Integer(),
    kind: Type.Enum(['indicators', 'enterprises', 'certifications', 'demands_12345', 'cadre_links', 'records']),
    /** The data source; for a records import, the record type's code. */
    source: Type.String(),
    /** The uploaded file's name; null for a JSON push. */
    fileName: NullableString,
    fileSha256: NullableString,
    status: Type.Enum(IMPORT_STATUSES),
    /** Data rows of the file (known once the file has been scanned, before the rows are processed). */
    totalRows: NullableInteger,
    processedRows: Type.Integer(),
    /** Indicator values (or registry rows) inserted, updated, unchanged in the latest attempt. */
    insertedRows: Type.Integer(),
    updatedRows: Type.Integer(),
    unchangedRows: Type.Integer(),
    /** Rows rejected (each with one or more errors). */
    errorRows: Type.Integer(),
    /** Why a batch failed, or a note while it is retried: "中文 / English". */
    message: NullableString,
    createdAt: IsoDateTime,
    startedAt: NullableIsoDateTime,
    finishedAt: NullableIsoDateTime,
    /** Who asked for the import; null for one run from the command line. */
    createdBy: Type.Union([Type.Object({ id: Type.Integer(), username: Type.String() }), Type.Null()]),
  },
  { $id: 'ImportBatch' },
);
export type ImportBatch = Static<typeof ImportBatch>;

export const ImportError = Type.Object(
  {
    /** Row number as the user sees it (spreadsheet row, header = 1; JSON push: 1-based item number). */
    rowNo: Type.Integer(),
    /** Column header as written in the file (JSON push: the field name); key columns joined by "+" for duplicates. */
    column: Type.String(),
    /** Stable reason code, e.g. enterprise_not_found, invalid_period, duplicate_row. */
    code: Type.String(),
    /** Reason in Chinese. */
    reason: Type.String(),
    reasonEn: Type.String(),
    /** The cell as written (up to 200 characters); null when empty. */
    value: NullableString,
  },
  { $id: 'ImportError' },
);
export type ImportError = Static<typeof ImportError>;

export const ImportListQuery = Type.Object({
  kind: Type.Optional(Type.Enum(LISTED_IMPORT_KINDS)),
  status: Type.Optional(Type.Enum(IMPORT_STATUSES)),
  ...PageQuery,
});

export const ImportErrorsQuery = Type.Object({ ...PageQuery });

export const JsonPushRow = StrictObject({
  uscc: Type.String({ maxLength: 64 }),
  code: Type.String({ maxLength: 64 }),
  period: Type.String({ maxLength: 32 }),
  /** Integer in the indicator's stored unit (fen for money, basis points for ratios, 0/1), or text for grades. */
  value: Type.Union([Type.Integer(), Type.String({ maxLength: 64 }), Type.Boolean()]),
  asOf: Type.String({ maxLength: 32 }),
});

export const JsonImportBody = StrictObject({
  kind: Type.Literal('indicators'),
  source: Type.Enum(IMPORT_SOURCES),
  rows: Type.Array(JsonPushRow, { minItems: 1, maxItems: JSON_PUSH_MAX_ROWS }),
});
export type JsonImportInput = Static<typeof JsonImportBody>;

export const ImportBatchList = Paged(Type.Ref('ImportBatch'));
export const ImportErrorList = Paged(Type.Ref('ImportError'));

/** The text fields of a multipart import upload; the service checks their values (the CLI takes the same path). */
export const ImportUploadFields = StrictObject({
  kind: Type.Optional(Type.String({ maxLength: 32 })),
  source: Type.Optional(Type.String({ maxLength: 32 })),
});
