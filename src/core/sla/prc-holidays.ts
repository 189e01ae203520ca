/**
 * The official PRC public-holiday schedules (法定节假日 and 调休), as data. Each year the General Office
 * of the State Council publishes the coming year's arrangement in November; a new year is one more entry
 * here (and one more migration seeding `working_calendar`), never new code.
 *
 * Sources (the text of the notices, as published on www.gov.cn):
 * - 2025: 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024-11-12）. The first year
 *   under the revised 《全国年节及纪念日放假办法》 (国务院令第798号): 春节 gains 除夕, 劳动节 gains 5月2日.
 * - 2026: 国务院办公厅关于2026年部分节假日安排的通知（published November 2025）.
 * When the published notice and this file disagree, the notice wins: correct the rows in
 * `working_calendar` (they are editable) and this file for new deployments.
 *
 * `from`–`to` is the whole closure (holiday days, weekend days inside it included); `workdays` are the
 * make-up working days (调休上班), usually a Saturday or Sunday next to the closure.
 */

export interface HolidayPeriod {
  /** 节日 name as the notice writes it. */
  nameZh: string;
  nameEn: string;
  /** First and last day off, inclusive, 'YYYY-MM-DD'. */
  from: string;
  to: string;
  /** Weekend days that are working days because of this holiday (调休上班). */
  workdays: readonly string[];
}

export interface HolidaySchedule {
  year: number;
  /** The notice the data was taken from. */
  source: string;
  periods: readonly HolidayPeriod[];
}

export const PRC_HOLIDAY_SCHEDULES: readonly HolidaySchedule[] = Object.freeze([
  {
    year: 2025,
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
    periods: [
      { nameZh: '元旦', nameEn: "New Year's Day", from: '2025-01-01', to: '2025-01-01', workdays: [] },
      // 1月28日（除夕，周二）至2月4日（周二）共8天；1月26日（周日）、2月8日（周六）上班.
      { nameZh: '春节', nameEn: 'Spring Festival', from: '2025-01-28', to: '2025-02-04', workdays: ['2025-01-26', '2025-02-08'] },
      { nameZh: '清明节', nameEn: 'Qingming Festival', from: '2025-04-04', to: '2025-04-06', workdays: [] },
      // 5月1日（周四）至5日（周一）共5天；4月27日（周日）上班.
      { nameZh: '劳动节', nameEn: 'Labour Day', from: '2025-05-01', to: '2025-05-05', workdays: ['2025-04-27'] },
      { nameZh: '端午节', nameEn: 'Dragon Boat Festival', from: '2025-05-31', to: '2025-06-02', workdays: [] },
      // 10月1日（周三）至8日（周三）共8天；9月28日（周日）、10月11日（周六）上班.
      { nameZh: '国庆节、中秋节', nameEn: 'National Day and Mid-Autumn Festival', from: '2025-10-01', to: '2025-10-08', workdays: ['2025-09-28', '2025-10-11'] },
    ],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月发布）',
    periods: [
      // 1月1日（周四）至3日（周六）共3天；1月4日（周日）上班.
      { nameZh: '元旦', nameEn: "New Year's Day", from: '2026-01-01', to: '2026-01-03', workdays: ['2026-01-04'] },
      // 2月15日（腊月二十八，周日）至23日（周一）共9天；2月14日（周六）、2月28日（周六）上班.
      { nameZh: '春节', nameEn: 'Spring Festival', from: '2026-02-15', to: '2026-02-23', workdays: ['2026-02-14', '2026-02-28'] },
      { nameZh: '清明节', nameEn: 'Qingming Festival', from: '2026-04-04', to: '2026-04-06', workdays: [] },
      // 5月1日（周五）至5日（周二）共5天；5月9日（周六）上班.
      { nameZh: '劳动节', nameEn: 'Labour Day', from: '2026-05-01', to: '2026-05-05', workdays: ['2026-05-09'] },
      { nameZh: '端午节', nameEn: 'Dragon Boat Festival', from: '2026-06-19', to: '2026-06-21', workdays: [] },
      { nameZh: '中秋节', nameEn: 'Mid-Autumn Festival', from: '2026-09-25', to: '2026-09-27', workdays: [] },
      // 10月1日（周四）至7日（周三）共7天；9月20日（周日）、10月10日（周六）上班.
      { nameZh: '国庆节', nameEn: 'National Day', from: '2026-10-01', to: '2026-10-07', workdays: ['2026-09-20', '2026-10-10'] },
    ],
  },
]);
