import type { Prng } from '../../core/random/prng.ts';

/**
 * Realistic, varied Chinese demand texts (企业诉求) for the demo county's history: a title and a description
 * composed from per-category templates with slots (the firm's products, its town, amounts, dates, the
 * department it already went to) and phrasing that differs by intake channel — the firm writes in the first
 * person on the portal, a cadre writes "经走访了解…" after a visit, a 12345 operator writes "来电人反映…".
 * A share of texts mention a second topic (a loan for a workshop whose land certificate is stuck), so a router
 * trained on this history must generalise rather than match one keyword. Also: how each category's demands
 * were resolved, and the comments enterprises leave with their 好差评 rating. Deterministic from the PRNG.
 */

/** The category codes of `demand_categories` (seeded by the demands migration), in the order shown. */
export const DEMAND_CATEGORY_CODES = [
  'financing',
  'hiring',
  'land',
  'permits',
  'utilities',
  'tax',
  'policy',
  'disputes',
  'ip',
  'logistics',
  'talent_housing',
  'market',
  'technology',
  'environment',
] as const;
export type DemandCategoryCode = (typeof DEMAND_CATEGORY_CODES)[number];

export type DemandChannel = 'portal' | 'cadre' | 'hotline';

/** What a text may name about the firm that files it. */
export interface DemandTextContext {
  enterpriseName: string;
  townName: string;
  /** A product or line of business, e.g. 汽摩配件; a generic one is drawn when absent. */
  product?: string;
}

export interface ComposedDemand {
  title: string;
  description: string;
  /** The second topic the text also mentions, when it does (ambiguous texts). */
  alsoMentions: DemandCategoryCode | null;
}

/** Relative frequency of each category in a county's demands: money and workers first, as everywhere. */
export const CATEGORY_WEIGHTS: Record<DemandCategoryCode, number> = {
  financing: 16,
  hiring: 13,
  land: 6,
  permits: 10,
  utilities: 7,
  tax: 8,
  policy: 12,
  disputes: 7,
  ip: 4,
  logistics: 5,
  talent_housing: 5,
  market: 7,
  technology: 4,
  environment: 4,
};

const PRODUCTS = [
  '汽摩配件', '农机具', '榨菜', '柚子深加工产品', '牡丹籽油', '服装', '预制菜', '建筑用砖', '混凝土外加剂', '电线电缆', '家具板材',
  '中药材饮片', '塑料包装', '不锈钢制品', '电子元器件', '竹木制品', '火锅底料', '白酒', '饲料', '精密铸件', '光伏支架', '锂电池配件',
  '医用敷料', '纸箱', '石材', '铝型材', '食用菌', '茶叶', '米粉', '卤制品',
];
const DEPARTMENTS_MENTIONED = ['县经信委', '县发改委', '县人社局', '县市场监管局', '县税务局', '县住建委', '县规划自然资源局', '园区管委会', '镇政府', '县商务委', '县科技局', '县金融办'];
const BANKS_MENTIONED = ['农商行', '工行', '建行', '邮储银行', '重庆银行', '三峡银行', '村镇银行'];
const MONTHS = ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'];
const WEEKS = ['两周', '一个月', '二十多天', '将近两个月', '三个多月', '半年'];

interface Slots {
  firm: string;
  town: string;
  product: string;
  dept: string;
  bank: string;
  amount: string;
  small: string;
  people: string;
  area: string;
  month: string;
  wait: string;
  kva: string;
}

/** A category's vocabulary: {slot} placeholders are filled from `Slots`. */
interface CategoryTemplates {
  titles: string[];
  /** The firm's situation, first person; one or two are used. */
  situations: string[];
  /** What the firm asks for. */
  asks: string[];
  /** A clause a demand of ANOTHER category uses when it also mentions this one. */
  mentions: string[];
  /** How such demands were resolved (the handler's result). */
  resolutions: string[];
}

const TEMPLATES: Record<DemandCategoryCode, CategoryTemplates> = {
  financing: {
    titles: ['申请流动资金贷款', '企业融资困难求助', '贷款到期续贷问题', '申请垫易贷', '希望对接银行信用贷款', '设备采购资金缺口{amount}万元', '应收账款质押融资咨询', '担保贷款办理进度慢', '首次贷款无抵押物', '申请贷款贴息'],
    situations: [
      '我公司主要生产{product}，今年订单增加，原材料预付款压力大，流动资金缺口约{amount}万元',
      '{bank}的一笔{amount}万元贷款将于{month}到期，续贷需要先还后贷，企业拿不出过桥资金',
      '企业是轻资产经营，厂房是租的，没有抵押物，去{bank}申请贷款被告知额度不够',
      '去年新上了一条{product}生产线，设备款还欠供应商{amount}万元，想申请设备更新贷款',
      '下游客户回款周期长，应收账款有{amount}万元，听说可以做应收账款质押融资',
      '在平台上申请了垫易贷{small}万元，已经提交{wait}，一直显示审核中',
      '企业纳税信用是A级，但银行说我们成立时间不满两年，信用贷款批不下来',
      '银行要求追加担保，担保公司又要求反担保，手续繁琐，资金迟迟不能到位',
    ],
    asks: ['希望帮助对接合适的信贷产品', '请协调银行加快审批', '希望能享受贷款贴息政策', '恳请协调办理无还本续贷', '请帮忙推荐免抵押的信用贷款'],
    mentions: ['同时资金周转也比较紧张，想了解有没有低息贷款', '另外企业还有约{small}万元的资金缺口', '顺便问一下能否申请贷款贴息'],
    resolutions: [
      '已协调{bank}上门对接，核实经营和纳税情况后发放信用贷款{small}万元，期限一年，利率按LPR执行。',
      '经县金融办协调，{bank}为企业办理无还本续贷，原贷款到期后直接续作，企业无需筹措过桥资金。',
      '已将企业纳入垫易贷白名单推送合作银行，银行已完成授信{small}万元，企业可在平台随借随还。',
      '指导企业以应收账款在中征应收账款融资服务平台登记，对接{bank}办理质押融资{small}万元。',
      '企业不满足该产品准入条件（成立未满两年），已说明原因并推荐创业担保贷款，企业已提交申请。',
    ],
  },
  hiring: {
    titles: ['急招普工{people}名', '技术工人招聘难', '用工缺口求助', '希望参加专场招聘会', '员工社保补贴咨询', '季节性用工短缺', '申请职业技能培训补贴', '招聘焊工、数控操作工'],
    situations: [
      '企业旺季订单饱满，一线普工缺口{people}人，在{town}本地张贴招工启事效果不好',
      '我们需要数控车床操作工和焊工，本地熟练技工很少，从外地招来的留不住',
      '今年新建车间投产，预计要新增员工{people}人，想了解县里有没有招聘渠道',
      '企业新招用了{people}名脱贫劳动力和就业困难人员，不清楚社保补贴怎么申请',
      '员工流动性大，每年春节后返岗率不到七成，影响{product}的正常交货',
      '想组织员工参加电工、叉车等职业技能培训，听说可以申请培训补贴',
      '企业招聘大学生意愿强，但应届生对县城企业兴趣不高，简历很少',
    ],
    asks: ['希望人社部门帮忙组织专场招聘', '请帮忙推送岗位信息', '希望了解社保补贴的申请流程', '请协助对接职业院校订单式培养', '恳请帮助解决用工难题'],
    mentions: ['另外企业也在招人，缺普工{people}名左右', '同时工人也不好招', '再就是员工社保补贴的问题'],
    resolutions: [
      '县人社局已将企业岗位纳入"春风行动"专场招聘会，现场达成意向{people}人，已有部分人员到岗。',
      '已在公共就业服务平台和各镇街就业服务站推送企业{people}个岗位，并对接县职教中心开展订单式培养。',
      '经核实，企业符合吸纳就业困难人员社保补贴条件，已指导其线上申报，补贴按季度拨付。',
      '已将企业纳入职业技能提升行动培训计划，组织{people}名员工参加焊工培训，培训合格后可申领补贴。',
      '协调劳务经纪人和{town}劳务合作社，为企业输送季节性用工{people}人。',
    ],
  },
  land: {
    titles: ['扩建项目用地需求', '申请标准厂房', '土地证办理进度慢', '工业用地指标咨询', '厂房租赁需求约{area}平方米', '闲置土地盘活', '用地规划调整申请'],
    situations: [
      '企业计划扩大{product}产能，需要新增工业用地约{area}亩，现厂区已无扩建空间',
      '我们在{town}的厂房是{month}前建成的，不动产权证一直没办下来，影响抵押贷款',
      '想在工业园区租赁标准厂房约{area}平方米，用于新上生产线',
      '企业去年摘牌的地块还没交地，项目开工时间一再推迟',
      '厂区内有一块闲置地，想申请变更用途建设仓库，不知道规划上是否允许',
      '项目已经签约{wait}，选址一直没落实，土地指标据说很紧张',
    ],
    asks: ['希望协调解决用地指标', '请帮忙加快办理不动产权证', '希望园区提供合适的标准厂房', '请规划部门给予指导', '恳请协调尽快交地'],
    mentions: ['另外扩建用地的事情也一直没落实', '厂房面积也不够用', '土地证还没办下来'],
    resolutions: [
      '县规划自然资源局已将项目纳入年度供地计划，拟于下季度挂牌出让，已告知企业前期准备事项。',
      '园区管委会已为企业匹配标准厂房{area}平方米，租金前三年享受减半优惠，企业已签订租赁协议。',
      '经核查，权证办理卡在消防验收环节，已协调住建部门现场验收，不动产权证已办结。',
      '已组织规划、自然资源部门现场踏勘，闲置地块可按工业仓储用途调整，指导企业办理规划变更。',
    ],
  },
  permits: {
    titles: ['环评审批进度咨询', '施工许可证办理慢', '营业执照经营范围变更', '消防验收问题', '排污许可证申请', '食品生产许可证延续', '项目备案求助', '审批材料反复补正'],
    situations: [
      '企业新建{product}项目的环评报告已提交{wait}，一直没有批复，设备已经到厂',
      '我们申请施工许可证，材料被要求补正了三次，每次要求都不一样',
      '公司新增了{product}的销售业务，需要变更营业执照经营范围，不清楚能否网上办理',
      '厂房消防验收没通过，整改后再次申请，一直没安排复验',
      '企业的食品生产许可证{month}到期，延续申请需要准备哪些材料',
      '项目在投资项目在线审批平台备案时系统提示行业代码不符，办不下去',
      '排污许可证需要重新申领，但是在线填报系统太复杂，企业没有专业人员',
    ],
    asks: ['希望能开辟绿色通道', '请帮忙协调加快审批', '希望一次性告知需要的材料', '请相关部门上门指导', '恳请推行并联审批'],
    mentions: ['而且相关审批手续还没办完', '另外还有一个许可证要延续', '项目环评也卡着'],
    resolutions: [
      '县生态环境局已启用环评审批绿色通道，组织专家技术审查后出具批复，办理时限压缩至{small}个工作日。',
      '县住建委一次性告知所需材料清单，安排专人帮办代办，施工许可证已核发。',
      '已指导企业通过"渝快办"线上办理经营范围变更，营业执照当天换发。',
      '已安排消防验收复验，企业整改到位，验收合格。',
      '县市场监管局上门指导延续申请材料，许可证已在到期前完成延续。',
      '经核实，行业代码选择有误，已指导企业重新选择并完成项目备案。',
    ],
  },
  utilities: {
    titles: ['频繁停电影响生产', '申请用电增容{kva}千伏安', '天然气供气不足', '供水压力不够', '电费偏高咨询', '工业蒸汽接入需求', '电力报装时间长'],
    situations: [
      '{town}片区这个月已经停电四次，每次都没有提前通知，{product}生产线损失很大',
      '企业新增设备后用电负荷不够，需要增容到{kva}千伏安，报装后{wait}没有动静',
      '冬季用气高峰天然气压力不足，锅炉经常熄火，影响正常生产',
      '园区供水管网压力不足，高峰时段车间几乎没有水',
      '企业用电量大，想了解峰谷电价和市场化交易，降低用电成本',
      '新厂房需要接入工业蒸汽，管网离厂区还有几百米',
    ],
    asks: ['请供电公司尽快处理', '希望协调燃气公司保障供气', '请帮助降低用能成本', '恳请协调加快报装进度', '希望停电前能提前通知'],
    mentions: ['同时厂区用电也经常跳闸', '用电增容的事情也需要协调', '还有水压不足的问题'],
    resolutions: [
      '国网垫江供电公司已排查线路故障并更换老化设备，此后计划停电将提前三天通知企业。',
      '供电公司开辟"获得电力"绿色通道，增容工程已完工送电，企业接电时间{small}个工作日。',
      '已协调燃气公司调整管网压力并保障重点企业用气，企业锅炉运行恢复正常。',
      '县水务公司已对园区供水管网加压改造，企业用水恢复正常。',
      '指导企业参与电力市场化交易并调整生产时段使用谷电，预计年节约电费{small}万元。',
    ],
  },
  tax: {
    titles: ['增值税留抵退税进度', '研发费用加计扣除咨询', '出口退税办理', '发票开具问题', '小微企业税收优惠', '高新技术企业税收优惠咨询', '税务申报逾期处理', '土地使用税减免申请'],
    situations: [
      '企业{month}提交了增值税留抵退税申请，{wait}了还没到账',
      '我们每年研发投入{amount}万元左右，想了解研发费用加计扣除怎么归集',
      '企业第一次做出口业务，{product}出口退税不知道怎么申报',
      '全面数字化电子发票上线后，开票额度不够用，影响给客户开票',
      '企业因财务人员离职，{month}的纳税申报逾期了，担心影响纳税信用',
      '企业厂房部分闲置，想申请城镇土地使用税困难减免',
    ],
    asks: ['请税务部门给予辅导', '希望尽快办理退税', '请告知政策适用条件', '恳请帮助修复纳税信用', '希望调整开票额度'],
    mentions: ['另外税收优惠方面也想咨询一下', '顺便问问留抵退税的事', '还有出口退税的问题'],
    resolutions: [
      '县税务局已审核通过留抵退税{small}万元，退税款已到账。',
      '税务局组织专人一对一辅导研发费用归集，企业已在年度汇算中享受加计扣除。',
      '出口退税专班上门辅导，企业首笔出口退税{small}个工作日内到账。',
      '已根据企业开票需求调整数电发票授信额度。',
      '指导企业补申报并按规定申请纳税信用修复，信用等级已恢复。',
    ],
  },
  policy: {
    titles: ['惠企政策咨询', '专精特新企业申报条件', '技改补贴怎么申报', '规上企业奖励何时兑现', '科技型企业认定咨询', '数字化转型补贴', '首台套奖励申报', '稳岗返还政策咨询'],
    situations: [
      '企业去年主营业务收入首次超过2000万元，纳入了规上统计，听说有升规奖励',
      '我们做{product}已经十年，想申报市级专精特新企业，不清楚是否符合条件',
      '企业今年投入{amount}万元做设备技术改造，想了解技改补贴的申报时间和材料',
      '去年申报的奖补资金已公示，但{wait}了还没拨付',
      '想申报科技型企业和高新技术企业，不知道两者有什么区别',
      '企业正在上MES系统，听说数字化转型有补贴',
      '县里政策文件太多，不知道我们企业能享受哪些',
    ],
    asks: ['请帮忙梳理企业可享受的政策', '希望上门辅导申报', '请告知资金兑现时间', '恳请给予政策支持', '希望一次讲清申报条件'],
    mentions: ['也想了解一下有没有相关补贴政策', '同时想问问能否申报专精特新', '还想咨询技改补贴'],
    resolutions: [
      '已通过政策计算器为企业匹配可享受政策{people}项，并安排经信委工作人员上门辅导申报。',
      '经核对，企业已符合升规奖励条件，奖励资金{small}万元已拨付至企业账户。',
      '县经信委讲解了专精特新认定指标，企业目前研发投入占比不足，已制定一年培育计划。',
      '已将技改项目纳入县级技改补贴申报，企业按要求提交材料，补贴待审核后拨付。',
      '县科技局已组织科技型企业评价入库辅导，企业完成入库登记。',
    ],
  },
  disputes: {
    titles: ['货款被拖欠求助', '合同纠纷调解', '劳动争议', '工程款拖欠', '周边居民投诉噪音', '被恶意投诉', '股东纠纷调解'],
    situations: [
      '外地客户拖欠我公司{product}货款{amount}万元，多次催收无果',
      '承建厂房的施工单位拖欠农民工工资，工人到我们厂门口讨薪',
      '一名员工工伤后与企业就赔偿金额协商不成，要求调解',
      '厂区周边新建了小区，居民投诉我们夜间生产噪音，企业已经加装隔音设施',
      '竞争对手多次在网上恶意投诉我们的产品质量，影响企业声誉',
      '政府投资项目工程款{amount}万元拖欠至今，企业资金链紧张',
    ],
    asks: ['希望相关部门协调调解', '请帮助依法维权', '恳请督促对方履约', '希望提供法律咨询', '请公正处理'],
    mentions: ['另外还有一笔货款被拖欠', '同时还有一起劳动纠纷没处理完', '对方还拖着款不付'],
    resolutions: [
      '县工商联商会调解委员会组织双方调解，对方承诺分三期支付货款，首期已到账。',
      '县人社局劳动监察大队督促施工单位足额支付农民工工资，纠纷已化解。',
      '已由律师事务所提供免费法律咨询，指导企业申请劳动仲裁调解，双方达成调解协议。',
      '生态环境局现场监测噪音达标，已向居民解释并督促企业调整夜间作业时间。',
      '已将拖欠账款纳入清理拖欠企业账款专项行动，相关单位已制定还款计划。',
    ],
  },
  ip: {
    titles: ['商标被抢注', '产品被仿冒维权', '发明专利申请咨询', '知识产权质押融资', '专利资助申请', '软件著作权登记'],
    situations: [
      '我公司的{product}品牌在外省被人抢注了商标',
      '市场上出现了仿冒我们外观设计的{product}，价格更低，严重影响销售',
      '企业研发了一项新工艺，想申请发明专利，不清楚流程和费用',
      '企业有{people}项实用新型专利，想用来做质押融资',
      '去年授权的发明专利，听说可以申请专利资助',
    ],
    asks: ['请帮助依法维权', '希望提供专利申请指导', '请对接知识产权服务机构', '恳请加强知识产权保护'],
    mentions: ['而且产品外观最近被人仿冒了', '另外想申请几项专利', '商标方面也有点问题'],
    resolutions: [
      '已对接知识产权代理机构，协助企业提出商标无效宣告申请并申请注册防御商标。',
      '县市场监管局对仿冒产品立案查处，已责令停止销售并没收库存。',
      '知识产权服务站为企业提供专利挖掘和申请代理服务，已提交发明专利申请。',
      '协助企业以专利权质押获得{bank}知识产权质押贷款{small}万元。',
    ],
  },
  logistics: {
    titles: ['物流成本高', '货车进城限行', '仓储场地需求', '冷链运输需求', '快递网点太远', '大件运输道路问题'],
    situations: [
      '企业{product}主要销往成渝两地，零担物流费用占成本的一成以上',
      '我们的送货车辆白天不能进城区，影响给县城商超配送',
      '产品季节性强，旺季需要临时仓储{area}平方米',
      '预制菜需要冷链配送，县里冷链车辆少，价格高',
      '厂区到主干道的路太窄，大货车进不来，只能二次转运',
    ],
    asks: ['希望协调物流企业', '请帮忙办理通行证', '希望对接仓储资源', '恳请改善道路条件'],
    mentions: ['另外发货的物流成本也高', '运输也是个难题', '仓储场地也不够'],
    resolutions: [
      '县商务委对接本地物流园区，为企业匹配共同配送线路，物流成本下降约一成。',
      '已协调交通和交巡警部门为企业配送车辆办理城区通行证。',
      '对接物流园区冷链仓储资源，为企业提供临时冷库和冷链专线。',
      '道路拓宽已纳入{town}年度交通项目，临时设置错车道解决大车通行。',
    ],
  },
  talent_housing: {
    titles: ['申请人才公寓', '员工住宿困难', '高层次人才认定', '人才子女入学', '人才安家补贴', '引进研发人员的待遇政策'],
    situations: [
      '企业引进了{people}名研发人员，县城租房贵，想申请人才公寓',
      '外地来的技术骨干子女想在县城上学，不清楚入学政策',
      '公司新引进一名博士，能否认定为高层次人才并享受安家补贴',
      '企业职工宿舍床位不够，新招员工只能在外租房，流失率很高',
      '高校毕业生来我们企业工作，有没有租房补贴和生活补贴',
    ],
    asks: ['希望安排人才公寓', '请告知人才政策', '希望解决子女入学问题', '恳请帮助留住人才'],
    mentions: ['新员工住宿也不好安排', '另外引进的人才想申请人才公寓', '人才补贴的事也想问问'],
    resolutions: [
      '县人才服务中心已为企业{people}名人才安排人才公寓，租金按规定减免。',
      '经审核，人才符合县级高层次人才认定条件，安家补贴已按程序拨付。',
      '县教委已按人才子女入学政策统筹安排学位。',
      '已告知高校毕业生租房补贴和就业补贴申领方式，企业已为员工集中申报。',
    ],
  },
  market: {
    titles: ['产品销路不畅', '希望参加展会', '电商直播带货', '对接大型采购商', '进入政府采购目录', '出口订单下降', '展会补贴申请'],
    situations: [
      '企业{product}产能上来了，但本地市场饱和，缺少外地销售渠道',
      '想参加今年的西洽会和广交会，展位费用较高',
      '想通过直播带货销售{product}，缺少专业团队',
      '希望进入大型商超和央企的采购供应商名录',
      '受海外需求下降影响，出口订单较去年减少三成',
    ],
    asks: ['希望帮助开拓市场', '请帮忙对接采购商', '希望给予展会补贴', '恳请组织产销对接'],
    mentions: ['同时产品销路也需要拓展', '另外想参加一些展会', '还想做电商'],
    resolutions: [
      '县商务委组织企业参加产销对接会，与{people}家采购商达成合作意向。',
      '已将企业纳入重点展会参展名单，展位费按规定给予补贴。',
      '对接县电商公共服务中心，为企业提供直播带货培训和运营服务。',
      '县工商联组织商会会员企业开展供需对接，企业进入两家龙头企业供应商名录。',
    ],
  },
  technology: {
    titles: ['高新技术企业认定', '申请建设企业技术中心', '产学研合作需求', '研发平台建设补助', '新产品检测认证', '科技成果转化'],
    situations: [
      '企业近三年研发投入{amount}万元，拥有{people}项专利，想申报高新技术企业',
      '我们在{product}生产工艺上遇到技术瓶颈，希望和高校院所合作攻关',
      '企业想建设市级企业技术中心，不清楚认定条件',
      '新研发的{product}需要做第三方检测认证，本地没有检测机构',
      '企业和重庆的高校合作了一项科技成果，想在本地转化落地',
    ],
    asks: ['希望科技部门给予指导', '请帮忙对接高校院所', '希望给予研发补助', '恳请协助申报'],
    mentions: ['另外企业也想申报高新技术企业', '同时希望对接高校做技术攻关', '研发平台的事也想咨询'],
    resolutions: [
      '县科技局组织高企认定辅导，企业已完成高新技术企业申报，认定后可享受15%企业所得税优惠。',
      '已对接重庆大学相关团队，企业与高校签订技术合作协议。',
      '县科技局讲解企业技术中心认定条件，企业研发机构建设已纳入培育名单。',
      '对接市级检测机构开通绿色通道，产品检测已完成。',
    ],
  },
  environment: {
    titles: ['环保设施整改咨询', '排污许可与监测', '危废处置难', '环保督察整改', 'VOCs治理设备补助', '环境信用修复'],
    situations: [
      '企业生产{product}产生少量危险废物，本地没有有资质的处置单位，处置费用高',
      '环保检查要求我们整改废气收集设施，企业不清楚具体技术要求',
      '企业想更换低VOCs原料和治理设备，投入约{amount}万元，听说有补助',
      '去年因为污水超标被处罚，环境信用受影响，影响招投标',
      '企业需要做季度自行监测，监测机构报价偏高',
    ],
    asks: ['希望环保部门上门指导', '请帮忙对接处置单位', '恳请给予整改时间', '希望给予环保补助'],
    mentions: ['另外环保整改也有压力', '同时危废处置也是个问题', '环保设施也要升级'],
    resolutions: [
      '县生态环境局上门帮扶，出具整改技术指引，企业按期完成整改。',
      '已对接市内有资质的危废处置单位，企业签订处置协议，费用有所降低。',
      '指导企业申报大气污染治理专项补助，项目已入库。',
      '企业整改到位后，指导其完成环境信用修复。',
    ],
  },
};

/** First-person portal phrasing, cadre visit notes and 12345 operator summaries. */
const OPENINGS: Record<DemandChannel, string[]> = {
  portal: ['我公司位于{town}，', '您好，我们是{firm}，', '', '我司', '本企业', '你好！', '{firm}反映：'],
  cadre: ['经走访了解，{firm}反映：', '联企干部走访{firm}时，企业提出：', '{town}{firm}负责人反映，', '入企走访收集问题：'],
  hotline: ['来电人反映：其系{firm}负责人，', '市民来电反映，{town}{firm}', '来电人称：', '网友留言：'],
};
const CLOSINGS: Record<DemandChannel, string[]> = {
  portal: ['恳请帮助解决。', '谢谢！', '望尽快回复。', '盼复。', '麻烦了。', ''],
  cadre: ['请相关部门研究解决。', '已告知企业会跟踪办理。', '请予以协调。'],
  hotline: ['请相关部门核实处理。', '来电人要求尽快回复。', '请予以处理并回复来电人。'],
};
const CONNECTORS = ['，', '。', '；', '，而且', '，目前'];
const GENERIC_TITLES = ['关于企业困难的反映', '企业诉求', '求助', '咨询一个问题', '反映情况', '请求协调解决', '希望政府帮忙', '企业发展遇到的问题'];

/** Rating comments by score (1–5), as enterprises write them in 好差评. */
const RATING_COMMENTS: Record<1 | 2 | 3 | 4 | 5, string[]> = {
  5: ['办理很及时，非常满意！', '工作人员很专业，一次就解决了。', '感谢县里的大力支持！', '响应快，态度好，点赞。', '比预期快很多，帮了大忙。', '全程有人跟进，很放心。', ''],
  4: ['问题基本解决了，谢谢。', '处理得不错，就是时间稍长。', '满意，希望后续继续关注。', ''],
  3: ['基本解决，但跑了几趟。', '结果还可以，沟通有待加强。', '一般。'],
  2: ['拖了很久才有回复。', '只是答复了政策，实际问题没解决。', '处理结果不太满意。'],
  1: ['问题根本没有解决，走了个过场。', '电话一直打不通，没人管。', '非常不满意，要求重新办理。'],
};

/** What the handler did after a bad rating (整改). */
const RECTIFICATIONS = [
  '已核实企业反映情况属实，重新安排专人跟进办理，并向企业说明前期处理不到位的原因。',
  '已约谈承办人员，重新对接企业，问题已于整改期内解决。',
  '经复核，前期答复不够具体，已上门当面解释并提供书面办理指引。',
];

/** What a follow-up (跟踪问效) found. */
const FOLLOW_UPS = {
  solved: ['回访企业，问题已彻底解决，企业表示满意。', '电话回访，企业反映办理效果良好，无新问题。', '走访回访，相关措施已落实到位。'],
  partly: ['回访企业，问题部分解决，仍在持续跟进。', '企业反映效果一般，已转承办单位继续关注。'],
};

function fill(template: string, slots: Slots): string {
  return template.replace(/\{(\w+)\}/g, (_, key: keyof Slots) => slots[key] ?? '');
}

function slotsFor(rng: Prng, context: DemandTextContext): Slots {
  const amount = rng.pick([20, 30, 50, 80, 100, 150, 200, 300, 500, 800, 1000]);
  return {
    firm: context.enterpriseName,
    town: context.townName,
    product: context.product ?? rng.pick(PRODUCTS),
    dept: rng.pick(DEPARTMENTS_MENTIONED),
    bank: rng.pick(BANKS_MENTIONED),
    amount: String(amount),
    small: String(rng.pick([5, 10, 20, 30, 50, 80, 100])),
    people: String(rng.pick([3, 5, 8, 10, 12, 15, 20, 30, 50, 80])),
    area: String(rng.pick([10, 20, 30, 50, 1000, 2000, 3000, 5000])),
    month: rng.pick(MONTHS),
    wait: rng.pick(WEEKS),
    kva: String(rng.pick([315, 400, 630, 800, 1000, 1250])),
  };
}

/** Picks a category by the county's frequencies. */
export function pickCategory(rng: Prng): DemandCategoryCode {
  return rng.weighted(DEMAND_CATEGORY_CODES.map((code) => [code, CATEGORY_WEIGHTS[code]] as const));
}

/**
 * A demand of `category` written as the channel writes it. About a fifth mention a second topic; a few
 * already went to a department without result ("之前找过县经信委…"), as real demands do.
 */
export function composeDemand(rng: Prng, category: DemandCategoryCode, context: DemandTextContext, channel: DemandChannel = 'portal'): ComposedDemand {
  const t = TEMPLATES[category];
  const slots = slotsFor(rng, context);
  // Many firms write a title that says nothing of the topic: the body must carry it.
  let title = rng.chance(0.2) ? rng.pick(GENERIC_TITLES) : fill(rng.pick(t.titles), slots);
  if (channel === 'hotline') title = `关于${context.enterpriseName.replace(/有限(责任)?公司$/, '')}${title}的诉求`;
  else if (channel === 'cadre' && rng.chance(0.3)) title = `【走访】${title}`;

  const parts: string[] = [];
  const situations = rng.chance(0.35) ? 2 : 1;
  const first = rng.int(0, t.situations.length - 1);
  for (let i = 0; i < situations; i++) parts.push(fill(t.situations[(first + i * 3) % t.situations.length], slots));
  if (rng.chance(0.15)) parts.push(`之前找过${slots.dept}，让我们再等等`);
  let alsoMentions: DemandCategoryCode | null = null;
  if (rng.chance(0.3)) {
    alsoMentions = rng.pick(DEMAND_CATEGORY_CODES.filter((c) => c !== category));
    parts.push(fill(rng.pick(TEMPLATES[alsoMentions].mentions), slots));
  }

  let body = fill(rng.pick(OPENINGS[channel]), slots);
  parts.forEach((part, index) => {
    body += index === 0 ? part : rng.pick(CONNECTORS) + part;
  });
  body += rng.pick(['，', '。', '。']) + fill(rng.pick(t.asks), slots);
  body += '。' + fill(rng.pick(CLOSINGS[channel]), slots);
  if (channel === 'hotline') body = body.replace(/我公司|我司/g, '其公司').replace(/我们企业|我们/g, '其企业');
  return { title: title.slice(0, 60), description: body.replace(/。。/g, '。').replace(/，，/g, '，'), alsoMentions };
}

/** The handler's result for a resolved demand of `category`. */
export function composeResolution(rng: Prng, category: DemandCategoryCode, context: DemandTextContext): string {
  return fill(rng.pick(TEMPLATES[category].resolutions), slotsFor(rng, context));
}

/** A 好差评 comment for a score 1–5 (may be empty: many raters write nothing). */
export function ratingComment(rng: Prng, score: number): string {
  const key = Math.min(5, Math.max(1, Math.round(score))) as 1 | 2 | 3 | 4 | 5;
  return rng.pick(RATING_COMMENTS[key]);
}

export function rectificationText(rng: Prng): string {
  return rng.pick(RECTIFICATIONS);
}

export function followUpText(rng: Prng, solved: boolean): string {
  return rng.pick(solved ? FOLLOW_UPS.solved : FOLLOW_UPS.partly);
}
