import { useState } from 'react';
import { Button, Card, Col, Empty, Input, Pagination, Rate, Row, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { areaOfPath } from '../../../../app/areas.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { useDebouncedValue } from '../../../../lib/useDebouncedValue.ts';
import { useDemandCategories, useServices } from '../../shared/api/useDemands.ts';
import { ServicePrice } from '../../shared/components/ServicePrice.tsx';
import '../../shared/components/demands.css';

/**
 * 服务超市: the catalogue of the three teams (departments and cadres free; the public service centre and SME
 * association; service firms, credit agencies, chambers), filtered by team and category, each item with its
 * provider, price or free, and its rating. The enterprise picks one (点单) and files its demand to it.
 */
export default function ServiceCataloguePage() {
  const { t, i18n } = useTranslation('demands');
  const en = i18n.language.startsWith('en');
  const navigate = useNavigate();
  const isPortal = areaOfPath(useLocation().pathname) === 'portal';
  const [team, setTeam] = useState<string>('all');
  const [categoryCode, setCategoryCode] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const debounced = useDebouncedValue(q, 300);
  const [page, setPage] = useState(1);
  const categories = useDemandCategories();
  const query = useServices({ team: team === 'all' ? undefined : team, categoryCode, q: debounced || undefined, page, pageSize: 12 });

  return (
    <>
      <PageHeader title={t('catalogue.title')} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented
          value={team}
          onChange={(v) => {
            setTeam(String(v));
            setPage(1);
          }}
          options={[{ value: 'all', label: t('catalogue.allTeams') }, ...(['non_market', 'quasi_market', 'market'] as const).map((v) => ({ value: v, label: t(`teams.${v}`) }))]}
        />
        <Select allowClear placeholder={t('fields.category')} style={{ minWidth: 140 }} value={categoryCode} onChange={(v) => { setCategoryCode(v); setPage(1); }} options={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: en ? c.nameEn : c.nameZh }))} />
        <Input.Search allowClear placeholder={t('catalogue.search')} value={q} onChange={(e) => { setQ(e.target.value); setPage(1); }} style={{ width: 220 }} />
      </Space>
      {query.isError && <LoadFailed error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && query.data.items.length === 0 && <Empty description={t('catalogue.empty')} />}
      <Row gutter={[16, 16]} data-testid="service-catalogue">
        {(query.data?.items ?? []).map((s) => (
          <Col xs={24} md={12} xl={8} key={s.id}>
            <Card className="dxe-service-card" data-testid={`service-${s.id}`} title={s.name} extra={<Tag>{t(`teams.${s.team}`)}</Tag>}>
              <Typography.Text type="secondary">{s.provider.name}</Typography.Text>
              <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ margin: 0 }}>{s.description}</Typography.Paragraph>
              <Space wrap>
                <Tag color="blue">{en ? s.category.nameEn : s.category.nameZh}</Tag>
                <Tag>{t(`kinds.${s.kind}`)}</Tag>
                <ServicePrice service={s} />
              </Space>
              <Space>
                <Rate disabled allowHalf value={s.ratingAverage ?? 0} style={{ fontSize: 14 }} />
                <Typography.Text type="secondary">{s.ratingAverage !== null ? t('catalogue.ratings', { average: s.ratingAverage.toFixed(1), count: s.ratingCount }) : t('catalogue.noRatings')}</Typography.Text>
              </Space>
              {isPortal && (
                <Button type="primary" onClick={() => void navigate(`/portal/demands/new?serviceId=${s.id}`)} data-testid={`service-pick-${s.id}`}>
                  {t('catalogue.pick')}
                </Button>
              )}
            </Card>
          </Col>
        ))}
      </Row>
      {query.data && query.data.total > 12 && <Pagination style={{ marginTop: 16 }} current={page} pageSize={12} total={query.data.total} onChange={setPage} showSizeChanger={false} />}
    </>
  );
}
