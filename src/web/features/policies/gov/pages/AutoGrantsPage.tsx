import { useState } from 'react';
import { Alert, App, Button, Card, Form, Modal, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { AutoGrantSummary } from '../../../../api/types.ts';
import { useUser } from '../../../../app/session.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { formatDateTime } from '../../../../lib/format.ts';
import { usePolicies } from '../api/usePolicies.ts';
import { useAutoGrants, useProposeAutoGrant } from '../api/useAutoGrants.ts';
import { AutoGrantStatusTag } from '../components/AutoGrantStatusTag.tsx';
import { MoneyText } from '../components/MoneyText.tsx';
import { useReviewErrorText } from '../lib/review-errors.ts';
import { tablePagination } from '../../../../lib/table-pagination.ts';
import { useUrlFilters } from '../../../../lib/useUrlFilters.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';

const PAGE_SIZE = 20;

/** /gov/auto-grants: 免申即享 — the department's grant lists; a new one is proposed from a policy's matches. */
export default function AutoGrantsPage() {
  const { t, i18n } = useTranslation('reviews');
  const { t: tc } = useTranslation('common');
  const user = useUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const reviewErrorText = useReviewErrorText();
  const { page, update } = useUrlFilters();
  const grants = useAutoGrants({ page, pageSize: PAGE_SIZE });
  const [proposing, setProposing] = useState(false);
  const [policyId, setPolicyId] = useState<number | undefined>();
  const policies = usePolicies({ department: user.org.id, isAutoGrant: true, status: 'published', page: 1, pageSize: 100 }, { enabled: proposing });
  const propose = useProposeAutoGrant();
  const language = i18n.language;

  const columns: TableColumnsType<AutoGrantSummary> = [
    {
      title: t('columns.policy'),
      key: 'policy',
      render: (_, row) => (
        <div style={{ display: 'flex', flexDirection: 'column' }}>
          <Link to={`/gov/auto-grants/${row.id}`} data-testid={`grant-link-${row.id}`}>
            {row.policy.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('grants.number', { id: row.id })} · {row.policy.code}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('columns.status'), key: 'status', render: (_, row) => <AutoGrantStatusTag status={row.status} /> },
    { title: t('grants.included'), key: 'included', render: (_, row) => t('grants.countOf', { count: row.counts.included, removed: row.counts.removed }) },
    { title: t('grants.total'), key: 'total', render: (_, row) => <MoneyText fen={row.counts.includedFen} /> },
    { title: t('grants.paid'), key: 'paid', responsive: ['md'], render: (_, row) => <span>{row.counts.paid} · <MoneyText fen={row.counts.paidFen} exact={false} /></span> },
    { title: t('columns.createdAt'), key: 'createdAt', responsive: ['lg'], render: (_, row) => formatDateTime(row.createdAt, language) },
  ];

  return (
    <>
      <PageHeader
        title={t('grants.title')}
        extra={
          <Space wrap>
            <ExportButton path="/api/auto-grants/export.xlsx" params={{}} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)} data-testid="grant-propose">
              {t('grants.propose')}
            </Button>
          </Space>
        }
      />
      <Card>
        <Typography.Paragraph type="secondary">{t('grants.hint')}</Typography.Paragraph>
        {grants.isError && !grants.data ? (
          <LoadFailed error={grants.error} onRetry={() => void grants.refetch()} />
        ) : (
          <Table<AutoGrantSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={grants.data?.items}
            loading={grants.isFetching}
            scroll={{ x: 'max-content' }}
            onRow={(row) => ({ onClick: () => navigate(`/gov/auto-grants/${row.id}`), style: { cursor: 'pointer' } })}
            locale={{ emptyText: t('grants.empty') }}
            pagination={tablePagination(tc, {
              page,
              pageSize: PAGE_SIZE,
              total: grants.data?.total,
              onChange: (next) => update({ page: String(next) }),
            })}
            data-testid="grants-table"
          />
        )}
      </Card>
      <Modal
        open={proposing}
        title={t('grants.proposeTitle')}
        onCancel={() => {
          propose.reset();
          setProposing(false);
        }}
        onOk={() =>
          policyId &&
          propose.mutate(policyId, {
            onSuccess: (grant) => {
              void message.success(t('grants.proposed', { count: grant.counts.included }));
              setProposing(false);
              navigate(`/gov/auto-grants/${grant.id}`);
            },
          })
        }
        okButtonProps={{ disabled: !policyId, 'data-testid': 'grant-propose-submit' } as never}
        okText={t('grants.propose')}
        cancelText={tc('actions.cancel')}
        confirmLoading={propose.isPending}
        destroyOnHidden
        data-testid="grant-propose-modal"
      >
        <Typography.Paragraph>{t('grants.proposeText')}</Typography.Paragraph>
        {propose.error && <Alert type="error" showIcon title={reviewErrorText(propose.error)} style={{ marginBottom: 12 }} data-testid="grant-propose-error" />}
        <Form layout="vertical">
          <Form.Item label={t('grants.policy')}>
            <Select<number>
              value={policyId}
              onChange={setPolicyId}
              loading={policies.isFetching}
              placeholder={t('grants.choosePolicy')}
              options={(policies.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))}
              notFoundContent={policies.isFetching ? tc('states.loading') : t('grants.noAutoPolicies')}
              data-testid="grant-policy"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
