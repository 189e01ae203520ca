/**
 * The profiles module's face: what other modules may use of it.
 *
 * Layering (lowest first; a module imports only the faces of modules below it):
 *   indicators → consents → profiles → enterprises → disputes, imports
 * Profiles derive an enterprise's profile (size class, 四上, life cycle, tags, completeness) from its
 * registry facts and its effective indicator values; they read indicators' catalogue and source precedence
 * and know nothing of who reads a profile (access is the enterprises module's decision, above). Whoever
 * reacts to a new profile (policy matching) subscribes to `profile.recomputed`.
 *
 * Tables owned: none of their own; the derived-profile columns of `enterprises` (size_class,
 * is_above_scale, lifecycle_stage, tags, completeness_bp, the small `profile` document with the data
 * categories search hides by, profile_hash, profile_computed_at), which the registry never writes. The
 * explanation of a profile (reasons, inputs) is not stored: explainProfile renders it on read. Reads `enterprises` registry columns, `certifications` and
 * `indicator_values` set-based, for the county-wide recompute.
 */
export { CERTIFICATION_CATEGORIES, categoriesOfInputs, makeCatalogue, PROFILE_TAGS, type Catalogue, type ProfileExplanation, type StoredProfile } from './profiles.compute.ts';
export { enqueueProfileRecompute } from './profiles.queue.ts';
export { findEffectiveValues, type EffectiveValue } from './profiles.repository.ts';
export { explainProfile, recomputeAllProfiles, recomputeChunkSizeFor, recomputeProfilesAndPublish } from './profiles.service.ts';
