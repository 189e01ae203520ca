import { lazy, Suspense } from 'react';
import { Button } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../../api/client.ts';
import { AREAS, areaOfPath } from '../../../../app/areas.ts';
import { FullPageSpin } from '../../../../components/FullPageSpin.tsx';
import { useEnterprise } from '../api/useEnterprise.ts';
import { useEnterpriseIndicators } from '../api/useEnterpriseIndicators.ts';
import { EnterpriseProfile } from '../components/EnterpriseProfile.tsx';
import { ProfileLoadError } from '../components/ProfileStates.tsx';

// 千人联千企: the firm's cadre, on the government's side only (its own chunk and namespace).
const EnterpriseCadreCard = lazy(() => import('../../../cadres/gov/components/EnterpriseCadreCard.tsx'));

/**
 * /gov/enterprises/:id, /bank/enterprises/:id, /provider/enterprises/:id: one enterprise's profile. The
 * server decides what the caller sees (a bank only what was granted; nothing without a consent: 403).
 */
export default function EnterpriseProfilePage() {
  const { t } = useTranslation('enterprises');
  const { id } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const enterpriseId = id && /^\d{1,9}$/.test(id) ? Number(id) : null;
  const area = areaOfPath(location.pathname) ?? 'gov';
  const listPath = `${AREAS[area].base}/enterprises`;
  // Both requests at once: the indicators need only the id.
  const enterprise = useEnterprise(enterpriseId);
  const indicators = useEnterpriseIndicators(enterpriseId);

  // Back to the list as it was (its filters are in the URL) when we came from it; else to the list.
  const back = () => (location.key !== 'default' ? navigate(-1) : navigate(listPath));

  if (enterpriseId === null) return <ProfileLoadError error={new ApiError(404, 'not_found', '')} onRetry={() => undefined} onBack={back} />;
  if (enterprise.isPending) return <FullPageSpin />;
  if (enterprise.isError) return <ProfileLoadError error={enterprise.error} onRetry={() => void enterprise.refetch()} onBack={back} />;

  return (
    <>
      <EnterpriseProfile
        enterprise={enterprise.data}
        indicators={indicators}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={back} data-testid="profile-back">
            {t('profile.back')}
          </Button>
        }
      />
      {area === 'gov' && (
        <Suspense fallback={null}>
          <EnterpriseCadreCard enterpriseId={enterprise.data.id} />
        </Suspense>
      )}
    </>
  );
}
