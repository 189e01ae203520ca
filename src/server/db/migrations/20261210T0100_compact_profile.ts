import { sql, type Kysely } from 'kysely';

/**
 * Compact stored profile (issue 13, performance): `enterprises.profile` keeps only what search reads — the
 * evaluation date and the data categories each searchable fact reveals (document version 2) — instead of
 * the whole explanation (each derived tag's reasons and inputs, completeness; about 4 KB an enterprise),
 * which is now rendered on read for the one enterprise shown (profiles' explainProfile). Documents already
 * stored are cut down here; their digest then no longer matches, so the next recompute rewrites them with
 * the new shape's digest. Down restores nothing it dropped (the explanation is derived, not data): it
 * clears the profiles, which a recompute fills again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update enterprises set profile = jsonb_build_object(
      'version', 2, 'evaluationDate', profile -> 'evaluationDate', 'tagCategories', coalesce(profile -> 'tagCategories', '{}'::jsonb))
    where profile is not null and coalesce((profile ->> 'version')::int, 1) < 2`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update enterprises set profile = null, profile_hash = null where (profile ->> 'version')::int = 2`.execute(db);
}
