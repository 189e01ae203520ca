import 'i18next';
import type common from './common.ts';
import type auth from '../features/auth/auth.i18n.ts';
import type home from '../features/home/home.i18n.ts';
import type account from '../features/account/account.i18n.ts';
import type admin from '../features/admin/admin.i18n.ts';
import type security from '../features/admin/security/security.i18n.ts';
import type audit from '../features/audit/audit.i18n.ts';
import type enterprises from '../features/profile/shared/enterprises.i18n.ts';
import type consents from '../features/profile/shared/consents.i18n.ts';
import type dataAdmin from '../features/profile/gov/data-admin.i18n.ts';
import type policies from '../features/policies/gov/policies.i18n.ts';
import type reviews from '../features/policies/gov/reviews.i18n.ts';
import type ruleBuilder from '../features/policies/gov/ruleBuilder.i18n.ts';
import type outbound from '../features/outbound/outbound.i18n.ts';
import type portalPolicies from '../features/policies/portal/portal-policies.i18n.ts';
import type applications from '../features/policies/portal/applications.i18n.ts';
import type notifications from '../features/notifications/notifications.i18n.ts';
import type demands from '../features/demands/shared/demands.i18n.ts';
import type finance from '../features/finance/shared/finance.i18n.ts';
import type financePortal from '../features/finance/portal/finance-portal.i18n.ts';
import type financeBank from '../features/finance/bank/finance-bank.i18n.ts';
import type financeGov from '../features/finance/gov/finance-gov.i18n.ts';
import type cadres from '../features/cadres/cadres.i18n.ts';
import type cockpit from '../features/cockpit/cockpit.i18n.ts';
import type reading from '../features/policies/gov/components/reading/reading.i18n.ts';
import type records from '../features/records/records.i18n.ts';

// Typed translation keys: `t('nav.home')` and `useTranslation('admin')` are checked by tsc against the
// zh-CN resources (en-US is typed to the same shape in each file). A new feature adds its line here.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: (typeof common)['zh-CN'];
      auth: (typeof auth)['zh-CN'];
      home: (typeof home)['zh-CN'];
      account: (typeof account)['zh-CN'];
      admin: (typeof admin)['zh-CN'];
      security: (typeof security)['zh-CN'];
      audit: (typeof audit)['zh-CN'];
      enterprises: (typeof enterprises)['zh-CN'];
      consents: (typeof consents)['zh-CN'];
      'data-admin': (typeof dataAdmin)['zh-CN'];
      policies: (typeof policies)['zh-CN'];
      reviews: (typeof reviews)['zh-CN'];
      ruleBuilder: (typeof ruleBuilder)['zh-CN'];
      outbound: (typeof outbound)['zh-CN'];
      'portal-policies': (typeof portalPolicies)['zh-CN'];
      applications: (typeof applications)['zh-CN'];
      notifications: (typeof notifications)['zh-CN'];
      demands: (typeof demands)['zh-CN'];
      finance: (typeof finance)['zh-CN'];
      'finance-portal': (typeof financePortal)['zh-CN'];
      'finance-bank': (typeof financeBank)['zh-CN'];
      'finance-gov': (typeof financeGov)['zh-CN'];
      cadres: (typeof cadres)['zh-CN'];
      cockpit: (typeof cockpit)['zh-CN'];
      reading: (typeof reading)['zh-CN'];
      records: (typeof records)['zh-CN'];
    };
  }
}
