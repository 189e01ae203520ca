import { Card, Col, Descriptions, Row, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../../app/session.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { RoleTags } from '../../../components/RoleTags.tsx';
import { ChangePasswordForm } from '../components/ChangePasswordForm.tsx';

export default function AccountPage() {
  const { t } = useTranslation('account');
  const { t: tc } = useTranslation('common');
  const user = useUser();
  return (
    <>
      <PageHeader title={t('title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('profile.title')} data-testid="account-profile">
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'username', label: t('profile.username'), children: user.username },
                { key: 'displayName', label: t('profile.displayName'), children: user.displayName },
                { key: 'org', label: t('profile.organisation'), children: user.org.name },
                { key: 'orgType', label: t('profile.orgType'), children: <Tag>{tc(`orgTypes.${user.org.type}`)}</Tag> },
                { key: 'roles', label: t('profile.roles'), children: <RoleTags roles={user.roles} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('password.title')}>
            <ChangePasswordForm />
          </Card>
        </Col>
      </Row>
    </>
  );
}
