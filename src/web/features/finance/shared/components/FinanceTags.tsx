import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LoanApplicationStatus, LoanProductStatus, LoanProductType, LoanStatus } from '../../../../api/types.ts';

const APPLICATION_COLORS: Record<LoanApplicationStatus, string> = {
  submitted: 'processing',
  in_review: 'blue',
  approved: 'cyan',
  refused: 'error',
  contracted: 'geekblue',
  disbursed: 'success',
  withdrawn: 'default',
};
const LOAN_COLORS: Record<LoanStatus, string> = { active: 'success', overdue: 'warning', repaid: 'default', defaulted: 'error', closed: 'default' };
const PRODUCT_COLORS: Record<LoanProductStatus, string> = { draft: 'default', in_review: 'processing', published: 'success', rejected: 'error', superseded: 'default', withdrawn: 'default' };
const TYPE_COLORS: Record<LoanProductType, string> = { credit: 'blue', collateral: 'purple', guarantee: 'orange', policy: 'gold' };

export function LoanApplicationStatusTag({ status, testId }: { status: LoanApplicationStatus; testId?: string }) {
  const { t } = useTranslation('finance');
  return (
    <Tag color={APPLICATION_COLORS[status]} data-testid={testId} data-status={status}>
      {t(`applicationStatus.${status}`)}
    </Tag>
  );
}

export function LoanStatusTag({ status, testId }: { status: LoanStatus; testId?: string }) {
  const { t } = useTranslation('finance');
  return (
    <Tag color={LOAN_COLORS[status]} data-testid={testId} data-status={status}>
      {t(`loanStatus.${status}`)}
    </Tag>
  );
}

export function ProductStatusTag({ status, testId }: { status: LoanProductStatus; testId?: string }) {
  const { t } = useTranslation('finance');
  return (
    <Tag color={PRODUCT_COLORS[status]} data-testid={testId} data-status={status}>
      {t(`productStatus.${status}`)}
    </Tag>
  );
}

export function ProductTypeTag({ type }: { type: LoanProductType }) {
  const { t } = useTranslation('finance');
  return <Tag color={TYPE_COLORS[type]}>{t(`productType.${type}`)}</Tag>;
}
