import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RiskClaimStatus } from '../../../../api/types.ts';

const COLORS: Record<RiskClaimStatus, string> = { filed: 'processing', approved: 'cyan', paid: 'success', rejected: 'error' };

export function ClaimStatusTag({ status }: { status: RiskClaimStatus }) {
  const { t } = useTranslation('finance');
  return (
    <Tag color={COLORS[status]} data-status={status}>
      {t(`claimStatus.${status}`)}
    </Tag>
  );
}
