import { useState } from 'react';
import { Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EnterpriseSummary } from '../../../../api/types.ts';
import { useDebouncedValue } from '../../../../lib/useDebouncedValue.ts';
import { useEnterprises } from '../../../profile/gov/api/useEnterprises.ts';

interface EnterprisePickerProps {
  value?: number;
  onChange?: (value: number | undefined, enterprise: EnterpriseSummary | null) => void;
  placeholder?: string;
  style?: React.CSSProperties;
  'data-testid'?: string;
}

/** Picks one enterprise of the county by searching its name or USCC on the server. */
export function EnterprisePicker({ value, onChange, placeholder, style, ...rest }: EnterprisePickerProps) {
  const { t } = useTranslation('policies');
  const { t: tc } = useTranslation('common');
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const enterprises = useEnterprises({ q: q || undefined, page: 1, pageSize: 20 });
  const [picked, setPicked] = useState<EnterpriseSummary | null>(null);
  const items = enterprises.data?.items ?? [];
  const shown = picked && picked.id === value && !items.some((e) => e.id === picked.id) ? [picked, ...items] : items;

  return (
    <Select<number>
      value={value}
      onChange={(next) => {
        const enterprise = shown.find((e) => e.id === next) ?? null;
        setPicked(enterprise);
        onChange?.(next, enterprise);
      }}
      placeholder={placeholder ?? t('picker.placeholder')}
      allowClear
      style={style}
      data-testid={rest['data-testid']}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={enterprises.isFetching}
      notFoundContent={enterprises.isFetching ? tc('states.loading') : tc('states.noResults')}
      options={shown.map((enterprise) => ({
        value: enterprise.id,
        title: enterprise.name,
        label: (
          <span data-testid={`enterprise-option-${enterprise.id}`}>
            {enterprise.name}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {enterprise.uscc}
            </Typography.Text>
          </span>
        ),
      }))}
      popupMatchSelectWidth={false}
    />
  );
}
