/**
 * The demo county's risk-compensation pools and policy-loan programme (runs after the loans seed):
 *   - 垫易贷风险补偿资金池: 3000万 of county capital, 1:10, losses shared 30/70 bank/government, covering the
 *     county's 垫易贷 product; its loans registered (repaid ones released), two claims on defaulted loans —
 *     one paid through the payments core (maker–checker) with a recovery flowing back, one awaiting approval;
 *   - 抗疫贷风险补偿资金池: 1000万 county + 5000万 national capital at 1:10 = 6亿 of capacity;
 *   - the 抗疫贷 programme over that pool: its whitelist generated from its rule by the same engine as the
 *     API, a few entries removed on review with reasons, 46 pushed (fewer when the county is small), and
 *     the conversion of the reference county: 40 applied, 37 approved, 35 lent 3200万 in total.
 * Deterministic from the PRNG; set-based inserts; every ledger figure comes from entries.
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import { repaymentSchedule } from '../../core/loans/schedule.ts';
import { contributionEntries, payoutEntries, recoverySplit, splitByShares, type CapitalSource } from '../../core/ledger/pool.ts';
import type { LedgerEntry } from '../../core/ledger/ledger.ts';
import { addCalendarDays } from '../../core/sla/calendar.ts';
import type { Prng } from '../../core/random/prng.ts';
import { FEN_PER_WAN } from '../../core/money/money.ts';
import type { RuleNode } from '../../core/rules/index.ts';
import type { DB } from '../db/schema.ts';
import { DEMO_PASSWORD, hashPassword } from '../modules/auth/index.ts';
import { generateWhitelist } from '../modules/loan-programs/index.ts';
import { DIANYIDAI_CODE } from '../modules/loans/index.ts';
import { seedPolicyDocument } from './policies.ts';

const WAN = FEN_PER_WAN;
const SHARES = { bankShareBp: 3000, governmentShareBp: 7000 };

/** 抗疫贷: small and micro firms of the sectors the epidemic hit hardest, in good tax standing, keeping ≥ 10 insured jobs, not dishonest (about 55 firms of the 2,000-enterprise demo county). */
export const KANGYIDAI_RULE: RuleNode = {
  clause: '抗疫贷支持对象',
  all: [
    { clause: '受疫情影响较大的批发零售、交通运输、住宿餐饮、文化旅游行业', industry: { sections: ['F', 'G', 'H', 'R'] } },
    { clause: '小微企业', value: { fact: 'size_class', period: { yearsAgo: 1 } }, in: ['small', 'micro'] },
    { clause: '纳税信用A级或B级', value: { fact: 'tax_credit_grade', period: { yearsAgo: 1 } }, in: ['A', 'B'] },
    { clause: '参保职工10人以上（稳岗）', left: { fact: 'insured_employees', period: { yearsAgo: 1 } }, op: '>=', right: { people: 10 } },
    { clause: '未被列入失信被执行人名单', value: { fact: 'dishonest_debtor', period: { latest: true, maxAgo: 1 } }, is: false },
  ],
} as RuleNode;

const REMOVAL_REASONS = ['存在欠税记录，待补缴后再推送', '企业已申请注销', '经核实主营业务不属于受疫情影响行业', '存在未结清的逾期贷款'];

const at = (date: string, hour = 10) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);

export interface FinancePoolsResult {
  pools: number;
  registrations: number;
  claims: number;
  whitelist: number;
  pushed: number;
  lent: number;
  lentFen: number;
}

/** Two staff of the finance office: a maker and a checker of payouts (created when the loans seed has fewer). */
async function financeStaff(db: Kysely<DB>, officeId: number): Promise<[number, number]> {
  const staff = await db.selectFrom('users').where('org_id', '=', officeId).where(sql<boolean>`roles @> array['department_staff']::text[]`).select(['id', 'username']).orderBy('id').execute();
  const hash = staff.length < 2 ? await hashPassword(DEMO_PASSWORD) : '';
  const names = [
    { username: 'finance', display_name: '金融办科员' },
    { username: 'finance2', display_name: '金融办复核员' },
  ].filter((n) => !staff.some((s) => s.username === n.username));
  while (staff.length < 2) {
    const next = names.shift()!;
    const row = await db.insertInto('users').values({ ...next, org_id: officeId, password_hash: hash, roles: ['department_staff'] }).returning(['id', 'username']).executeTakeFirstOrThrow();
    staff.push(row);
  }
  return [staff[0].id, staff[1].id];
}

async function appendLedger(db: Kysely<DB>, poolId: number, rows: { entry: LedgerEntry; kind: 'contribution' | 'payout' | 'recovery'; refType: 'contribution' | 'claim' | 'recovery'; refId: number; memo: string; postedBy: number | null; postedAt: Date }[]) {
  if (rows.length === 0) return;
  const codes = [...new Set(rows.flatMap((r) => [r.entry.debit, r.entry.credit]))];
  await db.insertInto('ledger_accounts').values(codes.map((code) => ({ pool_id: poolId, code }))).onConflict((oc) => oc.columns(['pool_id', 'code']).doNothing()).execute();
  const accounts = await db.selectFrom('ledger_accounts').where('pool_id', '=', poolId).select(['id', 'code']).execute();
  const idOf = new Map(accounts.map((a) => [a.code, a.id]));
  await db
    .insertInto('ledger_entries')
    .values(
      rows.map((r) => ({
        pool_id: poolId,
        debit_account_id: idOf.get(r.entry.debit)!,
        credit_account_id: idOf.get(r.entry.credit)!,
        amount_fen: r.entry.amountFen,
        kind: r.kind,
        ref_type: r.refType,
        ref_id: r.refId,
        memo: r.memo,
        posted_by: r.postedBy,
        posted_at: r.postedAt,
      })),
    )
    .execute();
}

async function createPool(
  db: Kysely<DB>,
  pool: { code: string; name: string; description: string; officeId: number; policyId: number; bankOrgIds: number[]; productIds: number[]; createdBy: number; createdAt: Date },
  contributions: { source: CapitalSource; amountFen: number; on: string; reference: string }[],
): Promise<number> {
  const { id } = await db
    .insertInto('risk_pools')
    .values({ code: pool.code, name: pool.name, description: pool.description, department_org_id: pool.officeId, policy_id: pool.policyId, leverage: 10, bank_share_bp: SHARES.bankShareBp, government_share_bp: SHARES.governmentShareBp, created_by: pool.createdBy, created_at: pool.createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (pool.bankOrgIds.length) await db.insertInto('risk_pool_banks').values(pool.bankOrgIds.map((bank_org_id) => ({ pool_id: id, bank_org_id }))).execute();
  if (pool.productIds.length) await db.insertInto('risk_pool_products').values(pool.productIds.map((product_id) => ({ pool_id: id, product_id }))).execute();
  const rows = await db
    .insertInto('risk_pool_contributions')
    .values(contributions.map((c) => ({ pool_id: id, source: c.source, amount_fen: c.amountFen, contributed_on: c.on, reference: c.reference, note: '', created_by: pool.createdBy })))
    .returning(['id', 'source', 'amount_fen', 'contributed_on', 'reference'])
    .execute();
  await appendLedger(
    db,
    id,
    rows.map((r) => ({ entry: contributionEntries(r.source as CapitalSource, r.amount_fen)[0], kind: 'contribution', refType: 'contribution', refId: r.id, memo: `${r.source} ${r.reference}`, postedBy: pool.createdBy, postedAt: at(r.contributed_on) })),
  );
  return id;
}

export async function seedFinancePools(db: Kysely<DB>, rng: Prng, options: { referenceDate: string }): Promise<FinancePoolsResult> {
  const today = options.referenceDate;
  const year = Number(today.slice(0, 4));
  const result: FinancePoolsResult = { pools: 0, registrations: 0, claims: 0, whitelist: 0, pushed: 0, lent: 0, lentFen: 0 };
  const office = await db.selectFrom('organizations').where('code', '=', 'jrb').select('id').executeTakeFirst();
  if (!office) return result;
  const [maker, checker] = await financeStaff(db, office.id);
  const banks = new Map((await db.selectFrom('organizations').where('type', '=', 'bank').select(['id', 'code']).execute()).map((b) => [b.code!, b.id]));

  // The policy document the pools pay under (the finance office's own; closed: nobody applies for it).
  const policyId = await seedPolicyDocument(db, {
    departmentOrgId: office.id,
    code: `JRB-FXBC-${year - 3}`,
    createdBy: maker,
    referenceDate: `${year - 3}-01-01`,
    status: 'closed',
    version: {
      title: '垫江县中小微企业贷款风险补偿资金管理办法',
      documentNo: `垫金融办发〔${year - 3}〕5号`,
      summary: '设立县级中小微企业贷款风险补偿资金池，对合作银行发放的符合条件贷款形成的损失，按银行30%、政府70%的比例分担；资金池按1:10放大撬动银行信贷。',
      sourceText:
        '第五条 风险补偿资金池按1:10的比例放大，由合作银行向符合条件的中小微企业发放贷款。第九条 纳入资金池的贷款形成不良的，银行可申请风险补偿，损失由合作银行承担30%、风险补偿资金承担70%。第十一条 补偿后银行收回的款项，按原分担比例退回风险补偿资金池。',
      interpretation: '### 政策解读\n- **谁受益**：合作银行向县内中小微企业发放的、登记纳入资金池的贷款。\n- **怎么分担**：贷款损失由银行与政府按30%/70%分担。\n- **回收怎么办**：补偿后收回的款项按同一比例退回资金池。',
      qa: [{ q: '企业可以直接申请风险补偿吗？', a: '不可以。风险补偿由合作银行在贷款形成不良后向县金融办申请，企业向合作银行申请贷款即可。' }],
      validFrom: `${year - 3}-01-01`,
      validUntil: null,
      applyFrom: null,
      applyUntil: null,
      tags: ['金融', '风险补偿'],
      // Who the covered loans are for: the county's small and medium-sized firms (the pool pays banks, not them).
      rule: { clause: '县内中小微企业', value: { fact: 'size_class', period: { yearsAgo: 1 } }, in: ['medium', 'small', 'micro'] } as RuleNode,
      benefit: { amount: { fixed: { wan: 0 } } },
      golden: [],
    },
  });

  // ---- 垫易贷 pool ---------------------------------------------------------------------------------
  const dyd = await db.selectFrom('loan_products').where('code', '=', DIANYIDAI_CODE).select(['id', 'bank_org_id']).executeTakeFirst();
  const dydPool = await createPool(
    db,
    {
      code: 'DYD-POOL',
      name: '垫易贷风险补偿资金池',
      description: '县财政出资3000万元设立，按1:10放大为3亿元贷款额度，覆盖县级产品“垫易贷”；损失由银行与政府按30%/70%分担。',
      officeId: office.id,
      policyId,
      bankOrgIds: dyd ? [dyd.bank_org_id] : [banks.get('cqrcb')!].filter(Boolean),
      productIds: dyd ? [dyd.id] : [],
      createdBy: maker,
      createdAt: at(`${year - 3}-01-15`),
    },
    [
      { source: 'county', amountFen: 2000 * WAN, on: `${year - 3}-01-20`, reference: `垫财预〔${year - 3}〕12号` },
      { source: 'county', amountFen: 1000 * WAN, on: `${year - 2}-02-18`, reference: `垫财预〔${year - 2}〕9号` },
    ],
  );
  result.pools++;

  if (dyd) {
    // Every loan of the product, oldest first, registered while capacity lasts.
    const loans = await db
      .selectFrom('loans')
      .where('product_id', '=', dyd.id)
      .select(['id', 'enterprise_id', 'bank_org_id', 'principal_fen', 'outstanding_principal_fen', 'status', 'disbursed_on', 'closed_on', 'maturity_on', 'defaulted_on', 'default_amount_fen'])
      .orderBy('disbursed_on')
      .orderBy('id')
      .execute();
    const capacity = 3000 * WAN * 10;
    let covered = 0;
    const registrations: Insertable<DB['risk_pool_registrations']>[] & { loan_id: number; status: 'active' | 'released' }[] = [];
    for (const loan of loans) {
      const released = loan.status === 'repaid';
      const amount = released ? loan.principal_fen : Math.max(loan.outstanding_principal_fen, loan.default_amount_fen ?? 0);
      if (amount <= 0) continue;
      if (!released && covered + amount > capacity) continue;
      if (!released) covered += amount;
      registrations.push({
        pool_id: dydPool,
        loan_id: loan.id,
        bank_org_id: loan.bank_org_id,
        enterprise_id: loan.enterprise_id,
        covered_fen: amount,
        status: released ? ('released' as const) : ('active' as const),
        registered_by: null,
        registered_at: at(addCalendarDays(loan.disbursed_on, 2)),
        released_at: released ? at(loan.closed_on ?? loan.maturity_on) : null,
      });
    }
    for (let i = 0; i < registrations.length; i += 1000) {
      await db.insertInto('risk_pool_registrations').values(registrations.slice(i, i + 1000)).execute();
    }
    result.registrations += registrations.length;

    // Claims on two defaulted loans: the older one paid (with a recovery flowing back), the newer one
    // awaiting approval. Recoveries are recorded on the loan, as banks do: those before the payout lower the
    // net loss the claim asks (deducted), those after it flow back in the shares (shared).
    const defaulted = loans.filter((l) => l.defaulted_on !== null && registrations.some((r) => r.loan_id === l.id && r.status === 'active')).sort((a, b) => a.defaulted_on!.localeCompare(b.defaulted_on!));
    const claimed = [defaulted[0], defaulted[defaulted.length - 1]].filter((l, i, all) => l && all.indexOf(l) === i);
    for (const [index, loan] of claimed.entries()) {
      const registration = await db.selectFrom('risk_pool_registrations').where('loan_id', '=', loan.id).select(['id', 'covered_fen']).executeTakeFirstOrThrow();
      const loss = Math.min(registration.covered_fen, loan.default_amount_fen ?? loan.outstanding_principal_fen);
      const paid = index === 0;
      const filedOn = addCalendarDays(loan.defaulted_on!, 20);
      const paidOn = addCalendarDays(filedOn, 25);
      const recoveries = await db.selectFrom('loan_repayments').where('loan_id', '=', loan.id).where('kind', '=', 'recovery').select(['id', 'amount_fen', 'paid_on']).orderBy('id').execute();
      if (paid && recoveries.length === 0) {
        // A fifth of the loss recovered after the payout (court auction), recorded on the loan.
        const amount = Math.round(loss / 5 / 100) * 100;
        const on = addCalendarDays(paidOn, 60) < today ? addCalendarDays(paidOn, 60) : today;
        const row = await db.insertInto('loan_repayments').values({ loan_id: loan.id, kind: 'recovery', paid_on: on, amount_fen: amount, principal_fen: amount, interest_fen: 0, note: '法院执行拍卖借款人设备所得', recorded_by: null }).returning(['id', 'amount_fen', 'paid_on']).executeTakeFirstOrThrow();
        await db.updateTable('loans').set({ recovered_fen: amount }).where('id', '=', loan.id).execute();
        recoveries.push(row);
      }
      const isShared = (r: { paid_on: string }) => paid && r.paid_on >= paidOn;
      const deducted = recoveries.filter((r) => !isShared(r)).reduce((sum, r) => sum + r.amount_fen, 0);
      const claimedFen = loss - deducted;
      if (claimedFen <= 0) continue;
      const split = splitByShares(claimedFen, SHARES);
      const { id: claimId } = await db
        .insertInto('risk_pool_claims')
        .values({
          pool_id: dydPool,
          registration_id: registration.id,
          loan_id: loan.id,
          bank_org_id: loan.bank_org_id,
          enterprise_id: loan.enterprise_id,
          loss_fen: loss,
          deducted_fen: deducted,
          claimed_fen: claimedFen,
          bank_share_fen: split.bankFen,
          government_share_fen: split.governmentFen,
          status: paid ? 'paid' : 'filed',
          note: paid ? '借款企业停产，经诉讼执行无可供执行财产，申请风险补偿。' : '借款企业经营困难、逾期超过90天，已进入诉讼程序，申请风险补偿。',
          filed_at: at(filedOn),
          decided_by: paid ? maker : null,
          decided_at: paid ? at(addCalendarDays(filedOn, 10)) : null,
          paid_at: paid ? at(paidOn, 15) : null,
          filed_by: null,
          reject_reason: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      result.claims++;
      for (const r of recoveries.filter((x) => !isShared(x))) {
        const share = splitByShares(r.amount_fen, SHARES);
        await db.insertInto('risk_pool_recoveries').values({ claim_id: claimId, stage: 'deducted', amount_fen: r.amount_fen, bank_share_fen: share.bankFen, government_share_fen: share.governmentFen, recovered_on: r.paid_on, note: '补偿拨付前回收，从损失中扣除', loan_repayment_id: r.id, recorded_by: null }).execute();
      }
      if (!paid) continue;
      await db.insertInto('disbursements').values({ policy_id: policyId, enterprise_id: loan.enterprise_id, target_kind: 'risk_pool_claim', target_id: claimId, amount_fen: split.governmentFen, status: 'paid', prepared_by: maker, prepared_at: at(addCalendarDays(filedOn, 10)), approved_by: checker, paid_at: at(paidOn, 15), payment_ref: `GK${paidOn.replaceAll('-', '')}01`, cancelled_by: null, cancelled_at: null, cancel_reason: null }).execute();
      await db.updateTable('risk_pool_registrations').set({ status: 'claimed' }).where('id', '=', registration.id).execute();
      const payout = payoutEntries(Number.MAX_SAFE_INTEGER, split.governmentFen);
      await appendLedger(db, dydPool, payout.map((entry) => ({ entry, kind: 'payout', refType: 'claim', refId: claimId, memo: `GK${paidOn.replaceAll('-', '')}01`, postedBy: checker, postedAt: at(paidOn, 15) })));
      // Recoveries after the payout: back in the same shares (cumulatively), the government's part to the pool.
      let recoveredFen = 0;
      let governmentRecoveredFen = 0;
      for (const r of recoveries.filter(isShared)) {
        const amount = Math.min(r.amount_fen, claimedFen - recoveredFen);
        if (amount <= 0) break;
        const back = recoverySplit({ claimedFen, recoveredBeforeFen: recoveredFen, shares: SHARES }, amount);
        const { id: recoveryId } = await db.insertInto('risk_pool_recoveries').values({ claim_id: claimId, stage: 'shared', amount_fen: amount, bank_share_fen: back.bankFen, government_share_fen: back.governmentFen, recovered_on: r.paid_on, note: '贷款回收（银行在贷款上登记）', loan_repayment_id: r.id, recorded_by: null }).returning('id').executeTakeFirstOrThrow();
        await appendLedger(db, dydPool, back.entries.map((entry) => ({ entry, kind: 'recovery', refType: 'recovery', refId: recoveryId, memo: `claim #${claimId}`, postedBy: null, postedAt: at(r.paid_on) })));
        recoveredFen += amount;
        governmentRecoveredFen += back.governmentFen;
      }
      await db.updateTable('risk_pool_claims').set({ recovered_fen: recoveredFen, government_recovered_fen: governmentRecoveredFen }).where('id', '=', claimId).execute();
    }
  }

  // ---- 抗疫贷 pool and programme ----------------------------------------------------------------------
  const memberCodes = ['cqrcb', 'abc', 'ccb', 'psbc', 'cqcb'].filter((code) => banks.has(code));
  const memberBanks = memberCodes.map((code) => banks.get(code)!);
  const products = memberBanks.length
    ? await db
        .selectFrom('loan_products as p')
        .innerJoin('loan_product_versions as v', (j) => j.onRef('v.product_id', '=', 'p.id').on('v.status', '=', 'published'))
        .where('p.bank_org_id', 'in', memberBanks)
        .where('v.product_type', 'in', ['credit', 'policy'])
        .where('p.code', '<>', DIANYIDAI_CODE)
        .select(['p.id', 'p.bank_org_id', 'v.amount_min_fen', 'v.amount_max_fen'])
        .orderBy('p.id')
        .execute()
    : [];
  // One product per member bank.
  const programProducts = memberBanks.map((bank) => products.find((p) => p.bank_org_id === bank)).filter((p) => p !== undefined);
  const kydPool = await createPool(
    db,
    {
      code: 'KYD-POOL',
      name: '抗疫贷风险补偿资金池',
      description: '县财政风险补偿资金1000万元与国家专项激励资金5000万元，按1:10放大形成6亿元贷款额度，支持缺乏抵押的受疫情影响小微企业。',
      officeId: office.id,
      policyId,
      bankOrgIds: memberBanks,
      productIds: programProducts.map((p) => p.id),
      createdBy: maker,
      createdAt: at(addCalendarDays(today, -240)),
    },
    [
      { source: 'county', amountFen: 1000 * WAN, on: addCalendarDays(today, -235), reference: `垫财预〔${year}〕3号` },
      { source: 'national', amountFen: 5000 * WAN, on: addCalendarDays(today, -225), reference: '财金〔专项激励〕' },
    ],
  );
  result.pools++;
  if (programProducts.length === 0) return result;

  const pushedOn = addCalendarDays(today, -200);
  const { id: programId } = await db
    .insertInto('loan_programs')
    .values({
      code: 'KANGYIDAI',
      name: '抗疫贷',
      description: '面向受疫情影响较大的批发零售、交通运输、住宿餐饮、文化旅游行业小微企业的纯信用政策性贷款。由金融办按条件生成白名单推送合作银行，贷款纳入抗疫贷风险补偿资金池。',
      department_org_id: office.id,
      rule: JSON.stringify(KANGYIDAI_RULE),
      quota_fen: 60_000 * WAN,
      pool_id: kydPool,
      created_by: maker,
      created_at: at(addCalendarDays(pushedOn, -14)),
      generation_error: null,
      pushed_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('loan_program_banks').values(memberBanks.map((bank_org_id) => ({ program_id: programId, bank_org_id }))).execute();
  await db.insertInto('loan_program_products').values(programProducts.map((p) => ({ program_id: programId, product_id: p.id }))).execute();

  // The whitelist from the rule, by the same engine as the API's job.
  await generateWhitelist(db, programId, { evaluationDate: pushedOn, now: at(addCalendarDays(pushedOn, -7)) });
  const entries = (await db.selectFrom('loan_program_whitelist').where('program_id', '=', programId).select(['id', 'enterprise_id']).orderBy('enterprise_id').execute()).map((e) => ({ ...e, key: rng.next() }));
  entries.sort((a, b) => a.key - b.key);
  result.whitelist = entries.length;
  const pushedEntries = entries.slice(0, Math.min(46, entries.length));
  const removedEntries = entries.slice(pushedEntries.length, pushedEntries.length + REMOVAL_REASONS.length);
  for (const [i, entry] of removedEntries.entries()) {
    await db.updateTable('loan_program_whitelist').set({ status: 'removed', removed_reason: REMOVAL_REASONS[i], removed_by: maker, removed_at: at(addCalendarDays(pushedOn, -2)) }).where('id', '=', entry.id).execute();
  }
  if (pushedEntries.length) {
    await db.updateTable('loan_program_whitelist').set({ status: 'pushed', pushed_at: at(pushedOn) }).where('id', 'in', pushedEntries.map((e) => e.id)).execute();
  }
  await db.updateTable('loan_programs').set({ status: 'pushed', pushed_at: at(pushedOn), pushed_by: maker }).where('id', '=', programId).execute();
  result.pushed = pushedEntries.length;

  // Conversion as in the reference county: of 46 pushed, 40 applied, 37 approved, 35 lent 3200万.
  const open = new Set(
    (await db.selectFrom('loan_applications').where('status', 'in', ['submitted', 'in_review', 'approved', 'contracted']).select('enterprise_id').execute()).map((r) => r.enterprise_id),
  );
  const candidates = pushedEntries.filter((e) => !open.has(e.enterprise_id));
  // A small county has fewer firms on the list: the same funnel, cut at what there is.
  const applied = candidates.slice(0, 40);
  const lentCount = Math.min(35, applied.length);
  const approvedCount = Math.min(37, applied.length);
  const weights = applied.slice(0, lentCount).map(() => rng.int(40, 160));
  const totalWan = Math.round((3200 * lentCount) / 35);
  const sum = weights.reduce((a, b) => a + b, 0);
  const amountsWan = weights.map((w) => Math.max(10, Math.round((totalWan * w) / sum / 5) * 5));
  if (amountsWan.length) amountsWan[amountsWan.length - 1] += totalWan - amountsWan.reduce((a, b) => a + b, 0);
  const earlier = new Set(
    applied.length
      ? (await db.selectFrom('loans').where('enterprise_id', 'in', applied.map((e) => e.enterprise_id)).where('disbursed_on', '<', pushedOn).select('enterprise_id').execute()).map((r) => r.enterprise_id)
      : [],
  );
  for (const [i, entry] of applied.entries()) {
    const product = programProducts[i % programProducts.length];
    const submittedOn = addCalendarDays(pushedOn, rng.int(3, 110));
    const decidedOn = addCalendarDays(submittedOn, rng.int(2, 9));
    const status = i < lentCount ? 'disbursed' : i < approvedCount ? 'approved' : 'refused';
    const amountFen = (i < lentCount ? amountsWan[i] : rng.int(3, 10) * 10) * WAN;
    const contractedOn = addCalendarDays(decidedOn, rng.int(1, 3));
    const disbursedOn = addCalendarDays(contractedOn, rng.int(1, 4));
    const { id: applicationId } = await db
      .insertInto('loan_applications')
      .values({
        product_id: product.id,
        product_version_id: (await db.selectFrom('loan_product_versions').where('product_id', '=', product.id).where('status', '=', 'published').select('id').executeTakeFirstOrThrow()).id,
        enterprise_id: entry.enterprise_id,
        bank_org_id: product.bank_org_id,
        consent_id: null,
        status,
        amount_fen: amountFen,
        term_months: 12,
        repayment_method: 'bullet',
        purpose: '抗疫期间流动资金周转（原材料采购、工资发放）',
        due_at: at(addCalendarDays(submittedOn, 14), 17),
        submitted_at: at(submittedOn),
        decided_at: at(decidedOn, 15),
        approved_amount_fen: status === 'refused' ? null : amountFen,
        approved_rate_bp: status === 'refused' ? null : 385,
        approved_term_months: status === 'refused' ? null : 12,
        refusal_code: status === 'refused' ? 'weak_cash_flow' : null,
        refusal_text: status === 'refused' ? '近三个月经营流水不足以覆盖还款' : null,
        contract_no: status === 'disbursed' ? `KYD-${year}-${String(i + 1).padStart(3, '0')}` : null,
        contracted_on: status === 'disbursed' ? contractedOn : null,
        submitted_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const events: { action: string; from: string | null; to: string; on: string }[] = [
      { action: 'submit', from: null, to: 'submitted', on: submittedOn },
      { action: status === 'refused' ? 'refuse' : 'approve', from: 'submitted', to: status === 'refused' ? 'refused' : 'approved', on: decidedOn },
      ...(status === 'disbursed' ? [{ action: 'contract', from: 'approved', to: 'contracted', on: contractedOn }] : []),
    ];
    let loanId: number | null = null;
    if (status === 'disbursed') {
      const schedule = repaymentSchedule({ principalFen: amountFen, rateBp: 385, termMonths: 12, method: 'bullet', disbursedOn });
      const loan = await db
        .insertInto('loans')
        .values({
          application_id: applicationId,
          product_id: product.id,
          enterprise_id: entry.enterprise_id,
          bank_org_id: product.bank_org_id,
          principal_fen: amountFen,
          rate_bp: 385,
          term_months: 12,
          repayment_method: 'bullet',
          disbursed_on: disbursedOn,
          maturity_on: schedule[schedule.length - 1].dueOn,
          status: 'active',
          outstanding_principal_fen: amountFen,
          is_first_loan: !earlier.has(entry.enterprise_id),
          overdue_since: null,
          defaulted_on: null,
          default_amount_fen: null,
          closed_on: null,
          reference: null,
          disbursed_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      loanId = loan.id;
      await db.insertInto('loan_installments').values(schedule.map((s) => ({ loan_id: loan.id, seq: s.seq, due_on: s.dueOn, principal_fen: s.principalFen, interest_fen: s.interestFen, settled_on: null }))).execute();
      events.push({ action: 'disburse', from: 'contracted', to: 'disbursed', on: disbursedOn });
      await db.insertInto('risk_pool_registrations').values({ pool_id: kydPool, loan_id: loan.id, bank_org_id: product.bank_org_id, enterprise_id: entry.enterprise_id, covered_fen: amountFen, status: 'active', registered_by: null, registered_at: at(addCalendarDays(disbursedOn, 1)) }).execute();
      result.registrations++;
      result.lent++;
      result.lentFen += amountFen;
    }
    await db
      .insertInto('loan_events')
      .values(events.map((e) => ({ application_id: applicationId, loan_id: e.action === 'disburse' ? loanId : null, at: at(e.on, 11), actor_user_id: null, action: e.action, from_status: e.from, to_status: e.to, note: null, details: JSON.stringify({ programme: 'KANGYIDAI' }) })))
      .execute();
  }
  return result;
}
