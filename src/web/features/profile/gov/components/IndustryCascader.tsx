import { Cascader } from 'antd';
import { useTranslation } from 'react-i18next';
import { localName } from '../../../../lib/indicator-values.ts';
import { useIndustries } from '../../shared/api/useReferenceData.ts';

interface IndustryCascaderProps {
  /** 门类 letter ('C') or 大类 digits ('34'). */
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  style?: React.CSSProperties;
  'data-testid'?: string;
}

/** Industry filter: a 门类, or a 大类 within it (GB/T 4754-2017); either level may be chosen. */
export function IndustryCascader({ value, onChange, placeholder, style, ...rest }: IndustryCascaderProps) {
  const { i18n } = useTranslation('enterprises');
  const industries = useIndustries();
  const data = industries.data;
  const options = (data?.sections ?? []).map((section) => ({
    value: section.code,
    label: `${section.code} ${localName(section, i18n.language)}`,
    children: data!.divisions
      .filter((division) => division.section === section.code)
      .map((division) => ({ value: division.code, label: `${division.code} ${localName(division, i18n.language)}` })),
  }));
  const division = value && /^\d/.test(value) ? data?.divisions.find((item) => item.code === value.slice(0, 2)) : undefined;
  const path = !value ? undefined : division ? [division.section, division.code] : [value];

  return (
    <Cascader
      value={path}
      onChange={(next) => onChange?.(next && next.length > 0 ? String(next[next.length - 1]) : undefined)}
      options={options}
      changeOnSelect
      allowClear
      showSearch
      loading={industries.isPending}
      placeholder={placeholder}
      style={style}
      popupClassName="dxe-industry-popup"
      data-testid={rest['data-testid']}
    />
  );
}
