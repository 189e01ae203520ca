import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationResultSet } from 'kysely/migration';
import * as foundation from './migrations/20261127T0900_foundation.ts';
import * as enterpriseProfile from './migrations/20261127T0910_enterprise_profile.ts';
import * as notifications from './migrations/20261127T1000_notifications.ts';
import * as policies from './migrations/20261127T1100_policies.ts';
import * as applications from './migrations/20261127T1200_applications.ts';
import * as importErrorReasons from './migrations/20261127T1300_import_error_reasons.ts';
import * as enterpriseSearch from './migrations/20261127T1310_enterprise_search.ts';
import * as policyMatchesDerived from './migrations/20261127T1320_policy_matches_derived.ts';
import * as domainEvents from './migrations/20261207T0800_domain_events.ts';
import * as workingCalendarOverrides from './migrations/20261207T0900_working_calendar_overrides.ts';
import * as payments from './migrations/20261207T1000_payments.ts';
import * as demands from './migrations/20261207T1200_demands.ts';
import * as loans from './migrations/20261207T1300_loans.ts';
import * as credit from './migrations/20261207T1310_credit.ts';
import * as riskPools from './migrations/20261207T1320_risk_pools.ts';
import * as cadreLinksVisits from './migrations/20261207T1400_cadre_links_visits.ts';
import * as cadreLinkImports from './migrations/20261207T1420_cadre_link_imports.ts';
import * as riskPoolRecoveryStages from './migrations/20261207T1430_risk_pool_recovery_stages.ts';
import * as leaderCockpit from './migrations/20261207T1500_leader_cockpit.ts';
import * as cockpitIndexes from './migrations/20261207T1510_cockpit_indexes.ts';
import * as enterpriseClosedOn from './migrations/20261208T0900_enterprise_closed_on.ts';
import * as demandWorkingMinutes from './migrations/20261208T1000_demand_working_minutes.ts';
import * as cockpitRollups from './migrations/20261208T1010_cockpit_rollups.ts';
import * as boundedMoney from './migrations/20261209T0100_bounded_money.ts';
import * as auditChain from './migrations/20261209T0200_audit_chain.ts';
import * as identity from './migrations/20261209T0300_identity.ts';
import * as compactProfile from './migrations/20261210T0100_compact_profile.ts';
import * as applicationNumbers from './migrations/20261210T0200_application_numbers.ts';
import * as records from './migrations/20261210T0300_records.ts';
import * as registryData from './migrations/20261210T0400_registry_data.ts';
import * as measureUnits from './migrations/20261210T0410_measure_units.ts';
import * as policyReview from './migrations/20261210T0800_policy_review.ts';
import * as nameSort from './migrations/20261210T0900_name_sort.ts';
import * as declaredFacts from './migrations/20261211T0500_declared_facts.ts';
import * as eligibilityOnly from './migrations/20261211T0700_eligibility_only.ts';
import * as recordImports from './migrations/20261211T0800_record_imports.ts';

/**
 * Every migration, by name. Names sort in the order they run (timestamps), and a migration is never
 * edited once it has shipped: change the schema with a new one. The list is static (not read from the
 * folder) so the compiled server and the tests run exactly the same set.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '20261127T0900_foundation': foundation,
  '20261127T0910_enterprise_profile': enterpriseProfile,
  '20261127T1000_notifications': notifications,
  '20261127T1100_policies': policies,
  '20261127T1200_applications': applications,
  '20261127T1300_import_error_reasons': importErrorReasons,
  '20261127T1310_enterprise_search': enterpriseSearch,
  '20261127T1320_policy_matches_derived': policyMatchesDerived,
  '20261207T0800_domain_events': domainEvents,
  '20261207T0900_working_calendar_overrides': workingCalendarOverrides,
  '20261207T1000_payments': payments,
  '20261207T1200_demands': demands,
  '20261207T1300_loans': loans,
  '20261207T1310_credit': credit,
  '20261207T1320_risk_pools': riskPools,
  '20261207T1400_cadre_links_visits': cadreLinksVisits,
  '20261207T1420_cadre_link_imports': cadreLinkImports,
  '20261207T1430_risk_pool_recovery_stages': riskPoolRecoveryStages,
  '20261207T1500_leader_cockpit': leaderCockpit,
  '20261207T1510_cockpit_indexes': cockpitIndexes,
  '20261208T0900_enterprise_closed_on': enterpriseClosedOn,
  '20261208T1000_demand_working_minutes': demandWorkingMinutes,
  '20261208T1010_cockpit_rollups': cockpitRollups,
  '20261209T0100_bounded_money': boundedMoney,
  '20261209T0200_audit_chain': auditChain,
  '20261209T0300_identity': identity,
  '20261210T0100_compact_profile': compactProfile,
  '20261210T0200_application_numbers': applicationNumbers,
  '20261210T0300_records': records,
  '20261210T0400_registry_data': registryData,
  '20261210T0410_measure_units': measureUnits,
  '20261210T0800_policy_review': policyReview,
  '20261210T0900_name_sort': nameSort,
  '20261211T0500_declared_facts': declaredFacts,
  '20261211T0700_eligibility_only': eligibilityOnly,
  '20261211T0800_record_imports': recordImports,
};

/** Runs pending migrations; throws with the failing migration's name if one fails. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const error = result.error instanceof Error ? result.error : new Error(String(result.error));
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${error.message}`, { cause: error });
  }
  return result;
}

/** The migrations this build knows that the database has not run (empty when the schema is current). */
export async function pendingMigrations(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const migrations = await migrator.getMigrations();
  return migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
