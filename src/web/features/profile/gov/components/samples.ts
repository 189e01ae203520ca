import { completeUscc } from '../../../../../core/profile/uscc.ts';
import { toCsv } from '../../../../lib/csv.ts';

/**
 * Sample files generated in the browser: the accepted headers with a few rows of made-up enterprises
 * (well-formed codes that are not in the registry, so importing a sample changes nothing).
 */
const USCC_A = completeUscc('91500231MA5U0TAM1');
const USCC_B = completeUscc('91500231MA5U0TAM2');

export type SampleKind = 'long' | 'wide' | 'enterprises' | 'hotline';

export const SAMPLE_HEADERS: Record<SampleKind, { zh: string[]; en: string[] }> = {
  long: {
    zh: ['统一社会信用代码', '企业名称', '指标', '期间', '数值', '单位', '截至日期'],
    en: ['uscc', 'name', 'indicator', 'period', 'value', 'unit', 'as_of'],
  },
  wide: {
    zh: ['统一社会信用代码', '企业名称', '期间', '截至日期', '营业收入(万元)', '从业人员期末人数', '研发费用(元)', '纳入规上（四上）统计'],
    en: ['uscc', 'name', 'period', 'as_of', 'operating_revenue(万元)', 'employees', 'rd_expense(元)', 'above_scale'],
  },
  enterprises: {
    zh: ['统一社会信用代码', '企业名称', '类型', '法定代表人', '成立日期', '注册资本(万元)', '镇街', '地址', '行业代码', '状态'],
    en: ['uscc', 'name', 'type', 'legal_representative', 'registered_on', 'registered_capital(万元)', 'town', 'address', 'industry_code', 'status'],
  },
  /** 12345 hotline work orders (import kind demands_12345): the first four columns are required. */
  hotline: {
    zh: ['工单编号', '统一社会信用代码', '标题', '诉求内容', '诉求类别', '紧急程度', '联系人', '联系电话', '来电时间'],
    en: ['order no', 'uscc', 'title', 'description', 'category', 'urgency', 'contact', 'phone', 'received at'],
  },
};

const ROWS: Record<SampleKind, string[][]> = {
  long: [
    [USCC_A, '垫江县示例机械有限公司', '营业收入', '2025', '2,350.5', '万元', '2026-03-31'],
    [USCC_A, '垫江县示例机械有限公司', '从业人员期末人数', '2025', '85', '', '2026-03-31'],
    [USCC_B, '垫江县示例食品有限公司', 'operating_revenue', '2025', '8,600,000.00', '元', '2026-03-31'],
  ],
  wide: [
    [USCC_A, '垫江县示例机械有限公司', '2025', '2026-03-31', '2,350.5', '85', '940,000.00', '是'],
    [USCC_B, '垫江县示例食品有限公司', '2025', '2026-03-31', '860', '32', '', '否'],
  ],
  enterprises: [
    [USCC_A, '垫江县示例机械有限公司', '有限责任公司', '张三', '2016-05-16', '1,000', '桂溪街道', '垫江县桂溪街道工业园区1号', '3453', '存续'],
    [USCC_B, '垫江县示例食品有限公司', '个体工商户', '李四', '2021-03-02', '50', '桂阳街道', '垫江县桂阳街道新街8号', '1431', '存续'],
  ],
  hotline: [
    ['GD202612070001', USCC_A, '厂区频繁停电影响生产', '园区线路老化，本周已停电三次，请协调供电公司检修。', '水电气', '紧急', '张先生', '13800000001', '2026-12-07 09:30'],
    ['GD202612070002', USCC_B, '咨询创业担保贷款', '个体户想了解创业担保贷款的申请条件和贴息政策。', '融资', '一般', '李女士', '13800000002', '2026-12-07 10:15'],
  ],
};

/** A small CSV (UTF-8 with BOM, Excel-friendly) of the layout. */
export function sampleCsv(kind: SampleKind): string {
  return toCsv(SAMPLE_HEADERS[kind].zh, ROWS[kind]);
}
