import type { Prng } from '../../core/random/prng.ts';

/**
 * Word lists for realistic Chinese names and addresses in the demo county: people (法定代表人, cadres),
 * trade names (字号), roads and villages. Illustrative data, not a register of real people or places.
 */

/**
 * Common surnames with rough relative frequencies (national ranking, with the surnames frequent in
 * Chongqing and eastern Sichuan — 谭, 冉, 向, 熊, 蒋, 廖, 唐 — weighted up).
 */
export const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 70], ['李', 72], ['张', 64], ['刘', 56], ['陈', 48], ['杨', 34], ['黄', 22], ['赵', 18], ['吴', 20],
  ['周', 20], ['徐', 13], ['孙', 10], ['马', 10], ['朱', 11], ['胡', 11], ['郭', 9], ['何', 13], ['高', 9],
  ['林', 7], ['罗', 14], ['郑', 7], ['梁', 7], ['谢', 8], ['宋', 6], ['唐', 14], ['许', 5], ['韩', 4], ['冯', 6],
  ['邓', 11], ['曹', 5], ['彭', 9], ['曾', 8], ['肖', 8], ['田', 6], ['董', 4], ['袁', 7], ['潘', 3], ['于', 2],
  ['蒋', 9], ['蔡', 3], ['余', 8], ['杜', 5], ['叶', 3], ['程', 4], ['苏', 3], ['魏', 3], ['吕', 3], ['丁', 3],
  ['任', 5], ['沈', 2], ['姚', 3], ['卢', 3], ['姜', 2], ['钟', 4], ['谭', 10], ['陆', 2], ['汪', 3], ['范', 3],
  ['石', 4], ['廖', 7], ['夏', 3], ['付', 5], ['方', 2], ['白', 2], ['邹', 3], ['孟', 1], ['熊', 7], ['秦', 5],
  ['邱', 3], ['江', 3], ['尹', 2], ['段', 2], ['雷', 3], ['侯', 2], ['龙', 3], ['陶', 2], ['黎', 2], ['贺', 2],
  ['毛', 3], ['龚', 3], ['万', 2], ['冉', 5], ['向', 6], ['况', 1], ['游', 2], ['牟', 2], ['敖', 1], ['喻', 2],
  ['文', 2], ['傅', 2], ['严', 2], ['简', 1], ['汤', 2], ['易', 2], ['代', 2], ['蒲', 1],
];

const MALE_CHARS = [...'伟强军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林洋阳建国志文德福忠兵成海江川山荣贵祥才东春全兴洪磊亮峰毅坤松柏昌胜宏权友良义红'];
const FEMALE_CHARS = [...'芳娜敏静丽艳娟霞燕玲婷雪琴云莉兰红梅英华慧倩蓉秀萍凤丹洁琳颖佳欣悦琼淑素桂菊莲月霜晓玉秋'];
/** First characters of two-character given names, shared by both sexes (generation names and the like). */
const MIDDLE_CHARS = [...'德志国建小海明永晓春家光文天玉金成俊子宗世大中长元正兴朝学思秀素雨新润'];

/** A realistic Chinese personal name: a surname and a one- or two-character given name. */
export function personName(rng: Prng): string {
  const surname = rng.weighted(SURNAMES);
  const female = rng.chance(0.42);
  const pool = female ? FEMALE_CHARS : MALE_CHARS;
  if (rng.chance(0.3)) return surname + rng.pick(pool);
  const first = rng.chance(0.5) ? rng.pick(MIDDLE_CHARS) : rng.pick(pool);
  let second = rng.pick(pool);
  if (second === first) second = rng.pick(pool);
  return surname + first + second;
}

/** The surname alone, for names such as 李记 or 老张. */
export function surname(rng: Prng): string {
  return rng.weighted(SURNAMES);
}

/** Characters that make auspicious trade names (字号) when two of them are combined. */
const TRADE_CHARS = [
  ...'恒通鑫源宏达华盛兴隆泰丰瑞祥安康永顺金利德福嘉佳信诚正和合汇聚鼎昌荣发旺新亿创博科智天宇航远海峰龙鹏锦美优品川渝巴蜀桂明月星光辉卓越万众益友邦宝晟升腾骏豪威力强润泽浩瀚森林绿青禾田农果红富贵吉庆旭东南西北中大同乐春秋江山云雅景鸿运志联洲宸睿',
];

/** Trade names that are common in the county, drawn more often than random combinations. */
const COMMON_TRADE_NAMES = [
  '恒通', '鑫源', '宏达', '华盛', '兴隆', '永顺', '金利', '德福', '嘉禾', '信诚', '瑞丰', '鼎盛', '汇通', '昌荣',
  '明月', '牡丹', '桂溪', '渝东', '巴山', '川渝', '垫江', '丹园', '白柚', '金桂', '富民', '兴农', '惠民', '万家',
  '天和', '安泰', '龙腾', '锦程', '恒昌', '宏远', '腾达', '众鑫', '利民', '同心', '新世纪', '长城', '红星', '东方',
];

/** A trade name (字号) of two characters, occasionally three. */
export function tradeName(rng: Prng): string {
  if (rng.chance(0.2)) return rng.pick(COMMON_TRADE_NAMES);
  const a = rng.pick(TRADE_CHARS);
  let b = rng.pick(TRADE_CHARS);
  if (b === a && rng.chance(0.8)) b = rng.pick(TRADE_CHARS);
  if (rng.chance(0.06)) return a + b + rng.pick(TRADE_CHARS);
  return a + b;
}

/** Roads of the county seat (桂阳, 桂溪 streets). */
export const URBAN_ROADS = [
  '人民东路', '人民西路', '南阳路', '桂西大道', '牡丹大道', '龙腾大道', '明月大道', '迎宾大道', '工农路', '新华路',
  '北门路', '东门路', '西门路', '南门路', '桂溪路', '兴旺路', '文化路', '建设路', '城西路', '城东路', '渝巫路',
  '凤山路', '丹桂路', '阳光路', '育才路', '滨河路', '花园路', '正阳路', '安定路', '永兴路',
];

/** Roads of the industrial park. */
export const PARK_ROADS = ['工业园区大道', '工业园区长龙路', '工业园区智造路', '工业园区创新路', '工业园区食品路', '工业园区机电路', '工业园区建材路', '工业园区物流路'];

/** Streets of a township seat (场镇). */
export const TOWN_STREETS = ['正街', '新街', '老街', '场口街', '东街', '西街', '南街', '北街', '大众街', '解放街', '复兴街', '河街'];

/** Village names; a village's name is followed by 村. */
export const VILLAGES = [
  '红光', '胜利', '向阳', '团结', '和平', '长岭', '青龙', '白鹤', '新建', '光明', '石桥', '杨柳', '金桥', '大河',
  '田坝', '三合', '新华', '永福', '双河', '龙井', '清水', '竹林', '桂花', '黄桷', '枫木', '檬子', '土桥', '五星',
  '太和', '凤凰', '龙门', '天堂', '万安', '兴隆', '高洞', '新民', '长滩', '鹿鸣', '观音', '双龙',
];
