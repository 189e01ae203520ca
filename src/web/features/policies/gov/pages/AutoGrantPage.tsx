import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Modal, Result, Row, Segmented, Skeleton, Space, Statistic, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { formatFen } from '../../../../../core/money/money.ts';
import { isApiError } from '../../../../api/client.ts';
import type { AutoGrantItem } from '../../../../api/types.ts';
import { useUser } from '../../../../app/session.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { formatDateTime } from '../../../../lib/format.ts';
import { moneyLocale } from '../../../../lib/indicator-values.ts';
import { useAutoGrant, useAutoGrantAction, type AutoGrantCommand } from '../api/useAutoGrants.ts';
import { useDisbursement } from '../api/useDisbursements.ts';
import { ApproveDisbursementModal } from '../components/ApproveDisbursementModal.tsx';
import { AutoGrantStatusTag } from '../components/AutoGrantStatusTag.tsx';
import { MoneyText } from '../components/MoneyText.tsx';
import { PrepareDisbursementModal, type PaymentTarget } from '../components/PrepareDisbursementModal.tsx';
import { ReasonModal } from '../components/ReasonModal.tsx';
import { useReviewErrorText } from '../lib/review-errors.ts';
import { tablePagination } from '../../../../lib/table-pagination.ts';
import { EnterpriseCell } from '../../../../components/EnterpriseCell.tsx';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';

const PAGE_SIZE = 50;
type ItemFilter = 'included' | 'removed' | 'all';

/** Approves one item's payment: loads the disbursement (with its maker), then the checker's modal. */
function ApproveItem({ disbursementId, onClose }: { disbursementId: number | null; onClose: () => void }) {
  const disbursement = useDisbursement(disbursementId);
  return <ApproveDisbursementModal disbursement={disbursementId !== null ? (disbursement.data ?? null) : null} onClose={onClose} />;
}

/**
 * /gov/auto-grants/:id — one 免申即享 grant: the list proposed from the matches (remove an enterprise with a
 * reason), confirm it into public notice (enterprises are told they receive it without applying), end the
 * notice, then pay — prepared by one staff member, approved by another, item by item or in a batch.
 */
export default function AutoGrantPage() {
  const { t, i18n } = useTranslation('reviews');
  const { t: tc } = useTranslation('common');
  const user = useUser();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const reviewErrorText = useReviewErrorText();
  const id = Number(useParams().id);
  const [filter, setFilter] = useState<ItemFilter>('included');
  const [page, setPage] = useState(1);
  const grant = useAutoGrant(id, filter === 'all' ? undefined : filter, page, PAGE_SIZE);
  const action = useAutoGrantAction(id);
  const [removing, setRemoving] = useState<AutoGrantItem | null>(null);
  const [preparing, setPreparing] = useState<PaymentTarget | null>(null);
  const [approvingId, setApprovingId] = useState<number | null>(null);
  const [approvingAll, setApprovingAll] = useState(false);
  const [refForm] = Form.useForm<{ paymentRef: string }>();
  const language = i18n.language;
  const detail = grant.data;

  if (grant.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (grant.isError || !detail) {
    const back = (
      <Button key="back" onClick={() => navigate('/gov/auto-grants')}>
        {t('grants.back')}
      </Button>
    );
    return isApiError(grant.error) && grant.error.status === 404 ? (
      <Result status="404" title={t('grants.notFound')} extra={back} />
    ) : (
      <LoadFailed wholePage error={grant.error} onRetry={() => void grant.refetch()} extra={back} />
    );
  }

  const run = (command: AutoGrantCommand, done: (result: Awaited<ReturnType<typeof action.mutateAsync>>) => string) =>
    action.mutateAsync(command).then(
      (result) => void message.success(done(result)),
      (error: unknown) => {
        void message.error(reviewErrorText(error));
        throw error;
      },
    );
  const confirm = (title: string, content: string, command: AutoGrantCommand, done: (result: Awaited<ReturnType<typeof action.mutateAsync>>) => string, testId: string) =>
    modal.confirm({ title, content, okText: tc('actions.confirm'), cancelText: tc('actions.cancel'), okButtonProps: { 'data-testid': `${testId}-confirm` } as never, onOk: () => run(command, done).catch(() => undefined) });

  const locale = moneyLocale(language);
  const batchText = (result: Awaited<ReturnType<typeof action.mutateAsync>>, key: 'grants.preparedAll' | 'grants.approvedAll') =>
    [t(key, { count: result.batch?.count ?? 0 }), result.batch?.skippedOwn ? t('grants.skippedOwn', { count: result.batch.skippedOwn }) : ''].filter(Boolean).join(' ');

  const columns: TableColumnsType<AutoGrantItem> = [
    {
      title: t('columns.enterprise'),
      key: 'enterprise',
      render: (_, row) => <EnterpriseCell enterprise={row.enterprise} to={`/gov/enterprises/${row.enterprise.id}`} />,
    },
    { title: t('columns.amount'), key: 'amount', render: (_, row) => <MoneyText fen={row.amountFen} /> },
    {
      title: t('columns.status'),
      key: 'status',
      render: (_, row) =>
        row.status === 'removed' ? (
          <Tooltip title={row.removedReason}>
            <Tag>{t('grants.removed')}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.removedReason}
            </Typography.Text>
          </Tooltip>
        ) : row.disbursement ? (
          <Tag color={row.disbursement.status === 'paid' ? 'success' : 'processing'}>{t(`payments.status.${row.disbursement.status}`)}</Tag>
        ) : (
          <Tag color="blue">{t('grants.includedTag')}</Tag>
        ),
    },
    {
      title: tc('table.actions'),
      key: 'actions',
      render: (_, row) => {
        if (row.status === 'removed') return null;
        if (detail.status === 'proposed')
          return (
            <Button type="link" size="small" danger onClick={() => setRemoving(row)} data-testid={`grant-remove-${row.id}`}>
              {t('grants.remove')}
            </Button>
          );
        if (detail.status !== 'notice_passed') return null;
        if (!row.disbursement || row.disbursement.status === 'cancelled')
          return (
            <Button type="link" size="small" onClick={() => setPreparing({ autoGrantItemId: row.id, amountFen: row.amountFen, enterpriseName: row.enterprise.name, policyTitle: detail.policy.title })} data-testid={`grant-prepare-${row.id}`}>
              {t('payments.prepare')}
            </Button>
          );
        if (row.disbursement.status === 'prepared') {
          const isMaker = row.disbursement.preparedBy === user.id;
          return (
            <Tooltip title={isMaker ? t('payments.makerCannotApprove') : undefined}>
              <Button type="link" size="small" disabled={isMaker} onClick={() => setApprovingId(row.disbursement!.id)} data-testid={`grant-approve-${row.id}`}>
                {t('payments.approve')}
              </Button>
            </Tooltip>
          );
        }
        return null;
      },
    },
  ];

  return (
    <>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/gov/auto-grants')} style={{ paddingInline: 0 }}>
        {t('grants.back')}
      </Button>
      <PageHeader
        title={
          <Space wrap size={8}>
            <span>{detail.policy.title}</span>
            <AutoGrantStatusTag status={detail.status} testId="grant-status" />
          </Space>
        }
        extra={
          <Space wrap>
            <ExportButton path={`/api/auto-grants/${id}/export.xlsx`} params={{ itemStatus: filter === 'all' ? undefined : filter }} />
            {detail.status === 'proposed' && (
              <Button
                type="primary"
                disabled={detail.counts.included === 0}
                onClick={() => confirm(t('grants.confirmTitle'), t('grants.confirmText', { count: detail.counts.included, total: formatFen(detail.counts.includedFen, locale), days: detail.publicNoticeDays }), { action: 'confirm' }, () => t('grants.confirmed'), 'grant-confirm')}
                data-testid="grant-confirm"
              >
                {t('grants.confirm')}
              </Button>
            )}
            {detail.status === 'in_notice' && (
              <Tooltip title={t('actions.noticeRunsUntil', { time: formatDateTime(detail.noticeUntil, language) })}>
                <Button onClick={() => confirm(t('actions.endNoticeConfirm'), t('grants.endNoticeText'), { action: 'end-notice' }, () => t('actions.noticeEnded'), 'grant-end-notice')} data-testid="grant-end-notice">
                  {t('actions.endNotice')}
                </Button>
              </Tooltip>
            )}
            {detail.status === 'notice_passed' && (
              <>
                <Button type="primary" onClick={() => confirm(t('grants.prepareAllTitle'), t('grants.prepareAllText'), { action: 'prepare-all' }, (r) => batchText(r, 'grants.preparedAll'), 'grant-prepare-all')} data-testid="grant-prepare-all">
                  {t('grants.prepareAll')}
                </Button>
                <Button onClick={() => setApprovingAll(true)} disabled={detail.counts.prepared === 0} data-testid="grant-approve-all">
                  {t('grants.approveAll')}
                </Button>
              </>
            )}
          </Space>
        }
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('grants.number', { id: detail.id })} · {detail.policy.code} · {detail.policy.departmentName}
      </Typography.Paragraph>
      {detail.status === 'notice_passed' && <Alert type="info" showIcon title={t('payments.checkerRule')} style={{ marginBottom: 12 }} />}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('grants.included')} value={detail.counts.included} data-testid="grant-included" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('grants.total')} value={formatFen(detail.counts.includedFen, locale)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('grants.preparedCount')} value={detail.counts.prepared} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('grants.paid')} value={`${detail.counts.paid} · ${formatFen(detail.counts.paidFen, locale)}`} data-testid="grant-paid" />
          </Card>
        </Col>
      </Row>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'created', label: t('columns.createdAt'), children: formatDateTime(detail.createdAt, language) },
            { key: 'confirmed', label: t('grants.confirmedAt'), children: detail.confirmedAt ? formatDateTime(detail.confirmedAt, language) : '—' },
            { key: 'notice', label: t('columns.noticeUntil'), children: detail.noticeUntil ? formatDateTime(detail.noticeUntil, language) : t('grants.noticeDays', { days: detail.publicNoticeDays }) },
            { key: 'passed', label: t('grants.noticePassedAt'), children: detail.noticePassedAt ? formatDateTime(detail.noticePassedAt, language) : '—' },
            { key: 'paid', label: t('columns.paidAt'), children: detail.paidAt ? formatDateTime(detail.paidAt, language) : '—' },
          ]}
        />
      </Card>
      <Card
        title={t('grants.items')}
        extra={
          <Segmented<ItemFilter>
            value={filter}
            onChange={(value) => {
              setFilter(value);
              setPage(1);
            }}
            options={[
              { value: 'included', label: t('grants.includedTag') },
              { value: 'removed', label: t('grants.removed') },
              { value: 'all', label: t('payments.all') },
            ]}
          />
        }
      >
        <Table<AutoGrantItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={detail.items.items}
          loading={grant.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: tc('states.empty') }}
          pagination={tablePagination(tc, { page, pageSize: PAGE_SIZE, total: detail.items.total, onChange: setPage })}
          data-testid="grant-items"
        />
      </Card>
      <ReasonModal
        open={removing !== null}
        title={t('grants.removeTitle', { name: removing?.enterprise.name ?? '' })}
        label={t('grants.removeReason')}
        description={t('grants.removeText')}
        danger
        pending={action.isPending}
        error={action.error ? reviewErrorText(action.error) : null}
        testId="grant-remove-modal"
        onClose={() => {
          action.reset();
          setRemoving(null);
        }}
        onSubmit={(reason) => removing && action.mutate({ action: 'remove', itemId: removing.id, reason }, { onSuccess: () => setRemoving(null) })}
      />
      <PrepareDisbursementModal target={preparing} onClose={() => setPreparing(null)} onDone={() => void message.success(t('payments.prepared'))} />
      <ApproveItem disbursementId={approvingId} onClose={() => setApprovingId(null)} />
      <Modal
        open={approvingAll}
        title={t('grants.approveAllTitle')}
        onCancel={() => {
          refForm.resetFields();
          setApprovingAll(false);
        }}
        onOk={() => refForm.submit()}
        okText={t('payments.approve')}
        cancelText={tc('actions.cancel')}
        confirmLoading={action.isPending}
        destroyOnHidden
        data-testid="grant-approve-all-modal"
        okButtonProps={{ 'data-testid': 'grant-approve-all-submit' } as never}
      >
        <Typography.Paragraph>{t('grants.approveAllText')}</Typography.Paragraph>
        <Form
          form={refForm}
          layout="vertical"
          onFinish={({ paymentRef }) =>
            run({ action: 'approve-all', paymentRef: paymentRef.trim() }, (r) => batchText(r, 'grants.approvedAll')).then(
              () => {
                refForm.resetFields();
                setApprovingAll(false);
              },
              () => undefined,
            )
          }
          initialValues={{ paymentRef: '' }}
        >
          <Form.Item name="paymentRef" label={t('payments.paymentRef')} extra={t('payments.paymentRefHint')} rules={[{ required: true, whitespace: true, message: t('payments.paymentRefRequired') }]}>
            <Input maxLength={100} data-testid="grant-approve-all-ref" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
