import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Result } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import type { IndicatorValue } from '../../../../api/types.ts';
import { FullPageSpin } from '../../../../components/FullPageSpin.tsx';
import { useMyEnterprise } from '../../shared/api/useEnterprise.ts';
import { useEnterpriseIndicators } from '../../shared/api/useEnterpriseIndicators.ts';
import { DisputeModal } from '../components/DisputeModal.tsx';
import { EnterpriseProfile } from '../../shared/components/EnterpriseProfile.tsx';
import { MyDisputes } from '../components/MyDisputes.tsx';
import { ProfileLoadError } from '../../shared/components/ProfileStates.tsx';
import { SelfReportModal } from '../components/SelfReportModal.tsx';

/**
 * /portal/profile: 我的画像 — the enterprise's own profile, where it corrects its self-reported figures,
 * disputes a government figure, and follows its disputes. Works on a 375 px phone.
 */
export default function MyProfilePage() {
  const { t } = useTranslation('enterprises');
  const mine = useMyEnterprise();
  const indicators = useEnterpriseIndicators(mine.data?.id ?? null);
  const [disputing, setDisputing] = useState<IndicatorValue | null>(null);
  // `?report=rd_expense&period=2025` (the policy calculator's "去补充") opens the correction form for that fact.
  const [search, setSearch] = useSearchParams();
  const asked = search.get('report');
  const [reporting, setReporting] = useState<{ initial: Pick<IndicatorValue, 'code' | 'period'> | null } | null>(() => (asked ? { initial: { code: asked, period: search.get('period') ?? '' } } : null));
  const closeReport = () => {
    setReporting(null);
    if (asked) setSearch({}, { replace: true });
  };

  if (mine.isPending) return <FullPageSpin />;
  if (mine.isError) {
    if (isApiError(mine.error) && mine.error.status === 404) {
      return <Result status="info" title={t('mine.noEnterprise')} subTitle={t('mine.noEnterpriseHint')} data-testid="profile-no-enterprise" />;
    }
    return <ProfileLoadError error={mine.error} onRetry={() => void mine.refetch()} />;
  }

  return (
    <>
      <EnterpriseProfile
        enterprise={mine.data}
        indicators={indicators}
        extra={
          <Button icon={<EditOutlined />} onClick={() => setReporting({ initial: null })} data-testid="self-report-open">
            {t('mine.report')}
          </Button>
        }
        onDispute={setDisputing}
        onCorrect={(row) => setReporting({ initial: row })}
      >
        <MyDisputes />
      </EnterpriseProfile>
      <DisputeModal row={disputing} onClose={() => setDisputing(null)} />
      <SelfReportModal enterpriseId={mine.data.id} open={reporting !== null} initial={reporting?.initial ?? null} onClose={closeReport} />
    </>
  );
}
