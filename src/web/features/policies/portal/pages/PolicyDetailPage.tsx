import { useMemo } from 'react';
import { Alert, Button, Card, Collapse, Descriptions, Result, Skeleton, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, GiftOutlined, LeftOutlined, QuestionCircleFilled } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import type { ApplicationSummary, PolicyDetail, PolicyEvaluation } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { ApplicationStatusTag } from '../components/ApplicationStatusTag.tsx';
import { useMyPolicyMatches } from '../api/usePolicyMatches.ts';
import { useApplicationOfPolicy, useMarkPushOpened, useOwnEnterprise, usePolicy, usePolicyEvaluation } from '../api/usePolicy.ts';
import { ExplanationList } from '../components/ExplanationList.tsx';
import { RichText } from '../components/RichText.tsx';
import { WindowText } from '../components/WindowText.tsx';
import { SupplementAction } from '../components/SupplementAction.tsx';
import { conditionCounts, explanationRows } from '../lib/explanation.ts';
import { localText, money } from '../lib/money.ts';
import { windowState } from '../lib/window.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import '../components/portal-policies.css';

const OUTCOME_ICON = {
  eligible: <CheckCircleFilled style={{ color: '#52c41a' }} />,
  ineligible: <CloseCircleFilled style={{ color: '#ff4d4f' }} />,
  unknown: <QuestionCircleFilled style={{ color: '#faad14' }} />,
};

/** An application that still counts: a new one cannot be made while it exists. */
const isLive = (application: ApplicationSummary | null | undefined) => !!application && application.status !== 'withdrawn' && application.status !== 'rejected';

function OutcomeCard({ evaluation }: { evaluation: PolicyEvaluation }) {
  const { t, i18n } = useTranslation('portal-policies');
  const language = i18n.language;
  const lines = language.startsWith('en') ? evaluation.rendered.en : evaluation.rendered.zh;
  const rows = useMemo(() => explanationRows(lines, evaluation.explanation), [lines, evaluation.explanation]);
  const shown = rows.length > 1 && rows[0].depth === 0 && rows[0].isGroup ? rows.filter((row) => row.depth > 0) : rows;
  const counts = conditionCounts(rows);
  const missing = evaluation.missingFacts;
  const first = missing.find((fact) => fact.canSettle) ?? missing[0];
  return (
    <Card className="dxe-policy-section" title={t('detail.outcomeTitle')} data-testid="policy-outcome" data-outcome={evaluation.outcome}>
      <div className="dxe-outcome">
        <span className="dxe-outcome-icon">{OUTCOME_ICON[evaluation.outcome]}</span>
        <div className="dxe-outcome-body">
          <Typography.Text strong style={{ fontSize: 17 }} data-testid="policy-outcome-text">
            {t(`detail.outcome.${evaluation.outcome}`)}
          </Typography.Text>
          <Typography.Text type="secondary">{t(`detail.outcomeHint.${evaluation.outcome}`)}</Typography.Text>
          {counts.total > 1 && <Typography.Text type="secondary">{t('detail.conditions', counts)}</Typography.Text>}
          {missing.length > 0 && (
            <Typography.Text type="warning">{t('detail.missingFacts', { facts: missing.map((fact) => localText(fact.name, language)).join(language.startsWith('en') ? ', ' : '、') })}</Typography.Text>
          )}
          {first && (
            <div>
              <SupplementAction fact={first.fact} period={first.period} testId="policy-supplement" />
            </div>
          )}
        </div>
      </div>
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {t('detail.explanation')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('detail.explanationHint', { date: evaluation.evaluationDate })}
      </Typography.Paragraph>
      <ExplanationList rows={shown} />
    </Card>
  );
}

function AmountCard({ evaluation }: { evaluation: PolicyEvaluation }) {
  const { t, i18n } = useTranslation('portal-policies');
  const language = i18n.language;
  const { benefit } = evaluation;
  const amount = benefit.amountFen ?? evaluation.estimatedAmountFen;
  return (
    <Card className="dxe-policy-section" title={t('detail.amount')} data-testid="policy-amount-card">
      <div className={`dxe-amount-figure${amount === null ? ' is-unknown' : ''}`} data-testid="policy-amount" data-amount-fen={amount ?? ''}>
        {amount === null ? t('detail.amountUnknown') : money(amount, language)}
      </div>
      <Typography.Paragraph type="secondary" className="dxe-amount-formula" style={{ marginTop: 8, marginBottom: 0 }} data-testid="policy-formula">
        {t('detail.formula', { formula: localText(benefit.formula, language) })}
      </Typography.Paragraph>
      {benefit.schedule.length > 1 && (
        <>
          <Typography.Text strong style={{ display: 'block', marginTop: 12 }}>
            {t('detail.schedule')}
          </Typography.Text>
          <ul className="dxe-schedule" data-testid="policy-schedule">
            {benefit.schedule.map((part) => (
              <li key={part.year}>
                <span>{t('detail.scheduleYear', { year: part.year })}</span>
                <span className="dxe-number">{money(part.amountFen, language)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

function ActionBar({ policy, evaluation, application }: { policy: PolicyDetail; evaluation: PolicyEvaluation | undefined; application: ApplicationSummary | null | undefined }) {
  const { t } = useTranslation('portal-policies');
  const navigate = useNavigate();
  if (policy.isAutoGrant) return null;
  const state = windowState(policy.applyFrom, policy.applyUntil);
  if (isLive(application)) {
    return (
      <div className="dxe-policy-actionbar dxe-policy-actions">
        <Button type="primary" size="large" onClick={() => navigate(`/portal/applications/${application!.id}`)} data-testid="policy-view-application">
          {t('detail.viewApplication')}
        </Button>
      </div>
    );
  }
  let blocked: string | null = null;
  if (state.kind === 'upcoming') blocked = t('detail.applyBlocked.upcoming');
  else if (state.kind === 'closed') blocked = t('detail.applyBlocked.closed');
  else if (evaluation?.outcome === 'ineligible') blocked = t('detail.applyBlocked.ineligible');
  else if (evaluation?.outcome === 'unknown') blocked = t('detail.applyBlocked.unknown');
  return (
    <div className="dxe-policy-actionbar dxe-policy-actions">
      <Button type="primary" size="large" disabled={blocked !== null || !evaluation} onClick={() => navigate(`/portal/policies/${policy.id}/apply`)} data-testid="policy-apply" data-blocked={blocked ?? ''}>
        {blocked ?? (application ? t('detail.reapply') : t('detail.apply'))}
      </Button>
    </div>
  );
}

/**
 * /portal/policies/:id — a policy for the enterprise: summary, its own result clause by clause, the
 * estimated amount with formula and schedule, 解读 and Q&A, and 申报 (or, for 免申即享, that nothing
 * needs doing). Opening it records the push as opened.
 */
export default function PolicyDetailPage() {
  const { t } = useTranslation('portal-policies');
  const errorText = useErrorText();
  const navigate = useNavigate();
  const policyId = Number(useParams().id);
  const validId = Number.isSafeInteger(policyId) && policyId > 0 ? policyId : 0;
  const policy = usePolicy(validId);
  const enterprise = useOwnEnterprise();
  const evaluation = usePolicyEvaluation(validId, enterprise.data?.id ?? null);
  const application = useApplicationOfPolicy(validId);
  // The calculator's data tells whether this policy was pushed (usually cached from the home page).
  const matches = useMyPolicyMatches();
  useMarkPushOpened(validId, !!matches.data?.items.some((item) => item.policyId === validId && item.pushedAt));

  const back = (
    <Link to="/portal" className="dxe-back-link" data-testid="policy-back">
      <LeftOutlined /> {t('detail.back')}
    </Link>
  );

  if (!validId || (policy.isError && isApiError(policy.error) && policy.error.status === 404)) {
    return <Result status="404" title={t('detail.notFound')} extra={<Button onClick={() => navigate('/portal')}>{t('detail.back')}</Button>} data-testid="policy-not-found" />;
  }
  if (policy.isPending) {
    return (
      <>
        {back}
        <Skeleton active paragraph={{ rows: 10 }} style={{ marginTop: 16 }} />
      </>
    );
  }
  if (policy.isError) {
    return (
      <LoadFailed wholePage error={policy.error} onRetry={() => void policy.refetch()} title={t('detail.loadFailed')} testId="policy-error" />
    );
  }

  const p = policy.data;
  const validity = p.validUntil ? t('detail.validityRange', { from: p.validFrom, until: p.validUntil }) : t('detail.validityOpen', { from: p.validFrom });

  return (
    <div className="dxe-policy" data-testid="policy-detail" data-policy-id={p.id}>
      {back}
      <Card className="dxe-policy-head" style={{ marginTop: 12 }}>
        <Typography.Title level={3} className="dxe-policy-title" data-testid="page-title">
          {p.title}
        </Typography.Title>
        <div className="dxe-tags">
          {p.isAutoGrant && (
            <Tag color="gold" icon={<GiftOutlined />} data-testid="policy-auto-grant">
              {t('match.autoGrant')} · {t('match.noApplication')}
            </Tag>
          )}
          {p.tags.map((tag) => (
            <Tag key={tag}>{tag}</Tag>
          ))}
          {application.data && <ApplicationStatusTag status={application.data.status} testId="policy-application-status" />}
        </div>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'department', label: t('detail.department'), children: p.department.name },
            ...(p.documentNo ? [{ key: 'documentNo', label: t('detail.documentNo'), children: p.documentNo }] : []),
            { key: 'validity', label: t('detail.validity'), children: validity },
            { key: 'window', label: t('detail.window'), children: <WindowText applyFrom={p.applyFrom} applyUntil={p.applyUntil} isAutoGrant={p.isAutoGrant} testId="policy-window" /> },
          ]}
        />
        {p.summary && <Typography.Paragraph style={{ marginBottom: 0 }}>{p.summary}</Typography.Paragraph>}
      </Card>

      {p.isAutoGrant && <Alert className="dxe-policy-section" type="success" showIcon icon={<GiftOutlined />} title={t('detail.autoGrantTitle')} description={t('detail.autoGrantText')} data-testid="policy-auto-grant-note" />}

      {enterprise.isError || evaluation.isError ? (
        <Alert className="dxe-policy-section" type="warning" showIcon title={t('detail.evaluationFailed')} description={errorText(enterprise.error ?? evaluation.error)} data-testid="policy-evaluation-error" />
      ) : evaluation.data ? (
        <>
          {evaluation.data.outcome !== 'ineligible' && <AmountCard evaluation={evaluation.data} />}
          <OutcomeCard evaluation={evaluation.data} />
        </>
      ) : (
        <Card className="dxe-policy-section">
          <Skeleton active paragraph={{ rows: 5 }} />
        </Card>
      )}

      <Card className="dxe-policy-section" title={t('detail.interpretation')} data-testid="policy-interpretation">
        {p.interpretation ? <RichText text={p.interpretation} /> : <Typography.Text type="secondary">{t('detail.noInterpretation')}</Typography.Text>}
      </Card>

      {(p.qa.length > 0 || p.sourceText) && (
        <Collapse
          className="dxe-policy-section"
          data-testid="policy-more"
          items={[
            ...(p.qa.length > 0
              ? [
                  {
                    key: 'qa',
                    label: t('detail.qa', { count: p.qa.length }),
                    children: (
                      <dl className="dxe-qa" data-testid="policy-qa">
                        {p.qa.map((item, index) => (
                          <div key={index} className="dxe-qa-item">
                            <dt>
                              <Typography.Text strong>{t('detail.question', { text: item.q })}</Typography.Text>
                            </dt>
                            <dd>
                              <Typography.Text>{t('detail.answer', { text: item.a })}</Typography.Text>
                            </dd>
                          </div>
                        ))}
                      </dl>
                    ),
                  },
                ]
              : []),
            ...(p.sourceText ? [{ key: 'source', label: t('detail.sourceText'), children: <pre className="dxe-source-text">{p.sourceText}</pre> }] : []),
          ]}
          defaultActiveKey={p.qa.length > 0 ? ['qa'] : []}
        />
      )}

      <ActionBar policy={p} evaluation={evaluation.data} application={application.data} />
    </div>
  );
}
