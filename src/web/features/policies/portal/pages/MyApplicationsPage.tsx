import { useState } from 'react';
import { Button, Card, Empty, Pagination, Skeleton, Typography } from 'antd';
import { ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ApplicationSummary } from '../../../../api/types.ts';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { formatFen } from '../../../../../core/money/money.ts';
import { countyDate, formatDateTime } from '../../../../lib/format.ts';
import { isEnglish, moneyLocale } from '../../../../lib/indicator-values.ts';
import { useMyApplications } from '../api/useApplications.ts';
import { ApplicationStatusTag } from '../components/ApplicationStatusTag.tsx';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import '../components/applications.css';

const PAGE_SIZE = 20;

function ApplicationCard({ application }: { application: ApplicationSummary }) {
  const { t, i18n } = useTranslation('applications');
  const language = i18n.language;
  const step = application.currentStep;
  const isReturned = application.status === 'returned';
  return (
    <li>
      <Card className={`dxe-application-card${isReturned ? ' is-returned' : ''}`} data-testid={`application-${application.id}`} data-status={application.status}>
        <div className="dxe-application-card-head">
          <Link to={`/portal/applications/${application.id}`} className="dxe-application-card-title" data-testid={`application-open-${application.id}`}>
            {application.policy.title}
          </Link>
          <ApplicationStatusTag status={application.status} testId={`application-status-${application.id}`} />
        </div>
        <Typography.Text type="secondary" className="dxe-application-card-meta">
          <span data-testid={`application-number-${application.id}`}>{application.number}</span> · {application.policy.departmentName} · {t('list.submittedAt', { time: formatDateTime(application.submittedAt, language) })}
        </Typography.Text>
        {isReturned && (
          <Typography.Text type="warning" className="dxe-application-card-line">
            <ExclamationCircleOutlined /> {t('list.needsAction')}
          </Typography.Text>
        )}
        {step && !isReturned && (
          <Typography.Text className="dxe-application-card-line">
            {t('list.currentStep', { step: isEnglish(language) ? step.nameEn : step.nameZh })}
            {application.stepDueAt && (
              <Typography.Text type={application.isOverdue ? 'danger' : 'secondary'}>
                {' · '}
                <ClockCircleOutlined /> {application.isOverdue ? t('list.overdue') : t('list.dueAt', { date: countyDate(application.stepDueAt) })}
              </Typography.Text>
            )}
          </Typography.Text>
        )}
        <div className="dxe-application-card-amounts">
          {application.estimatedAmountFen !== null && <span>{t('list.amount', { amount: formatFen(application.estimatedAmountFen, moneyLocale(language)) })}</span>}
          {application.approvedAmountFen !== null && <strong>{t('list.approvedAmount', { amount: formatFen(application.approvedAmountFen, moneyLocale(language)) })}</strong>}
        </div>
      </Card>
    </li>
  );
}

/** /portal/applications — 我的申报: every application of the enterprise, newest first, with its status and step. */
export default function MyApplicationsPage() {
  const { t } = useTranslation('applications');
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const list = useMyApplications({ page, pageSize: PAGE_SIZE });

  let body;
  if (list.isPending) body = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (list.isError) {
    body = (
      <LoadFailed wholePage error={list.error} onRetry={() => void list.refetch()} title={t('list.loadFailed')} />
    );
  } else if (list.data.items.length === 0) {
    body = (
      <Card>
        <Empty description={t('list.empty')} data-testid="applications-empty">
          <Typography.Paragraph type="secondary">{t('list.emptyHint')}</Typography.Paragraph>
          <Button type="primary" onClick={() => navigate('/portal')}>
            {t('list.toCalculator')}
          </Button>
        </Empty>
      </Card>
    );
  } else {
    body = (
      <>
        <ul className="dxe-application-list" data-testid="applications-list">
          {list.data.items.map((application) => (
            <ApplicationCard key={application.id} application={application} />
          ))}
        </ul>
        {list.data.total > PAGE_SIZE && (
          <div className="dxe-applications-pagination">
            <Pagination current={page} pageSize={PAGE_SIZE} total={list.data.total} onChange={setPage} showSizeChanger={false} size="small" />
          </div>
        )}
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('list.title')} extra={<ExportButton path="/api/applications/export.xlsx" params={{}} />} />
      {body}
    </>
  );
}
