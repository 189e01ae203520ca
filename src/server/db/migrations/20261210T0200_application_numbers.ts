import { sql, type Kysely } from 'kysely';

/**
 * Official application numbers (issue 12): 经信申〔2026〕0001号 — the department's short name, 申, the year
 * (county time, of submission) in 〔〕, a four-digit sequence per department and year, 号.
 *
 *   organizations.short_name   the department's short name (经信, 发改 …), set here for the seeded departments;
 *                              a department without one numbers with its full name
 *   application_counters       one row per (department, year): the last number given. A BEFORE INSERT trigger
 *                              on applications takes the next one with INSERT … ON CONFLICT DO UPDATE … RETURNING
 *                              in the inserting transaction, so two submissions racing each wait on the row and
 *                              never share a number (and a rolled-back submission gives its number back)
 *   applications.number        unique; existing applications are numbered here in order of submission
 * Frozen in time: never import application code here.
 */
const SHORT_NAMES: [code: string, shortName: string][] = [
  ['fgw', '发改'],
  ['jxw', '经信'],
  ['kjj', '科技'],
  ['czj', '财政'],
  ['rsj', '人社'],
  ['sww', '商务'],
  ['scjgj', '市场监管'],
  ['sw', '税务'],
  ['nyncw', '农业农村'],
  ['zjw', '住建'],
  ['whlyw', '文旅'],
  ['tjj', '统计'],
  ['jrb', '金融'],
  ['sthjj', '生态环境'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table organizations add column short_name text check (short_name is null or (length(short_name) between 1 and 20 and short_name !~ '[[:space:]]'))`.execute(db);
  for (const [code, shortName] of SHORT_NAMES) {
    await sql`update organizations set short_name = ${shortName} where type = 'department' and code = ${code}`.execute(db);
  }

  await sql`
    create table application_counters (
      org_id integer not null references organizations(id),
      year integer not null check (year between 2000 and 9999),
      last integer not null check (last >= 0),
      primary key (org_id, year)
    )`.execute(db);

  await sql`alter table applications add column number text`.execute(db);
  await sql`
    create function application_number_format(prefix text, year integer, seq integer) returns text language sql immutable as $$
      select prefix || '申〔' || year::text || '〕' || case when seq < 10000 then lpad(seq::text, 4, '0') else seq::text end || '号'
    $$`.execute(db);

  // Existing applications, in order of submission per department and county year.
  await sql`
    with numbered as (
      select a.id, p.department_org_id as org_id, coalesce(o.short_name, o.name) as prefix,
             extract(year from (a.submitted_at at time zone 'Asia/Shanghai'))::integer as year,
             row_number() over (partition by p.department_org_id, extract(year from (a.submitted_at at time zone 'Asia/Shanghai'))
                                order by a.submitted_at, a.id)::integer as seq
      from applications a join policies p on p.id = a.policy_id join organizations o on o.id = p.department_org_id
    )
    update applications set number = application_number_format(n.prefix, n.year, n.seq) from numbered n where n.id = applications.id`.execute(db);
  await sql`
    insert into application_counters (org_id, year, last)
    select p.department_org_id, extract(year from (a.submitted_at at time zone 'Asia/Shanghai'))::integer, count(*)::integer
    from applications a join policies p on p.id = a.policy_id
    group by 1, 2`.execute(db);

  await sql`
    create function application_assign_number() returns trigger language plpgsql as $$
    declare
      v_org integer;
      v_prefix text;
      v_year integer;
      v_seq integer;
    begin
      if new.number is not null then
        return new;
      end if;
      select p.department_org_id, coalesce(o.short_name, o.name) into v_org, v_prefix
        from policies p join organizations o on o.id = p.department_org_id where p.id = new.policy_id;
      v_year := extract(year from (coalesce(new.submitted_at, now()) at time zone 'Asia/Shanghai'))::integer;
      insert into application_counters as c (org_id, year, last) values (v_org, v_year, 1)
        on conflict (org_id, year) do update set last = c.last + 1
        returning c.last into v_seq;
      new.number := application_number_format(v_prefix, v_year, v_seq);
      return new;
    end $$`.execute(db);
  await sql`create trigger applications_number before insert on applications for each row execute function application_assign_number()`.execute(db);
  await sql`alter table applications alter column number set not null`.execute(db);
  await sql`create unique index applications_number on applications (number)`.execute(db);
  // Numbers are looked up by their sequence part too ("0012"): a trigram-free prefix/suffix search is enough.
  await sql`create index applications_number_pattern on applications (number text_pattern_ops)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger applications_number on applications`.execute(db);
  await sql`drop function application_assign_number()`.execute(db);
  await sql`alter table applications drop column number`.execute(db);
  await sql`drop function application_number_format(text, integer, integer)`.execute(db);
  await sql`drop table application_counters`.execute(db);
  await sql`alter table organizations drop column short_name`.execute(db);
}
