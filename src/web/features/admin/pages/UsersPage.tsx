import { useState } from 'react';
import { App, Button, Card, Dropdown, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CheckCircleOutlined, DownOutlined, EditOutlined, KeyOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ROLES, type AdminUser, type Role } from '../../../api/types.ts';
import { useErrorText } from '../../../app/errors.ts';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { RoleTags } from '../../../components/RoleTags.tsx';
import { formatDateTime, isFuture } from '../../../lib/format.ts';
import { useUpdateUser } from '../api/useUpdateUser.ts';
import { useUsers } from '../api/useUsers.ts';
import { CreateUserModal } from '../components/CreateUserModal.tsx';
import { EditUserModal } from '../components/EditUserModal.tsx';
import { OrgSelect } from '../components/OrgSelect.tsx';
import { ResetPasswordModal } from '../components/ResetPasswordModal.tsx';
import { PAGE_SIZES, tablePagination } from '../../../lib/table-pagination.ts';
import { useUrlFilters } from '../../../lib/useUrlFilters.ts';
import { LoadFailed } from '../../../components/LoadFailed.tsx';

const USER_STATUS_FILTERS = ['locked', 'never_signed_in', 'disabled'] as const;

const PAGE_SIZE = 20;

function UserStatus({ user }: { user: AdminUser }) {
  const { t, i18n } = useTranslation('admin');
  if (user.isDisabled) return <Tag color="default">{t('users.status.disabled')}</Tag>;
  if (isFuture(user.lockedUntil)) {
    return <Tag color="orange">{t('users.status.lockedUntil', { time: formatDateTime(user.lockedUntil, i18n.language) })}</Tag>;
  }
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      <Tag color="green" style={{ marginInlineEnd: 0 }}>
        {t('users.status.active')}
      </Tag>
      {user.mustChangePassword && (
        <Tag color="gold" style={{ marginInlineEnd: 0 }}>
          {t('users.status.mustChangePassword')}
        </Tag>
      )}
    </span>
  );
}

/** /gov/admin/users: search, create, edit, disable and reset users (admin only). */
export default function UsersPage() {
  const { t, i18n } = useTranslation('admin');
  const { t: tc } = useTranslation('common');
  const errorText = useErrorText();
  const { message, modal } = App.useApp();

  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [orgId, setOrgId] = useState<number | undefined>();
  const [role, setRole] = useState<Role | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const [resetting, setResetting] = useState<AdminUser | null>(null);

  // The status filter lives in the URL, so the home's account counts open exactly those accounts.
  const { searchParams, update: updateFilters } = useUrlFilters<'status'>();
  const requestedStatus = searchParams.get('status');
  const status = USER_STATUS_FILTERS.find((value) => value === requestedStatus);
  const users = useUsers({ q: q || undefined, orgId, role, status, page, pageSize });
  const update = useUpdateUser();

  const toggleDisabled = (user: AdminUser) =>
    update.mutateAsync({ id: user.id, isDisabled: !user.isDisabled }).then(
      (saved) => void message.success(t(saved.isDisabled ? 'users.disabled' : 'users.enabled', { name: saved.displayName })),
      (error: unknown) => void message.error(errorText(error)),
    );

  const columns: TableColumnsType<AdminUser> = [
    { title: t('users.columns.username'), dataIndex: 'username', key: 'username', render: (value: string) => <Typography.Text strong>{value}</Typography.Text> },
    { title: t('users.columns.displayName'), dataIndex: 'displayName', key: 'displayName' },
    { title: t('users.columns.organisation'), key: 'org', render: (_, user) => user.org.name, responsive: ['md'] },
    { title: t('users.columns.roles'), key: 'roles', render: (_, user) => <RoleTags roles={user.roles} /> },
    { title: t('users.columns.status'), key: 'status', render: (_, user) => <UserStatus user={user} /> },
    {
      title: t('users.columns.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      responsive: ['lg'],
      render: (value: string | null) => (value ? formatDateTime(value, i18n.language) : <Typography.Text type="secondary">{t('users.neverLoggedIn')}</Typography.Text>),
    },
    {
      title: tc('table.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, user) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(user)} data-testid={`user-edit-${user.username}`}>
            {t('users.actions.edit')}
          </Button>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                {
                  key: 'toggle',
                  danger: !user.isDisabled,
                  icon: user.isDisabled ? <CheckCircleOutlined /> : <StopOutlined />,
                  label: <span data-testid={`user-toggle-${user.username}`}>{user.isDisabled ? t('users.actions.enable') : t('users.actions.disable')}</span>,
                },
                {
                  key: 'reset',
                  icon: <KeyOutlined />,
                  label: <span data-testid={`user-reset-${user.username}`}>{t('users.actions.resetPassword')}</span>,
                },
              ],
              onClick: ({ key }) => {
                if (key === 'reset') setResetting(user);
                if (key === 'toggle') {
                  void modal.confirm({
                    title: t(user.isDisabled ? 'users.confirmEnable' : 'users.confirmDisable', { name: user.displayName }),
                    okText: tc('actions.confirm'),
                    cancelText: tc('actions.cancel'),
                    okButtonProps: { danger: !user.isDisabled, 'data-testid': 'user-toggle-confirm' },
                    onOk: () => toggleDisabled(user),
                  });
                }
              },
            }}
          >
            <Button type="link" size="small" data-testid={`user-more-${user.username}`}>
              {tc('actions.more')} <DownOutlined />
            </Button>
          </Dropdown>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          <Space>
            <ExportButton path="/api/admin/users/export.xlsx" params={{ q: q || undefined, orgId, role, status }} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-user">
              {t('users.create')}
            </Button>
          </Space>
        }
      />
      <Card>
        <Space wrap className="dxe-filters">
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
            enterButton={tc('actions.search')}
            style={{ width: 300, maxWidth: '100%' }}
            data-testid="users-search"
          />
          <OrgSelect
            allowClear
            placeholder={t('users.filterOrg')}
            value={orgId}
            onChange={(value) => {
              setOrgId(value);
              setPage(1);
            }}
            style={{ width: 240, maxWidth: '100%' }}
            data-testid="users-filter-org"
          />
          <Select<Role>
            allowClear
            placeholder={t('users.filterRole')}
            value={role}
            onChange={(value) => {
              setRole(value);
              setPage(1);
            }}
            options={ROLES.map((value) => ({ value, label: tc(`roles.${value}`) }))}
            style={{ width: 180 }}
            data-testid="users-filter-role"
          />
          <Select<string>
            allowClear
            placeholder={t('users.filterStatus')}
            value={status}
            onChange={(value) => {
              updateFilters({ status: value });
              setPage(1);
            }}
            options={USER_STATUS_FILTERS.map((value) => ({ value, label: t(`users.statusFilter.${value}`) }))}
            style={{ width: 150 }}
            data-testid="users-filter-status"
          />
        </Space>
        {users.isError && <LoadFailed error={users.error} onRetry={() => void users.refetch()} />}
        <Table<AdminUser>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={users.data?.items}
          loading={users.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: q || orgId || role ? tc('states.noResults') : tc('states.empty') }}
          pagination={tablePagination(tc, {
            page,
            pageSize,
            total: users.data?.total,
            pageSizes: PAGE_SIZES,
            onChange: (nextPage, nextSize) => {
              setPage(nextPage);
              setPageSize(nextSize);
            },
          })}
          data-testid="users-table"
        />
      </Card>
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
      <EditUserModal user={editing} onClose={() => setEditing(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
