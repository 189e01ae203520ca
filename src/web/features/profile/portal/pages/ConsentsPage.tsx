import { useState } from 'react';
import { App, Button, Card, Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Consent } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { countyDate, formatDateTime } from '../../../../lib/format.ts';
import { categoryName } from '../../../../lib/indicator-values.ts';
import { useMyConsents, useRevokeConsent } from '../api/useMyConsents.ts';
import { CategoryTags, ConsentStatusTag } from '../../shared/components/ConsentStatusTag.tsx';
import { lastDay } from '../../shared/components/dates.ts';
import { GrantConsentModal } from '../components/GrantConsentModal.tsx';
import '../components/consents.css';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';

function ConsentItem({ consent, onRevoke }: { consent: Consent; onRevoke?: (consent: Consent) => void }) {
  const { t, i18n } = useTranslation('consents');
  const language = i18n.language;
  return (
    <List.Item
      className="dxe-consent-item"
      data-testid={`consent-${consent.id}`}
      actions={
        onRevoke && (consent.status === 'active' || consent.status === 'scheduled')
          ? [
              <Button key="revoke" danger size="small" icon={<StopOutlined />} onClick={() => onRevoke(consent)} data-testid={`consent-revoke-${consent.id}`}>
                {t('revoke.button')}
              </Button>,
            ]
          : undefined
      }
    >
      <div className="dxe-consent-body">
        <div className="dxe-consent-head">
          <Typography.Text strong data-testid={`consent-grantee-${consent.id}`}>
            {consent.grantee.name}
          </Typography.Text>
          <Tag style={{ marginInlineEnd: 0 }}>{t(`granteeTypes.${consent.grantee.type}`)}</Tag>
          <ConsentStatusTag status={consent.status} testId={`consent-status-${consent.id}`} />
        </div>
        <CategoryTags categories={consent.categories} names={(category) => categoryName(category, language)} />
        <Typography.Text type="secondary" className="dxe-consent-meta">
          {t('period', { from: countyDate(consent.validFrom), until: lastDay(consent.validUntil) })}
          {consent.revokedAt && ` · ${t('revokedAt', { time: formatDateTime(consent.revokedAt, language) })}`}
        </Typography.Text>
        <Typography.Text className="dxe-consent-purpose">
          {t('purposeLabel')}
          {consent.purpose}
        </Typography.Text>
      </div>
    </List.Item>
  );
}

/**
 * /portal/consents: 数据授权 — which banks and service providers may see which of the enterprise's data,
 * for what and until when; grant a new consent, revoke one. History is kept.
 */
export default function ConsentsPage() {
  const { t } = useTranslation('consents');
  const { t: tc } = useTranslation('common');
  const errorText = useErrorText();
  const { message, modal } = App.useApp();
  const consents = useMyConsents();
  const revoke = useRevokeConsent();
  const [granting, setGranting] = useState(false);

  const current = (consents.data ?? []).filter((consent) => consent.status === 'active' || consent.status === 'scheduled');
  const history = (consents.data ?? []).filter((consent) => consent.status === 'expired' || consent.status === 'revoked');

  const confirmRevoke = (consent: Consent) =>
    void modal.confirm({
      title: t('revoke.title', { name: consent.grantee.name }),
      content: t('revoke.content'),
      okText: t('revoke.button'),
      cancelText: tc('actions.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'consent-revoke-confirm' },
      onOk: () =>
        revoke.mutateAsync(consent.id).then(
          () => void message.success(t('revoke.done', { name: consent.grantee.name })),
          (error: unknown) => void message.error(errorText(error)),
        ),
    });

  const body = (items: Consent[], empty: string, testId: string, onRevoke?: (consent: Consent) => void) =>
    items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> : <List dataSource={items} rowKey="id" renderItem={(consent) => <ConsentItem consent={consent} onRevoke={onRevoke} />} data-testid={testId} />;

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setGranting(true)} data-testid="consent-grant">
            {t('grant.button')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      {consents.isError ? (
        <LoadFailed error={consents.error} onRetry={() => void consents.refetch()} testId="consents-error" />
      ) : consents.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card title={t('current')} data-testid="consents-current">
            {body(current, t('emptyCurrent'), 'consents-current-list', confirmRevoke)}
          </Card>
          <Card title={t('history')} data-testid="consents-history">
            {body(history, t('emptyHistory'), 'consents-history-list')}
          </Card>
        </Space>
      )}
      <GrantConsentModal open={granting} onClose={() => setGranting(false)} />
    </>
  );
}
