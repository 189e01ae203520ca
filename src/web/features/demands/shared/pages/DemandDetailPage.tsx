import { Alert, Button, Card, Col, Descriptions, Rate, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { areaOfPath } from '../../../../app/areas.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { formatDateTime } from '../../../../lib/format.ts';
import { SuggestionPanel } from '../components/SuggestionPanel.tsx';
import { useDemand } from '../api/useDemands.ts';
import { DemandActionBar } from '../components/DemandActionBar.tsx';
import { DemandStateTag } from '../components/DemandStateTag.tsx';
import { DemandTimeline } from '../components/DemandTimeline.tsx';
import { splitMinutes } from '../lib/demand-view.ts';
import '../components/demands.css';

/**
 * One demand, in every area: what was asked, by whom, the category, the handler and the responsible leader,
 * the deadlines and the working time left, the result and the rating, the buttons of what this user may do
 * now, the timeline of every step, and — for the dispatcher — the routing suggestion with one-click assign.
 */
export default function DemandDetailPage() {
  const { t, i18n } = useTranslation('demands');
  const language = i18n.language;
  const en = language.startsWith('en');
  const id = Number(useParams().id);
  const area = areaOfPath(useLocation().pathname) ?? 'portal';
  const query = useDemand(id);
  const back = area === 'portal' ? '/portal/demands' : area === 'provider' ? '/provider/orders' : '/gov/demands';

  if (query.isPending) return <Skeleton active />;
  if (query.isError) return <LoadFailed wholePage error={query.error} onRetry={() => void query.refetch()} isRetrying={query.isFetching} extra={<Link to={back}>{t('backToList')}</Link>} />;
  const demand = query.data;
  const remaining = demand.remainingMinutes === null ? null : splitMinutes(demand.remainingMinutes);
  const isDispatching = area === 'gov' && (demand.allowedActions.includes('assign') || demand.allowedActions.includes('offer'));
  const category = demand.category ?? demand.declaredCategory;

  return (
    <div className="dxe-demand">
      <PageHeader
        title={
          <Space wrap>
            <span data-testid="demand-title">{demand.title}</span>
            <DemandStateTag state={demand.state} testId="demand-state" />
            {demand.urgency !== 'normal' && <Tag color={demand.urgency === 'critical' ? 'red' : 'orange'}>{t(`urgency.${demand.urgency}`)}</Tag>}
          </Space>
        }
        extra={<Link to={back}>{t('backToList')}</Link>}
      />
      {demand.isOverdue && <Alert type="error" showIcon title={t('detail.overdue')} style={{ marginBottom: 16 }} data-testid="demand-overdue" />}
      {demand.state === 'waiting' && area === 'portal' && <Alert type="warning" showIcon title={t('detail.waitingOnYou')} style={{ marginBottom: 16 }} />}
      {demand.state === 'resolved' && demand.allowedActions.includes('rate') && <Alert type="info" showIcon title={t('detail.pleaseRate')} style={{ marginBottom: 16 }} data-testid="demand-rate-hint" />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="demand-description">
              {demand.description}
            </Typography.Paragraph>
            <Descriptions
              column={{ xs: 1, sm: 1, md: 2 }}
              size="small"
              items={[
                { key: 'enterprise', label: t('fields.enterprise'), children: demand.enterprise.name },
                { key: 'category', label: t('fields.category'), children: <span data-testid="demand-category">{category ? (en ? category.nameEn : category.nameZh) : t('fields.uncategorised')}</span> },
                { key: 'channel', label: t('fields.channel'), children: `${t(`channels.${demand.channel}`)}${demand.externalRef ? ` · ${demand.externalRef}` : ''}` },
                { key: 'created', label: t('fields.createdAt'), children: formatDateTime(demand.createdAt, language) },
                { key: 'handler', label: t('fields.handler'), children: <span data-testid="demand-handler">{demand.handlerOrg ? `${demand.handlerOrg.name}${demand.handlerUser ? ` · ${demand.handlerUser.displayName}` : ''}` : '—'}</span> },
                { key: 'mode', label: t('fields.dispatchMode'), children: demand.dispatchMode ? t(`modes.${demand.dispatchMode}`) : '—' },
                { key: 'leader', label: t('suggestion.leader'), children: demand.leader ? `${demand.leader.name}（${demand.leader.position}）` : '—' },
                ...(demand.service ? [{ key: 'service', label: t('fields.service'), children: demand.service.name }] : []),
                ...(demand.contactName || demand.contactPhone ? [{ key: 'contact', label: t('fields.contact'), children: [demand.contactName, demand.contactPhone].filter(Boolean).join(' ') }] : []),
                ...(demand.responseDueAt ? [{ key: 'responseDue', label: t('fields.responseDue'), children: formatDateTime(demand.responseDueAt, language) }] : []),
                ...(demand.resolutionDueAt ? [{ key: 'resolutionDue', label: t('fields.resolutionDue'), children: formatDateTime(demand.resolutionDueAt, language) }] : []),
                ...(remaining && ['assigned', 'accepted', 'in_progress', 'waiting'].includes(demand.state)
                  ? [
                      {
                        key: 'remaining',
                        label: t('fields.remaining'),
                        children: (
                          <Typography.Text type={remaining.overdue ? 'danger' : undefined} data-testid="demand-remaining">
                            {demand.isPaused ? t('detail.paused') : t(remaining.overdue ? 'detail.overdueBy' : 'detail.left', { hours: remaining.hours, minutes: remaining.minutes })}
                          </Typography.Text>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            {demand.files.length > 0 && (
              <div style={{ marginTop: 12 }}>
                <Typography.Text strong>{t('fields.attachments')}</Typography.Text>
                <ul>
                  {demand.files.map((f) => (
                    <li key={f.id}>
                      <a href={`/api/demands/${demand.id}/files/${f.id}`} target="_blank" rel="noreferrer">
                        {f.fileName}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </Card>
          {demand.resolution && (
            <Card title={t('detail.result')} style={{ marginTop: 16 }} data-testid="demand-result">
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{demand.resolution}</Typography.Paragraph>
              <Typography.Text type="secondary">
                {demand.resolutionMode ? t(`resolutionModes.${demand.resolutionMode}`) : ''} {formatDateTime(demand.resolvedAt, language)}
              </Typography.Text>
              {demand.rating !== null && (
                <div style={{ marginTop: 8 }} data-testid="demand-rating-shown" data-rating={demand.rating}>
                  <Rate disabled value={demand.rating} /> {demand.ratingComment}
                </div>
              )}
              {demand.followUpOutcome && <div style={{ marginTop: 8 }}>{t('detail.followUp', { outcome: t(`followUp.${demand.followUpOutcome}`), note: demand.followUpNote ?? '' })}</div>}
            </Card>
          )}
          <Card style={{ marginTop: 16 }}>
            <DemandActionBar demand={demand} />
            {demand.allowedActions.length === 0 && <Typography.Text type="secondary">{t('detail.nothingToDo')}</Typography.Text>}
          </Card>
          {isDispatching && (
            <div style={{ marginTop: 16 }}>
              <SuggestionPanel demand={demand} />
            </div>
          )}
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('detail.timeline')}>
            <DemandTimeline demand={demand} />
          </Card>
          {area === 'portal' && (
            <Button block style={{ marginTop: 16 }}>
              <Link to="/portal/demands/new">{t('list.new')}</Link>
            </Button>
          )}
        </Col>
      </Row>
    </div>
  );
}
