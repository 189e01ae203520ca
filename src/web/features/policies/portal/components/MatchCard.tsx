import { Button, Card, Tag, Typography } from 'antd';
import { CheckCircleFilled, ExclamationCircleOutlined, QuestionCircleOutlined, RightOutlined, SwapOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus, PolicyMatch } from '../../../../api/types.ts';
import { ApplicationStatusTag } from './ApplicationStatusTag.tsx';
import { localText, money } from '../lib/money.ts';
import { windowState } from '../lib/window.ts';
import { WindowText } from './WindowText.tsx';

interface MatchCardProps {
  match: PolicyMatch;
  /** Titles of the other policies of its exclusion group that also apply. */
  conflictsWith: string[];
}

/** One matched policy on the calculator: amount, verdict, 免申即享, conflicts, deadline, application. */
export function MatchCard({ match, conflictsWith }: MatchCardProps) {
  const { t, i18n } = useTranslation('portal-policies');
  const language = i18n.language;
  const navigate = useNavigate();
  const detailPath = `/portal/policies/${match.policyId}`;
  const isEligible = match.outcome === 'eligible';
  const applyWindow = windowState(match.applyFrom, match.applyUntil);
  const canApply = (isEligible || match.pendingReview.length > 0 || match.pendingDeclaration.length > 0) && !match.isAutoGrant && !match.application && !match.exclusiveHeld && (applyWindow.kind === 'open' || applyWindow.kind === 'none');
  const quote = (title: string) => (language.startsWith('en') ? `“${title}”` : `《${title}》`);

  return (
    <li>
      <Card className={`dxe-match${match.isConflicting && !match.isChosen ? ' is-chosen-not' : ''}`} data-testid={`match-${match.policyId}`} data-outcome={match.outcome}>
        <div className="dxe-match-head">
          <div className="dxe-match-title">
            <Link to={detailPath} data-testid={`match-open-${match.policyId}`}>
              {match.title}
            </Link>
            <Typography.Text type="secondary" className="dxe-match-meta">
              {match.department.name}
              {match.documentNo && ` · ${match.documentNo}`}
            </Typography.Text>
          </div>
          <div className="dxe-match-amount">
            {match.amountKind === 'none' ? (
              <span className="dxe-match-amount-value" data-testid={`match-no-money-${match.policyId}`}>
                {t('match.noMoney')}
              </span>
            ) : match.amountKind === 'upTo' && match.upToFen !== null ? (
              <>
                <span className="dxe-match-amount-label">{t('match.upTo')}</span>
                <span className="dxe-match-amount-value" data-testid={`match-up-to-${match.policyId}`}>
                  {money(match.upToFen, language)}
                </span>
              </>
            ) : match.estimatedAmountFen !== null ? (
              <>
                <span className="dxe-match-amount-label">{t('match.estimated')}</span>
                <span className="dxe-match-amount-value" data-testid={`match-amount-${match.policyId}`}>
                  {money(match.estimatedAmountFen, language)}
                </span>
              </>
            ) : (
              <span className="dxe-match-amount-value is-unknown">{t('match.amountUnknown')}</span>
            )}
          </div>
        </div>

        <div className="dxe-tags">
          {isEligible ? (
            <Tag color="success" icon={<CheckCircleFilled />}>
              {t('match.eligible')}
            </Tag>
          ) : match.pendingDeclaration.length > 0 ? (
            <Tag color="processing" icon={<QuestionCircleOutlined />} data-testid={`match-pending-declaration-${match.policyId}`}>
              {t('match.pendingDeclaration')}
            </Tag>
          ) : match.pendingReview.length > 0 ? (
            <Tag color="processing" icon={<QuestionCircleOutlined />} data-testid={`match-pending-review-${match.policyId}`}>
              {t('match.pendingReview')}
            </Tag>
          ) : (
            <Tag color="warning" icon={<QuestionCircleOutlined />}>
              {t('match.unknown')}
            </Tag>
          )}
          {match.isAutoGrant && (
            <Tag color="gold" data-testid={`match-auto-grant-${match.policyId}`}>
              {t('match.autoGrant')} · {t('match.noApplication')}
            </Tag>
          )}
          {match.application && <ApplicationStatusTag status={match.application.status as ApplicationStatus} testId={`match-application-${match.policyId}`} />}
        </div>

        {match.isConflicting && conflictsWith.length > 0 && (
          <div data-testid={`match-conflict-${match.policyId}`} data-chosen={match.isChosen ? 'true' : 'false'}>
            <Typography.Text type="warning" className="dxe-match-line">
              <SwapOutlined />
              <span>{t('match.conflict', { others: conflictsWith.map(quote).join(language.startsWith('en') ? ', ' : '、') })}</span>
            </Typography.Text>
            <Typography.Text type={match.isChosen ? 'success' : 'secondary'} className="dxe-match-line">
              {match.isChosen ? <CheckCircleFilled /> : <ExclamationCircleOutlined />}
              <span>{match.isChosen ? t('match.chosen') : t('match.notChosen')}</span>
            </Typography.Text>
          </div>
        )}

        {isEligible && match.exclusiveHeld && (
          <Typography.Text type="secondary" className="dxe-match-line" data-testid={`match-exclusive-held-${match.policyId}`}>
            <ExclamationCircleOutlined />
            <span>{t('match.exclusiveHeld', { title: quote(match.exclusiveHeld.title) })}</span>
          </Typography.Text>
        )}
        {isEligible && !match.exclusiveHeld && match.isWindowClosed && !match.application && (
          <Typography.Text type="secondary" className="dxe-match-line" data-testid={`match-window-closed-${match.policyId}`}>
            <ExclamationCircleOutlined />
            <span>{t('match.windowClosed')}</span>
          </Typography.Text>
        )}
        {match.pendingDeclaration.length > 0 && (
          <Typography.Text type="secondary" className="dxe-match-line" data-testid={`match-declarations-${match.policyId}`}>
            <QuestionCircleOutlined />
            <span>{t('match.pendingDeclarationLine', { items: match.pendingDeclaration.map((d) => (language.startsWith('en') ? d.en : d.zh)).join(language.startsWith('en') ? '; ' : '；') })}</span>
          </Typography.Text>
        )}
        {!isEligible && match.pendingDeclaration.length === 0 && match.missingFacts.length > 0 && (
          <Typography.Text type="warning" className="dxe-match-line">
            <QuestionCircleOutlined />
            <span>{t('match.missing', { facts: match.missingFacts.map((fact) => localText(fact.name, language)).join(language.startsWith('en') ? ', ' : '、') })}</span>
          </Typography.Text>
        )}
        {match.pendingReview.length > 0 && (
          <Typography.Text type="secondary" className="dxe-match-line">
            <QuestionCircleOutlined />
            <span>{t('match.pendingReviewLine', { criteria: match.pendingReview.map((c) => localText(c, language)).join(language.startsWith('en') ? '; ' : '；') })}</span>
          </Typography.Text>
        )}
        {isEligible && match.amountKind === 'upTo' && (
          <Typography.Text type="secondary" className="dxe-match-line">
            <span>{t('match.upToNote')}</span>
          </Typography.Text>
        )}
        {isEligible && match.estimatedAmountFen !== null && (
          <Typography.Text type="secondary" className="dxe-match-line dxe-match-formula">
            <span>{localText(match.formula, language)}</span>
          </Typography.Text>
        )}

        <div className="dxe-match-foot">
          {match.isAutoGrant ? <span /> : <WindowText applyFrom={match.applyFrom} applyUntil={match.applyUntil} isAutoGrant={false} testId={`match-window-${match.policyId}`} />}
          {match.application ? (
            <Button size="small" onClick={() => navigate(`/portal/applications/${match.application!.id}`)} data-testid={`match-view-application-${match.policyId}`}>
              {t('match.viewApplication')}
            </Button>
          ) : canApply ? (
            <Button size="small" type="primary" onClick={() => navigate(`${detailPath}/apply`)} data-testid={`match-apply-${match.policyId}`}>
              {t('match.apply')}
            </Button>
          ) : (
            <Button size="small" type="link" icon={<RightOutlined />} iconPlacement="end" onClick={() => navigate(detailPath)}>
              {t('match.details')}
            </Button>
          )}
        </div>
      </Card>
    </li>
  );
}
