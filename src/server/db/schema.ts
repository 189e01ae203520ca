import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types for Kysely, mirroring the migrations. `Generated` columns are optional on insert;
 * `Timestamp` reads as a Date and accepts a Date or an ISO string. `date` columns read as 'YYYY-MM-DD'
 * strings (see database.ts), never as Date, so no time zone shifts a calendar day.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, string, string>;

export type OrgType = 'enterprise' | 'department' | 'dispatch_centre' | 'bank' | 'service_provider' | 'platform';
export type Role =
  | 'enterprise_user'
  | 'department_staff'
  | 'dispatcher'
  | 'cadre'
  | 'provider_staff'
  | 'bank_staff'
  | 'data_admin'
  | 'admin'
  | 'auditor'
  | 'leader'
  | 'security_admin';

export interface OrganizationsTable {
  id: Generated<number>;
  type: OrgType;
  name: string;
  code: string | null;
  service_team: 'non_market' | 'quasi_market' | 'market' | null;
  /** A department's short name for official numbers (经信 in 经信申〔2026〕0001号); null: the full name. */
  short_name: Generated<string | null>;
  created_at: Generated<Date>;
}

export interface UsersTable {
  id: Generated<number>;
  org_id: number;
  username: string;
  display_name: string;
  password_hash: string;
  roles: Role[];
  is_disabled: Generated<boolean>;
  must_change_password: Generated<boolean>;
  password_changed_at: Generated<Date>;
  last_login_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionsTable {
  /** A plain id to name the session (to end it) without its token hash. */
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

/** Failed sign-ins per name typed AND source address; `locks` grows each lock of the pair. */
export interface LoginThrottleTable {
  username: string;
  ip: Generated<string>;
  failures: number;
  locks: Generated<number>;
  locked_until: NullableTimestamp;
  last_failure_at: Timestamp;
}

/** One row: the session revocation counter and the security administrator's policy settings. */
export interface AuthStateTable {
  id: Generated<boolean>;
  revocation: ColumnType<number, never, number>;
  password_max_age_days: number | null;
  max_sessions_per_user: number | null;
  updated_at: Generated<Date>;
}

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_user_id: number | null;
  actor_username: string | null;
  actor_org_id: number | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: AuditOutcome;
  request_id: string | null;
  ip: string | null;
  details: Json<Record<string, unknown>>;
}

/** One link of the audit log's hash chain (migration 20261209T0200_audit_chain), written at commit. */
export interface AuditChainTable {
  seq: number;
  audit_id: number;
  prev_hash: string;
  hash: string;
}

/** The last link of the chain: one row. */
export interface AuditChainHeadTable {
  singleton: boolean;
  seq: number;
  hash: string;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'dead';

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: Json<Record<string, unknown>>;
  status: Generated<JobStatus>;
  priority: Generated<number>;
  run_at: Generated<Date>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  lease_until: NullableTimestamp;
  last_error: string | null;
  dedupe_key: string | null;
  result: Json<unknown> | null;
  created_at: Generated<Date>;
  finished_at: NullableTimestamp;
}

export interface DomainEventsTable {
  id: Generated<number>;
  type: string;
  payload: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
  dispatched_at: NullableTimestamp;
}

export interface ServerSecretsTable {
  name: string;
  value: string;
  created_at: Generated<Date>;
}

export interface TownsTable {
  code: string;
  name: string;
  name_en: string;
  kind: 'street' | 'town' | 'township';
}

export interface CadresTable {
  id: Generated<number>;
  name: string;
  position: string;
  org_id: number;
  town_code: string | null;
  user_id: number | null;
  phone: string | null;
  created_at: Generated<Date>;
}

/** 千人联千企: one current link per enterprise (unlinked_on null); closed rows are the history. */
export interface CadreLinksTable {
  id: Generated<number>;
  cadre_id: number;
  enterprise_id: number;
  linked_on: string;
  unlinked_on: string | null;
  reason: Generated<string>;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface VisitsTable {
  id: Generated<number>;
  cadre_id: number;
  enterprise_id: number;
  visited_on: string;
  people_met: string;
  findings: string;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface VisitPhotosTable {
  id: Generated<number>;
  visit_id: number;
  file_name: string;
  content_type: 'image/jpeg' | 'image/png' | 'image/webp';
  size_bytes: number;
  sha256: string;
  storage_path: string;
  uploaded_by: number;
  uploaded_at: Generated<Date>;
}

export interface VisitDemandsTable {
  visit_id: number;
  demand_id: number;
}

export interface VisitPlansTable {
  id: Generated<number>;
  cadre_id: number;
  enterprise_id: number;
  quarter: string;
  planned_on: string | null;
  created_by: number | null;
  created_at: Generated<Date>;
}

export type EnterpriseType =
  | 'limited_company'
  | 'joint_stock_company'
  | 'individual_business'
  | 'partnership'
  | 'sole_proprietorship'
  | 'branch'
  | 'cooperative'
  | 'other';
export type EnterpriseStatus = 'operating' | 'suspended' | 'cancelled' | 'revoked' | 'moved_out';
export type SizeClass = 'large' | 'medium' | 'small' | 'micro';

export interface EnterprisesTable {
  id: Generated<number>;
  uscc: string;
  uscc_status: Generated<'valid' | 'checksum_override'>;
  name: string;
  /** Pinyin sort key of the name (src/core/text/pinyin-sort.ts), ASCII, ordered with collate "C"; NULL until filled. */
  name_sort: string | null;
  type: EnterpriseType;
  legal_representative: string | null;
  registered_on: string | null;
  /** The date the firm left the register (注销、吊销、迁出); null while it operates or when unknown. */
  closed_on: Generated<string | null>;
  registered_capital_fen: number | null;
  town_code: string | null;
  address: string | null;
  industry_code: string | null;
  industry_section: string | null;
  industry_division: string | null;
  status: Generated<EnterpriseStatus>;
  org_id: number | null;
  size_class: SizeClass | null;
  is_above_scale: boolean | null;
  lifecycle_stage: string | null;
  tags: Generated<string[]>;
  profile: Json<unknown> | null;
  completeness_bp: number | null;
  profile_computed_at: NullableTimestamp;
  /** Digest of the stored derived profile: a recompute that finds the same one rewrites nothing. */
  profile_hash: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** 外商投资企业; null when not recorded (legal-form facts, issue 12 item 8). */
  foreign_invested: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
}

export interface IndicatorsTable {
  code: string;
  name_zh: string;
  name_en: string;
  category: 'operations' | 'tax' | 'employment' | 'innovation' | 'energy' | 'trade' | 'compliance';
  unit: 'fen' | 'person' | 'bp' | 'count' | 'kwh' | 'boolean' | 'grade' | 'area' | 'kg' | 'kgce';
  periodicity: 'year' | 'quarter' | 'month';
  is_flow: boolean;
  is_key: Generated<boolean>;
  sources: string[];
  grades: string[] | null;
  is_built_in: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface IndicatorValuesTable {
  enterprise_id: number;
  indicator_code: string;
  period: string;
  source: string;
  value: number | null;
  value_text: string | null;
  as_of: string;
  batch_id: number | null;
  updated_at: Generated<Date>;
}

export interface CertificationsTable {
  id: Generated<number>;
  enterprise_id: number;
  code: string;
  awarded_on: string;
  expires_on: string | null;
  is_renewal: Generated<boolean>;
  certificate_no: string | null;
  source: string;
  batch_id: number | null;
  /** Level of the award for types awarded at several levels (national, provincial, city, county). */
  level: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Certification and qualification types (registry data, issue 12 item 8). */
export interface CertificationTypesTable {
  code: string;
  name_zh: string;
  name_en: string;
  levels: Generated<string[]>;
  issuing_body_zh: Generated<string>;
  issuing_body_en: Generated<string>;
  validity_years: number | null;
  is_built_in: Generated<boolean>;
  updated_at: Generated<Date>;
}

/** Named industry sets mapped to GB/T 4754 codes (registry data, issue 12 item 8). */
export interface IndustrySetsTable {
  code: string;
  name_zh: string;
  name_en: string;
  source_zh: Generated<string>;
  criteria: Json<{ sections?: string[]; divisionRanges?: [string, string][]; prefixes?: string[] }>;
  is_built_in: Generated<boolean>;
  updated_at: Generated<Date>;
}

export type ImportStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface ImportBatchesTable {
  id: Generated<number>;
  kind: 'indicators' | 'enterprises' | 'certifications' | 'demands_12345' | 'cadre_links' | 'records';
  source: string;
  file_name: string | null;
  file_sha256: string | null;
  storage_path: string | null;
  status: Generated<ImportStatus>;
  total_rows: number | null;
  processed_rows: Generated<number>;
  inserted_rows: Generated<number>;
  updated_rows: Generated<number>;
  unchanged_rows: Generated<number>;
  error_rows: Generated<number>;
  message: string | null;
  created_by: number | null;
  created_at: Generated<Date>;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
}

export interface ImportErrorsTable {
  batch_id: number;
  row_no: number;
  column_name: string;
  reason: string;
  value: string | null;
  /** Stable reason code (e.g. 'enterprise_not_found'); `reason` is the Chinese text, `reason_en` the English. */
  code: string | null;
  reason_en: string | null;
}

export interface ConsentsTable {
  id: Generated<number>;
  enterprise_id: number;
  grantee_org_id: number;
  categories: string[];
  purpose: string;
  valid_from: Timestamp;
  valid_until: Timestamp;
  revoked_at: NullableTimestamp;
  revoked_by: number | null;
  created_by: number;
  created_at: Generated<Date>;
}

export interface DataDisputesTable {
  id: Generated<number>;
  enterprise_id: number;
  indicator_code: string;
  period: string;
  source: string;
  current_value: string | null;
  proposed_value: string;
  reason: string;
  status: Generated<'open' | 'accepted' | 'rejected'>;
  created_by: number;
  created_at: Generated<Date>;
  resolved_by: number | null;
  resolved_at: NullableTimestamp;
  resolution_note: string | null;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  enterprise_id: number | null;
  kind: string;
  params: Json<Record<string, unknown>>;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  link: string | null;
  dedupe_key: string;
  /** xid8 of the writing transaction, as text (see the notifications migration). */
  tx_id: Generated<string>;
  created_at: Generated<Date>;
  read_at: NullableTimestamp;
}

export type OutboundDeliveryStatus = 'pending' | 'delivered' | 'dead';

export interface OutboundDeliveriesTable {
  id: Generated<number>;
  notification_id: number;
  channel: Generated<'webhook'>;
  status: Generated<OutboundDeliveryStatus>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  locked_until: NullableTimestamp;
  last_status: number | null;
  last_error: string | null;
  delivered_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type PolicyVersionStatus = 'draft' | 'in_review' | 'published' | 'superseded' | 'closed' | 'expired';

export interface PoliciesTable {
  id: Generated<number>;
  department_org_id: number;
  code: string;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface PolicyVersionsTable {
  id: Generated<number>;
  policy_id: number;
  version: number;
  status: Generated<PolicyVersionStatus>;
  title: string;
  document_no: string | null;
  summary: Generated<string>;
  source_text: string | null;
  interpretation: string | null;
  qa: ColumnType<{ q: string; a: string }[], string | undefined, string>;
  region_code: Generated<string>;
  valid_from: string;
  valid_until: string | null;
  apply_from: NullableTimestamp;
  apply_until: NullableTimestamp;
  tags: Generated<string[]>;
  /** A RuleNode of src/core/rules. */
  rule: Json<unknown>;
  /** A Benefit of src/core/rules. */
  benefit: Json<unknown>;
  /** ParameterDefinition[] of src/core/rules. */
  params: ColumnType<unknown[], string | undefined, string>;
  /** DeclaredFactDefinition[] of src/core/rules/declared.ts: facts the applicant declares on the form. */
  declared_facts: ColumnType<unknown[], string | undefined, string>;
  exclusion_group: string | null;
  is_auto_grant: Generated<boolean>;
  review_steps: ColumnType<
    { key: string; nameZh: string; nameEn: string; deadlineWorkingDays: number }[],
    string | undefined,
    string
  >;
  public_notice_days: Generated<number>;
  form_fields: ColumnType<
    { key: string; labelZh: string; labelEn: string; type: 'text' | 'number' | 'money' | 'date' | 'file'; required: boolean }[],
    string | undefined,
    string
  >;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  submitted_at: NullableTimestamp;
  published_at: NullableTimestamp;
  published_by: number | null;
  closed_at: NullableTimestamp;
  /** Two-person review (20261210T0800): the submitter, and the reviewer's return with its reason. */
  submitted_by: Generated<number | null>;
  returned_by: Generated<number | null>;
  returned_at: Generated<Date | null>;
  return_reason: Generated<string | null>;
}

export interface PolicyGoldenCasesTable {
  id: Generated<number>;
  policy_version_id: number;
  name: string;
  enterprise_id: number | null;
  /** EnterpriseFacts of src/core/rules (made-up), when enterprise_id is null. */
  facts: Json<unknown> | null;
  expected_outcome: 'eligible' | 'ineligible' | 'unknown';
  expected_amount_fen: number | null;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface PolicyMatchesTable {
  policy_version_id: number;
  enterprise_id: number;
  outcome: 'eligible' | 'unknown';
  amount_fen: number | null;
  missing_facts: Json<{ fact: string; period?: string }[]> | null;
  matched_at: Generated<Date>;
}

export interface PolicyPushesTable {
  id: Generated<number>;
  policy_id: number;
  policy_version_id: number;
  enterprise_id: number;
  pushed_at: Generated<Date>;
  read_at: NullableTimestamp;
  opened_at: NullableTimestamp;
}

export type ApplicationStatus =
  | 'submitted'
  | 'accepted'
  | 'in_review'
  | 'returned'
  | 'approved'
  | 'in_notice'
  | 'notice_passed'
  | 'paid'
  | 'rejected'
  | 'withdrawn';

export interface WorkingCalendarTable {
  day: string;
  is_workday: boolean;
  note: Generated<string>;
  updated_at: Generated<Date>;
}

export interface ApplicationsTable {
  id: Generated<number>;
  /** The official number (经信申〔2026〕0001号), given by a trigger from application_counters at insert. */
  number: Generated<string>;
  policy_id: number;
  policy_version_id: number;
  enterprise_id: number;
  status: ApplicationStatus;
  current_step: string | null;
  step_due_at: NullableTimestamp;
  returned_from_status: 'submitted' | 'accepted' | 'in_review' | null;
  returned_from_step: string | null;
  notice_started_at: NullableTimestamp;
  notice_until: NullableTimestamp;
  /** Field key → value: the profile snapshot at submission plus what the enterprise added. */
  form_data: Json<Record<string, unknown>>;
  /** Declared facts as the enterprise declared them at submission (key → value; declared.ts). */
  declarations: ColumnType<Record<string, boolean | number | string>, string | undefined, string>;
  estimated_amount_fen: number | null;
  approved_amount_fen: number | null;
  /** The most the benefit allowed when the amount was approved (estimate, or the cap of an "up to" benefit). */
  amount_bound_fen: number | null;
  /** The reviewer's reason for an approved amount other than the estimate. */
  amount_reason: string | null;
  /** Approved without an amount: the benefit allows nothing to pay (eligibility only); never paid. */
  eligibility_only: Generated<boolean>;
  submitted_by: number;
  submitted_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** The last application number given per department and county year (see the applications_number trigger). */
export interface ApplicationCountersTable {
  org_id: number;
  year: number;
  last: number;
}

export interface ApplicationEventsTable {
  id: Generated<number>;
  application_id: number;
  at: Generated<Date>;
  actor_user_id: number | null;
  action: string;
  from_status: string | null;
  to_status: string;
  step_key: string | null;
  reason: string | null;
  details: Json<Record<string, unknown>>;
}

export interface ApplicationFilesTable {
  id: Generated<number>;
  application_id: number;
  field_key: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_path: string;
  uploaded_by: number;
  uploaded_at: Generated<Date>;
}

export type AutoGrantStatus = 'proposed' | 'in_notice' | 'notice_passed' | 'paid';

export interface AutoGrantsTable {
  id: Generated<number>;
  policy_id: number;
  policy_version_id: number;
  status: Generated<AutoGrantStatus>;
  created_by: number;
  created_at: Generated<Date>;
  confirmed_by: number | null;
  confirmed_at: NullableTimestamp;
  notice_until: NullableTimestamp;
  notice_passed_at: NullableTimestamp;
  paid_at: NullableTimestamp;
  updated_at: Generated<Date>;
}

export interface AutoGrantItemsTable {
  id: Generated<number>;
  auto_grant_id: number;
  policy_id: number;
  enterprise_id: number;
  amount_fen: number;
  status: Generated<'included' | 'removed'>;
  removed_reason: string | null;
  removed_by: number | null;
  removed_at: NullableTimestamp;
}

export type DisbursementStatus = 'prepared' | 'paid' | 'cancelled';

export interface DisbursementsTable {
  id: Generated<number>;
  policy_id: number;
  enterprise_id: number;
  /** What is paid: a payable target registered with the payments module ('application', 'auto_grant_item' …). */
  target_kind: string;
  target_id: number;
  /** Generated from the target for the kinds that have a foreign key; never written. */
  application_id: GeneratedAlways<number | null>;
  auto_grant_item_id: GeneratedAlways<number | null>;
  amount_fen: number;
  status: Generated<DisbursementStatus>;
  prepared_by: number;
  prepared_at: Generated<Date>;
  approved_by: number | null;
  paid_at: NullableTimestamp;
  payment_ref: string | null;
  cancelled_by: number | null;
  cancelled_at: NullableTimestamp;
  cancel_reason: string | null;
}

export type DemandState =
  | 'submitted'
  | 'triaged'
  | 'offered'
  | 'assigned'
  | 'accepted'
  | 'in_progress'
  | 'waiting'
  | 'resolved'
  | 'rated'
  | 'closed';
export type DemandChannel = 'portal' | 'cadre' | 'hotline' | 'api';
export type DemandUrgency = 'normal' | 'urgent' | 'critical';
export type DispatchMode = 'dispatch' | 'pick' | 'claim';
export type ServiceTeam = 'non_market' | 'quasi_market' | 'market';
export type FollowUpOutcome = 'effective' | 'partly_effective' | 'not_effective';

export interface DemandCategoriesTable {
  code: string;
  name_zh: string;
  name_en: string;
  /** The competent department's organisation code (organizations.code), resolved at run time. */
  department_code: string;
  response_hours: number;
  resolution_hours: number;
  sort_order: Generated<number>;
  is_active: Generated<boolean>;
}

export interface ServicesTable {
  id: Generated<number>;
  provider_org_id: number;
  team: ServiceTeam;
  kind: string;
  category_code: string;
  name: string;
  description: Generated<string>;
  /** Integer fen; null exactly when the item is free. */
  price_fen: number | null;
  is_free: Generated<boolean>;
  rating_count: Generated<number>;
  rating_sum: Generated<number>;
  is_active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** A stop of a demand's resolution clock (ISO instants; `to` null while it lasts). */
export interface StoredClockPause {
  from: string;
  to: string | null;
}

export interface DemandsTable {
  id: Generated<number>;
  enterprise_id: number;
  title: string;
  description: string;
  /** The category the enterprise chose, if it knew. */
  declared_category_code: string | null;
  /** The category the dispatcher (or the rule, or the import) decided: the label the router learns from. */
  category_code: string | null;
  urgency: Generated<DemandUrgency>;
  contact_name: string | null;
  contact_phone: string | null;
  channel: DemandChannel;
  /** 12345 work order number for hotline imports (unique per channel). */
  external_ref: string | null;
  submitted_by: number | null;
  on_behalf_cadre_id: number | null;
  state: Generated<DemandState>;
  dispatch_mode: DispatchMode | null;
  handler_org_id: number | null;
  handler_user_id: number | null;
  leader_cadre_id: number | null;
  service_id: number | null;
  /** Providers a 抢单 offer is open to. */
  offer_org_ids: number[] | null;
  offered_at: NullableTimestamp;
  /** A claimed (抢单) or assigned order must be accepted by then, else it returns to the pool / dispatcher. */
  claim_expires_at: NullableTimestamp;
  assigned_at: NullableTimestamp;
  response_due_at: NullableTimestamp;
  accepted_at: NullableTimestamp;
  clock_started_at: NullableTimestamp;
  clock_budget_minutes: number | null;
  clock_pauses: ColumnType<StoredClockPause[], string | undefined, string>;
  resolution_due_at: NullableTimestamp;
  /** 0 none, 1 warned before the deadline, 2 breached (handler + leader), 3 escalated to the dispatch centre. */
  escalation_level: Generated<number>;
  resolved_at: NullableTimestamp;
  resolution: string | null;
  resolution_mode: 'online' | 'offline' | null;
  rating: number | null;
  rating_comment: string | null;
  rated_at: NullableTimestamp;
  /** Working minutes from assignment (or filing) to acceptance; set with accepted_at (migration 20261208T1000). */
  response_working_minutes: number | null;
  /** Working minutes from filing to resolution; set with resolved_at. */
  resolution_working_minutes: number | null;
  rectification_due_at: NullableTimestamp;
  reopen_count: Generated<number>;
  transfer_count: Generated<number>;
  closed_at: NullableTimestamp;
  follow_up_due_on: string | null;
  follow_up_outcome: FollowUpOutcome | null;
  follow_up_note: string | null;
  follow_up_at: NullableTimestamp;
  /** The routing suggestion computed at intake (DemandSuggestion of demands.schemas.ts). */
  suggestion: Json<unknown> | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DemandEventsTable {
  id: Generated<number>;
  demand_id: number;
  at: Generated<Date>;
  actor_user_id: number | null;
  action: string;
  from_state: string | null;
  to_state: string;
  reason: string | null;
  details: Json<Record<string, unknown>>;
  /** Internal steps (a deadline warning) are not shown to the enterprise. */
  is_internal: Generated<boolean>;
}

export interface DemandFilesTable {
  id: Generated<number>;
  demand_id: number;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_path: string;
  uploaded_by: number;
  uploaded_at: Generated<Date>;
}

export interface DemandRoutingRulesTable {
  id: Generated<number>;
  keyword: string;
  category_code: string;
  handler_org_id: number | null;
  note: Generated<string>;
  is_active: Generated<boolean>;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RouterModelsTable {
  id: Generated<number>;
  version: number;
  /** The RouterModel of src/core/routing as JSON text. */
  model: string;
  labels: string[];
  examples: number;
  held_out_accuracy: number | null;
  train_seconds: number;
  trigger: 'startup' | 'schedule' | 'manual' | 'seed';
  trained_by: number | null;
  trained_at: Generated<Date>;
}

export type LoanProductType = 'credit' | 'collateral' | 'guarantee' | 'policy';
export type RepaymentMethod = 'equal_instalment' | 'interest_first' | 'bullet';
export type LoanProductVersionStatus = 'draft' | 'in_review' | 'published' | 'rejected' | 'superseded' | 'withdrawn';
export type LoanApplicationStatus = 'submitted' | 'in_review' | 'approved' | 'refused' | 'contracted' | 'disbursed' | 'withdrawn';
export type LoanStatus = 'active' | 'overdue' | 'repaid' | 'defaulted' | 'closed';

export interface LoanProductsTable {
  id: Generated<number>;
  bank_org_id: number;
  code: string;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface LoanProductVersionsTable {
  id: Generated<number>;
  product_id: number;
  version: number;
  status: Generated<LoanProductVersionStatus>;
  name: string;
  product_type: LoanProductType;
  summary: Generated<string>;
  amount_min_fen: number;
  amount_max_fen: number;
  rate_min_bp: number;
  rate_max_bp: number;
  term_min_months: number;
  term_max_months: number;
  repayment_methods: RepaymentMethod[];
  data_categories: string[];
  tags: Generated<string[]>;
  target_rule: Json<unknown>;
  response_days: Generated<number>;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  submitted_by: number | null;
  submitted_at: NullableTimestamp;
  decided_by: number | null;
  decided_at: NullableTimestamp;
  reject_reason: string | null;
  published_at: NullableTimestamp;
}

export interface LoanApplicationsTable {
  id: Generated<number>;
  product_id: number;
  product_version_id: number;
  enterprise_id: number;
  bank_org_id: number;
  consent_id: number | null;
  status: LoanApplicationStatus;
  amount_fen: number;
  term_months: number;
  repayment_method: RepaymentMethod;
  purpose: string;
  due_at: Timestamp;
  warned_at: NullableTimestamp;
  escalated_at: NullableTimestamp;
  decided_at: NullableTimestamp;
  decided_by: number | null;
  approved_amount_fen: number | null;
  approved_rate_bp: number | null;
  approved_term_months: number | null;
  refusal_code: string | null;
  refusal_text: string | null;
  contract_no: string | null;
  contracted_on: string | null;
  submitted_by: number | null;
  submitted_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface LoansTable {
  id: Generated<number>;
  application_id: number;
  product_id: number;
  enterprise_id: number;
  bank_org_id: number;
  principal_fen: number;
  rate_bp: number;
  term_months: number;
  repayment_method: RepaymentMethod;
  disbursed_on: string;
  maturity_on: string;
  status: Generated<LoanStatus>;
  outstanding_principal_fen: number;
  repaid_principal_fen: Generated<number>;
  repaid_interest_fen: Generated<number>;
  is_first_loan: boolean;
  overdue_since: string | null;
  worst_days_past_due: Generated<number>;
  defaulted_on: string | null;
  default_amount_fen: number | null;
  recovered_fen: Generated<number>;
  closed_on: string | null;
  reference: string | null;
  disbursed_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface LoanInstallmentsTable {
  loan_id: number;
  seq: number;
  due_on: string;
  principal_fen: number;
  interest_fen: number;
  paid_principal_fen: Generated<number>;
  paid_interest_fen: Generated<number>;
  settled_on: string | null;
}

export interface LoanRepaymentsTable {
  id: Generated<number>;
  loan_id: number;
  kind: 'repayment' | 'recovery';
  paid_on: string;
  amount_fen: number;
  principal_fen: number;
  interest_fen: number;
  note: string | null;
  recorded_by: number | null;
  created_at: Generated<Date>;
}

export interface LoanEventsTable {
  id: Generated<number>;
  application_id: number;
  loan_id: number | null;
  at: Generated<Date>;
  actor_user_id: number | null;
  action: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  details: Json<Record<string, unknown>>;
}

// Risk-compensation pools and policy-loan programmes (migration 20261207T1320_risk_pools).
export type RiskPoolStatus = 'active' | 'closed';
export type RiskPoolRecoveryStage = 'deducted' | 'shared';
export type CapitalSourceCode = 'county' | 'city' | 'province' | 'national' | 'bank' | 'other';
export type RiskPoolRegistrationStatus = 'active' | 'released' | 'claimed';
export type RiskPoolClaimStatus = 'filed' | 'approved' | 'paid' | 'rejected';
export type LedgerEntryKind = 'contribution' | 'payout' | 'recovery';
export type LoanProgramStatus = 'draft' | 'generating' | 'review' | 'pushed' | 'closed';
export type WhitelistStatus = 'listed' | 'removed' | 'pushed';

export interface RiskPoolsTable {
  id: Generated<number>;
  code: string;
  name: string;
  description: Generated<string>;
  department_org_id: number;
  policy_id: number;
  leverage: number;
  bank_share_bp: number;
  government_share_bp: number;
  status: Generated<RiskPoolStatus>;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface RiskPoolBanksTable {
  pool_id: number;
  bank_org_id: number;
}

export interface RiskPoolProductsTable {
  pool_id: number;
  product_id: number;
}

export interface LedgerAccountsTable {
  id: Generated<number>;
  pool_id: number;
  code: string;
}

export interface LedgerEntriesTable {
  id: Generated<number>;
  pool_id: number;
  debit_account_id: number;
  credit_account_id: number;
  amount_fen: number;
  kind: LedgerEntryKind;
  ref_type: 'contribution' | 'claim' | 'recovery';
  ref_id: number;
  memo: Generated<string>;
  posted_by: number | null;
  posted_at: Generated<Date>;
}

export interface RiskPoolContributionsTable {
  id: Generated<number>;
  pool_id: number;
  source: CapitalSourceCode;
  amount_fen: number;
  contributed_on: string;
  reference: Generated<string>;
  note: Generated<string>;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface RiskPoolRegistrationsTable {
  id: Generated<number>;
  pool_id: number;
  loan_id: number;
  bank_org_id: number;
  enterprise_id: number;
  covered_fen: number;
  status: Generated<RiskPoolRegistrationStatus>;
  registered_by: number | null;
  registered_at: Generated<Date>;
  released_at: NullableTimestamp;
}

export interface RiskPoolClaimsTable {
  id: Generated<number>;
  pool_id: number;
  registration_id: number;
  loan_id: number;
  bank_org_id: number;
  enterprise_id: number;
  loss_fen: number;
  claimed_fen: number;
  bank_share_fen: number;
  government_share_fen: number;
  status: Generated<RiskPoolClaimStatus>;
  note: Generated<string>;
  filed_by: number | null;
  filed_at: Generated<Date>;
  decided_by: number | null;
  decided_at: NullableTimestamp;
  reject_reason: string | null;
  paid_at: NullableTimestamp;
  recovered_fen: Generated<number>;
  government_recovered_fen: Generated<number>;
  /** Recoveries recorded before the claim was paid: they lower the net loss (claimed + deducted ≤ loss). */
  deducted_fen: Generated<number>;
}

export interface RiskPoolRecoveriesTable {
  id: Generated<number>;
  claim_id: number;
  amount_fen: number;
  bank_share_fen: number;
  government_share_fen: number;
  recovered_on: string;
  note: Generated<string>;
  loan_repayment_id: number | null;
  /** deducted: before the payout, lowers the net loss; shared: after it, the government's share flows back. */
  stage: Generated<RiskPoolRecoveryStage>;
  recorded_by: number | null;
  created_at: Generated<Date>;
}

export interface LoanProgramsTable {
  id: Generated<number>;
  code: string;
  name: string;
  description: Generated<string>;
  department_org_id: number;
  rule: Json<unknown>;
  quota_fen: number;
  pool_id: number | null;
  status: Generated<LoanProgramStatus>;
  generated_at: NullableTimestamp;
  generation_done: Generated<number>;
  generation_total: Generated<number>;
  generation_error: string | null;
  pushed_at: NullableTimestamp;
  pushed_by: number | null;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface LoanProgramBanksTable {
  program_id: number;
  bank_org_id: number;
}

export interface LoanProgramProductsTable {
  program_id: number;
  product_id: number;
}

export interface LoanProgramWhitelistTable {
  id: Generated<number>;
  program_id: number;
  enterprise_id: number;
  status: Generated<WhitelistStatus>;
  generated_at: Generated<Date>;
  removed_reason: string | null;
  removed_by: number | null;
  removed_at: NullableTimestamp;
  pushed_at: NullableTimestamp;
}

/** The cockpit's rollups (migration 20261208T1010, kept by triggers; read only by modules/reporting/dashboard.ts). */
export interface CockpitEnterpriseStockTable {
  town_code: string | null;
  industry_section: string | null;
  size_class: string | null;
  status: string | null;
  is_above_scale: boolean | null;
  n: number;
}
export interface CockpitEnterpriseMonthsTable {
  month: string;
  town_code: string | null;
  industry_section: string | null;
  registered: number;
  closed: number;
}
export interface CockpitDemandMonthsTable {
  month: string;
  town_code: string | null;
  industry_section: string | null;
  category_code: string | null;
  filed: number;
  open: number;
  responded: number;
  response_seconds: string;
  response_working_minutes: string;
  response_working_count: number;
  resolved: number;
  on_time: number;
  with_due: number;
  resolution_seconds: string;
  resolution_working_minutes: string;
  resolution_working_count: number;
  rated: number;
  rating_sum: number;
  satisfied: number;
}
export interface CockpitVisitMonthsTable {
  month: string;
  town_code: string | null;
  industry_section: string | null;
  visits: number;
}
export interface CockpitCoverageTable {
  enterprise_id: number;
  town_code: string | null;
  industry_section: string | null;
  linked: string;
  visited: string;
}

export interface DB {
  organizations: OrganizationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  auth_state: AuthStateTable;
  audit_log: AuditLogTable;
  audit_chain: AuditChainTable;
  audit_chain_head: AuditChainHeadTable;
  jobs: JobsTable;
  domain_events: DomainEventsTable;
  server_secrets: ServerSecretsTable;
  towns: TownsTable;
  cadres: CadresTable;
  cadre_links: CadreLinksTable;
  visits: VisitsTable;
  cockpit_enterprise_stock: CockpitEnterpriseStockTable;
  cockpit_enterprise_months: CockpitEnterpriseMonthsTable;
  cockpit_demand_months: CockpitDemandMonthsTable;
  cockpit_visit_months: CockpitVisitMonthsTable;
  cockpit_coverage: CockpitCoverageTable;
  visit_photos: VisitPhotosTable;
  visit_demands: VisitDemandsTable;
  visit_plans: VisitPlansTable;
  enterprises: EnterprisesTable;
  indicators: IndicatorsTable;
  record_types: RecordTypesTable;
  enterprise_records: EnterpriseRecordsTable;
  indicator_values: IndicatorValuesTable;
  certifications: CertificationsTable;
  certification_types: CertificationTypesTable;
  industry_sets: IndustrySetsTable;
  import_batches: ImportBatchesTable;
  import_errors: ImportErrorsTable;
  consents: ConsentsTable;
  data_disputes: DataDisputesTable;
  policies: PoliciesTable;
  policy_versions: PolicyVersionsTable;
  policy_golden_cases: PolicyGoldenCasesTable;
  policy_matches: PolicyMatchesTable;
  policy_pushes: PolicyPushesTable;
  notifications: NotificationsTable;
  outbound_deliveries: OutboundDeliveriesTable;
  working_calendar: WorkingCalendarTable;
  applications: ApplicationsTable;
  application_counters: ApplicationCountersTable;
  application_events: ApplicationEventsTable;
  application_files: ApplicationFilesTable;
  auto_grants: AutoGrantsTable;
  auto_grant_items: AutoGrantItemsTable;
  disbursements: DisbursementsTable;
  demand_categories: DemandCategoriesTable;
  services: ServicesTable;
  demands: DemandsTable;
  demand_events: DemandEventsTable;
  demand_files: DemandFilesTable;
  demand_routing_rules: DemandRoutingRulesTable;
  router_models: RouterModelsTable;
  credit_models: CreditModelsTable;
  credit_assessments: CreditAssessmentsTable;
  loan_products: LoanProductsTable;
  loan_product_versions: LoanProductVersionsTable;
  loan_applications: LoanApplicationsTable;
  loans: LoansTable;
  loan_installments: LoanInstallmentsTable;
  loan_repayments: LoanRepaymentsTable;
  loan_events: LoanEventsTable;
  risk_pools: RiskPoolsTable;
  risk_pool_banks: RiskPoolBanksTable;
  risk_pool_products: RiskPoolProductsTable;
  ledger_accounts: LedgerAccountsTable;
  ledger_entries: LedgerEntriesTable;
  risk_pool_contributions: RiskPoolContributionsTable;
  risk_pool_registrations: RiskPoolRegistrationsTable;
  risk_pool_claims: RiskPoolClaimsTable;
  risk_pool_recoveries: RiskPoolRecoveriesTable;
  loan_programs: LoanProgramsTable;
  loan_program_banks: LoanProgramBanksTable;
  loan_program_products: LoanProgramProductsTable;
  loan_program_whitelist: LoanProgramWhitelistTable;
}

// Credit assessment (migration 20261207T1310_credit).
export type CreditModelKind = 'expert' | 'trained';
export type CreditModelStatus = 'draft' | 'active' | 'retired';
export type CreditTrainingState = 'queued' | 'running' | 'done' | 'failed';

export interface CreditModelsTable {
  id: Generated<number>;
  kind: CreditModelKind;
  version: number;
  name: string;
  status: Generated<CreditModelStatus>;
  training_state: CreditTrainingState | null;
  progress_bp: Generated<number>;
  training_error: string | null;
  definition: Json<unknown> | null;
  report: Json<unknown> | null;
  created_by: number | null;
  created_at: Generated<Date>;
  activated_at: NullableTimestamp;
  activated_by: number | null;
}

export interface CreditAssessmentsTable {
  id: Generated<number>;
  enterprise_id: number;
  model_id: number;
  model_version: number;
  purpose: 'self' | 'lead';
  application_id: number | null;
  requested_by: number | null;
  inputs: Json<unknown>;
  score: number;
  grade: string;
  dimensions: Json<unknown>;
  reasons: Json<unknown>;
  suggested_limit_fen: number;
  created_at: Generated<Date>;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type OrganizationRow = Selectable<OrganizationsTable>;
export type EnterpriseRow = Selectable<EnterprisesTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type JobRow = Selectable<JobsTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type OutboundDeliveryRow = Selectable<OutboundDeliveriesTable>;
export type PolicyRow = Selectable<PoliciesTable>;
export type PolicyVersionRow = Selectable<PolicyVersionsTable>;
export type ApplicationRow = Selectable<ApplicationsTable>;
export type DisbursementRow = Selectable<DisbursementsTable>;
export type AutoGrantRow = Selectable<AutoGrantsTable>;
export type AutoGrantItemRow = Selectable<AutoGrantItemsTable>;
export type DemandRow = Selectable<DemandsTable>;
export type ServiceRow = Selectable<ServicesTable>;

/** Record types (issue 12): employees, patents, loans … as data (migration 20261210T0300_records). */
export interface RecordTypesTable {
  code: string;
  name_zh: string;
  name_en: string;
  count_unit: 'person' | 'count';
  consent_category: string;
  date_field: string | null;
  fields: ColumnType<unknown, string, string>;
  built_in: Generated<boolean>;
  created_at: Generated<Date>;
}

/** One record of an enterprise; values jsonb (money in fen, dates YYYY-MM-DD). */
export interface EnterpriseRecordsTable {
  id: Generated<string>;
  enterprise_id: number;
  type_code: string;
  record_key: string;
  values: ColumnType<unknown, string, string>;
  source: Generated<string>;
  import_id: number | null;
  updated_at: Generated<Date>;
}
