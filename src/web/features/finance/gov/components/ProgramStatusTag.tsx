import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LoanProgramStatus } from '../../../../api/types.ts';

const COLORS: Record<LoanProgramStatus, string> = { draft: 'default', generating: 'processing', review: 'warning', pushed: 'success', closed: 'default' };

export function ProgramStatusTag({ status }: { status: LoanProgramStatus }) {
  const { t } = useTranslation('finance-gov');
  return (
    <Tag color={COLORS[status]} data-status={status}>
      {t(`programs.statuses.${status}`)}
    </Tag>
  );
}
