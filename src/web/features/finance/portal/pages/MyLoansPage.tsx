import { useState } from 'react';
import { Button, Card, Empty, List, Skeleton, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { LoanApplicationSummary, LoanSummary } from '../../../../api/types.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { formatDateTime } from '../../../../lib/format.ts';
import { isEnglish } from '../../../../lib/indicator-values.ts';
import { useLoanApplications, useLoans } from '../../shared/api/useLoans.ts';
import { LoanApplicationStatusTag, LoanStatusTag } from '../../shared/components/FinanceTags.tsx';
import { money, months, rate } from '../../shared/lib/format.ts';
import '../../shared/components/finance.css';

function ApplicationItem({ item }: { item: LoanApplicationSummary }) {
  const { t, i18n } = useTranslation('finance-portal');
  const language = i18n.language;
  return (
    <List.Item data-testid={`my-loan-application-${item.id}`} data-status={item.status}>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 4, minWidth: 0, width: '100%' }}>
        <div className="dxe-fin-head">
          <Link to={`/portal/loans/applications/${item.id}`} style={{ fontWeight: 600 }}>
            {item.product.name}
          </Link>
          <LoanApplicationStatusTag status={item.status} testId={`my-loan-status-${item.id}`} />
        </div>
        <span className="dxe-fin-meta">
          {item.bank.name} · {t('mine.appliedAt', { time: formatDateTime(item.submittedAt, language) })}
        </span>
        <span>{t('mine.requested', { amount: money(item.amountFen, language), term: months(item.termMonths, language) })}</span>
        {item.approved && <Typography.Text type="success">{t('mine.approved', { amount: money(item.approved.amountFen, language), rate: rate(item.approved.rateBp), term: months(item.approved.termMonths, language) })}</Typography.Text>}
        {item.refusal && (
          <Typography.Text type="danger" data-testid={`my-loan-refusal-${item.id}`}>
            {t('mine.refused', { reason: [isEnglish(language) ? item.refusal.label.en : item.refusal.label.zh, item.refusal.text].filter(Boolean).join(isEnglish(language) ? ': ' : '：') })}
          </Typography.Text>
        )}
      </div>
    </List.Item>
  );
}

function LoanItem({ loan }: { loan: LoanSummary }) {
  const { t, i18n } = useTranslation('finance-portal');
  const language = i18n.language;
  return (
    <List.Item data-testid={`my-loan-${loan.id}`}>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 4, width: '100%' }}>
        <div className="dxe-fin-head">
          <strong>{loan.product.name}</strong>
          <LoanStatusTag status={loan.status} />
        </div>
        <span className="dxe-fin-meta">
          {loan.bank.name} · {loan.disbursedOn} – {loan.maturityOn}
        </span>
        <span>
          {money(loan.principalFen, language)} · {rate(loan.rateBp)} · {t('mine.outstanding', { amount: money(loan.outstandingPrincipalFen, language) })}
        </span>
      </div>
    </List.Item>
  );
}

/** /portal/loans — 我的融资: the enterprise's loan applications (status, approval or refusal) and its loans. */
export default function MyLoansPage() {
  const { t } = useTranslation('finance-portal');
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const applications = useLoanApplications({ page, pageSize: 10 });
  const loans = useLoans({ page: 1, pageSize: 50 });

  return (
    <>
      <PageHeader title={t('mine.title')} />
      <Card title={t('mine.applications')}>
        {applications.isPending ? (
          <Skeleton active />
        ) : applications.isError ? (
          <LoadFailed error={applications.error} onRetry={() => void applications.refetch()} title={t('mine.loadFailed')} />
        ) : applications.data.total === 0 ? (
          <Empty description={t('mine.empty')} data-testid="my-loans-empty">
            <Typography.Paragraph type="secondary">{t('mine.emptyHint')}</Typography.Paragraph>
            <Button type="primary" onClick={() => navigate('/portal/finance')}>
              {t('mine.toMarket')}
            </Button>
          </Empty>
        ) : (
          <List
            dataSource={applications.data.items}
            renderItem={(item) => <ApplicationItem item={item} />}
            data-testid="my-loan-applications"
            pagination={applications.data.total > 10 ? { current: page, pageSize: 10, total: applications.data.total, onChange: setPage, size: 'small' } : false}
          />
        )}
      </Card>
      {loans.data && loans.data.total > 0 && (
        <Card title={t('mine.loans')} className="dxe-fin-section">
          <List dataSource={loans.data.items} renderItem={(loan) => <LoanItem loan={loan} />} data-testid="my-loans" />
        </Card>
      )}
    </>
  );
}
