import { describe, expect, it } from 'vitest';
import { industryLabel, isIndustryFact } from './industry-label.ts';

const divisions = [{ code: '34', section: 'C', nameZh: '通用设备制造业', nameEn: 'General equipment manufacturing' }];

describe('industryLabel', () => {
  it('shows a bare code from a form as the profile does: name, 门类 letter and code', () => {
    expect(industryLabel({ industryCode: '3453' }, divisions, false)).toBe('通用设备制造业（C3453）');
    expect(industryLabel({ industryCode: '3453' }, divisions, true)).toBe('General equipment manufacturing (C3453)');
    expect(industryLabel({ industryCode: '3453', industrySection: 'C', industryName: '通用设备制造业' }, undefined, false)).toBe('通用设备制造业（C3453）');
    expect(industryLabel({ industryCode: '9999' }, divisions, false)).toBe('9999');
    expect(industryLabel({ industryCode: null }, divisions, false)).toBeNull();
  });
  it('knows the industry fact of a form', () => {
    expect(isIndustryFact('fact_industry_code')).toBe(true);
    expect(isIndustryFact('fact_main_revenue_2025')).toBe(false);
  });
});
