/**
 * The county as columns: one typed array per (fact, period) over all enterprises, a missing mask
 * beside each numeric column, coded facts dictionary-encoded into Int32Array, certifications as
 * compressed rows. This is what compiled rules run over (OpenFisca-style vectorised evaluation).
 *
 * Values are typed exactly as the scalar engine types them (normaliseFactValue), so both paths see
 * the same numbers.
 */
import { DEFAULT_CATALOGUE, type FactCatalogue, type FactDefinition } from '../catalogue.ts';
import { legalFormFacts } from '../registry.ts';
import { buildRecordTable, type RecordColumns, type RecordRow, type RecordTypeDefinition } from '../records.ts';
import { encodeCertification, normaliseFactValue, type CertificationRecord, type EnterpriseAttributes, type EnterpriseFacts } from '../facts.ts';

/** A numeric column: integers in the fact's unit (dates as yyyymmdd); missing[i] = 1 when unknown. */
export interface NumberColumn {
  kind: 'number';
  values: Float64Array;
  missing: Uint8Array;
}

/** A coded column: codes[i] indexes the dictionary, −1 when unknown. */
export interface CodeColumn {
  kind: 'code';
  dictionary: readonly string[];
  codes: Int32Array;
}

export type Column = NumberColumn | CodeColumn;

/** Certifications in compressed-row form: enterprise i owns records offsets[i] … offsets[i+1] − 1. */
export interface CertificationColumns {
  /** 1 when the enterprise's certifications are known (an empty list then means none held). */
  known: Uint8Array;
  offsets: Int32Array;
  codes: Int32Array;
  dictionary: readonly string[];
  /** yyyymmdd */
  awardedOn: Int32Array;
  /** yyyymmdd, 0 when the certificate does not expire. */
  expiresOn: Int32Array;
  isRenewal: Uint8Array;
  /** Level index of each record (registry.ts levelIndex; 0 = none recorded). */
  levels: Uint8Array;
}

export interface CountyColumns {
  size: number;
  /** Enterprise ids by row. */
  ids: readonly string[];
  /** Columns by key: the fact code for facts without periods, `code@label` otherwise. */
  columns: ReadonlyMap<string, Column>;
  /** Period labels present per fact, for `latest` periods. */
  labels: ReadonlyMap<string, readonly string[]>;
  certifications: CertificationColumns;
  /** Records by type code in compressed-row form (records.ts); a type absent here is unknown for all. */
  records?: ReadonlyMap<string, RecordColumns>;
}

/** The key of a fact's column for a period label (null for facts without periods). */
export function columnKey(fact: string, label: string | null): string {
  return label === null ? fact : `${fact}@${label}`;
}

interface GrowingNumber {
  kind: 'number';
  values: Float64Array;
  missing: Uint8Array;
}
interface GrowingCode {
  kind: 'code';
  dictionary: string[];
  ids: Map<string, number>;
  codes: Int32Array;
}

const ATTRIBUTE_KEYS = ['industry_code', 'town', 'enterprise_type', 'registered_on', 'registered_capital'] as const;

/**
 * Builds county columns row by row, from enterprise records or from SQL rows, growing its arrays as
 * it goes (so the number of enterprises need not be known in advance).
 */
export class CountyColumnsBuilder {
  private size = 0;
  private capacity: number;
  private readonly ids: string[] = [];
  private readonly indexById = new Map<string, number>();
  private readonly columns = new Map<string, GrowingNumber | GrowingCode>();
  private readonly labels = new Map<string, Set<string>>();
  private known: Uint8Array;
  private readonly certificationDictionary: string[] = [];
  private readonly certificationIds = new Map<string, number>();
  private certOwner = new Int32Array(64);
  private certCode = new Int32Array(64);
  private certAwarded = new Int32Array(64);
  private certExpires = new Int32Array(64);
  private certRenewal = new Uint8Array(64);
  private certLevel = new Uint8Array(64);
  private certCount = 0;
  private readonly recordSets = new Map<string, { type: RecordTypeDefinition; owners: number[]; rows: RecordRow[]; known: Set<number> }>();

  constructor(
    readonly catalogue: FactCatalogue = DEFAULT_CATALOGUE,
    initialCapacity = 1024,
  ) {
    this.capacity = Math.max(16, initialCapacity);
    this.known = new Uint8Array(this.capacity);
  }

  /** Adds an enterprise and returns its row index. Ids must be unique. */
  addEnterprise(id: string, attributes: EnterpriseAttributes = {}): number {
    if (this.indexById.has(id)) throw new Error(`enterprise "${id}" added twice`);
    if (this.size === this.capacity) this.grow();
    const index = this.size++;
    this.ids.push(id);
    this.indexById.set(id, index);
    for (const key of ATTRIBUTE_KEYS) {
      const value = attributes[key];
      if (value !== undefined && value !== null) this.setFact(index, key, null, value);
    }
    for (const [key, value] of Object.entries(legalFormFacts(attributes))) if (value !== null) this.setFact(index, key, null, value);
    return index;
  }

  /** Number of enterprises added so far. */
  get count(): number {
    return this.size;
  }

  /** The row of an enterprise id, or undefined. */
  indexOf(id: string): number | undefined {
    return this.indexById.get(id);
  }

  /** Sets a fact value (an attribute when label is null). Unknown facts and unusable values are ignored. */
  setFact(index: number, code: string, label: string | null, raw: unknown): void {
    const def = this.catalogue.facts.get(code);
    if (!def) return;
    const value = normaliseFactValue(def, raw);
    if (value === null) return;
    const key = columnKey(code, label);
    let column = this.columns.get(key);
    if (!column) {
      column = this.newColumn(def);
      this.columns.set(key, column);
      if (label !== null) {
        const set = this.labels.get(code) ?? new Set<string>();
        set.add(label);
        this.labels.set(code, set);
      }
    }
    if (column.kind === 'number') {
      if (typeof value !== 'number') return;
      column.values[index] = value;
      column.missing[index] = 0;
    } else {
      if (typeof value !== 'string') return;
      let id = column.ids.get(value);
      if (id === undefined) {
        id = column.dictionary.length;
        column.dictionary.push(value);
        column.ids.set(value, id);
      }
      column.codes[index] = id;
    }
  }

  /** Marks an enterprise's certifications as known (none held unless records are added). */
  setCertificationsKnown(index: number): void {
    this.known[index] = 1;
  }

  /** Adds a certification record (and marks the enterprise's certifications known). Bad dates are ignored. */
  addCertification(index: number, record: CertificationRecord): void {
    this.known[index] = 1;
    const encoded = encodeCertification(record);
    if (!encoded) return;
    if (this.certCount === this.certOwner.length) this.growCertifications();
    let code = this.certificationIds.get(record.code);
    if (code === undefined) {
      code = this.certificationDictionary.length;
      this.certificationDictionary.push(record.code);
      this.certificationIds.set(record.code, code);
    }
    const i = this.certCount++;
    this.certOwner[i] = index;
    this.certCode[i] = code;
    this.certAwarded[i] = encoded.awardedOn;
    this.certExpires[i] = encoded.expiresOn;
    this.certRenewal[i] = encoded.isRenewal;
    this.certLevel[i] = encoded.level;
  }

  /** Marks an enterprise's records of a type as known (none held unless records are added). */
  setRecordsKnown(index: number, type: string): void {
    this.recordSet(type)?.known.add(index);
  }

  /** Adds one record of a type (and marks the enterprise's records of the type known); unknown types are ignored. */
  addRecord(index: number, type: string, row: RecordRow): void {
    const set = this.recordSet(type);
    if (!set) return;
    set.known.add(index);
    set.owners.push(index);
    set.rows.push(row);
  }

  private recordSet(type: string) {
    let set = this.recordSets.get(type);
    if (!set) {
      const definition = this.catalogue.recordTypes?.get(type);
      if (!definition) return undefined;
      this.recordSets.set(type, (set = { type: definition, owners: [], rows: [], known: new Set() }));
    }
    return set;
  }

  private buildRecords(n: number): Map<string, RecordColumns> {
    const out = new Map<string, RecordColumns>();
    for (const [code, set] of this.recordSets) {
      const offsets = new Int32Array(n + 1);
      for (const owner of set.owners) offsets[owner + 1]++;
      for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
      const cursor = offsets.slice(0, n);
      const sorted = new Array<RecordRow>(set.rows.length);
      set.owners.forEach((owner, r) => {
        sorted[cursor[owner]++] = set.rows[r];
      });
      const known = new Uint8Array(n);
      for (const index of set.known) if (index < n) known[index] = 1;
      out.set(code, { known, offsets, table: buildRecordTable(set.type, sorted), rows: sorted });
    }
    return out;
  }

  /** Adds a whole enterprise record. */
  addFacts(facts: EnterpriseFacts, id = facts.id ?? String(this.size)): number {
    const index = this.addEnterprise(id, facts.attributes);
    for (const [code, byPeriod] of Object.entries(facts.indicators)) {
      for (const [label, value] of Object.entries(byPeriod)) this.setFact(index, code, label, value);
    }
    for (const [label, value] of Object.entries(facts.sizeClass ?? {})) this.setFact(index, 'size_class', label, value);
    if (facts.certifications) {
      this.setCertificationsKnown(index);
      for (const record of facts.certifications) this.addCertification(index, record);
    }
    for (const [type, rows] of Object.entries(facts.records ?? {})) {
      this.setRecordsKnown(index, type);
      for (const row of rows) this.addRecord(index, type, row);
    }
    return index;
  }

  /** Trims the arrays to the number of enterprises and returns the columns. */
  build(): CountyColumns {
    const n = this.size;
    const columns = new Map<string, Column>();
    for (const [key, column] of this.columns) {
      columns.set(
        key,
        column.kind === 'number'
          ? { kind: 'number', values: column.values.slice(0, n), missing: column.missing.slice(0, n) }
          : { kind: 'code', dictionary: column.dictionary.slice(), codes: column.codes.slice(0, n) },
      );
    }
    const labels = new Map<string, readonly string[]>();
    for (const [code, set] of this.labels) labels.set(code, [...set].sort());
    return { size: n, ids: this.ids.slice(), columns, labels, certifications: this.buildCertifications(n), records: this.buildRecords(n) };
  }

  private buildCertifications(n: number): CertificationColumns {
    // Counting sort by owner: records of enterprise i become one contiguous slice.
    const offsets = new Int32Array(n + 1);
    for (let r = 0; r < this.certCount; r++) offsets[this.certOwner[r] + 1]++;
    for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
    const cursor = offsets.slice(0, n);
    const codes = new Int32Array(this.certCount);
    const awardedOn = new Int32Array(this.certCount);
    const expiresOn = new Int32Array(this.certCount);
    const isRenewal = new Uint8Array(this.certCount);
    const levels = new Uint8Array(this.certCount);
    for (let r = 0; r < this.certCount; r++) {
      const at = cursor[this.certOwner[r]]++;
      codes[at] = this.certCode[r];
      awardedOn[at] = this.certAwarded[r];
      expiresOn[at] = this.certExpires[r];
      isRenewal[at] = this.certRenewal[r];
      levels[at] = this.certLevel[r];
    }
    return { known: this.known.slice(0, n), offsets, codes, dictionary: this.certificationDictionary.slice(), awardedOn, expiresOn, isRenewal, levels };
  }

  private newColumn(def: FactDefinition): GrowingNumber | GrowingCode {
    if (def.unit === 'code' || def.unit === 'grade') {
      return { kind: 'code', dictionary: [], ids: new Map(), codes: new Int32Array(this.capacity).fill(-1) };
    }
    return { kind: 'number', values: new Float64Array(this.capacity), missing: new Uint8Array(this.capacity).fill(1) };
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    for (const column of this.columns.values()) {
      if (column.kind === 'number') {
        const values = new Float64Array(capacity);
        values.set(column.values);
        const missing = new Uint8Array(capacity).fill(1);
        missing.set(column.missing);
        column.values = values;
        column.missing = missing;
      } else {
        const codes = new Int32Array(capacity).fill(-1);
        codes.set(column.codes);
        column.codes = codes;
      }
    }
    const known = new Uint8Array(capacity);
    known.set(this.known);
    this.known = known;
    this.capacity = capacity;
  }

  private growCertifications(): void {
    const size = this.certOwner.length * 2;
    const grow = <T extends Int32Array | Uint8Array>(array: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(array);
      return next;
    };
    this.certOwner = grow(this.certOwner, (n) => new Int32Array(n));
    this.certCode = grow(this.certCode, (n) => new Int32Array(n));
    this.certAwarded = grow(this.certAwarded, (n) => new Int32Array(n));
    this.certExpires = grow(this.certExpires, (n) => new Int32Array(n));
    this.certRenewal = grow(this.certRenewal, (n) => new Uint8Array(n));
    this.certLevel = grow(this.certLevel, (n) => new Uint8Array(n));
  }
}

/** Builds county columns from enterprise records (ids from `facts.id`, else the row number). */
export function buildCountyColumns(enterprises: readonly EnterpriseFacts[], catalogue: FactCatalogue = DEFAULT_CATALOGUE): CountyColumns {
  const builder = new CountyColumnsBuilder(catalogue, enterprises.length);
  enterprises.forEach((facts, i) => builder.addFacts(facts, facts.id ?? String(i)));
  return builder.build();
}

/** An enterprise row as selected from SQL. */
export interface EnterpriseRow extends EnterpriseAttributes {
  id: string;
}
/** One indicator value row (enterprise_indicators). */
export interface IndicatorRow {
  enterprise_id: string;
  code: string;
  period: string;
  value: number | string;
}
/** One certification row. */
export interface CertificationRow {
  enterprise_id: string;
  code: string;
  awarded_on: string;
  expires_on: string | null;
  is_renewal: boolean;
  level?: string | null;
}
/** One derived size class row. */
export interface SizeClassRow {
  enterprise_id: string;
  year: string | number;
  size_class: string;
}

export interface ColumnsFromRowsInput {
  enterprises: Iterable<EnterpriseRow>;
  indicators?: Iterable<IndicatorRow>;
  certifications?: Iterable<CertificationRow>;
  sizeClasses?: Iterable<SizeClassRow>;
  /**
   * Whether the certification rows cover every enterprise (official lists: an enterprise without
   * rows holds none). Default true when certification rows are given.
   */
  certificationsComplete?: boolean;
  /** Called every `progressEvery` rows of each input, for progress bars on large loads. */
  onProgress?: (stage: 'enterprises' | 'indicators' | 'certifications' | 'sizeClasses', rows: number) => void;
  progressEvery?: number;
}

/**
 * Builds county columns from flat rows as the server reads them (up to ~1M enterprises): one pass
 * over each input, rows referring to unknown enterprises are skipped.
 */
export function buildCountyColumnsFromRows(input: ColumnsFromRowsInput, catalogue: FactCatalogue = DEFAULT_CATALOGUE): CountyColumns {
  const builder = new CountyColumnsBuilder(catalogue);
  const every = input.progressEvery ?? 100_000;
  let rows = 0;
  const tick = (stage: 'enterprises' | 'indicators' | 'certifications' | 'sizeClasses') => {
    if (++rows % every === 0) input.onProgress?.(stage, rows);
  };
  for (const row of input.enterprises) {
    const { id, ...attributes } = row;
    builder.addEnterprise(id, attributes);
    tick('enterprises');
  }
  rows = 0;
  for (const row of input.indicators ?? []) {
    const index = builder.indexOf(row.enterprise_id);
    if (index !== undefined) builder.setFact(index, row.code, row.period, row.value);
    tick('indicators');
  }
  rows = 0;
  for (const row of input.sizeClasses ?? []) {
    const index = builder.indexOf(row.enterprise_id);
    if (index !== undefined) builder.setFact(index, 'size_class', String(row.year), row.size_class);
    tick('sizeClasses');
  }
  if (input.certifications !== undefined) {
    rows = 0;
    for (const row of input.certifications) {
      const index = builder.indexOf(row.enterprise_id);
      if (index !== undefined) {
        builder.addCertification(index, { code: row.code, awardedOn: row.awarded_on, expiresOn: row.expires_on, isRenewal: row.is_renewal, level: row.level ?? null });
      }
      tick('certifications');
    }
    if (input.certificationsComplete ?? true) for (let i = 0; i < builder.count; i++) builder.setCertificationsKnown(i);
  }
  return builder.build();
}
