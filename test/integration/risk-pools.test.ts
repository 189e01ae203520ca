import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEN_PER_WAN } from '../../src/core/money/money.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { publish } from '../../src/server/events/index.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { createManufacturer, signIn } from '../factories/enterprises.ts';
import { createPolicy } from '../factories/policies.ts';
import { createBank, createLoanRecord, createProduct, defaultLoan, financeOfficeOrg, signInFinanceOffice } from '../factories/risk-pools.ts';

const WAN = FEN_PER_WAN;
type Client = Awaited<ReturnType<typeof signIn>>;

let t: TestApp;
let db: Kysely<DB>;
let maker: Client;
let checker: Client;
let bank1: Client;
let bank2: Client;
let bank1Id: number;
let bank2Id: number;
let product1: number;
let product2: number;
let policyId: number;
let poolId: number;

async function loanOf(bankProduct: number, principalWan: number): Promise<number> {
  const enterprise = await createManufacturer(db, 3000);
  const { loanId } = await createLoanRecord(db, { productId: bankProduct, enterpriseId: enterprise.id, status: 'disbursed', amountFen: principalWan * WAN, loan: { disbursedOn: '2026-03-01' } });
  return loanId!;
}

const figures = async () => (await maker.get(`/api/finance/risk-pools/${poolId}`)).json().figures;

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.db;
  await financeOfficeOrg(db);
  maker = await signInFinanceOffice(t.app);
  checker = await signInFinanceOffice(t.app);
  bank1Id = await createBank(db, '重庆农村商业银行垫江支行');
  bank2Id = await createBank(db, '中国建设银行垫江支行');
  bank1 = await signIn(t.app, ['bank_staff'], bank1Id);
  bank2 = await signIn(t.app, ['bank_staff'], bank2Id);
  product1 = await createProduct(db, bank1Id, { code: 'DIANYIDAI', name: '垫易贷' });
  product2 = await createProduct(db, bank2Id);
  policyId = (await createPolicy(t.app, { author: maker, body: { title: '垫江县中小微企业贷款风险补偿资金管理办法' } })).id;
});

afterAll(async () => {
  await t.close();
});

describe('pools', () => {
  it('the finance office creates a pool; bad shares, non-bank members and other roles are refused', async () => {
    const body = { code: 'DYD-POOL', name: '垫易贷风险补偿资金池', policyId, leverage: 10, bankShareBp: 3000, governmentShareBp: 7000, bankOrgIds: [bank1Id, bank2Id], productIds: [product1, product2] };
    expect((await bank1.post('/api/finance/risk-pools', body)).statusCode).toBe(403);
    const badShares = await maker.post('/api/finance/risk-pools', { ...body, governmentShareBp: 6000 });
    expect(badShares.statusCode).toBe(400);
    expect(badShares.json().error.details[0].reason).toBe('invalid_shares');
    const enterpriseOrg = (await createManufacturer(db, 100)).orgId;
    expect((await maker.post('/api/finance/risk-pools', { ...body, bankOrgIds: [bank1Id, enterpriseOrg!] })).statusCode).toBe(422);
    expect(await db.selectFrom('risk_pools').select('id').execute()).toHaveLength(0);

    const created = await maker.post('/api/finance/risk-pools', body);
    expect(created.statusCode).toBe(201);
    poolId = created.json().id;
    expect(created.json()).toMatchObject({ leverage: 10, bankShareBp: 3000, governmentShareBp: 7000, figures: { capitalFen: 0, capacityFen: 0 } });
    expect((await maker.post('/api/finance/risk-pools', body)).statusCode).toBe(409);
  });

  it('capital by source on the ledger; capacity = leverage × capital', async () => {
    expect((await bank1.post(`/api/finance/risk-pools/${poolId}/contributions`, { source: 'county', amountFen: 100 * WAN, contributedOn: '2026-01-10' })).statusCode).toBe(403);
    expect((await maker.post(`/api/finance/risk-pools/${poolId}/contributions`, { source: 'county', amountFen: 0, contributedOn: '2026-01-10' })).statusCode).toBe(400);
    const res = await maker.post(`/api/finance/risk-pools/${poolId}/contributions`, { source: 'county', amountFen: 100 * WAN, contributedOn: '2026-01-10', reference: '垫财预〔2026〕1号' });
    expect(res.statusCode).toBe(201);
    expect(res.json().figures).toMatchObject({ capitalBySource: { county: 100 * WAN }, capitalFen: 100 * WAN, capacityFen: 1000 * WAN, cashFen: 100 * WAN });
    expect(res.json().balances).toEqual([
      { account: 'capital:county', balanceFen: -100 * WAN },
      { account: 'cash', balanceFen: 100 * WAN },
    ]);
  });

  it('a pool created with its initial capital by source: all in one transaction, nothing on a bad contribution', async () => {
    const body = { code: 'KYD-POOL', name: '抗疫贷风险补偿资金池', policyId, leverage: 10, bankShareBp: 3000, governmentShareBp: 7000, bankOrgIds: [bank2Id], productIds: [product2] };
    const bad = await maker.post('/api/finance/risk-pools', { ...body, contributions: [{ source: 'county', amountFen: 1000 * WAN, contributedOn: '2026-03-01' }, { source: 'moon', amountFen: 1, contributedOn: '2026-03-01' }] });
    expect(bad.statusCode).toBe(400);
    expect(await db.selectFrom('risk_pools').where('code', '=', 'KYD-POOL').select('id').execute()).toHaveLength(0);
    const created = await maker.post('/api/finance/risk-pools', { ...body, contributions: [{ source: 'county', amountFen: 1000 * WAN, contributedOn: '2026-03-01', reference: '垫财预〔2026〕3号' }, { source: 'national', amountFen: 5000 * WAN, contributedOn: '2026-03-10' }] });
    expect(created.statusCode).toBe(201);
    expect(created.json().figures).toMatchObject({ capitalBySource: { county: 1000 * WAN, national: 5000 * WAN }, capitalFen: 6000 * WAN, capacityFen: 60_000 * WAN, cashFen: 6000 * WAN });
    expect(created.json().contributions).toHaveLength(2);
  });

  it('a bank sees its pools but not the ledger; others are refused', async () => {
    const list = await bank1.get('/api/finance/risk-pools');
    expect(list.json().items.map((p: { id: number }) => p.id)).toEqual([poolId]);
    expect((await bank2.get('/api/finance/risk-pools')).json().items).toHaveLength(2);
    const detail = (await bank1.get(`/api/finance/risk-pools/${poolId}`)).json();
    expect(detail.ledger.items).toEqual([]);
    const enterprise = await signIn(t.app, ['enterprise_user'], (await createManufacturer(db, 100)).orgId!);
    expect((await enterprise.get('/api/finance/risk-pools')).statusCode).toBe(403);
    const otherBank = await signIn(t.app, ['bank_staff'], await createBank(db));
    expect((await otherBank.get(`/api/finance/risk-pools/${poolId}`)).statusCode).toBe(404);
  });
});

describe('covered loans', () => {
  let firstLoan: number;

  it('a bank registers its own loan; another bank’s loan is not found', async () => {
    firstLoan = await loanOf(product1, 300);
    expect((await bank2.post(`/api/finance/risk-pools/${poolId}/registrations`, { loanId: firstLoan })).statusCode).toBe(404);
    const res = await bank1.post(`/api/finance/risk-pools/${poolId}/registrations`, { loanId: firstLoan });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ loanId: firstLoan, coveredFen: 300 * WAN, status: 'active' });
    expect((await bank1.post(`/api/finance/risk-pools/${poolId}/registrations`, { loanId: firstLoan })).statusCode).toBe(409);
  });

  it('concurrent registrations: exactly those that fit the capacity succeed', async () => {
    // 1000万 capacity, 300万 covered: of five 300万 loans, two fit.
    const loans = await Promise.all([1, 2, 3, 4, 5].map(() => loanOf(product1, 300)));
    const results = await Promise.all(loans.map((loanId) => bank1.post(`/api/finance/risk-pools/${poolId}/registrations`, { loanId })));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 201, 422, 422, 422]);
    const refused = results.find((r) => r.statusCode === 422)!;
    expect(refused.json().error.details[0].reason).toBe('capacity_exceeded');
    const f = await figures();
    expect(f.coveredOutstandingFen).toBe(900 * WAN);
    expect(f.coveredOutstandingFen).toBeLessThanOrEqual(f.capacityFen);
    expect(f.activeLoans).toBe(3);
  });

  it('a loan beyond the remaining capacity is refused and nothing changes', async () => {
    const loanId = await loanOf(product1, 101);
    const res = await bank1.post(`/api/finance/risk-pools/${poolId}/registrations`, { loanId });
    expect(res.statusCode).toBe(422);
    expect((await figures()).coveredOutstandingFen).toBe(900 * WAN);
  });

  describe('claims', () => {
    let registrationId: number;
    let claimId: number;

    it('a claim needs a default, is at most the loss, and is one per default even when filed concurrently', async () => {
      registrationId = (await db.selectFrom('risk_pool_registrations').where('loan_id', '=', firstLoan).select('id').executeTakeFirstOrThrow()).id;
      const notDefaulted = await bank1.post(`/api/finance/risk-pools/${poolId}/claims`, { registrationId, claimedFen: 100 * WAN });
      expect(notDefaulted.statusCode).toBe(422);
      await defaultLoan(db, firstLoan, '2026-09-01', 200 * WAN);
      const tooMuch = await bank1.post(`/api/finance/risk-pools/${poolId}/claims`, { registrationId, claimedFen: 200 * WAN + 1 });
      expect(tooMuch.statusCode).toBe(422);
      expect(tooMuch.json().error.details[0].reason).toBe('claim_exceeds_loss');
      expect((await bank2.post(`/api/finance/risk-pools/${poolId}/claims`, { registrationId, claimedFen: 100 * WAN })).statusCode).toBe(404);

      const results = await Promise.all([1, 2, 3].map(() => bank1.post(`/api/finance/risk-pools/${poolId}/claims`, { registrationId, claimedFen: 200 * WAN + 1 - 1, note: '借款人停产' })));
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
      const claim = results.find((r) => r.statusCode === 201)!.json();
      claimId = claim.id;
      expect(claim).toMatchObject({ lossFen: 200 * WAN, claimedFen: 200 * WAN, bankShareFen: 60 * WAN, governmentShareFen: 140 * WAN, status: 'filed' });
      expect(await db.selectFrom('risk_pool_claims').select('id').execute()).toHaveLength(1);
      expect((await bank2.get(`/api/finance/risk-pools/claims/${claimId}`)).statusCode).toBe(404);
      expect((await bank2.get('/api/finance/risk-pools/claims')).json().total).toBe(0);
    });

    it('approval is refused while the pool’s cash cannot pay the government share (no negative balance)', async () => {
      const res = await maker.post(`/api/finance/risk-pools/claims/${claimId}/approve`);
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details[0].reason).toBe('insufficient_cash');
      expect((await maker.get(`/api/finance/risk-pools/claims/${claimId}`)).json().status).toBe('filed');
      await maker.post(`/api/finance/risk-pools/${poolId}/contributions`, { source: 'national', amountFen: 200 * WAN, contributedOn: '2026-02-01' });
    });

    it('maker–checker through the payments core: approve prepares, another person pays, the ledger records the payout', async () => {
      expect((await bank1.post(`/api/finance/risk-pools/claims/${claimId}/approve`)).statusCode).toBe(403);
      const approved = await maker.post(`/api/finance/risk-pools/claims/${claimId}/approve`);
      expect(approved.statusCode).toBe(200);
      expect(approved.json()).toMatchObject({ status: 'approved', disbursement: { status: 'prepared' } });
      expect((await maker.post(`/api/finance/risk-pools/claims/${claimId}/approve`)).statusCode).toBe(409);
      expect((await maker.post(`/api/finance/risk-pools/claims/${claimId}/pay`, { paymentRef: 'GK-001' })).statusCode).toBe(403);
      const [a, b] = await Promise.all([checker.post(`/api/finance/risk-pools/claims/${claimId}/pay`, { paymentRef: 'GK-001' }), checker.post(`/api/finance/risk-pools/claims/${claimId}/pay`, { paymentRef: 'GK-001' })]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      const paid = (await maker.get(`/api/finance/risk-pools/claims/${claimId}`)).json();
      expect(paid).toMatchObject({ status: 'paid', disbursement: { status: 'paid' } });
      const f = await figures();
      expect(f).toMatchObject({ capitalFen: 300 * WAN, cashFen: 160 * WAN, claimsPaidFen: 140 * WAN, coveredOutstandingFen: 600 * WAN });
      const payouts = await db.selectFrom('ledger_entries').where('kind', '=', 'payout').select(['amount_fen', 'ref_id']).execute();
      expect(payouts).toEqual([{ amount_fen: 140 * WAN, ref_id: claimId }]);
    });

    it('recoveries are recorded on the loan and flow back in the same shares, once; none on the claim itself', async () => {
      expect((await bank1.post(`/api/finance/risk-pools/claims/${claimId}/recoveries`, { amountFen: 10 * WAN, recoveredOn: '2026-10-01' })).statusCode).toBe(404);
      expect((await bank2.post(`/api/finance/loans/${firstLoan}/recoveries`, { amountFen: 10 * WAN, recoveredOn: '2026-10-01' })).statusCode).toBe(403);
      const res = await bank1.post(`/api/finance/loans/${firstLoan}/recoveries`, { amountFen: 100 * WAN + 1, recoveredOn: '2026-10-01', note: '处置抵债资产' });
      expect(res.statusCode).toBe(200);
      await t.app.jobs.drain();
      const recoveries = await bank1.get(`/api/finance/risk-pools/claims/${claimId}/recoveries`);
      expect(recoveries.statusCode).toBe(200);
      expect(recoveries.json().items).toMatchObject([{ stage: 'shared', amountFen: 100 * WAN + 1, bankShareFen: 30 * WAN, governmentShareFen: 70 * WAN + 1 }]);
      expect((await bank2.get(`/api/finance/risk-pools/claims/${claimId}/recoveries`)).statusCode).toBe(404);
      // The event delivered again shares nothing twice.
      const event = await db.selectFrom('domain_events').where('type', '=', 'loan.recovered').select('payload').orderBy('id', 'desc').executeTakeFirstOrThrow();
      await publish(db, 'loan.recovered', event.payload as never);
      await t.app.jobs.drain();
      expect((await maker.get(`/api/finance/risk-pools/claims/${claimId}`)).json()).toMatchObject({ recoveredFen: 100 * WAN + 1, governmentRecoveredFen: 70 * WAN + 1 });
      // More than is left of the loss is refused by the loan.
      const beyond = await bank1.post(`/api/finance/loans/${firstLoan}/recoveries`, { amountFen: 100 * WAN, recoveredOn: '2026-10-02' });
      expect(beyond.statusCode).toBe(422);
      const f = await figures();
      expect(f).toMatchObject({ cashFen: 230 * WAN + 1, recoveredFen: 70 * WAN + 1 });
    });

    it('the ledger is append-only and every step is audited', async () => {
      await expect(sql`update ledger_entries set amount_fen = 1`.execute(db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from ledger_entries`.execute(db)).rejects.toThrow(/append-only/);
      const actions = (await db.selectFrom('audit_log').where('action', 'like', 'risk_pool.%').select('action').execute()).map((r) => r.action);
      for (const action of ['risk_pool.create', 'risk_pool.contribute', 'risk_pool.register_loan', 'risk_pool.claim_file', 'risk_pool.claim_approve', 'risk_pool.claim_paid', 'risk_pool.recovery']) {
        expect(actions).toContain(action);
      }
    });

    it('a rejected claim needs a reason and leaves room for a corrected one', async () => {
      const loanId = (await db.selectFrom('risk_pool_registrations').where('status', '=', 'active').select(['id', 'loan_id']).orderBy('id').executeTakeFirstOrThrow());
      await defaultLoan(db, loanId.loan_id, '2026-10-05');
      const filed = (await bank1.post(`/api/finance/risk-pools/${poolId}/claims`, { registrationId: loanId.id, claimedFen: 50 * WAN })).json();
      expect((await maker.post(`/api/finance/risk-pools/claims/${filed.id}/reject`, { reason: '' })).statusCode).toBe(400);
      const rejected = await maker.post(`/api/finance/risk-pools/claims/${filed.id}/reject`, { reason: '未提供法院判决书' });
      expect(rejected.json()).toMatchObject({ status: 'rejected', rejectReason: '未提供法院判决书' });
      expect((await bank1.post(`/api/finance/risk-pools/${poolId}/claims`, { registrationId: loanId.id, claimedFen: 50 * WAN })).statusCode).toBe(201);
    });
  });
});

describe('the net loss: recoveries before the payout', () => {
  const covered = async (principalWan: number) => {
    const loanId = await loanOf(product1, principalWan);
    const registration = (await bank1.post(`/api/finance/risk-pools/${poolId}/registrations`, { loanId })).json();
    await defaultLoan(db, loanId, '2026-09-15');
    return { loanId, registrationId: registration.id as number };
  };
  const recover = async (loanId: number, amountFen: number) => {
    const res = await bank1.post(`/api/finance/loans/${loanId}/recoveries`, { amountFen, recoveredOn: '2026-10-10' });
    expect(res.statusCode).toBe(200);
    await t.app.jobs.drain();
  };
  const claimRow = (id: number) => db.selectFrom('risk_pool_claims').where('id', '=', id).selectAll().executeTakeFirstOrThrow();

  it('a recovery before filing lowers the loss the claim may ask; more is refused and nothing is written', async () => {
    const { loanId, registrationId } = await covered(100);
    await recover(loanId, 30 * WAN);
    const claimsBefore = await db.selectFrom('risk_pool_claims').select('id').execute();
    const tooMuch = await bank1.post(`/api/finance/risk-pools/${poolId}/claims`, { registrationId, claimedFen: 70 * WAN + 1 });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().error.details[0].reason).toBe('claim_exceeds_loss');
    expect(await db.selectFrom('risk_pool_claims').select('id').execute()).toHaveLength(claimsBefore.length);
    const filed = await bank1.post(`/api/finance/risk-pools/${poolId}/claims`, { registrationId, claimedFen: 70 * WAN });
    expect(filed.statusCode).toBe(201);
    expect(filed.json()).toMatchObject({ lossFen: 100 * WAN, deductedFen: 30 * WAN, netLossFen: 70 * WAN, claimedFen: 70 * WAN, governmentShareFen: 49 * WAN, recoveries: [{ stage: 'deducted', amountFen: 30 * WAN }] });
    // The recovery's event delivered again after the filing is not deducted twice.
    const event = await db.selectFrom('domain_events').where('type', '=', 'loan.recovered').select('payload').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await publish(db, 'loan.recovered', event.payload as never);
    await t.app.jobs.drain();
    expect(await claimRow(filed.json().id)).toMatchObject({ deducted_fen: 30 * WAN, claimed_fen: 70 * WAN });
  });

  it('a recovery while the claim is filed: the claim asks the net loss, the approval pays the government share of it', async () => {
    const { loanId, registrationId } = await covered(100);
    const claimId = (await bank1.post(`/api/finance/risk-pools/${poolId}/claims`, { registrationId, claimedFen: 90 * WAN })).json().id;
    await recover(loanId, 20 * WAN);
    expect((await maker.get(`/api/finance/risk-pools/claims/${claimId}`)).json()).toMatchObject({ deductedFen: 20 * WAN, netLossFen: 80 * WAN, claimedFen: 80 * WAN, bankShareFen: 24 * WAN, governmentShareFen: 56 * WAN, status: 'filed' });
    const approved = (await maker.post(`/api/finance/risk-pools/claims/${claimId}/approve`)).json();
    expect(approved.status).toBe('approved');
    expect((await checker.post(`/api/finance/risk-pools/claims/${claimId}/pay`, { paymentRef: 'GK-NET-1' })).statusCode).toBe(200);
    const payouts = await db.selectFrom('ledger_entries').where('kind', '=', 'payout').where('ref_id', '=', claimId).select('amount_fen').execute();
    expect(payouts).toEqual([{ amount_fen: 56 * WAN }]);
  });

  it('a recovery after the approval: the prepared payment is refused, cancelled and approved again on the net loss', async () => {
    const { loanId, registrationId } = await covered(100);
    const claimId = (await bank1.post(`/api/finance/risk-pools/${poolId}/claims`, { registrationId, claimedFen: 100 * WAN })).json().id;
    const prepared = (await maker.post(`/api/finance/risk-pools/claims/${claimId}/approve`)).json().disbursement;
    await recover(loanId, 10 * WAN);
    expect(await claimRow(claimId)).toMatchObject({ status: 'approved', claimed_fen: 90 * WAN, government_share_fen: 63 * WAN, deducted_fen: 10 * WAN });
    const cashBefore = (await figures()).cashFen;
    const stale = await checker.post(`/api/finance/risk-pools/claims/${claimId}/pay`, { paymentRef: 'GK-NET-2' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details[0]).toMatchObject({ reason: 'claim_recomputed', governmentShareFen: 63 * WAN, preparedFen: 70 * WAN });
    expect((await figures()).cashFen).toBe(cashBefore);
    expect((await claimRow(claimId)).status).toBe('approved');
    expect((await maker.post(`/api/disbursements/${prepared.id}/cancel`, { reason: '贷款已部分回收，按净损失重新核算' })).statusCode).toBe(200);
    expect((await claimRow(claimId)).status).toBe('filed');
    expect((await maker.post(`/api/finance/risk-pools/claims/${claimId}/approve`)).json().disbursement.status).toBe('prepared');
    expect((await checker.post(`/api/finance/risk-pools/claims/${claimId}/pay`, { paymentRef: 'GK-NET-2' })).statusCode).toBe(200);
    expect((await figures()).cashFen).toBe(cashBefore - 63 * WAN);
    // After the payout, recoveries flow back in the shares.
    await recover(loanId, 10 * WAN);
    expect((await maker.get(`/api/finance/risk-pools/claims/${claimId}/recoveries`)).json().items.map((r: { stage: string; governmentShareFen: number }) => [r.stage, r.governmentShareFen])).toEqual([
      ['deducted', 7 * WAN],
      ['shared', 7 * WAN],
    ]);
    expect((await figures()).cashFen).toBe(cashBefore - 56 * WAN);
  });

  it('a loss recovered in full before the payout ends the claim', async () => {
    const { loanId, registrationId } = await covered(50);
    const claimId = (await bank1.post(`/api/finance/risk-pools/${poolId}/claims`, { registrationId, claimedFen: 50 * WAN })).json().id;
    await recover(loanId, 50 * WAN);
    expect(await claimRow(claimId)).toMatchObject({ status: 'rejected', deducted_fen: 50 * WAN });
    const actions = (await db.selectFrom('audit_log').where('target_type', '=', 'risk_pool_claim').where('target_id', '=', claimId).select('action').execute()).map((r) => r.action);
    expect(actions).toContain('risk_pool.recovery_deducted');
  });
});

describe('reactions to the loans’ events', () => {
  const loanPayload = async (loanId: number) => {
    const loan = await db.selectFrom('loans').where('id', '=', loanId).selectAll().executeTakeFirstOrThrow();
    return { loanId, applicationId: loan.application_id, enterpriseId: loan.enterprise_id, bankOrgId: loan.bank_org_id, productId: loan.product_id, productCode: 'DIANYIDAI', principalFen: loan.principal_fen, disbursedOn: loan.disbursed_on, isFirstLoan: true };
  };

  it('a disbursed loan of a covered product is registered; fully repaid, it is released', async () => {
    const loanId = await loanOf(product1, 100);
    await publish(db, 'loan.disbursed', await loanPayload(loanId));
    await publish(db, 'loan.disbursed', await loanPayload(loanId));
    await t.app.jobs.drain();
    const registrations = await db.selectFrom('risk_pool_registrations').where('loan_id', '=', loanId).select(['id', 'status', 'covered_fen']).execute();
    expect(registrations).toMatchObject([{ status: 'active', covered_fen: 100 * WAN }]);
    const p = await loanPayload(loanId);
    await publish(db, 'loan.repaid', { loanId, repaymentId: 1, enterpriseId: p.enterpriseId, bankOrgId: p.bankOrgId, productId: p.productId, productCode: 'DIANYIDAI', amountFen: 100 * WAN, principalFen: 100 * WAN, fullyRepaid: true });
    await t.app.jobs.drain();
    expect((await db.selectFrom('risk_pool_registrations').where('loan_id', '=', loanId).select('status').executeTakeFirstOrThrow()).status).toBe('released');
  });

  it('money recovered on a claimed loan flows back once per repayment, up to the claim', async () => {
    const claim = await db.selectFrom('risk_pool_claims').where('status', '=', 'paid').selectAll().orderBy('id').executeTakeFirstOrThrow();
    const repayment = await db
      .insertInto('loan_repayments')
      .values({ loan_id: claim.loan_id, kind: 'recovery', paid_on: '2026-11-01', amount_fen: 150 * WAN, principal_fen: 150 * WAN, interest_fen: 0, note: null, recorded_by: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const p = await loanPayload(claim.loan_id);
    const event = { loanId: claim.loan_id, repaymentId: repayment.id, enterpriseId: p.enterpriseId, bankOrgId: p.bankOrgId, productId: p.productId, productCode: 'DIANYIDAI', amountFen: 150 * WAN, recoveredOn: '2026-11-01' };
    await publish(db, 'loan.recovered', event);
    await publish(db, 'loan.recovered', event);
    await t.app.jobs.drain();
    const after = await db.selectFrom('risk_pool_claims').where('id', '=', claim.id).selectAll().executeTakeFirstOrThrow();
    expect(after.recovered_fen).toBe(claim.claimed_fen);
    expect(after.government_recovered_fen).toBe(140 * WAN);
    expect(await db.selectFrom('risk_pool_recoveries').where('loan_repayment_id', '=', repayment.id).select('id').execute()).toHaveLength(1);
  });
});
