import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useReviewQueue } from '../api/usePolicies.ts';

/** 待我审核: the department's versions in review that the caller did not submit. */
export function ReviewQueueCard() {
  const { t } = useTranslation('ruleBuilder');
  const { t: tp } = useTranslation('policies');
  const queue = useReviewQueue();
  if (!queue.data?.length) return null;
  return (
    <Card size="small" title={t('review.queue')} style={{ marginBottom: 16 }} data-testid="policy-review-queue">
      <Table
        size="small"
        rowKey="versionId"
        pagination={false}
        dataSource={queue.data}
        columns={[
          { title: tp('fields.title'), dataIndex: 'title', render: (title: string, row) => <Link to={`/gov/policies/${row.policyId}?tab=review`}>{title}</Link> },
          { title: t('review.submittedBy'), dataIndex: 'submittedByName' },
          { title: t('review.submittedAt'), dataIndex: 'submittedAt', render: (v: string | null) => (v ? new Date(v).toLocaleString() : '') },
        ]}
      />
    </Card>
  );
}
