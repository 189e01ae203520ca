import { Card, Col, Descriptions, Result, Row, Skeleton, Statistic, Table, type TableColumnsType } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import type { CadreLink, VisitSummary } from '../../../../api/types.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { Bars } from '../../../finance/shared/components/FinanceCharts.tsx';
import { money } from '../../../finance/shared/lib/format.ts';
import { useCadre } from '../../api/useCadres.ts';
import { coveragePercent, coverageText } from '../../shared/format.ts';

/** /gov/cadres/:id — one cadre: profile, coverage trend, work, linked firms and their history, recent visits. */
export default function CadreDetailPage() {
  const { t, i18n } = useTranslation('cadres');
  const id = Number(useParams().id);
  const cadre = useCadre(id);
  if (cadre.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (cadre.isError) {
    if (isApiError(cadre.error) && cadre.error.status === 404) return <Result status="404" title={t('detail.notFound')} />;
    if (isApiError(cadre.error) && cadre.error.status === 403) return <Result status="403" title={t('detail.forbidden')} />;
    return <LoadFailed wholePage error={cadre.error} onRetry={() => void cadre.refetch()} title={t('loadFailed')} />;
  }
  const c = cadre.data;
  const linkColumns: TableColumnsType<CadreLink> = [
    { title: t('detail.enterprise'), key: 'enterprise', render: (_, l) => <Link to={`/gov/enterprises/${l.enterpriseId}`}>{l.enterpriseName}</Link> },
    { title: t('list.town'), key: 'town', render: (_, l) => l.townName ?? '—' },
    { title: t('detail.linkedOn'), dataIndex: 'linkedOn', key: 'linkedOn' },
  ];
  const historyColumns: TableColumnsType<CadreLink> = [...linkColumns, { title: t('detail.unlinkedOn'), dataIndex: 'unlinkedOn', key: 'unlinkedOn' }, { title: t('detail.reason'), dataIndex: 'reason', key: 'reason' }];
  const visitColumns: TableColumnsType<VisitSummary> = [
    { title: t('visit.visitedOn'), key: 'day', render: (_, v) => <Link to={`/gov/visits/${v.id}`}>{v.visitedOn}</Link> },
    { title: t('detail.enterprise'), key: 'enterprise', render: (_, v) => v.enterprise.name },
    { title: t('visit.peopleMet'), dataIndex: 'peopleMet', key: 'people' },
    { title: t('visits.demands'), dataIndex: 'demandCount', key: 'demands' },
  ];
  return (
    <>
      <PageHeader title={`${c.name} · ${c.position}`} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('detail.title')} data-testid="cadre-profile">
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'org', label: t('list.org'), children: c.orgName },
                { key: 'town', label: t('list.town'), children: c.townName ?? '—' },
                { key: 'phone', label: t('list.phone'), children: c.phone ?? '—' },
                { key: 'coverage', label: `${t('coverage')} · ${c.quarter}`, children: `${coverageText(c.coverage)} (${t('coverageOf', { visited: c.coverage.visited, linked: c.coverage.linked })})` },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('detail.trend')}>
            <Bars categories={c.trend.map((q) => q.quarter)} series={[{ name: t('coverage'), data: c.trend.map((q) => coveragePercent(q.coverage)) }]} unit="%" height={180} ariaLabel={t('detail.trend')} testId="cadre-trend" />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('detail.work')} style={{ marginTop: 16 }}>
        <Row gutter={[16, 16]}>
          <Col xs={12} md={4}><Statistic title={t('list.collected')} value={c.work.demandsCollected} /></Col>
          <Col xs={12} md={4}><Statistic title={t('list.solved')} value={c.work.demandsSolved} /></Col>
          <Col xs={12} md={4}><Statistic title={t('list.rating')} value={c.work.averageRating === null ? '—' : c.work.averageRating.toFixed(2)} /></Col>
          <Col xs={12} md={4}><Statistic title={t('list.paid')} value={money(c.work.policyPaidFen, i18n.language)} /></Col>
          <Col xs={12} md={4}><Statistic title={t('list.overdue')} value={c.work.overdueDemands} /></Col>
          <Col xs={12} md={4}><Statistic title={t('list.planned')} value={c.work.plannedNotVisited} /></Col>
        </Row>
      </Card>
      <Card size="small" title={t('detail.links')} style={{ marginTop: 16 }}>
        <Table rowKey="id" size="small" columns={linkColumns} dataSource={c.links} pagination={false} scroll={{ x: 'max-content' }} data-testid="cadre-links" />
      </Card>
      {c.history.length > 0 && (
        <Card size="small" title={t('detail.history')} style={{ marginTop: 16 }}>
          <Table rowKey="id" size="small" columns={historyColumns} dataSource={c.history} pagination={false} scroll={{ x: 'max-content' }} />
        </Card>
      )}
      <Card size="small" title={t('detail.recentVisits')} style={{ marginTop: 16 }} extra={<ExportButton path="/api/visits/export.xlsx" params={{ cadreId: c.id }} />}>
        <Table rowKey="id" size="small" columns={visitColumns} dataSource={c.recentVisits} pagination={false} scroll={{ x: 'max-content' }} data-testid="cadre-visits" />
      </Card>
    </>
  );
}
