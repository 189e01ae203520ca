import { useState } from 'react';
import { Alert, App as AntApp, Button, Checkbox, Input, Modal, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { queryKeys } from '../../../api/query-keys.ts';
import type { AdminUser, Role } from '../../../api/types.ts';
import { useErrorText } from '../../../app/errors.ts';
import { LoadFailed } from '../../../components/LoadFailed.tsx';
import { RoleTags } from '../../../components/RoleTags.tsx';
import { tablePagination } from '../../../lib/table-pagination.ts';
import { useMe } from '../../auth/api/useMe.ts';
import { useUsers } from '../api/useUsers.ts';

const PAGE_SIZE = 20;

/** The modal choosing an account's roles among those the server offers for it (its organisation's, no administrator kind). */
function AssignRolesModal({ user, onClose }: { user: AdminUser | null; onClose: () => void }) {
  const { t } = useTranslation('security');
  const { t: tc } = useTranslation('common');
  const { message } = AntApp.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<Role[] | null>(null);
  const roles = chosen ?? user?.roles ?? [];
  const save = useMutation({
    mutationFn: (input: { id: number; roles: Role[] }) => api.patch<AdminUser>(`/api/security/users/${input.id}/role`, { roles: input.roles }),
    onSuccess: (saved) => {
      void message.success(t('roles.saved', { name: saved.displayName }));
      close();
      return queryClient.invalidateQueries({ queryKey: queryKeys.admin.users.all });
    },
  });
  const close = () => {
    setChosen(null);
    save.reset();
    onClose();
  };
  return (
    <Modal
      open={user !== null}
      title={user ? t('roles.modalTitle', { name: user.displayName, username: user.username }) : ''}
      onCancel={close}
      onOk={() => user && save.mutate({ id: user.id, roles })}
      okText={tc('actions.save')}
      cancelText={tc('actions.cancel')}
      okButtonProps={{ disabled: roles.length === 0, 'data-testid': 'assign-roles-submit' }}
      confirmLoading={save.isPending}
      destroyOnHidden
      data-testid="assign-roles-modal"
    >
      {save.error && <Alert type="error" showIcon title={errorText(save.error)} style={{ marginBottom: 16 }} />}
      {user && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('roles.orgHint', { org: user.org.name, type: tc(`orgTypes.${user.org.type}`) })}</Typography.Text>
          <Checkbox.Group<Role>
            value={roles}
            onChange={(values) => setChosen(values)}
            options={user.assignableRoles.map((role) => ({ value: role, label: tc(`roles.${role}`) }))}
            data-testid="assign-roles-options"
          />
          {roles.length === 0 && <Typography.Text type="danger">{t('roles.required')}</Typography.Text>}
          <Alert type="warning" showIcon title={t('roles.sessionsEnd')} />
        </Space>
      )}
    </Modal>
  );
}

/** The security administrator's role assignment (三权分立): every account, the roles it holds, a change for ordinary accounts. */
export function RolesTab() {
  const { t } = useTranslation('security');
  const { t: tc } = useTranslation('common');
  const me = useMe();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const users = useUsers({ q: q || undefined, page, pageSize: PAGE_SIZE });

  const columns: TableColumnsType<AdminUser> = [
    { title: t('roles.user'), key: 'user', render: (_, user) => `${user.displayName}（${user.username}）` },
    { title: t('roles.organisation'), key: 'org', render: (_, user) => `${user.org.name} · ${tc(`orgTypes.${user.org.type}`)}` },
    { title: t('roles.current'), key: 'roles', render: (_, user) => <RoleTags roles={user.roles} /> },
    {
      title: '',
      key: 'action',
      render: (_, user) => {
        if (user.id === me.data?.id) return <Tag>{t('roles.self')}</Tag>;
        if (user.assignableRoles.length === 0) return <Tag>{t('roles.administrator')}</Tag>;
        return (
          <Button size="small" onClick={() => setEditing(user)} data-testid={`assign-roles-${user.username}`}>
            {t('roles.change')}
          </Button>
        );
      },
    },
  ];
  if (users.isError) return <LoadFailed error={users.error} onRetry={() => void users.refetch()} />;
  return (
    <>
      <Alert type="info" showIcon title={t('roles.intro')} style={{ marginBottom: 16 }} />
      <Input.Search
        allowClear
        placeholder={t('roles.searchPlaceholder')}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        onSearch={(value) => {
          setQ(value.trim());
          setPage(1);
        }}
        enterButton={tc('actions.search')}
        style={{ width: 320, maxWidth: '100%', marginBottom: 16 }}
        data-testid="roles-search"
      />
      <Table<AdminUser>
        rowKey="id"
        columns={columns}
        dataSource={users.data?.items}
        loading={users.isLoading}
        pagination={tablePagination(tc, { page, pageSize: PAGE_SIZE, total: users.data?.total, onChange: (next) => setPage(next) })}
        scroll={{ x: 'max-content' }}
        data-testid="security-roles"
      />
      <AssignRolesModal user={editing} onClose={() => setEditing(null)} />
    </>
  );
}
