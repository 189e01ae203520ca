import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../api/types.ts';

const ROLE_COLOURS: Record<Role, string> = {
  enterprise_user: 'blue',
  department_staff: 'geekblue',
  dispatcher: 'purple',
  cadre: 'cyan',
  provider_staff: 'green',
  bank_staff: 'gold',
  data_admin: 'lime',
  admin: 'red',
  auditor: 'magenta',
  security_admin: 'orange',
  leader: 'volcano',
};

export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation('common');
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {roles.map((role) => (
        <Tag key={role} color={ROLE_COLOURS[role]} style={{ marginInlineEnd: 0 }} data-testid={`role-${role}`}>
          {t(`roles.${role}`)}
        </Tag>
      ))}
    </span>
  );
}
