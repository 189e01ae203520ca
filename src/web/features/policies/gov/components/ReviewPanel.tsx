import { useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { CheckCircleOutlined, RollbackOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { PolicyDetail, PolicyPreview } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { formatFen } from '../../../../../core/money/money.ts';
import { usePolicyAction, useReturnPolicy, useReviewComparison } from '../api/usePolicies.ts';
import { ReasonModal } from './ReasonModal.tsx';

type Side = { detail: PolicyDetail; preview: PolicyPreview };

function VersionColumn({ side, title, other, testId }: { side: Side; title: string; other: Side | null; testId: string }) {
  const { t, i18n } = useTranslation('ruleBuilder');
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh';
  const lines = side.detail.rendered[lang];
  const otherTexts = new Set(other?.detail.rendered[lang].map((l) => l.text) ?? []);
  const benefit = side.detail.benefitText[lang];
  return (
    <Card size="small" title={title} data-testid={testId}>
      <Row gutter={8} style={{ marginBottom: 12 }}>
        <Col span={8}><Statistic title={t('review.eligible')} value={side.preview.eligible} /></Col>
        <Col span={8}><Statistic title={t('review.unknown')} value={side.preview.unknown} /></Col>
        <Col span={8}><Statistic title={t('review.total')} value={formatFen(side.preview.estimatedTotalFen)} /></Col>
      </Row>
      <Typography.Text strong>{t('review.rule')}</Typography.Text>
      <ul className="dxe-rule-lines">
        {lines.map((line) => (
          <li key={line.path || 'root'} className="dxe-rule-line" style={{ paddingInlineStart: 6 + line.depth * 20, background: other && !otherTexts.has(line.text) ? '#fffbe6' : undefined }}>
            {line.text} {other && !otherTexts.has(line.text) && <Tag color="gold">{t('review.changed')}</Tag>}
          </li>
        ))}
      </ul>
      <Typography.Text strong>{t('review.benefit')}</Typography.Text>
      <div style={{ background: other && other.detail.benefitText[lang] !== benefit ? '#fffbe6' : undefined }}>{benefit}</div>
    </Card>
  );
}

/**
 * The reviewer's tab: the version under review beside the published one (readable text and reach in the
 * county, changed lines marked), and the two decisions: approve and publish, or return with a reason.
 * The submitter sees the comparison but not the buttons: a colleague reviews.
 */
export function ReviewPanel({ detail }: { detail: PolicyDetail }) {
  const { t } = useTranslation('ruleBuilder');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const inReview = detail.status === 'in_review';
  const comparison = useReviewComparison(detail.id, inReview);
  const publish = usePolicyAction(detail.id);
  const returning = useReturnPolicy(detail.id);
  const [returnOpen, setReturnOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!inReview) return <Empty description={t('review.queueEmpty')} />;
  if (comparison.isPending) return <Skeleton active />;
  if (comparison.isError) return <Alert type="error" title={errorText(comparison.error)} />;
  const { underReview, published } = comparison.data;
  const canReview = detail.review?.canReview === true;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="policy-review-panel">
      {!canReview && <Alert type="info" showIcon title={t('review.ownSubmission')} />}
      {canReview && (
        <Space>
          <Button
            type="primary"
            icon={<CheckCircleOutlined />}
            loading={publish.isPending}
            data-testid="policy-review-approve"
            onClick={async () => {
              try {
                await publish.mutateAsync('publish');
                void message.success(t('review.approved'));
              } catch (e) {
                void message.error(errorText(e));
              }
            }}
          >
            {t('review.approve')}
          </Button>
          <Button icon={<RollbackOutlined />} onClick={() => setReturnOpen(true)} data-testid="policy-review-return">
            {t('review.return')}
          </Button>
        </Space>
      )}
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <VersionColumn side={underReview} other={published} title={t('review.underReview', { v: underReview.detail.version })} testId="policy-review-under" />
        </Col>
        <Col xs={24} lg={12}>
          {published ? <VersionColumn side={published} other={null} title={t('review.published', { v: published.detail.version })} testId="policy-review-published" /> : <Card size="small"><Empty description={t('review.noPublished')} /></Card>}
        </Col>
      </Row>
      <ReasonModal
        open={returnOpen}
        title={t('review.return')}
        label={t('review.returnReason')}
        pending={returning.isPending}
        error={error}
        testId="policy-review-return-modal"
        onClose={() => setReturnOpen(false)}
        onSubmit={async (reason) => {
          try {
            setError(null);
            await returning.mutateAsync(reason);
            setReturnOpen(false);
            void message.success(t('review.returned'));
          } catch (e) {
            setError(errorText(e));
          }
        }}
      />
    </Space>
  );
}

