import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RiskClaim, RiskRegistration } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { formatDateTime } from '../../../../lib/format.ts';
import { applyServerErrors } from '../../../../lib/form-errors.ts';
import { useFileClaim, useRiskClaims, useRiskRegistrations } from '../../shared/api/useRiskPools.ts';
import { ClaimStatusTag } from '../../shared/components/ClaimStatusTag.tsx';
import { money, wanInputToFen } from '../../shared/lib/format.ts';
import '../../shared/components/finance.css';

function FileClaimModal({ registration, onClose }: { registration: RiskRegistration; onClose: () => void }) {
  const { t, i18n } = useTranslation('finance-bank');
  const file = useFileClaim(registration.poolId);
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ claimedWan: string; note?: string }>();
  return (
    <Modal open title={t('claims.file')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={file.isPending} okButtonProps={{ 'data-testid': 'claim-file-ok' }}>
      <Typography.Paragraph>
        {registration.enterprise.name} · {t('claims.covered')} {money(registration.coveredFen, i18n.language)}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) =>
          file.mutate(
            { registrationId: registration.id, claimedFen: wanInputToFen(values.claimedWan)!, note: values.note?.trim() || undefined },
            {
              onSuccess: () => {
                void message.success(t('claims.filed'));
                onClose();
              },
              onError: (error) => {
                if (applyServerErrors(form, error, { 'body/claimedFen': 'claimedWan', 'body/note': 'note' }).length === 0) void message.error(errorText(error));
              },
            },
          )
        }
      >
        <Form.Item name="claimedWan" label={t('claims.claimedAmount')} rules={[{ required: true, validator: (_, value: string) => (wanInputToFen(value) ? Promise.resolve() : Promise.reject(new Error(t('claims.claimedAmount')))) }]}>
          <Input inputMode="decimal" data-testid="claim-amount" />
        </Form.Item>
        <Form.Item name="note" label={t('claims.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** /bank/claims — the bank's claims on risk pools and its covered loans, from which a claim is filed after a default. */
export default function BankClaimsPage() {
  const { t, i18n } = useTranslation('finance-bank');
  const language = i18n.language;
  const [page, setPage] = useState(1);
  const claims = useRiskClaims({ page, pageSize: 20 });
  const [regPage, setRegPage] = useState(1);
  const registrations = useRiskRegistrations({ page: regPage, pageSize: 10 });
  const [filing, setFiling] = useState<RiskRegistration | null>(null);

  return (
    <>
      <PageHeader title={t('claims.title')} extra={<ExportButton path="/api/finance/risk-pools/claims/export.xlsx" params={{}} />} />
      <Typography.Paragraph type="secondary">{t('claims.intro')}</Typography.Paragraph>
      <Card title={t('claims.title')}>
        {claims.isError && <LoadFailed error={claims.error} onRetry={() => void claims.refetch()} title={t('claims.loadFailed')} />}
        <Table<RiskClaim>
          rowKey="id"
          size="small"
          loading={claims.isPending}
          dataSource={claims.data?.items}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('claims.empty') }}
          data-testid="claims-table"
          pagination={{ current: page, pageSize: 20, total: claims.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { key: 'pool', title: t('claims.pool'), dataIndex: 'poolName' },
            { key: 'enterprise', title: t('claims.enterprise'), render: (_, claim) => claim.enterprise.name },
            { key: 'loss', title: t('claims.loss'), align: 'right', render: (_, claim) => money(claim.lossFen, language) },
            { key: 'net', title: t('claims.netLoss'), align: 'right', render: (_, claim) => <span title={t('claims.netLossHint', { deducted: money(claim.deductedFen, language) })}>{money(claim.netLossFen, language)}</span> },
            { key: 'claimed', title: t('claims.claimed'), align: 'right', render: (_, claim) => money(claim.claimedFen, language) },
            { key: 'gov', title: t('claims.governmentShare'), align: 'right', render: (_, claim) => money(claim.governmentShareFen, language) },
            { key: 'bank', title: t('claims.bankShare'), align: 'right', render: (_, claim) => money(claim.bankShareFen, language) },
            { key: 'status', title: t('claims.status'), render: (_, claim) => <ClaimStatusTag status={claim.status} /> },
            { key: 'filed', title: t('claims.filedAt'), render: (_, claim) => formatDateTime(claim.filedAt, language) },
            { key: 'reason', title: t('claims.rejectReason'), render: (_, claim) => claim.rejectReason ?? '' },
          ]}
        />
      </Card>
      <Card className="dxe-fin-section" title={t('claims.registrations')}>
        {registrations.isError && <LoadFailed error={registrations.error} onRetry={() => void registrations.refetch()} />}
        <Table<RiskRegistration>
          rowKey="id"
          size="small"
          loading={registrations.isPending}
          dataSource={registrations.data?.items}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('claims.noRegistrations') }}
          pagination={{ current: regPage, pageSize: 10, total: registrations.data?.total ?? 0, onChange: setRegPage, showSizeChanger: false }}
          columns={[
            { key: 'enterprise', title: t('claims.enterprise'), render: (_, reg) => reg.enterprise.name },
            { key: 'covered', title: t('claims.covered'), align: 'right', render: (_, reg) => money(reg.coveredFen, language) },
            { key: 'status', title: t('claims.status'), render: (_, reg) => <Tag>{t(`claims.regStatus.${reg.status}`)}</Tag> },
            { key: 'at', title: t('claims.registeredAt'), render: (_, reg) => formatDateTime(reg.registeredAt, language) },
            {
              key: 'action',
              title: '',
              render: (_, reg) =>
                reg.status === 'active' ? (
                  <Button size="small" onClick={() => setFiling(reg)} data-testid={`claim-file-${reg.id}`}>
                    {t('claims.file')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      {filing && <FileClaimModal registration={filing} onClose={() => setFiling(null)} />}
    </>
  );
}
