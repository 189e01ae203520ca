import { Card, Empty, List, Skeleton, Statistic, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../../../app/session.tsx';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { useLoanWorkbench, useLoans } from '../../shared/api/useLoans.ts';
import { useRiskClaims } from '../../shared/api/useRiskPools.ts';
import { money, months } from '../../shared/lib/format.ts';
import { byDeadline, isDueSoon } from '../lib/deadlines.ts';
import RoleHome from '../../../home/components/RoleHome.tsx';
import '../../shared/components/finance.css';
import { countyDate } from '../../../../lib/format.ts';

function Count({ label, value, alert, to, testId }: { label: string; value: number | undefined; alert?: boolean; to: string; testId: string }) {
  const navigate = useNavigate();
  return (
    <Card className={`dxe-fin-count${alert && value ? ' is-alert' : ''}`} hoverable onClick={() => navigate(to)} data-testid={testId} data-value={value ?? ''}>
      {value === undefined ? <Skeleton.Input active size="small" /> : <Statistic title={label} value={value} />}
    </Card>
  );
}

/**
 * /bank — the bank workbench: how many leads wait, how many are due soon or late, overdue loans and claims
 * in review, the open leads by answer deadline, and the bank's share of its risk pools (the role home's figure).
 */
export default function BankWorkbenchPage() {
  const { t, i18n } = useTranslation('finance-bank');
  const language = i18n.language;
  const user = useUser();
  const workbench = useLoanWorkbench();
  const overdueLoans = useLoans({ status: 'overdue', page: 1, pageSize: 5 });
  const claims = useRiskClaims({ status: 'filed', page: 1, pageSize: 1 });

  const summary = workbench.data;
  const leads = summary ? byDeadline(summary.dueSoon) : [];
  const dueSoon = summary ? leads.filter((lead) => isDueSoon(lead)).length : undefined;

  return (
    <>
      <PageHeader title={t('home.greeting', { org: user.org.name })} />
      {workbench.isError && <LoadFailed error={workbench.error} onRetry={() => void workbench.refetch()} title={t('home.loadFailed')} />}
      {summary && (
        <Typography.Paragraph type="secondary" data-testid="bank-outstanding">
          {t('home.outstanding', { count: summary.loans.active + summary.loans.overdue, amount: money(summary.loans.outstandingFen, language) })}
        </Typography.Paragraph>
      )}
      <div className="dxe-fin-counts" data-testid="bank-counts">
        <Count label={t('home.newLeads')} value={summary && summary.applications.submitted + summary.applications.inReview} to="/bank/leads" testId="count-open-leads" />
        <Count label={t('home.dueSoon')} value={dueSoon} to="/bank/leads" testId="count-due-soon" />
        <Count label={t('home.overdueLeads')} value={summary?.applications.overdue} alert to="/bank/leads?filter=overdue" testId="count-overdue-leads" />
        <Count label={t('home.overdueLoans')} value={summary?.loans.overdue} alert to="/bank/loans?status=overdue" testId="count-overdue-loans" />
        <Count label={t('home.toDisburse')} value={summary && summary.applications.approved + summary.applications.contracted} to="/bank/leads?filter=all" testId="count-to-disburse" />
        <Count label={t('home.claims')} value={claims.isError ? 0 : claims.data?.total} to="/bank/claims" testId="count-claims" />
      </div>

      <Card
        className="dxe-fin-section"
        title={t('home.deadlines')}
        extra={<Link to="/bank/leads">{t('home.viewAll')}</Link>}
        data-testid="bank-deadlines"
      >
        {workbench.isPending ? (
          <Skeleton active />
        ) : leads.length === 0 ? (
          <Empty description={t('home.deadlinesEmpty')} />
        ) : (
          <List
            size="small"
            dataSource={leads.slice(0, 10)}
            renderItem={(lead) => (
              <List.Item
                data-testid={`deadline-${lead.id}`}
                extra={
                  <Typography.Text type={lead.overdue ? 'danger' : isDueSoon(lead) ? 'warning' : 'secondary'} style={{ whiteSpace: 'nowrap' }}>
                    {lead.overdue ? t('leads.overdue') : countyDate(lead.dueAt)}
                  </Typography.Text>
                }
              >
                <List.Item.Meta
                  title={<Link to={`/bank/leads/${lead.id}`}>{lead.enterprise.name}</Link>}
                  description={`${lead.product.name} · ${money(lead.amountFen, language)} · ${months(lead.termMonths, language)}`}
                />
              </List.Item>
            )}
          />
        )}
      </Card>

      <Card className="dxe-fin-section" title={t('home.recentLoans')} extra={<Link to="/bank/loans?status=overdue">{t('home.viewAll')}</Link>}>
        {overdueLoans.isPending ? (
          <Skeleton active />
        ) : !overdueLoans.data || overdueLoans.data.total === 0 ? (
          <Empty description={t('home.noOverdueLoans')} />
        ) : (
          <List
            size="small"
            dataSource={overdueLoans.data.items}
            renderItem={(loan) => (
              <List.Item extra={<Link to={`/bank/loans/${loan.id}`}>{t('leads.open')}</Link>}>
                <List.Item.Meta title={loan.enterprise.name} description={`${loan.product.name} · ${money(loan.outstandingPrincipalFen, language)} · ${loan.overdueSince ?? ''}`} />
              </List.Item>
            )}
          />
        )}
      </Card>
      <RoleHome kinds={['bank_staff']} part="figures" />
    </>
  );
}
