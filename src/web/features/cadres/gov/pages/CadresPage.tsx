import { useMemo, useState } from 'react';
import { Button, Card, Col, Input, Progress, Row, Select, Skeleton, Space, Statistic, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CadreLeaderboardRow, CadreSummary } from '../../../../api/types.ts';
import { useUser } from '../../../../app/session.tsx';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { PAGE_SIZES, tablePagination } from '../../../../lib/table-pagination.ts';
import { Bars } from '../../../finance/shared/components/FinanceCharts.tsx';
import { money } from '../../../finance/shared/lib/format.ts';
import { useTowns } from '../../../profile/shared/api/useReferenceData.ts';
import { useCadreList, useLeaderboard } from '../../api/useCadres.ts';
import { coveragePercent, coverageText } from '../../shared/format.ts';

type Sort = 'coverage' | 'coverage_asc' | 'work' | 'name';

function Leaderboard() {
  const { t, i18n } = useTranslation('cadres');
  const board = useLeaderboard();
  const columns: TableColumnsType<CadreLeaderboardRow> = [
    { title: '#', key: 'rank', width: 48, render: (_, __, index) => index + 1 },
    { title: t('list.org'), dataIndex: 'name', key: 'name' },
    { title: t('coverage'), key: 'coverage', render: (_, row) => `${coverageText(row.coverage)} (${row.coverage.visited}/${row.coverage.linked})` },
    { title: t('list.collected'), dataIndex: 'demandsCollected', key: 'collected' },
    { title: t('list.solved'), dataIndex: 'demandsSolved', key: 'solved' },
    { title: t('list.paid'), key: 'paid', render: (_, row) => money(row.policyPaidFen, i18n.language) },
  ];
  if (board.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (board.isError) return <LoadFailed error={board.error} onRetry={() => void board.refetch()} title={t('loadFailed')} />;
  const b = board.data;
  const topUnits = b.byUnit.slice(0, 15);
  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={6}>
          <Card size="small">
            <Statistic title={`${t('list.county')} · ${b.quarter}`} value={coverageText(b.county)} />
            <Typography.Text type="secondary">{t('coverageOf', { visited: b.county.visited, linked: b.county.linked })}</Typography.Text>
            <Progress percent={coveragePercent(b.county)} showInfo={false} data-testid="county-coverage" />
          </Card>
        </Col>
        <Col xs={24} md={18}>
          <Card size="small" title={t('list.trend')}>
            <Bars categories={b.trend.map((q) => q.quarter)} series={[{ name: t('coverage'), data: b.trend.map((q) => coveragePercent(q.coverage)), type: 'line' }]} unit="%" height={160} ariaLabel={t('list.trend')} testId="coverage-trend" />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('list.byTown')}>
            <Bars categories={b.byTown.map((r) => r.name)} series={[{ name: t('coverage'), data: b.byTown.map((r) => coveragePercent(r.coverage)) }]} unit="%" horizontal height={Math.max(240, b.byTown.length * 22)} ariaLabel={t('list.byTown')} testId="coverage-by-town" />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('list.byUnit')}>
            <Bars categories={topUnits.map((r) => r.name)} series={[{ name: t('coverage'), data: topUnits.map((r) => coveragePercent(r.coverage)) }]} unit="%" horizontal height={Math.max(240, topUnits.length * 22)} ariaLabel={t('list.byUnit')} testId="coverage-by-unit" />
          </Card>
        </Col>
      </Row>
      <Card size="small" style={{ marginTop: 16 }}>
        <Tabs
          items={[
            { key: 'town', label: t('list.leaderboardTown'), children: <Table rowKey="key" size="small" columns={columns} dataSource={b.byTown} pagination={false} scroll={{ x: 'max-content' }} data-testid="leaderboard-town" /> },
            { key: 'unit', label: t('list.leaderboardUnit'), children: <Table rowKey="key" size="small" columns={columns} dataSource={b.byUnit} pagination={{ pageSize: 20, size: 'small' }} scroll={{ x: 'max-content' }} data-testid="leaderboard-unit" /> },
          ]}
        />
      </Card>
    </>
  );
}

/** /gov/cadres — 千人联千企 for government staff: coverage charts, leaderboards and the cadre list. */
export default function CadresPage() {
  const { t, i18n } = useTranslation('cadres');
  const { t: tc } = useTranslation('common');
  const navigate = useNavigate();
  const user = useUser();
  const towns = useTowns();
  const [q, setQ] = useState<string>();
  const [town, setTown] = useState<string>();
  const [sort, setSort] = useState<Sort>('coverage');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useCadreList({ q, town, sort, page, pageSize });
  const columns = useMemo<TableColumnsType<CadreSummary>>(
    () => [
      { title: t('list.name'), key: 'name', render: (_, c) => <Link to={`/gov/cadres/${c.id}`}>{c.name}</Link> },
      { title: t('list.position'), dataIndex: 'position', key: 'position' },
      { title: t('list.org'), dataIndex: 'orgName', key: 'org' },
      { title: t('list.town'), key: 'town', render: (_, c) => c.townName ?? '—' },
      { title: t('list.phone'), key: 'phone', render: (_, c) => c.phone ?? '—' },
      { title: t('list.linked'), key: 'linked', render: (_, c) => c.coverage.linked },
      { title: t('coverage'), key: 'coverage', render: (_, c) => (c.coverage.rateBp === null ? t('noLinks') : <Progress percent={coveragePercent(c.coverage)} size="small" format={() => coverageText(c.coverage)} style={{ width: 120 }} />) },
      { title: t('list.collected'), key: 'collected', render: (_, c) => c.work.demandsCollected },
      { title: t('list.solved'), key: 'solved', render: (_, c) => c.work.demandsSolved },
      { title: t('list.rating'), key: 'rating', render: (_, c) => (c.work.averageRating === null ? '—' : c.work.averageRating.toFixed(2)) },
      { title: t('list.paid'), key: 'paid', render: (_, c) => money(c.work.policyPaidFen, i18n.language) },
      { title: t('list.overdue'), key: 'overdue', render: (_, c) => c.work.overdueDemands },
    ],
    [t, i18n.language],
  );
  const canImport = user.roles.includes('data_admin');
  return (
    <>
      <PageHeader
        title={t('list.title')}
        extra={
          <Space wrap>
            <ExportButton path="/api/cadres/export.xlsx" params={{ q, town, sort }} />
            {canImport && (
              <Button onClick={() => void navigate('/gov/data/imports')} data-testid="import-links">
                {t('list.importLinks')}
              </Button>
            )}
          </Space>
        }
      />
      <Typography.Paragraph type="secondary">{t('list.intro')}</Typography.Paragraph>
      <Leaderboard />
      <Card size="small" style={{ marginTop: 16 }}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search allowClear placeholder={t('list.search')} onSearch={(value) => { setQ(value.trim() || undefined); setPage(1); }} style={{ width: 220 }} data-testid="cadres-search" />
          <Select allowClear placeholder={t('list.town')} value={town} onChange={(value) => { setTown(value); setPage(1); }} options={(towns.data ?? []).map((tw) => ({ value: tw.code, label: i18n.language.startsWith('en') ? tw.nameEn : tw.name }))} style={{ width: 160 }} />
          <Select<Sort> value={sort} onChange={(value) => { setSort(value); setPage(1); }} options={(['coverage', 'coverage_asc', 'work', 'name'] as const).map((value) => ({ value, label: t(`list.sorts.${value}`) }))} style={{ width: 180 }} />
        </Space>
        {list.isError ? (
          <LoadFailed error={list.error} onRetry={() => void list.refetch()} title={t('loadFailed')} />
        ) : (
          <Table
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching}
            scroll={{ x: 'max-content' }}
            pagination={tablePagination(tc, { page, pageSize, total: list.data?.total, pageSizes: PAGE_SIZES, onChange: (next, size) => { setPage(next); setPageSize(size); } })}
            data-testid="cadres-table"
          />
        )}
      </Card>
    </>
  );
}
