import { Tag } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, ClockCircleOutlined, SyncOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ImportStatus } from '../../../../api/types.ts';

const LOOK: Record<ImportStatus, { colour: string; icon: React.ReactNode }> = {
  queued: { colour: 'default', icon: <ClockCircleOutlined /> },
  running: { colour: 'processing', icon: <SyncOutlined spin /> },
  completed: { colour: 'success', icon: <CheckCircleOutlined /> },
  failed: { colour: 'error', icon: <CloseCircleOutlined /> },
};

export function ImportStatusTag({ status, testId }: { status: ImportStatus; testId?: string }) {
  const { t } = useTranslation('data-admin');
  return (
    <Tag color={LOOK[status].colour} icon={LOOK[status].icon} style={{ marginInlineEnd: 0 }} data-testid={testId} data-status={status}>
      {t(`statuses.${status}`)}
    </Tag>
  );
}
