import { Badge, Button, Card, Col, Empty, Progress, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MyEnterprise } from '../../../../api/types.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { money } from '../../../finance/shared/lib/format.ts';
import { useMyEnterprises } from '../../api/useCadres.ts';
import { coverageText } from '../../shared/format.ts';

function EnterpriseCard({ firm }: { firm: MyEnterprise }) {
  const { t, i18n } = useTranslation('cadres');
  const language = i18n.language;
  const loans = firm.loans;
  return (
    <Card
      size="small"
      data-testid={`my-enterprise-${firm.id}`}
      title={<Link to={`/gov/enterprises/${firm.id}`}>{firm.name}</Link>}
      extra={firm.visitDue ? <Tag color="orange">{t('mine.visitDue')}</Tag> : firm.plannedThisQuarter ? <Tag color="blue">{t('mine.planned')}</Tag> : null}
      actions={[
        <Link key="visit" to={`/gov/visits/new?enterpriseId=${firm.id}`} data-testid={`record-visit-${firm.id}`}>
          {t('mine.recordVisit')}
        </Link>,
      ]}
    >
      <Typography.Text type="secondary">{[firm.townName, t('mine.linkedOn', { date: firm.linkedOn })].filter(Boolean).join(' · ')}</Typography.Text>
      <Row gutter={[8, 8]} style={{ marginTop: 8 }}>
        <Col span={12}>
          <Typography.Text type="secondary">{t('mine.openDemands')}</Typography.Text>
          <div>
            <Badge count={firm.openDemands} showZero color={firm.openDemands > 0 ? '#c8102e' : '#8c8c8c'} data-testid={`open-demands-${firm.id}`} />
          </div>
        </Col>
        <Col span={12}>
          <Typography.Text type="secondary">{t('mine.lastVisit')}</Typography.Text>
          <div>{firm.lastVisitedOn ?? t('mine.never')}</div>
        </Col>
        <Col span={24}>
          <Typography.Text type="secondary">{t('mine.matched')}</Typography.Text>
          {firm.matchedPolicies.length === 0 ? (
            <div>—</div>
          ) : (
            <>
              <div>
                {t('mine.matchedAmount')}：<Typography.Text strong>{money(firm.matchedAmountFen, language)}</Typography.Text>
              </div>
              <Space size={[4, 4]} wrap>
                {firm.matchedPolicies.slice(0, 4).map((p) => (
                  <Tag key={p.policyId} color="green">
                    {p.title}
                    {p.amountFen !== null ? ` · ${money(p.amountFen, language)}` : ''}
                  </Tag>
                ))}
                {firm.matchedPolicies.length > 4 && <Tag>+{firm.matchedPolicies.length - 4}</Tag>}
              </Space>
            </>
          )}
        </Col>
        <Col span={24}>
          <Typography.Text type="secondary">{t('mine.loans')}：</Typography.Text>
          {loans.activeLoans > 0 ? t('mine.activeLoans', { count: loans.activeLoans, amount: money(loans.outstandingFen, language) }) : t('mine.noLoan')}
          {loans.overdue && <Tag color="red" style={{ marginLeft: 4 }}>{t('mine.overdue')}</Tag>}
          {loans.latestApplicationStatus && (
            <div>
              <Typography.Text type="secondary">
                {t('mine.lastApplication', { status: t(`mine.loanStatuses.${loans.latestApplicationStatus}` as 'mine.loanStatuses.submitted', { defaultValue: loans.latestApplicationStatus }) })}
              </Typography.Text>
            </div>
          )}
        </Col>
      </Row>
    </Card>
  );
}

const FILTERS = ['visitDue', 'openDemands'] as const;
type FilterKey = (typeof FILTERS)[number];

/** A filter is on when the URL says so (`?visitDue=true`, also `=1`), as the cadre home links it. */
const isOn = (params: URLSearchParams, key: FilterKey) => ['true', '1'].includes(params.get(key) ?? '');

/**
 * /gov/my-enterprises — 我的企业: the cadre's linked firms, what each needs, and a quick way to record a visit.
 * The filters (visits due this quarter, firms with open demands) live in the URL, so the home's counts link here.
 */
export default function MyEnterprisesPage() {
  const { t } = useTranslation('cadres');
  const [params, setParams] = useSearchParams();
  const filter = { visitDue: isOn(params, 'visitDue'), openDemands: isOn(params, 'openDemands') };
  const mine = useMyEnterprises(filter);
  const toggle = (key: FilterKey, on: boolean) => {
    const next = new URLSearchParams(params);
    if (on) next.set(key, 'true');
    else next.delete(key);
    setParams(next, { replace: true });
  };
  if (mine.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (mine.isError) return <LoadFailed wholePage error={mine.error} onRetry={() => void mine.refetch()} title={t('loadFailed')} />;
  const { cadre, coverage, items, total, linkedTotal, openDemandsTotal } = mine.data;
  const filtered = filter.visitDue || filter.openDemands;
  return (
    <>
      <PageHeader
        title={t('mine.title')}
        extra={
          <Space wrap>
            <ExportButton path="/api/me/cadre/enterprises/export.xlsx" params={{}} />
            <Link to="/gov/visits/new">
              <Button type="primary" data-testid="record-visit">{t('mine.recordVisit')}</Button>
            </Link>
          </Space>
        }
      />
      <Typography.Paragraph type="secondary">{t('mine.intro', { name: cadre.name, org: cadre.orgName, position: cadre.position })}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap size="large">
          <Typography.Text strong data-testid="my-enterprises-total" data-list-total={total}>
            {filtered ? t('mine.totalFiltered', { total, linked: linkedTotal }) : t('mine.total', { total })}
            {openDemandsTotal > 0 && ` · ${t('mine.openDemandsTotal', { count: openDemandsTotal })}`}
          </Typography.Text>
          <Space size={4} wrap data-testid="my-enterprises-filters">
            <Typography.Text type="secondary">{t('mine.filterLabel')}</Typography.Text>
            {FILTERS.map((key) => (
              <Tag.CheckableTag key={key} checked={filter[key]} onChange={(on) => toggle(key, on)} data-testid={`filter-${key}`}>
                {t(`mine.filters.${key}`)}
              </Tag.CheckableTag>
            ))}
          </Space>
          <Typography.Text>{t('mine.coverage', { visited: coverage.visited, linked: coverage.linked })}</Typography.Text>
          <Progress percent={coverage.rateBp === null ? 0 : coverage.rateBp / 100} format={() => coverageText(coverage)} style={{ width: 180 }} data-testid="my-coverage" />
        </Space>
      </Card>
      {items.length === 0 ? (
        <Card>
          <Empty description={filtered ? t('mine.emptyFiltered') : t('mine.empty')} />
        </Card>
      ) : (
        <Row gutter={[12, 12]} data-testid="my-enterprises">
          {items.map((firm) => (
            <Col key={firm.id} xs={24} md={12} xl={8} data-list-item>
              <EnterpriseCard firm={firm} />
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
