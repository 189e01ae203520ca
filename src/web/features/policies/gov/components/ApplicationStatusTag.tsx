import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus } from '../../../../api/types.ts';

export const APPLICATION_STATUS_COLOURS: Record<ApplicationStatus, string> = {
  submitted: 'blue',
  accepted: 'cyan',
  in_review: 'processing',
  returned: 'orange',
  approved: 'geekblue',
  in_notice: 'purple',
  notice_passed: 'gold',
  paid: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

export function ApplicationStatusTag({ status, testId }: { status: ApplicationStatus; testId?: string }) {
  const { t } = useTranslation('reviews');
  return (
    <Tag color={APPLICATION_STATUS_COLOURS[status]} data-testid={testId} data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}
