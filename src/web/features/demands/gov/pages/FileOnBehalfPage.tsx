import { Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { DemandFileForm } from '../../shared/components/DemandFileForm.tsx';

/**
 * /gov/demands/new — 代企业提诉求: a cadre files a demand on an enterprise's behalf (a problem heard on a
 * visit or by phone). The same form as the enterprise's own, with the enterprise search first; the demand
 * enters the dispatcher's queue with the channel 干部代企业提交 and the cadre as its filer.
 */
export default function FileOnBehalfPage() {
  const { t } = useTranslation('demands');
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t('onBehalf.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card>
            <DemandFileForm onBehalf detailPath={(id) => `/gov/demands/${id}`} onFiled={(demand) => void navigate(`/gov/demands/${demand.id}`)} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('onBehalf.howTitle')} size="small" data-testid="on-behalf-help">
            <Typography.Paragraph type="secondary">{t('onBehalf.how1')}</Typography.Paragraph>
            <Typography.Paragraph type="secondary">{t('onBehalf.how2')}</Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t('onBehalf.how3')}
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    </>
  );
}
