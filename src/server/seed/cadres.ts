import type { Kysely } from 'kysely';
import type { Prng } from '../../core/random/prng.ts';
import type { DB } from '../db/schema.ts';
import { personName } from './names.ts';

/**
 * The 1,019 cadres of 千人联千企 (dianjiang.md): county leaders, department heads and their deputies,
 * section chiefs, town and street leaders, and cadres stationed in villages. Each belongs to one of the
 * departments; those who work in a town or street carry its code.
 */

export const CADRE_COUNT = 1_019;

/** Positions, with how many of the 1,019 hold each and whether they work in a town. */
export const CADRE_POSITIONS = [
  { position: '县领导', count: 31, inTown: false },
  { position: '部门主要负责人', count: 56, inTown: false },
  { position: '部门副职', count: 168, inTown: false },
  { position: '科室负责人', count: 330, inTown: false },
  { position: '镇街党政正职', count: 52, inTown: true },
  { position: '镇街副职', count: 182, inTown: true },
  { position: '驻村干部', count: 200, inTown: true },
] as const;

/** The demo account's position: a section chief who can be linked to enterprises anywhere in the county. */
const DEMO_CADRE_POSITION = '科室负责人';

if (CADRE_POSITIONS.reduce((sum, p) => sum + p.count, 0) !== CADRE_COUNT) throw new Error('cadre positions must add up to 1,019');

export interface SeedCadresOptions {
  departmentOrgIds: number[];
  townCodes: string[];
  demoCadreUserId: number;
  demoCadreOrgId: number;
}

/**
 * Inserts exactly 1,019 cadres in one statement; the first is the demo account (its user and org).
 * Names are unique within the roster. Town cadres are spread over the towns evenly (two leaders per
 * town and street first), department cadres over the departments.
 */
export async function seedCadres(db: Kysely<DB>, rng: Prng, options: SeedCadresOptions): Promise<void> {
  const { departmentOrgIds, townCodes } = options;
  if (departmentOrgIds.length === 0) throw new Error('seedCadres needs at least one department');
  if (townCodes.length === 0) throw new Error('seedCadres needs at least one town');

  const names = new Set<string>();
  const uniqueName = (): string => {
    for (;;) {
      const name = personName(rng);
      if (!names.has(name)) {
        names.add(name);
        return name;
      }
    }
  };

  const rows: { name: string; position: string; org_id: number; town_code: string | null; user_id: number | null }[] = [
    { name: uniqueName(), position: DEMO_CADRE_POSITION, org_id: options.demoCadreOrgId, town_code: null, user_id: options.demoCadreUserId },
  ];
  let departmentTurn = rng.int(0, departmentOrgIds.length - 1);
  let townTurn = 0;
  for (const { position, count, inTown } of CADRE_POSITIONS) {
    const n = position === DEMO_CADRE_POSITION ? count - 1 : count;
    for (let i = 0; i < n; i++) {
      // Department heads go round the departments in turn; others are drawn, so big departments vary.
      const orgId = position === '县领导' || position === '部门主要负责人' || inTown
        ? departmentOrgIds[departmentTurn++ % departmentOrgIds.length]
        : rng.pick(departmentOrgIds);
      const townCode = inTown ? townCodes[townTurn++ % townCodes.length] : null;
      rows.push({ name: uniqueName(), position, org_id: orgId, town_code: townCode, user_id: null });
    }
  }
  await db.insertInto('cadres').values(rows).execute();
}
