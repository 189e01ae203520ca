import { useMemo } from 'react';
import { Card, Empty, Result, Skeleton, Typography } from 'antd';
import { BulbOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import type { MyPolicyMatches, NextQuestion, PolicyMatch } from '../../../../api/types.ts';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { useMyPolicyMatches } from '../api/usePolicyMatches.ts';
import { MatchCard } from '../components/MatchCard.tsx';
import { SupplementAction } from '../components/SupplementAction.tsx';
import { localText, money } from '../lib/money.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import '../components/portal-policies.css';

function Summary({ data }: { data: MyPolicyMatches }) {
  const { t, i18n } = useTranslation('portal-policies');
  const { summary } = data;
  return (
    <Card className="dxe-calc-hero" data-testid="calc-summary" data-count={summary.count} data-total-fen={summary.totalFen}>
      <div className="dxe-calc-hero-line">
        {t('calculator.canEnjoyBefore')}
        <span className="dxe-calc-hero-figure" data-testid="calc-count">
          {summary.count}
        </span>
        {t('calculator.canEnjoyAfter')}
      </div>
      <div className="dxe-calc-hero-line">
        {t('calculator.estimateBefore')}
        <span className="dxe-calc-hero-figure dxe-calc-hero-money" data-testid="calc-total">
          {money(summary.totalFen, i18n.language)}
        </span>
      </div>
      <div className="dxe-calc-hero-sub">
        <span>{t('calculator.eligible', { count: summary.eligible })}</span>
        {summary.unknown > 0 && <span>{t('calculator.unknown', { count: summary.unknown })}</span>}
        <span>{t('calculator.evaluatedOn', { date: data.evaluationDate })}</span>
      </div>
      {summary.conflicts.length > 0 && (
        <div className="dxe-calc-hero-note" data-testid="calc-conflict-note">
          {t('calculator.conflictNote', { count: summary.conflicts.length })}
        </div>
      )}
      {summary.notCounted > 0 && (
        <div className="dxe-calc-hero-note" data-testid="calc-not-counted-note">
          {t('calculator.notCountedNote', { count: summary.notCounted })}
        </div>
      )}
      {summary.upTo > 0 && (
        <div className="dxe-calc-hero-note" data-testid="calc-up-to-note">
          {t('calculator.upToNote', { count: summary.upTo })}
        </div>
      )}
      {summary.pendingDeclaration > 0 && (
        <div className="dxe-calc-hero-note" data-testid="calc-pending-declaration-note">
          {t('calculator.pendingDeclarationNote', { count: summary.pendingDeclaration })}
        </div>
      )}
      {summary.pendingReview > 0 && (
        <div className="dxe-calc-hero-note" data-testid="calc-pending-review-note">
          {t('calculator.pendingReviewNote', { count: summary.pendingReview })}
        </div>
      )}
    </Card>
  );
}

function NextQuestionCard({ question }: { question: NextQuestion }) {
  const { t, i18n } = useTranslation('portal-policies');
  return (
    <Card className="dxe-next-question" style={{ marginTop: 12 }} data-testid="calc-next-question" data-fact={question.fact}>
      <BulbOutlined style={{ color: '#d48806', fontSize: 20 }} />
      <Typography.Text className="dxe-next-question-text">
        {/* Three parts rather than <Trans>: Trans would add its HTML parser to the chunk the login page loads. */}
        {t('nextQuestion.before')} <strong data-testid="calc-next-question-fact">{localText(question.name, i18n.language)}</strong> {t('nextQuestion.after', { count: question.settles })}
      </Typography.Text>
      <SupplementAction fact={question.fact} period={question.period} testId="calc-next-question-action" />
    </Card>
  );
}

function MatchSection({ title, items, all, testId }: { title: string; items: PolicyMatch[]; all: PolicyMatch[]; testId: string }) {
  // Titles of the other applicable policies of each exclusion group.
  const groups = useMemo(() => {
    const byGroup = new Map<string, PolicyMatch[]>();
    for (const item of all) if (item.exclusionGroup) byGroup.set(item.exclusionGroup, [...(byGroup.get(item.exclusionGroup) ?? []), item]);
    return byGroup;
  }, [all]);
  if (items.length === 0) return null;
  return (
    <section className="dxe-calc-section" data-testid={testId}>
      <Typography.Title level={2} className="dxe-calc-section-title">
        {title}
      </Typography.Title>
      <ul className="dxe-match-list">
        {items.map((item) => (
          <MatchCard
            key={item.policyId}
            match={item}
            conflictsWith={item.exclusionGroup ? (groups.get(item.exclusionGroup) ?? []).filter((other) => other.policyId !== item.policyId && other.isConflicting).map((other) => other.title) : []}
          />
        ))}
      </ul>
    </section>
  );
}

/**
 * /portal (the enterprise's home): 政策计算器 — "您可享受 N 项政策，预计 ¥X", the matched policies ranked by
 * amount (eligible first, then those that need data), conflicts, deadlines, applications; and the one
 * fact whose reporting would settle the most open policies.
 */
export default function PolicyCalculatorPage() {
  const { t } = useTranslation('portal-policies');
  const matches = useMyPolicyMatches();

  let body;
  if (matches.isPending) {
    body = (
      <>
        <Skeleton.Node active style={{ width: '100%', height: 140 }} />
        <Skeleton active paragraph={{ rows: 6 }} style={{ marginTop: 16 }} />
      </>
    );
  } else if (matches.isError) {
    body =
      isApiError(matches.error) && matches.error.status === 404 ? (
        <Result status="info" title={t('calculator.noEnterprise')} subTitle={t('calculator.noEnterpriseHint')} data-testid="calc-no-enterprise" />
      ) : (
        <LoadFailed wholePage error={matches.error} onRetry={() => void matches.refetch()} testId="calc-error" />
      );
  } else {
    const { items, nextQuestion } = matches.data;
    const eligible = items.filter((item) => item.outcome === 'eligible');
    const unknown = items.filter((item) => item.outcome === 'unknown');
    body = (
      <>
        <Summary data={matches.data} />
        {nextQuestion && <NextQuestionCard question={nextQuestion} />}
        {items.length === 0 ? (
          <Card style={{ marginTop: 16 }}>
            <Empty description={t('calculator.empty')} data-testid="calc-empty">
              <Typography.Text type="secondary">{t('calculator.emptyHint')}</Typography.Text>
            </Empty>
          </Card>
        ) : (
          <>
            <MatchSection title={t('calculator.sectionEligible', { count: eligible.length })} items={eligible} all={items} testId="calc-eligible" />
            <MatchSection title={t('calculator.sectionUnknown', { count: unknown.length })} items={unknown} all={items} testId="calc-unknown" />
          </>
        )}
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('calculator.title')} />
      {body}
    </>
  );
}
