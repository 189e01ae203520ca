import { sql, type Kysely } from 'kysely';

/**
 * Two-person review of a policy version (issue 11): who submitted it, who published it after review, and a
 * reviewer's return (with its reason) that sends it back to draft. The database refuses what the service
 * refuses: a version published by the person who submitted it (CHECK), and a version that goes from review to
 * published without a recorded submitter and a different publisher (trigger). Rows published before this
 * migration (no submitter recorded) are left as they are.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table policy_versions
    add column submitted_by integer references users(id),
    add column returned_by integer references users(id),
    add column returned_at timestamptz,
    add column return_reason text check (return_reason is null or char_length(return_reason) between 1 and 2000)`.execute(db);
  await sql`alter table policy_versions add constraint policy_versions_two_person
    check (published_by is null or submitted_by is null or published_by <> submitted_by)`.execute(db);
  await sql`
    create function policy_versions_review_guard() returns trigger language plpgsql as $$
    begin
      if new.status = 'published' and old.status is distinct from 'published'
         and (old.status <> 'in_review' or new.submitted_by is null or new.published_by is null or new.published_by = new.submitted_by) then
        raise exception 'policy version % must be reviewed by a second person before publishing', old.id
          using errcode = '23514';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger policy_versions_review before update on policy_versions
    for each row execute function policy_versions_review_guard()`.execute(db);
  await sql`create index policy_versions_in_review on policy_versions (status) where status = 'in_review'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists policy_versions_in_review`.execute(db);
  await sql`drop trigger if exists policy_versions_review on policy_versions`.execute(db);
  await sql`drop function if exists policy_versions_review_guard()`.execute(db);
  await sql`alter table policy_versions drop constraint if exists policy_versions_two_person`.execute(db);
  await sql`alter table policy_versions drop column if exists return_reason, drop column if exists returned_at, drop column if exists returned_by, drop column if exists submitted_by`.execute(db);
}
