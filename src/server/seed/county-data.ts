/**
 * The demo county, modelled on Dianjiang County (垫江县), Chongqing: its 26 towns and streets, the 14
 * departments that publish policies, the dispatch centre (县工商联), 13 banks and the service providers
 * of the quasi-market and market teams (../shared/domain/dianjiang.md). Division codes follow the
 * GB/T 2260 county code 500231 with illustrative town suffixes.
 */
export const REGION = { code: '500231', name: '垫江县', nameEn: 'Dianjiang County' } as const;

export const TOWNS = [
  { code: '500231001', name: '桂阳街道', nameEn: 'Guiyang Subdistrict', kind: 'street' },
  { code: '500231002', name: '桂溪街道', nameEn: 'Guixi Subdistrict', kind: 'street' },
  { code: '500231101', name: '新民镇', nameEn: 'Xinmin', kind: 'town' },
  { code: '500231102', name: '沙坪镇', nameEn: 'Shaping', kind: 'town' },
  { code: '500231103', name: '周嘉镇', nameEn: 'Zhoujia', kind: 'town' },
  { code: '500231104', name: '普顺镇', nameEn: 'Pushun', kind: 'town' },
  { code: '500231105', name: '永安镇', nameEn: "Yong'an", kind: 'town' },
  { code: '500231106', name: '高安镇', nameEn: "Gao'an", kind: 'town' },
  { code: '500231107', name: '高峰镇', nameEn: 'Gaofeng', kind: 'town' },
  { code: '500231108', name: '五洞镇', nameEn: 'Wudong', kind: 'town' },
  { code: '500231109', name: '澄溪镇', nameEn: 'Chengxi', kind: 'town' },
  { code: '500231110', name: '太平镇', nameEn: 'Taiping', kind: 'town' },
  { code: '500231111', name: '鹤游镇', nameEn: 'Heyou', kind: 'town' },
  { code: '500231112', name: '坪山镇', nameEn: 'Pingshan', kind: 'town' },
  { code: '500231113', name: '砚台镇', nameEn: 'Yantai', kind: 'town' },
  { code: '500231114', name: '曹回镇', nameEn: 'Caohui', kind: 'town' },
  { code: '500231115', name: '杠家镇', nameEn: 'Gangjia', kind: 'town' },
  { code: '500231116', name: '包家镇', nameEn: 'Baojia', kind: 'town' },
  { code: '500231117', name: '白家镇', nameEn: 'Baijia', kind: 'town' },
  { code: '500231118', name: '永平镇', nameEn: 'Yongping', kind: 'town' },
  { code: '500231119', name: '三溪镇', nameEn: 'Sanxi', kind: 'town' },
  { code: '500231120', name: '裴兴镇', nameEn: 'Peixing', kind: 'town' },
  { code: '500231121', name: '黄沙镇', nameEn: 'Huangsha', kind: 'town' },
  { code: '500231122', name: '长龙镇', nameEn: 'Changlong', kind: 'town' },
  { code: '500231201', name: '沙河乡', nameEn: 'Shahe Township', kind: 'township' },
  { code: '500231202', name: '大石乡', nameEn: 'Dashi Township', kind: 'township' },
] as const;

/** The 14 departments whose 43 policies the platform carries. */
export const DEPARTMENTS = [
  { code: 'fgw', name: '县发展和改革委员会', shortName: '发改' },
  { code: 'jxw', name: '县经济和信息化委员会', shortName: '经信' },
  { code: 'kjj', name: '县科学技术局', shortName: '科技' },
  { code: 'czj', name: '县财政局', shortName: '财政' },
  { code: 'rsj', name: '县人力资源和社会保障局', shortName: '人社' },
  { code: 'sww', name: '县商务委员会', shortName: '商务' },
  { code: 'scjgj', name: '县市场监督管理局', shortName: '市场监管' },
  { code: 'sw', name: '国家税务总局垫江县税务局', shortName: '税务' },
  { code: 'nyncw', name: '县农业农村委员会', shortName: '农业农村' },
  { code: 'zjw', name: '县住房和城乡建设委员会', shortName: '住建' },
  { code: 'whlyw', name: '县文化和旅游发展委员会', shortName: '文旅' },
  { code: 'tjj', name: '县统计局', shortName: '统计' },
  { code: 'jrb', name: '县政府金融工作办公室', shortName: '金融' },
  { code: 'sthjj', name: '县生态环境局', shortName: '生态环境' },
] as const;

export const DISPATCH_CENTRE = { code: 'gsl', name: '县工商业联合会（诉求调度中心）' } as const;
export const PLATFORM_ORG = { code: 'platform', name: '垫小二平台运营中心（县大数据应用发展管理局）' } as const;

export const BANKS = [
  { code: 'icbc', name: '中国工商银行垫江支行' },
  { code: 'abc', name: '中国农业银行垫江县支行' },
  { code: 'boc', name: '中国银行垫江支行' },
  { code: 'ccb', name: '中国建设银行垫江支行' },
  { code: 'psbc', name: '中国邮政储蓄银行垫江县支行' },
  { code: 'cqrcb', name: '重庆农村商业银行垫江支行' },
  { code: 'cqcb', name: '重庆银行垫江支行' },
  { code: 'sxb', name: '重庆三峡银行垫江支行' },
  { code: 'bocfd', name: '垫江中银富登村镇银行' },
  { code: 'ceb', name: '中国光大银行垫江支行' },
  { code: 'cmbc', name: '中国民生银行垫江支行' },
  { code: 'spdb', name: '上海浦东发展银行垫江支行' },
  { code: 'hxb', name: '华夏银行垫江支行' },
] as const;

/** The quasi-market and market service teams; the non-market team is the 1,019 cadres. */
export const SERVICE_PROVIDERS = [
  { code: 'smepsc', name: '垫江县中小企业公共服务中心', team: 'quasi_market' },
  { code: 'smea', name: '垫江县中小企业协会', team: 'quasi_market' },
  { code: 'mkt-consult', name: '重庆垫信企业管理咨询有限公司', team: 'market' },
  { code: 'mkt-ip', name: '重庆知信知识产权代理有限公司垫江分公司', team: 'market' },
  { code: 'mkt-credit', name: '重庆诚信征信服务有限公司', team: 'market' },
  { code: 'mkt-law', name: '重庆垫江明理律师事务所', team: 'market' },
  { code: 'mkt-chamber', name: '垫江县浙江商会', team: 'market' },
  { code: 'mkt-alliance', name: '垫江县企业服务联盟', team: 'market' },
] as const;

export interface DemoAccount {
  username: string;
  displayName: string;
  description: string;
}

/** The demo accounts, all with the demo password; documented in the README. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'admin', displayName: '平台管理员', description: 'system administrator: accounts and organisations' },
  { username: 'secadmin', displayName: '安全管理员', description: 'security administrator: roles, password policy, sign-in locks, sessions' },
  { username: 'auditor', displayName: '安全审计员', description: 'auditor: the audit log, nothing else' },
  { username: 'data', displayName: '数据管理员', description: 'data administrator: imports and data disputes' },
  { username: 'ent', displayName: '企业经办人', description: 'enterprise user of a seeded manufacturer' },
  { username: 'dept', displayName: '经信委科员', description: 'department staff, 县经济和信息化委员会' },
  { username: 'dept2', displayName: '经信委复核员', description: 'second department staff of 县经济和信息化委员会 (checker of payments)' },
  { username: 'dispatch', displayName: '工商联调度员', description: 'dispatcher, 县工商联 demand dispatch centre' },
  { username: 'cadre', displayName: '联企干部', description: 'cadre linked to enterprises (千人联千企)' },
  { username: 'bank', displayName: '农商行客户经理', description: 'bank officer, 重庆农村商业银行垫江支行' },
  { username: 'finance', displayName: '金融办科员', description: 'county finance office (金融办), 县政府金融工作办公室: approves loan products, oversees leads' },
  { username: 'finance2', displayName: '金融办复核员', description: 'second finance office staff: the checker who pays the risk-pool claims finance approves' },
  { username: 'provider', displayName: '服务中心专员', description: 'service provider, 县中小企业公共服务中心' },
  { username: 'leader', displayName: '县领导', description: 'county leader (县领导): read-only over the whole county, lands on the cockpit' },
];
