import {
  AccountBookOutlined,
  AlertOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  BookOutlined,
  BarChartOutlined,
  ExperimentOutlined,
  FundOutlined,
  HomeOutlined,
  InboxOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { lazyPage } from '../../app/lazy-page.ts';
import type { AppRoute } from '../../app/registry.ts';
import type { Role } from '../../api/types.ts';

/**
 * 数字普惠金融 (inclusive finance). The enterprise (`portal/`) finds loan products matched to it, applies under
 * consent, sees its credit and follows its applications; the bank (`bank/`) works its leads, decides, disburses
 * and keeps its loans; the county finance office (金融办, `gov/`) approves products, runs policy-loan
 * programmes and risk pools, reads the KPIs and the credit models. 金融办 staff are department staff of the
 * finance office's organisation (code 'jrb'): only they see those pages; the server refuses everyone else too.
 * The county leader (县领导) also opens the loan ledger (/gov/finance/loans), read-only: the cockpit's loan
 * charts drill down to it.
 */
const FINANCE_OFFICE: readonly Role[] = ['department_staff'];
const FINANCE_OFFICE_ORGS: readonly string[] = ['jrb'];
const P = ['finance', 'finance-portal'];
const B = ['finance', 'finance-bank'];
const G = ['finance', 'finance-gov'];

export const routes: AppRoute[] = [
  // Enterprise: 金融超市, compare, apply, 我的信用, 我的融资.
  {
    id: 'portal-finance',
    area: 'portal',
    path: 'finance',
    component: lazyPage(() => import('./portal/pages/MarketplacePage.tsx'), [...P, 'portal-policies']),
    menu: { labelKey: 'nav.marketplace', icon: ShopOutlined, order: 20 },
  },
  { id: 'portal-finance-compare', area: 'portal', path: 'finance/compare', component: lazyPage(() => import('./portal/pages/ComparePage.tsx'), P) },
  { id: 'portal-finance-apply', area: 'portal', path: 'finance/products/:id/apply', component: lazyPage(() => import('./portal/pages/LoanApplyPage.tsx'), P) },
  {
    id: 'portal-credit',
    area: 'portal',
    path: 'credit',
    component: lazyPage(() => import('./portal/pages/MyCreditPage.tsx'), P),
    menu: { labelKey: 'nav.myCredit', icon: SafetyCertificateOutlined, order: 25 },
  },
  {
    id: 'portal-loans',
    area: 'portal',
    path: 'loans',
    component: lazyPage(() => import('./portal/pages/MyLoansPage.tsx'), P),
    menu: { labelKey: 'nav.myLoans', icon: AccountBookOutlined, order: 55 },
  },
  { id: 'portal-loan-application', area: 'portal', path: 'loans/applications/:id', component: lazyPage(() => import('./portal/pages/MyLoanApplicationPage.tsx'), P) },

  // Bank: the workbench home, leads, loans, claims, products.
  { id: 'bank-home', area: 'bank', path: '', component: lazyPage(() => import('./bank/pages/BankWorkbenchPage.tsx'), B), menu: { labelKey: 'nav.workbench', icon: HomeOutlined, order: 0 } },
  { id: 'bank-leads', area: 'bank', path: 'leads', component: lazyPage(() => import('./bank/pages/LeadsPage.tsx'), B), menu: { labelKey: 'nav.leads', icon: InboxOutlined, order: 10 } },
  { id: 'bank-lead', area: 'bank', path: 'leads/:id', component: lazyPage(() => import('./bank/pages/LeadPage.tsx'), [...B, 'finance-portal']) },
  { id: 'bank-loans', area: 'bank', path: 'loans', component: lazyPage(() => import('./bank/pages/BankLoansPage.tsx'), B), menu: { labelKey: 'nav.loans', icon: BankOutlined, order: 20 } },
  { id: 'bank-loan', area: 'bank', path: 'loans/:id', component: lazyPage(() => import('./bank/pages/BankLoanPage.tsx'), B) },
  { id: 'bank-claims', area: 'bank', path: 'claims', component: lazyPage(() => import('./bank/pages/BankClaimsPage.tsx'), B), menu: { labelKey: 'nav.riskClaims', icon: AlertOutlined, order: 30 } },
  { id: 'bank-products', area: 'bank', path: 'products', component: lazyPage(() => import('./bank/pages/BankProductsPage.tsx'), B), menu: { labelKey: 'nav.bankProducts', icon: AppstoreOutlined, order: 40 } },

  // 金融办: product approval, programmes and whitelists, risk pools and claims, KPIs, credit models.
  {
    id: 'gov-finance-loans',
    area: 'gov',
    path: 'finance/loans',
    roles: FINANCE_OFFICE, orgCodes: FINANCE_OFFICE_ORGS, anyOrgRoles: ['leader'],
    component: lazyPage(() => import('./gov/pages/CountyLoansPage.tsx'), G),
    menu: { labelKey: 'nav.countyLoans', icon: BookOutlined, order: 295 },
  },
  {
    id: 'gov-finance-products',
    area: 'gov',
    path: 'finance/products',
    roles: FINANCE_OFFICE, orgCodes: FINANCE_OFFICE_ORGS,
    component: lazyPage(() => import('./gov/pages/ProductQueuePage.tsx'), G),
    menu: { labelKey: 'nav.financeProducts', icon: AuditOutlined, order: 300 },
  },
  {
    id: 'gov-loan-programs',
    area: 'gov',
    path: 'finance/programs',
    roles: FINANCE_OFFICE, orgCodes: FINANCE_OFFICE_ORGS,
    component: lazyPage(() => import('./gov/pages/ProgramsPage.tsx'), G),
    menu: { labelKey: 'nav.loanPrograms', icon: SolutionOutlined, order: 310 },
  },
  { id: 'gov-loan-program', area: 'gov', path: 'finance/programs/:id', roles: FINANCE_OFFICE, orgCodes: FINANCE_OFFICE_ORGS, component: lazyPage(() => import('./gov/pages/ProgramPage.tsx'), G) },
  {
    id: 'gov-risk-pools',
    area: 'gov',
    path: 'finance/risk-pools',
    roles: FINANCE_OFFICE, orgCodes: FINANCE_OFFICE_ORGS,
    component: lazyPage(() => import('./gov/pages/RiskPoolsPage.tsx'), G),
    menu: { labelKey: 'nav.riskPools', icon: FundOutlined, order: 320 },
  },
  { id: 'gov-risk-pool', area: 'gov', path: 'finance/risk-pools/:id', roles: FINANCE_OFFICE, orgCodes: FINANCE_OFFICE_ORGS, component: lazyPage(() => import('./gov/pages/RiskPoolPage.tsx'), [...G, 'finance-bank']) },
  {
    id: 'gov-finance-kpis',
    area: 'gov',
    path: 'finance/kpis',
    roles: FINANCE_OFFICE, orgCodes: FINANCE_OFFICE_ORGS,
    component: lazyPage(() => import('./gov/pages/FinanceKpisPage.tsx'), G),
    menu: { labelKey: 'nav.financeKpis', icon: BarChartOutlined, order: 330 },
  },
  {
    id: 'gov-credit-models',
    area: 'gov',
    path: 'finance/models',
    roles: FINANCE_OFFICE, orgCodes: FINANCE_OFFICE_ORGS,
    component: lazyPage(() => import('./gov/pages/CreditModelsPage.tsx'), G),
    menu: { labelKey: 'nav.creditModels', icon: ExperimentOutlined, order: 340 },
  },
];
