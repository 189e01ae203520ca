import { Card, Empty, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Certification } from '../../../../api/types.ts';
import { categoryName, localName } from '../../../../lib/indicator-values.ts';

/**
 * 资质认定: certifications with their award and expiry dates, valid ones first. They belong to the
 * innovation category: a caller without it is told so rather than shown an empty list.
 */
export function CertificationsCard({ certifications, isGranted }: { certifications: Certification[]; isGranted: boolean }) {
  const { t, i18n } = useTranslation('enterprises');
  const rows = [...certifications].sort((a, b) => Number(b.isValid) - Number(a.isValid) || b.awardedOn.localeCompare(a.awardedOn));
  const columns: TableColumnsType<Certification> = [
    {
      title: t('profile.certifications.name'),
      key: 'name',
      render: (_, row) => (
        <span>
          {localName(row, i18n.language)}
          {row.isRenewal && (
            <Tag style={{ marginInlineStart: 6 }} color="purple">
              {t('profile.certifications.renewal')}
            </Tag>
          )}
        </span>
      ),
    },
    { title: t('profile.certifications.awardedOn'), dataIndex: 'awardedOn', key: 'awardedOn', responsive: ['sm'] },
    { title: t('profile.certifications.expiresOn'), key: 'expiresOn', render: (_, row) => row.expiresOn ?? t('profile.certifications.noExpiry') },
    {
      title: t('profile.certifications.status'),
      key: 'status',
      render: (_, row) => <Tag color={row.isValid ? 'green' : 'default'}>{row.isValid ? t('profile.certifications.valid') : t('profile.certifications.expired')}</Tag>,
    },
  ];
  return (
    <Card title={t('profile.certifications.title')} data-testid="profile-certifications">
      {!isGranted ? (
        <Typography.Text type="secondary" data-testid="certifications-hidden">
          <LockOutlined /> {t('profile.charts.hidden', { category: categoryName('innovation', i18n.language) })}
        </Typography.Text>
      ) : rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('profile.certifications.empty')} />
      ) : (
        <Table<Certification> rowKey={(row) => `${row.code}-${row.awardedOn}`} size="small" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 'max-content' }} />
      )}
    </Card>
  );
}
