import { Card, Progress, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Indicator, ProfileCompleteness } from '../../../../api/types.ts';
import { localName } from '../../../../lib/indicator-values.ts';

/** How many of the key facts of the profile's year are known, and which are missing. */
export function CompletenessCard({ completeness, catalogue }: { completeness: ProfileCompleteness | null; catalogue: readonly Indicator[] | undefined }) {
  const { t, i18n } = useTranslation('enterprises');
  const nameOf = (code: string) => {
    const indicator = catalogue?.find((item) => item.code === code);
    return indicator ? localName(indicator, i18n.language) : code;
  };
  return (
    <Card title={t('profile.completeness.title')} data-testid="profile-completeness" style={{ height: '100%' }}>
      {completeness ? (
        <div className="dxe-completeness">
          <Progress
            type="dashboard"
            size={112}
            percent={completeness.percent}
            status={completeness.percent >= 100 ? 'success' : 'normal'}
            format={(percent) => <span data-testid="profile-completeness-percent">{percent}%</span>}
          />
          <div className="dxe-completeness-text">
            <Typography.Text type="secondary">{t('profile.completeness.basis', { year: completeness.year, present: completeness.present.length, total: completeness.present.length + completeness.missing.length })}</Typography.Text>
            {completeness.missing.length === 0 ? (
              <Typography.Text type="success" style={{ display: 'block', marginTop: 8 }}>
                <CheckCircleOutlined /> {t('profile.completeness.complete')}
              </Typography.Text>
            ) : (
              <div style={{ marginTop: 8 }} data-testid="profile-completeness-missing">
                <Typography.Text>{t('profile.completeness.missing')}</Typography.Text>
                <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
                  {completeness.missing.map((code) => (
                    <Tag key={code} color="orange" style={{ marginInlineEnd: 0 }}>
                      {nameOf(code)}
                    </Tag>
                  ))}
                </Space>
              </div>
            )}
          </div>
        </div>
      ) : (
        <Typography.Text type="secondary">{t('profile.derived.notComputed')}</Typography.Text>
      )}
    </Card>
  );
}
