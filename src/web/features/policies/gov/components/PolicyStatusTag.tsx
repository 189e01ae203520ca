import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PolicyStatus } from '../../../../api/types.ts';

export const POLICY_STATUS_COLOURS: Record<PolicyStatus, string> = {
  draft: 'default',
  in_review: 'processing',
  published: 'success',
  superseded: 'purple',
  closed: 'error',
  expired: 'warning',
};

/** 草稿 / 审核中 / 已发布 / 已替代 / 已关闭 / 已过期. */
export function PolicyStatusTag({ status, testId }: { status: PolicyStatus; testId?: string }) {
  const { t } = useTranslation('policies');
  return (
    <Tag color={POLICY_STATUS_COLOURS[status]} data-testid={testId} data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}
