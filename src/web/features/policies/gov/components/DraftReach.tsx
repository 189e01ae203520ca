import { useEffect, useState } from 'react';
import { Alert, Card, Col, Row, Spin, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../../../core/money/money.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { useDraftReach } from '../api/usePolicies.ts';
import { isEmptyRule } from '../lib/rule-edit.ts';

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/**
 * Live beside the builder: the reach in the county of the rule and benefit as they stand now, unsaved —
 * how many firms qualify, how many cannot be judged for lack of data, the money. Asked ~800 ms after the
 * last edit (POST /api/policies/:id/preview-draft, which writes nothing).
 */
export function DraftReach({ policyId, ruleText, benefitText }: { policyId: number; ruleText: string; benefitText: string }) {
  const { t } = useTranslation('ruleBuilder');
  const errorText = useErrorText();
  const [draft, setDraft] = useState<{ rule: unknown; benefit: unknown } | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => {
      const rule = parse(ruleText);
      const benefit = parse(benefitText);
      setDraft(rule === undefined || benefit === undefined || isEmptyRule(rule) ? null : { rule, benefit });
    }, 800);
    return () => clearTimeout(timer);
  }, [ruleText, benefitText]);
  const reach = useDraftReach(policyId, draft);
  const data = reach.data;
  return (
    <Card size="small" title={t('live.reachDraft')} extra={reach.isFetching && <Spin size="small" />} data-testid="policy-draft-reach" data-eligible={data?.eligible ?? ''}>
      {draft === null ? (
        <Typography.Text type="secondary">{t('live.reachPending')}</Typography.Text>
      ) : reach.isError ? (
        <Alert type="warning" showIcon title={errorText(reach.error)} />
      ) : data ? (
        <Row gutter={8}>
            <Col span={8}><Statistic title={t('review.eligible')} value={data.eligible} /></Col>
            <Col span={8}><Statistic title={t('review.unknown')} value={data.unknown} /></Col>
            <Col span={8}><Statistic title={t('review.total')} value={formatFen(data.estimatedTotalFen)} /></Col>
        </Row>
      ) : (
        <Spin />
      )}
    </Card>
  );
}
