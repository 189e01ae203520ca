import { useState } from 'react';
import { App, Button, Card, Checkbox, Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../../app/errors.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { useMyEnterprises, usePlans, useSavePlan, useVisits } from '../../api/useCadres.ts';

/** This quarter's plan: the linked firms, ticked when planned, with whether each was visited. */
function PlanCard() {
  const { t } = useTranslation('cadres');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const mine = useMyEnterprises();
  const quarter = mine.data?.quarter;
  const plans = usePlans({ quarter });
  const save = useSavePlan();
  // The saved plan until the cadre changes the ticks.
  const [edited, setPicked] = useState<number[] | null>(null);
  const picked = edited ?? plans.data?.items.map((p) => p.enterprise.id) ?? [];
  if (mine.isPending || plans.isPending) return <Skeleton active />;
  if (mine.isError) return <LoadFailed error={mine.error} onRetry={() => void mine.refetch()} />;
  if (plans.isError) return <LoadFailed error={plans.error} onRetry={() => void plans.refetch()} />;
  const q = Number(mine.data.quarter.slice(-1));
  const quarterStart = `${mine.data.quarter.slice(0, 4)}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
  const visitedOf = new Map(plans.data.items.map((p) => [p.enterprise.id, p.visitedOn]));
  const lastVisit = new Map(mine.data.items.map((f) => [f.id, f.lastVisitedOn]));
  return (
    <Card size="small" title={t('visits.plan', { quarter: mine.data.quarter })} data-testid="visit-plan">
      <Typography.Paragraph type="secondary">{t('visits.planHint')}</Typography.Paragraph>
      <Checkbox.Group value={picked} onChange={(values) => setPicked(values as number[])} style={{ width: '100%' }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          {mine.data.items.map((firm) => {
            const last = lastVisit.get(firm.id) ?? null;
            const visited = visitedOf.get(firm.id) ?? (last !== null && last >= quarterStart ? last : null);
            return (
              <Checkbox key={firm.id} value={firm.id} data-testid={`plan-${firm.id}`}>
                {firm.name} {visited ? <Tag color="green">{t('visits.visited', { date: visited })}</Tag> : <Tag>{t('visits.notVisited')}</Tag>}
              </Checkbox>
            );
          })}
        </Space>
      </Checkbox.Group>
      <Button
        style={{ marginTop: 12 }}
        onClick={() =>
          save.mutate(
            { quarter: mine.data.quarter, items: picked.map((enterpriseId) => ({ enterpriseId })) },
            { onSuccess: () => void message.success(t('visits.planSaved')), onError: (error) => void message.error(errorText(error)) },
          )
        }
        loading={save.isPending}
        data-testid="plan-save"
      >
        {t('visits.savePlan')}
      </Button>
    </Card>
  );
}

/** /gov/visits — 走访记录: this quarter's plan and the cadre's visits, newest first. */
export default function MyVisitsPage() {
  const { t } = useTranslation('cadres');
  const [page, setPage] = useState(1);
  const visits = useVisits({ page, pageSize: 20 });
  return (
    <>
      <PageHeader
        title={t('visits.title')}
        extra={
          <Space wrap>
            <ExportButton path="/api/visits/export.xlsx" params={{}} />
            <Link to="/gov/visits/new">
              <Button type="primary">{t('mine.recordVisit')}</Button>
            </Link>
          </Space>
        }
      />
      <PlanCard />
      <Card size="small" title={t('visits.history')} style={{ marginTop: 12 }}>
        {visits.isError ? (
          <LoadFailed error={visits.error} onRetry={() => void visits.refetch()} />
        ) : (
          <List
            loading={visits.isPending}
            dataSource={visits.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('visits.empty')} /> }}
            pagination={visits.data && visits.data.total > 20 ? { current: page, pageSize: 20, total: visits.data.total, onChange: setPage, size: 'small' } : false}
            data-testid="my-visits"
            renderItem={(visit) => (
              <List.Item key={visit.id} data-testid={`visit-${visit.id}`}>
                <List.Item.Meta
                  title={<Link to={`/gov/visits/${visit.id}`}>{`${visit.visitedOn} · ${visit.enterprise.name}`}</Link>}
                  description={
                    <>
                      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 4 }}>{visit.findings}</Typography.Paragraph>
                      <Space size={4} wrap>
                        <Tag>{visit.peopleMet}</Tag>
                        {visit.demandCount > 0 && <Tag color="orange">{t('visits.demandsRaised', { count: visit.demandCount })}</Tag>}
                        {visit.photoCount > 0 && <Tag>{t('visits.photos', { count: visit.photoCount })}</Tag>}
                      </Space>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </>
  );
}
