import { useState } from 'react';
import { Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Org, OrgType } from '../../../api/types.ts';
import { useDebouncedValue } from '../../../lib/useDebouncedValue.ts';
import { useOrgs } from '../api/useOrgs.ts';

interface OrgSelectProps {
  value?: number;
  onChange?: (value: number | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  type?: OrgType;
  style?: React.CSSProperties;
  'data-testid'?: string;
}

/** Picks an organisation by searching the server (there may be thousands of enterprises). */
export function OrgSelect({ value, onChange, placeholder, allowClear, type, style, ...rest }: OrgSelectProps) {
  const { t } = useTranslation('common');
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const orgs = useOrgs({ q: q || undefined, type, page: 1, pageSize: 20 });
  // The picked organisation may drop out of the options when the search changes; keep it so the select
  // still shows its name rather than its id.
  const [picked, setPicked] = useState<Org | null>(null);
  const items = orgs.data?.items ?? [];
  const shown = picked && picked.id === value && !items.some((org) => org.id === picked.id) ? [picked, ...items] : items;

  return (
    <Select<number>
      value={value}
      onChange={(next) => {
        setPicked(items.find((org) => org.id === next) ?? null);
        onChange?.(next);
      }}
      placeholder={placeholder}
      allowClear={allowClear}
      style={style}
      data-testid={rest['data-testid']}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={orgs.isFetching}
      notFoundContent={orgs.isFetching ? t('states.loading') : t('states.noResults')}
      options={shown.map((org) => ({
        value: org.id,
        label: (
          <span>
            {org.name} <Tag style={{ marginInlineStart: 4 }}>{t(`orgTypes.${org.type}`)}</Tag>
          </span>
        ),
      }))}
      popupMatchSelectWidth={false}
    />
  );
}
