import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AutoGrantStatus } from '../../../../api/types.ts';

const COLOURS: Record<AutoGrantStatus, string> = { proposed: 'blue', in_notice: 'purple', notice_passed: 'gold', paid: 'success' };

export function AutoGrantStatusTag({ status, testId }: { status: AutoGrantStatus; testId?: string }) {
  const { t } = useTranslation('reviews');
  return (
    <Tag color={COLOURS[status]} data-testid={testId} data-status={status}>
      {t(`grants.status.${status}`)}
    </Tag>
  );
}
