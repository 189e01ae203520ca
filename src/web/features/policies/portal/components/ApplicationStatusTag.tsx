import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus } from '../../../../api/types.ts';

const COLORS: Record<ApplicationStatus, string> = {
  submitted: 'blue',
  accepted: 'processing',
  in_review: 'processing',
  returned: 'warning',
  approved: 'green',
  in_notice: 'purple',
  notice_passed: 'cyan',
  paid: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

/** An application's status as a coloured tag (namespace `applications`). */
export function ApplicationStatusTag({ status, testId }: { status: ApplicationStatus; testId?: string }) {
  const { t } = useTranslation('applications');
  return (
    <Tag color={COLORS[status]} data-testid={testId} data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}
