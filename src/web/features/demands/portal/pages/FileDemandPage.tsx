import { Alert, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { useServices } from '../../shared/api/useDemands.ts';
import { DemandFileForm } from '../../shared/components/DemandFileForm.tsx';

/**
 * 提诉求 on a phone: the shared demand form for the enterprise's own firm. A catalogue item picked beforehand
 * (点单, `?serviceId=`) sends the demand straight to its provider.
 */
export default function FileDemandPage() {
  const { t } = useTranslation('demands');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const serviceId = Number(params.get('serviceId')) || undefined;
  const services = useServices({ page: 1, pageSize: 100 });
  const service = serviceId ? services.data?.items.find((s) => s.id === serviceId) : undefined;

  return (
    <>
      <PageHeader title={t('file.title')} />
      {service && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('file.picked', { name: service.name, provider: service.provider.name })}
          data-testid="file-picked-service"
        />
      )}
      <Card>
        {/* Keyed by the item: its category is the form's initial value once the catalogue has loaded. */}
        <DemandFileForm
          key={service?.id ?? 'none'}
          serviceId={serviceId}
          initialCategoryCode={service?.category.code}
          detailPath={(id) => `/portal/demands/${id}`}
          onFiled={(demand) => void navigate(`/portal/demands/${demand.id}`)}
        />
      </Card>
    </>
  );
}
