import { parseIndustryCode } from '../../core/profile/industry-codes.ts';

/**
 * The industry mix of the demo county: a Chongqing agricultural–industrial county (垫江: 牡丹 and 丹皮,
 * 白柚, 酱菜, rice; food processing, building materials, machinery; a large retail and catering trade).
 *
 * Each archetype is one GB/T 4754-2017 小类 with its share of market entities and the parameters from
 * which its firms' figures are drawn (log-normal around the medians below). Codes are checked against
 * the industry table at module load, so a wrong code fails fast instead of reaching the database.
 */
export interface IndustryArchetype {
  /** GB/T 4754-2017 小类 (4 digits). */
  code: string;
  /** Relative share among all market entities of the county. */
  weight: number;
  /** 行业词 for company names: 重庆[字号][行业词]有限公司. */
  words: readonly string[];
  /** 业态 for individual businesses: 垫江县[镇街][人名/字号][业态]. */
  shops?: readonly string[];
  /** Product words for 农民专业合作社: 垫江县[字号][产品]专业合作社. */
  coop?: readonly string[];
  /** Share of 个体工商户 among the entities of this industry. */
  individual: number;
  /** Share of 农民专业合作社. */
  cooperative: number;
  /** Median head count of a company (个体户 and co-operatives are drawn apart). */
  employees: number;
  /** Median 营业收入 per employee, 万元. */
  revenuePerHead: number;
  /** Median 资产总额 / 营业收入. */
  assetsToRevenue: number;
  /** Median 纳税总额 / 营业收入. */
  taxRate: number;
  /** Median electricity use, kWh per 万元 of revenue. */
  kwhPerWan: number;
  /** Share of companies that innovate (R&D 3–8% of revenue, patents, science staff, certifications). */
  innovative: number;
  /** Share of companies that export. */
  exporter: number;
}

type Extra = Partial<Omit<IndustryArchetype, 'code' | 'weight' | 'words'>>;

const BASE: Omit<IndustryArchetype, 'code' | 'weight' | 'words'> = {
  individual: 0,
  cooperative: 0,
  employees: 8,
  revenuePerHead: 20,
  assetsToRevenue: 0.8,
  taxRate: 0.03,
  kwhPerWan: 100,
  innovative: 0,
  exporter: 0,
};

const make = (defaults: Extra) => (code: string, weight: number, words: readonly string[], extra: Extra = {}): IndustryArchetype => ({
  ...BASE,
  ...defaults,
  ...extra,
  code,
  weight,
  words,
});

const agri = make({ individual: 0.2, cooperative: 0.35, shops: ['家庭农场'], employees: 6, revenuePerHead: 6, assetsToRevenue: 1.6, taxRate: 0.003, kwhPerWan: 150, innovative: 0.03 });
const mine = make({ employees: 18, revenuePerHead: 30, assetsToRevenue: 1.2, taxRate: 0.06, kwhPerWan: 600 });
const food = make({ employees: 16, revenuePerHead: 45, assetsToRevenue: 0.7, taxRate: 0.03, kwhPerWan: 250, innovative: 0.08, exporter: 0.03 });
const mfg = make({ employees: 14, revenuePerHead: 40, assetsToRevenue: 0.9, taxRate: 0.035, kwhPerWan: 350, innovative: 0.12, exporter: 0.03 });
const tech = make({ employees: 22, revenuePerHead: 45, assetsToRevenue: 1.0, taxRate: 0.035, kwhPerWan: 280, innovative: 0.32, exporter: 0.12 });
const utility = make({ employees: 12, revenuePerHead: 60, assetsToRevenue: 2.5, taxRate: 0.05, kwhPerWan: 200 });
const build = make({ employees: 10, revenuePerHead: 40, assetsToRevenue: 0.9, taxRate: 0.03, kwhPerWan: 40 });
const wholesale = make({ individual: 0.15, shops: ['批发部', '经营部', '商行'], employees: 5, revenuePerHead: 70, assetsToRevenue: 0.4, taxRate: 0.01, kwhPerWan: 15 });
const retail = make({ individual: 0.6, shops: ['经营部', '商店'], employees: 4, revenuePerHead: 25, assetsToRevenue: 0.35, taxRate: 0.015, kwhPerWan: 60 });
const transport = make({ individual: 0.2, shops: ['运输部', '货运部'], employees: 7, revenuePerHead: 25, assetsToRevenue: 1.0, taxRate: 0.03, kwhPerWan: 20 });
const lodging = make({ individual: 0.55, shops: ['旅馆', '宾馆', '招待所', '酒店'], employees: 7, revenuePerHead: 7, assetsToRevenue: 2.0, taxRate: 0.04, kwhPerWan: 800 });
const catering = make({ individual: 0.7, shops: ['餐馆', '饭店'], employees: 6, revenuePerHead: 6, assetsToRevenue: 0.5, taxRate: 0.03, kwhPerWan: 400 });
const it = make({ employees: 6, revenuePerHead: 25, assetsToRevenue: 0.6, taxRate: 0.05, kwhPerWan: 80, innovative: 0.3 });
const realty = make({ employees: 5, revenuePerHead: 15, assetsToRevenue: 1.5, taxRate: 0.06, kwhPerWan: 40 });
const business = make({ employees: 4, revenuePerHead: 18, assetsToRevenue: 0.8, taxRate: 0.04, kwhPerWan: 60 });
const science = make({ employees: 6, revenuePerHead: 18, assetsToRevenue: 0.7, taxRate: 0.04, kwhPerWan: 80, innovative: 0.25 });
const resident = make({ individual: 0.65, shops: ['服务部'], employees: 4, revenuePerHead: 10, assetsToRevenue: 0.5, taxRate: 0.03, kwhPerWan: 150 });
const social = make({ employees: 6, revenuePerHead: 12, assetsToRevenue: 1.0, taxRate: 0.02, kwhPerWan: 150 });

/** Weights are shares per mille of market entities, roughly. */
export const INDUSTRY_ARCHETYPES: readonly IndustryArchetype[] = [
  // A 农、林、牧、渔业 — 白柚, 牡丹 and 丹皮 are the county's signature crops.
  agri('0153', 18, ['农业开发', '白柚种植', '果业', '生态农业'], { coop: ['白柚种植', '柚子种植', '水果种植'] }),
  agri('0143', 10, ['牡丹园艺', '花卉', '园艺', '牡丹产业发展'], { coop: ['牡丹种植', '花卉种植'], innovative: 0.05 }),
  agri('0171', 12, ['丹皮种植', '中药材种植', '中药材开发'], { coop: ['丹皮种植', '中药材种植'], innovative: 0.06 }),
  agri('0141', 18, ['蔬菜种植', '农业开发', '生态农业', '果蔬'], { coop: ['蔬菜种植', '果蔬种植'] }),
  agri('0111', 8, ['粮油种植', '农业发展', '农业'], { coop: ['水稻种植', '粮食种植'], cooperative: 0.45 }),
  agri('0313', 14, ['生猪养殖', '畜牧', '养殖'], { coop: ['生猪养殖', '畜牧养殖'], revenuePerHead: 15 }),
  agri('0321', 6, ['家禽养殖', '蛋鸡养殖', '养殖'], { coop: ['家禽养殖', '蛋鸡养殖'], revenuePerHead: 12 }),
  agri('0412', 4, ['水产养殖', '渔业'], { coop: ['水产养殖', '渔业养殖'] }),
  agri('0512', 3, ['农机服务', '农业机械服务'], { coop: ['农机', '农机服务'], cooperative: 0.5, shops: ['农机服务部'] }),
  // B 采矿业
  mine('1019', 5, ['砂石', '页岩开采', '石材开采']),
  // C 制造业 — food processing first: rice, 酱菜, 红薯粉, 豆制品, 火锅底料, liquor.
  food('1311', 6, ['米业', '粮油', '大米加工'], { revenuePerHead: 80 }),
  food('1329', 3, ['饲料', '饲料科技'], { revenuePerHead: 90 }),
  food('1351', 4, ['肉类加工', '食品', '屠宰'], { revenuePerHead: 120 }),
  food('1353', 4, ['食品', '肉制品', '腊味食品']),
  food('1371', 12, ['酱菜', '食品', '酱园', '酱腌菜食品'], { individual: 0.25, shops: ['酱菜坊', '酱园', '酱菜加工坊', '酱菜店'], employees: 18, revenuePerHead: 35 }),
  food('1391', 4, ['淀粉制品', '粉丝食品', '食品']),
  food('1392', 3, ['豆制品', '食品'], { individual: 0.4, shops: ['豆腐坊', '豆制品加工坊'] }),
  food('1431', 5, ['米面制品', '面业', '食品'], { individual: 0.3, shops: ['面坊', '米粉加工坊', '挂面加工坊'] }),
  food('1469', 5, ['调味品', '火锅底料', '食品']),
  food('1512', 4, ['酒业', '酿酒', '酒厂'], { individual: 0.3, shops: ['酒坊', '酿酒坊'], taxRate: 0.08 }),
  food('1523', 2, ['饮品', '果汁饮料']),
  food('1530', 1, ['茶业']),
  mfg('1819', 5, ['服饰', '服装'], { revenuePerHead: 20, kwhPerWan: 300, exporter: 0.15 }),
  mfg('2021', 3, ['木业', '人造板'], { kwhPerWan: 500 }),
  mfg('2110', 5, ['家具', '木业'], { individual: 0.2, shops: ['家具厂', '木器加工厂'], revenuePerHead: 30 }),
  mfg('2231', 3, ['包装', '纸制品'], { kwhPerWan: 400 }),
  mfg('2319', 3, ['印务', '印刷', '包装印刷'], { employees: 10, revenuePerHead: 30 }),
  mfg('2625', 2, ['肥业', '生物肥料', '生物科技'], { revenuePerHead: 50, innovative: 0.2 }),
  tech('2720', 1, ['制药', '药业'], { employees: 50, innovative: 0.4 }),
  tech('2730', 3, ['中药饮片', '药业', '丹皮饮片'], { employees: 25, innovative: 0.3, exporter: 0.05 }),
  tech('2740', 1, ['制药', '药业'], { employees: 50, innovative: 0.4 }),
  mfg('2922', 4, ['塑胶', '塑料制品', '管业'], { kwhPerWan: 600, innovative: 0.15 }),
  mfg('2926', 2, ['塑料包装'], { kwhPerWan: 600 }),
  mfg('3011', 0.5, ['水泥', '建材'], { employees: 180, revenuePerHead: 150, assetsToRevenue: 1.5, kwhPerWan: 3000, innovative: 0.05 }),
  mfg('3021', 5, ['建材', '水泥制品', '混凝土'], { revenuePerHead: 45, kwhPerWan: 1200, innovative: 0.06 }),
  mfg('3022', 3, ['建材', '预制构件'], { kwhPerWan: 1000, innovative: 0.06 }),
  mfg('3031', 4, ['新型建材', '页岩砖', '建材'], { kwhPerWan: 1500, innovative: 0.05 }),
  mfg('3311', 5, ['钢结构', '钢构'], { revenuePerHead: 35, kwhPerWan: 500 }),
  mfg('3312', 5, ['门窗', '金属门窗'], { employees: 10, revenuePerHead: 30, kwhPerWan: 400 }),
  mfg('3391', 2, ['铸造', '铸业'], { kwhPerWan: 1500 }),
  mfg('3399', 4, ['金属制品', '五金制品'], { individual: 0.1, shops: ['五金加工厂'], kwhPerWan: 500 }),
  tech('3441', 2, ['泵业', '机械']),
  tech('3453', 3, ['机械制造', '传动机械', '齿轮']),
  tech('3484', 5, ['机械', '机械制造', '精密机械', '机械配件'], { employees: 18 }),
  tech('3490', 3, ['机械设备', '机电设备']),
  tech('3572', 3, ['农业机械', '农机', '农机制造']),
  tech('3576', 2, ['农机配件'], { employees: 16 }),
  tech('3670', 4, ['汽车配件', '汽车零部件', '汽配'], { employees: 35 }),
  tech('3812', 2, ['电机', '电机制造']),
  tech('3823', 3, ['电气', '电气设备', '成套电气'], { revenuePerHead: 55 }),
  tech('3831', 1.5, ['电线电缆', '电缆'], { revenuePerHead: 90, innovative: 0.2 }),
  tech('3841', 1, ['新能源', '锂电科技', '电池'], { employees: 50, innovative: 0.5 }),
  tech('3872', 2, ['照明', '光电']),
  tech('3982', 2, ['电子', '电子科技', '电路科技'], { employees: 35, revenuePerHead: 40, innovative: 0.4, exporter: 0.2 }),
  mfg('4210', 3, ['再生资源', '资源回收', '废旧物资回收'], { employees: 6, revenuePerHead: 80, kwhPerWan: 80, innovative: 0.02, exporter: 0 }),
  // D 电力、热力、燃气及水
  utility('4416', 2, ['新能源', '光伏发电', '能源科技']),
  utility('4511', 1, ['燃气', '天然气']),
  utility('4610', 1, ['水务', '供水']),
  // E 建筑业
  build('4710', 16, ['建筑工程', '建设工程', '建筑']),
  build('4790', 4, ['建设工程', '建筑工程']),
  build('4812', 6, ['路桥工程', '公路工程']),
  build('4813', 8, ['市政工程', '市政建设']),
  build('4822', 5, ['水利工程', '水利水电工程']),
  build('4910', 6, ['电力工程', '电气安装工程']),
  build('5011', 7, ['装饰工程', '建筑装饰'], { employees: 8 }),
  build('5012', 8, ['装饰设计', '家装', '装饰工程'], { individual: 0.3, shops: ['装饰部', '装饰工作室'], employees: 5, revenuePerHead: 25 }),
  // F 批发业
  wholesale('5111', 8, ['粮油贸易', '粮食购销']),
  wholesale('5121', 5, ['粮油', '食品贸易']),
  wholesale('5123', 12, ['农产品', '果蔬贸易', '农副产品']),
  wholesale('5124', 6, ['冻品贸易', '食品贸易']),
  wholesale('5127', 10, ['酒类贸易', '商贸', '酒业']),
  wholesale('5151', 4, ['医药', '医药贸易'], { individual: 0 }),
  wholesale('5152', 5, ['中药材贸易', '药材']),
  wholesale('5165', 14, ['建材', '建材贸易']),
  wholesale('5166', 6, ['农资', '化肥']),
  wholesale('5172', 5, ['汽配', '汽车贸易']),
  wholesale('5174', 10, ['五金', '五金机电']),
  wholesale('5176', 5, ['电脑科技', '科技', '电子科技']),
  // F 零售业 — the largest group by count.
  retail('5211', 10, ['百货', '商贸'], { shops: ['百货店', '日杂店'] }),
  retail('5212', 22, ['超市', '商业连锁', '购物中心'], { individual: 0.45, shops: ['超市', '便民超市', '购物超市'], employees: 10 }),
  retail('5213', 15, ['便利店', '商贸'], { shops: ['便利店'] }),
  retail('5221', 10, ['粮油'], { shops: ['粮油店'] }),
  retail('5223', 18, ['果蔬', '生鲜'], { shops: ['水果店', '蔬菜店', '果蔬店'], individual: 0.75 }),
  retail('5224', 14, ['生鲜', '肉食品'], { shops: ['鲜肉店', '冷鲜肉店', '水产店'], individual: 0.75 }),
  retail('5226', 8, ['酒类销售', '茶业'], { shops: ['茶叶店', '酒行'] }),
  retail('5227', 14, ['烟酒'], { shops: ['烟酒店', '烟酒副食店'], individual: 0.85 }),
  retail('5229', 20, ['食品', '副食品'], { shops: ['副食店', '食品店'], individual: 0.75 }),
  retail('5232', 20, ['服饰', '服装'], { shops: ['服装店', '服饰店', '童装店'], individual: 0.75 }),
  retail('5234', 6, ['化妆品'], { shops: ['化妆品店'] }),
  retail('5251', 12, ['五金'], { shops: ['五金店', '五金建材店'] }),
  retail('5253', 5, ['家具'], { shops: ['家具店'] }),
  retail('5261', 3, ['汽车销售', '汽车服务'], { individual: 0, employees: 12, revenuePerHead: 200 }),
  retail('5263', 5, ['汽配'], { shops: ['汽配店'] }),
  retail('5264', 4, ['摩托车销售'], { shops: ['摩托车经营部', '摩配店'] }),
  retail('5265', 2, ['石油', '加油站', '能源'], { individual: 0, employees: 10, revenuePerHead: 200, kwhPerWan: 10 }),
  retail('5272', 6, ['家电', '电器'], { shops: ['家电经营部', '电器行'] }),
  retail('5274', 8, ['通讯', '通讯器材'], { shops: ['手机店', '通讯店'] }),
  retail('5281', 10, ['大药房', '医药连锁', '药房'], { shops: ['药店', '大药房'], individual: 0.4 }),
  retail('5292', 8, ['电子商务', '电商'], { shops: ['网店'], individual: 0.4 }),
  // G 交通运输、仓储和邮政业
  transport('5413', 2, ['出租汽车', '客运'], { employees: 45, revenuePerHead: 8 }),
  transport('5421', 2, ['客运', '汽车运输'], { employees: 25 }),
  transport('5431', 25, ['物流', '货运', '运输'], { individual: 0.35, shops: ['货运部', '运输部'] }),
  transport('5437', 6, ['城市配送', '物流']),
  transport('5910', 2, ['装卸服务', '搬运'], { shops: ['搬运队'] }),
  transport('5920', 4, ['仓储', '仓储服务'], { employees: 8 }),
  transport('5930', 3, ['冷链物流', '冷链仓储'], { kwhPerWan: 300 }),
  transport('6020', 4, ['快递', '速递'], { employees: 10, revenuePerHead: 20, shops: ['快递服务部'] }),
  // H 住宿和餐饮业
  lodging('6110', 2, ['酒店管理', '大酒店'], { individual: 0, employees: 30 }),
  lodging('6121', 3, ['酒店', '宾馆'], { individual: 0.2 }),
  lodging('6129', 10, ['宾馆', '酒店', '旅馆']),
  lodging('6130', 5, ['民宿', '乡村旅游'], { shops: ['民宿', '农家乐'], individual: 0.7, employees: 4 }),
  catering('6210', 45, ['餐饮管理', '餐饮', '酒楼'], { shops: ['火锅店', '中餐馆', '饭店', '酒楼', '农家乐', '鱼庄', '家常菜馆'], individual: 0.6 }),
  catering('6220', 10, ['快餐', '餐饮'], { shops: ['快餐店'] }),
  catering('6231', 8, ['茶楼', '茶文化'], { shops: ['茶馆', '茶楼'], individual: 0.8 }),
  catering('6241', 2, ['餐饮配送', '团餐'], { individual: 0, employees: 15 }),
  catering('6291', 35, ['小吃', '餐饮'], { shops: ['面馆', '小吃店', '豆花饭店', '米粉店', '烧烤店', '包子铺'], individual: 0.85, employees: 4 }),
  // I 信息传输、软件和信息技术服务业
  it('6513', 10, ['软件', '网络科技', '信息技术', '数字科技'], { innovative: 0.45 }),
  it('6531', 8, ['信息技术', '智能科技', '系统集成'], { innovative: 0.4 }),
  it('6540', 3, ['网络技术服务', '信息技术']),
  it('6560', 4, ['信息咨询', '信息科技']),
  // K 房地产业
  realty('7010', 8, ['房地产开发', '置业', '实业'], { employees: 18 }),
  realty('7020', 6, ['物业管理', '物业服务'], { employees: 25, revenuePerHead: 6 }),
  realty('7030', 5, ['房地产经纪', '房产经纪', '房地产营销策划'], { individual: 0.3, shops: ['房产中介'], revenuePerHead: 12 }),
  realty('7040', 2, ['房屋租赁', '资产经营'], { employees: 4, revenuePerHead: 30, assetsToRevenue: 6 }),
  // L 租赁和商务服务业
  business('7111', 3, ['汽车租赁']),
  business('7113', 5, ['机械设备租赁', '工程机械租赁'], { revenuePerHead: 30, assetsToRevenue: 2.5 }),
  business('7212', 8, ['投资', '资产管理', '实业'], { employees: 4, revenuePerHead: 50, assetsToRevenue: 6 }),
  business('7221', 1, ['园区管理', '园区开发'], { employees: 10, assetsToRevenue: 10 }),
  business('7224', 2, ['供应链管理'], { revenuePerHead: 120, assetsToRevenue: 0.4 }),
  business('7241', 6, ['会计服务', '财务咨询', '财税服务'], { revenuePerHead: 15 }),
  business('7243', 10, ['企业管理咨询', '咨询'], { revenuePerHead: 15 }),
  business('7259', 8, ['广告', '文化传媒', '广告传媒'], { shops: ['广告部', '图文广告部'], individual: 0.3 }),
  business('7263', 5, ['劳务派遣', '人力资源'], { employees: 25, revenuePerHead: 6 }),
  business('7271', 2, ['保安服务'], { employees: 30, revenuePerHead: 5 }),
  business('7291', 3, ['旅行社', '旅游'], { revenuePerHead: 30 }),
  business('7299', 6, ['商务服务', '会务服务']),
  // M 科学研究和技术服务业
  science('7320', 6, ['科技', '技术研究院', '新材料科技'], { innovative: 0.7 }),
  science('7452', 4, ['检测技术', '检测'], { employees: 8, innovative: 0.3 }),
  science('7482', 4, ['工程监理', '建设监理'], { employees: 10, innovative: 0.05 }),
  science('7484', 5, ['工程设计', '建筑设计'], { innovative: 0.15 }),
  science('7511', 6, ['农业科技', '生物科技'], { employees: 6, innovative: 0.3 }),
  science('7520', 2, ['知识产权', '专利代理'], { employees: 4, innovative: 0.1 }),
  // N 水利、环境和公共设施管理业
  science('7723', 3, ['环保科技', '环境治理'], { employees: 10, revenuePerHead: 25, innovative: 0.2 }),
  social('7820', 2, ['环卫服务', '保洁'], { employees: 25, revenuePerHead: 6 }),
  social('7861', 2, ['旅游开发', '景区管理'], { employees: 12, revenuePerHead: 8, assetsToRevenue: 5 }),
  // O 居民服务、修理和其他服务业
  resident('8010', 6, ['家政服务'], { shops: ['家政服务部'], employees: 6, revenuePerHead: 6 }),
  resident('8040', 20, ['美容美发', '美业'], { shops: ['理发店', '美发店', '美容院', '美发工作室'], individual: 0.85, employees: 4, revenuePerHead: 8 }),
  resident('8053', 6, ['养生', '健康管理'], { shops: ['养生馆', '足浴店'] }),
  resident('8060', 4, ['摄影', '影像'], { shops: ['照相馆', '摄影工作室'], individual: 0.7 }),
  resident('8070', 4, ['婚庆', '婚礼策划'], { shops: ['婚庆服务部'] }),
  resident('8111', 15, ['汽车维修', '汽车服务'], { shops: ['汽车修理部', '汽修厂', '汽车美容店'], individual: 0.6, revenuePerHead: 20 }),
  resident('8113', 4, ['摩托车维修'], { shops: ['摩托车修理部'], individual: 0.85 }),
  resident('8131', 4, ['家电维修'], { shops: ['家电维修部'], individual: 0.8 }),
  resident('8211', 3, ['保洁服务', '清洁服务'], { individual: 0.2, employees: 12, revenuePerHead: 5 }),
  // P 教育
  social('8391', 4, ['职业培训', '培训学校'], { individual: 0 }),
  social('8393', 4, ['艺术培训', '教育咨询'], { individual: 0.2, shops: ['艺术培训部'] }),
  // Q 卫生和社会工作
  social('8425', 5, ['门诊部', '医疗管理'], { individual: 0.4, shops: ['诊所', '中医诊所', '口腔诊所'], revenuePerHead: 20 }),
  social('8514', 3, ['养老服务', '康养'], { employees: 12, revenuePerHead: 6 }),
  // R 文化、体育和娱乐业
  social('8930', 4, ['健身', '体育发展'], { shops: ['健身房'], individual: 0.3 }),
  social('9011', 3, ['娱乐', '文化娱乐'], { shops: ['KTV'], individual: 0.3 }),
  social('9013', 3, ['网咖', '网络会所'], { shops: ['网吧'], individual: 0.7 }),
  social('9030', 4, ['休闲农业', '农业观光', '乡村旅游'], { employees: 8, assetsToRevenue: 3 }),
];

for (const archetype of INDUSTRY_ARCHETYPES) {
  const parsed = parseIndustryCode(archetype.code);
  if (!parsed.ok || parsed.level !== 'class') throw new Error(`industry archetype ${archetype.code} is not a GB/T 4754-2017 小类`);
  if (archetype.individual > 0 && !archetype.shops?.length) throw new Error(`industry archetype ${archetype.code} has individual businesses but no 业态 words`);
  if (archetype.cooperative > 0 && !archetype.coop?.length) throw new Error(`industry archetype ${archetype.code} has co-operatives but no product words`);
}
