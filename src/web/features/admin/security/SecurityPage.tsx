import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Form, InputNumber, Popconfirm, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../../api/client.ts';
import type { Lockout, Page, PasswordExpiry, PasswordExpiryRow as ExpiryRow, PasswordPolicy as Policy, SessionRow } from '../../../api/types.ts';
import { LoadFailed } from '../../../components/LoadFailed.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { RoleTags } from '../../../components/RoleTags.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { tablePagination } from '../../../lib/table-pagination.ts';
import { RolesTab } from './RolesTab.tsx';

const KEY = ['security'] as const;
const TABS = ['lockouts', 'sessions', 'passwords', 'policy', 'roles'] as const;
type Tab = (typeof TABS)[number];

function LockoutsTab() {
  const { t, i18n } = useTranslation('security');
  const { t: tc } = useTranslation('common');
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const list = useQuery({ queryKey: [...KEY, 'lockouts', page], queryFn: ({ signal }) => api.get<Page<Lockout>>('/api/security/lockouts', { page, pageSize: 20 }, { signal }), placeholderData: keepPreviousData });
  const unlock = useMutation({
    mutationFn: (row: Lockout) => api.post<null>('/api/security/lockouts/unlock', { username: row.username, ip: row.ip }),
    onSuccess: () => {
      message.success(t('lockouts.unlocked'));
      return queryClient.invalidateQueries({ queryKey: KEY });
    },
  });
  const columns: TableColumnsType<Lockout> = [
    { title: t('lockouts.username'), dataIndex: 'username', key: 'username' },
    { title: t('lockouts.account'), key: 'account', render: (_, row) => row.user?.displayName ?? <Typography.Text type="secondary">{t('lockouts.unknownAccount')}</Typography.Text> },
    { title: t('lockouts.ip'), dataIndex: 'ip', key: 'ip' },
    { title: t('lockouts.locks'), dataIndex: 'locks', key: 'locks' },
    { title: t('lockouts.lockedUntil'), dataIndex: 'lockedUntil', key: 'lockedUntil', render: (value: string) => formatDateTime(value, i18n.language) },
    {
      title: '',
      key: 'action',
      render: (_, row) => (
        <Button size="small" loading={unlock.isPending && unlock.variables === row} onClick={() => unlock.mutate(row)} data-testid={`unlock-${row.username}`}>
          {t('lockouts.unlock')}
        </Button>
      ),
    },
  ];
  if (list.isError) return <LoadFailed error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <Alert type="info" showIcon title={t('lockouts.intro')} style={{ marginBottom: 16 }} />
      <Table<Lockout>
        rowKey={(row) => `${row.username}@${row.ip}`}
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isLoading}
        locale={{ emptyText: t('lockouts.empty') }}
        pagination={tablePagination(tc, { page, pageSize: 20, total: list.data?.total, onChange: (next) => setPage(next) })}
        scroll={{ x: 'max-content' }}
        data-testid="security-lockouts"
      />
    </>
  );
}

function SessionsTab() {
  const { t, i18n } = useTranslation('security');
  const { t: tc } = useTranslation('common');
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const list = useQuery({ queryKey: [...KEY, 'sessions', page], queryFn: ({ signal }) => api.get<Page<SessionRow>>('/api/security/sessions', { page, pageSize: 20 }, { signal }), placeholderData: keepPreviousData });
  const end = useMutation({
    mutationFn: (id: number) => api.post<null>(`/api/security/sessions/${id}/end`, {}),
    onSuccess: () => {
      message.success(t('sessions.ended'));
      return queryClient.invalidateQueries({ queryKey: KEY });
    },
  });
  const columns: TableColumnsType<SessionRow> = [
    { title: t('sessions.user'), key: 'user', render: (_, row) => `${row.user.displayName}（${row.user.username}）` },
    { title: t('sessions.organisation'), key: 'org', render: (_, row) => <Space wrap>{row.user.orgName}<RoleTags roles={row.user.roles} /></Space> },
    { title: t('sessions.ip'), dataIndex: 'ip', key: 'ip', render: (value: string | null) => value ?? '—' },
    { title: t('sessions.createdAt'), dataIndex: 'createdAt', key: 'createdAt', render: (value: string) => formatDateTime(value, i18n.language) },
    { title: t('sessions.lastSeenAt'), dataIndex: 'lastSeenAt', key: 'lastSeenAt', render: (value: string) => formatDateTime(value, i18n.language) },
    {
      title: '',
      key: 'action',
      render: (_, row) =>
        row.isCurrent ? (
          <Tag>{t('sessions.current')}</Tag>
        ) : (
          <Popconfirm title={t('sessions.confirm')} onConfirm={() => end.mutate(row.id)}>
            <Button size="small" danger>
              {t('sessions.end')}
            </Button>
          </Popconfirm>
        ),
    },
  ];
  if (list.isError) return <LoadFailed error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Table<SessionRow>
      rowKey="id"
      columns={columns}
      dataSource={list.data?.items}
      loading={list.isLoading}
      pagination={tablePagination(tc, { page, pageSize: 20, total: list.data?.total, onChange: (next) => setPage(next) })}
      scroll={{ x: 'max-content' }}
      data-testid="security-sessions"
    />
  );
}

function PasswordsTab() {
  const { t, i18n } = useTranslation('security');
  const list = useQuery({ queryKey: [...KEY, 'expiry'], queryFn: ({ signal }) => api.get<PasswordExpiry>('/api/security/password-expiry', {}, { signal }) });
  if (list.isError) return <LoadFailed error={list.error} onRetry={() => void list.refetch()} />;
  const columns: TableColumnsType<ExpiryRow> = [
    { title: t('passwords.user'), key: 'user', render: (_, row) => `${row.displayName}（${row.username}）` },
    { title: t('passwords.changedAt'), dataIndex: 'passwordChangedAt', key: 'changedAt', render: (value: string) => formatDateTime(value, i18n.language) },
    {
      title: t('passwords.state'),
      key: 'state',
      render: (_, row) => (row.expired ? <Tag color="red">{t('passwords.expired')}</Tag> : <Tag color="orange">{t('passwords.daysLeft', { count: row.daysLeft })}</Tag>),
    },
  ];
  return (
    <>
      {list.data && (
        <Alert type="info" showIcon title={list.data.maxAgeDays === 0 ? t('passwords.off') : t('passwords.intro', { days: list.data.maxAgeDays })} style={{ marginBottom: 16 }} />
      )}
      <Table<ExpiryRow> rowKey="id" columns={columns} dataSource={list.data?.items} loading={list.isLoading} locale={{ emptyText: t('passwords.empty') }} pagination={false} data-testid="security-passwords" />
    </>
  );
}

function PolicyTab() {
  const { t } = useTranslation('security');
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const policy = useQuery({ queryKey: [...KEY, 'policy'], queryFn: ({ signal }) => api.get<Policy>('/api/security/password-policy', {}, { signal }) });
  const save = useMutation({
    mutationFn: (patch: { maxAgeDays: number | null; maxSessionsPerUser: number | null }) => api.patch<Policy>('/api/security/password-policy', patch),
    onSuccess: () => {
      message.success(t('policy.saved'));
      return queryClient.invalidateQueries({ queryKey: KEY });
    },
  });
  if (policy.isError) return <LoadFailed error={policy.error} onRetry={() => void policy.refetch()} />;
  const p = policy.data;
  if (!p) return <Card loading />;
  return (
    <Card>
      <Typography.Paragraph>{t('policy.rules', { minLength: p.minLength, minClasses: p.minClasses })}</Typography.Paragraph>
      <Typography.Paragraph>{t('policy.lockout', { failures: p.lockAfterFailures, minutes: p.lockMinutes })}</Typography.Paragraph>
      <Form
        layout="vertical"
        key={`${p.maxAgeDays}-${p.maxSessionsPerUser}`}
        initialValues={{ maxAgeDays: p.maxAgeDays, maxSessionsPerUser: p.maxSessionsPerUser }}
        onFinish={(values: { maxAgeDays: number; maxSessionsPerUser: number }) => save.mutate(values)}
        style={{ maxWidth: 480 }}
      >
        <Form.Item name="maxAgeDays" label={t('policy.maxAgeDays')} extra={t('policy.defaultValue', { value: p.maxAgeDaysDefault })} rules={[{ required: true }]}>
          <InputNumber min={0} max={3650} precision={0} style={{ width: '100%' }} data-testid="policy-max-age" />
        </Form.Item>
        <Form.Item name="maxSessionsPerUser" label={t('policy.maxSessions')} extra={t('policy.defaultValue', { value: p.maxSessionsPerUserDefault })} rules={[{ required: true }]}>
          <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} data-testid="policy-max-sessions" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('policy.save')}
          </Button>
          <Button onClick={() => save.mutate({ maxAgeDays: null, maxSessionsPerUser: null })}>{t('policy.restore')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

/** /gov/security: the security administrator's page (sign-in locks, sessions, password expiry, the policy, role assignment). */
export default function SecurityPage() {
  const { t } = useTranslation('security');
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((k) => k === params.get('tab')) ?? 'lockouts';
  return (
    <>
      <PageHeader title={t('title')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          { key: 'lockouts', label: t('tabs.lockouts'), children: <LockoutsTab /> },
          { key: 'sessions', label: t('tabs.sessions'), children: <SessionsTab /> },
          { key: 'passwords', label: t('tabs.passwords'), children: <PasswordsTab /> },
          { key: 'policy', label: t('tabs.policy'), children: <PolicyTab /> },
          { key: 'roles', label: t('tabs.roles'), children: <RolesTab /> },
        ]}
      />
    </>
  );
}
