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

// ── Enterprise profile (issue 3) ────────────────────────────────────────────────────────────────────────
// Schemas that embed `Type.Ref(…)` read as `unknown` through Static, so the referenced parts are checked
// on their own (DerivedTag) and the rest with those fields left out.
import type { DataCategory as CoreDataCategory } from '../../core/profile/indicators.ts';
import type { EnterpriseStatus as ServerEnterpriseStatus, EnterpriseType as ServerEnterpriseType, SizeClass as ServerSizeClass } from '../../server/db/schema.ts';
import type {
  CreateEnterpriseInput as ServerCreateEnterpriseInput,
  DerivedTagSchema,
  EnterpriseDetail as ServerEnterpriseDetail,
  EnterpriseSummary as ServerEnterpriseSummary,
  Industries as ServerIndustries,
  ProfileTag as ServerProfileTag,
  Town as ServerTown,
} from '../../server/modules/enterprises/enterprises.schemas.ts';
import type {
  Indicator as ServerIndicator,
  IndicatorValue as ServerIndicatorValue,
  IndicatorValueInput as ServerIndicatorValueInput,
  WriteIndicatorValuesResult as ServerWriteResult,
} from '../../server/modules/indicators/indicators.schemas.ts';
import type { ImportBatch as ServerImportBatch, ImportError as ServerImportError } from '../../server/modules/imports/imports.schemas.ts';
import type {
  Consent as ServerConsent,
  GrantConsentInput as ServerGrantConsentInput,
  Grantee as ServerGrantee,
  ReceivedConsent as ServerReceivedConsent,
} from '../../server/modules/consents/consents.schemas.ts';
import type {
  AdminDispute as ServerAdminDispute,
  Dispute as ServerDispute,
  FileDisputeInput as ServerFileDisputeInput,
  ResolveDisputeInput as ServerResolveDisputeInput,
} from '../../server/modules/disputes/disputes.schemas.ts';
import type { CreateEnterpriseInput } from '../features/profile/gov/api/useCreateEnterprise.ts';
import type { IndicatorValueInput } from '../features/profile/portal/api/useReportIndicators.ts';
import type { FileDisputeInput } from '../features/profile/portal/api/useMyDisputes.ts';
import type { GrantConsentInput } from '../features/profile/portal/api/useMyConsents.ts';
import type { ResolveDisputeInput } from '../features/profile/gov/api/useDisputes.ts';
import type {
  AdminDispute,
  Consent,
  DataCategory,
  DerivedProfile,
  DerivedTag,
  Dispute,
  EnterpriseDetail,
  EnterpriseStatus,
  EnterpriseSummary,
  EnterpriseType,
  Grantee,
  ImportBatch,
  ImportError,
  Indicator,
  IndicatorValue,
  Industries,
  ProfileTagName,
  ReceivedConsent,
  SizeClass,
  Town,
  WriteIndicatorValuesResult,
} from './types.ts';

type TagFields = 'sizeClass' | 'aboveScale' | 'lifecycleStage' | 'tags';

/** Every line must be `true`. */
export type ProfileContractChecks = [
  Same<DataCategory, CoreDataCategory>,
  Same<SizeClass, ServerSizeClass>,
  Same<EnterpriseType, ServerEnterpriseType>,
  Same<EnterpriseStatus, ServerEnterpriseStatus>,
  Fits<ServerEnterpriseSummary, EnterpriseSummary>,
  Fits<Static<typeof DerivedTagSchema>, DerivedTag>,
  Fits<Omit<ServerEnterpriseDetail, 'profile'>, Omit<EnterpriseDetail, 'profile'>>,
  Fits<Omit<NonNullable<ServerEnterpriseDetail['profile']>, TagFields>, Omit<DerivedProfile, TagFields>>,
  Fits<null, ServerEnterpriseDetail['profile']>,
  Fits<Static<typeof ServerTown>, Town>,
  Fits<Static<typeof ServerIndustries>, Industries>,
  Fits<Static<typeof ServerProfileTag>, ProfileTagName>,
  Fits<ServerIndicator, Indicator>,
  Fits<ServerIndicatorValue, IndicatorValue>,
  Fits<Static<typeof ServerWriteResult>, WriteIndicatorValuesResult>,
  Fits<ServerImportBatch, ImportBatch>,
  Fits<ServerImportError, ImportError>,
  Fits<ServerConsent, Consent>,
  Fits<Static<typeof ServerGrantee>, Grantee>,
  Fits<ServerReceivedConsent, ReceivedConsent>,
  Fits<ServerDispute, Dispute>,
  Fits<ServerAdminDispute, AdminDispute>,
  // Requests.
  Fits<CreateEnterpriseInput, ServerCreateEnterpriseInput>,
  Fits<IndicatorValueInput, ServerIndicatorValueInput>,
  Fits<FileDisputeInput, ServerFileDisputeInput>,
  Fits<GrantConsentInput, ServerGrantConsentInput>,
  Fits<ResolveDisputeInput, ServerResolveDisputeInput>,
];

const profileAllTrue: ProfileContractChecks = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
void profileAllTrue;
