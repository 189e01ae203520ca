import { Card, Descriptions, Empty, Image, List, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { formatDateTime } from '../../../../lib/format.ts';
import { useVisit } from '../../api/useCadres.ts';

/** /gov/visits/:id — one visit: who was met, what was found, its photos and the demands it raised. */
export default function VisitPage() {
  const { t, i18n } = useTranslation('cadres');
  const { t: td } = useTranslation('demands');
  const id = Number(useParams().id);
  const visit = useVisit(id);
  if (visit.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (visit.isError) {
    if (isApiError(visit.error) && (visit.error.status === 404 || visit.error.status === 403)) return <Result status={visit.error.status === 404 ? '404' : '403'} title={visit.error.message} />;
    return <LoadFailed wholePage error={visit.error} onRetry={() => void visit.refetch()} title={t('loadFailed')} />;
  }
  const v = visit.data;
  return (
    <div style={{ maxWidth: 760 }}>
      <PageHeader title={t('visits.detail')} />
      <Card size="small">
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'enterprise', label: t('visit.enterprise'), children: <Link to={`/gov/enterprises/${v.enterprise.id}`}>{v.enterprise.name}</Link> },
            { key: 'day', label: t('visit.visitedOn'), children: v.visitedOn },
            { key: 'people', label: t('visit.peopleMet'), children: v.peopleMet },
            { key: 'cadre', label: t('link.cadre'), children: v.cadre.name },
            { key: 'findings', label: t('visit.findings'), children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{v.findings}</Typography.Paragraph> },
          ]}
        />
      </Card>
      <Card size="small" title={t('visits.demands')} style={{ marginTop: 12 }}>
        <List
          dataSource={v.demands}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="—" /> }}
          data-testid="visit-demands"
          renderItem={(d) => (
            <List.Item key={d.id}>
              <Space wrap>
                <Link to={`/gov/demands/${d.id}`} data-testid={`visit-demand-${d.id}`}>{d.title}</Link>
                <Tag>{td(`states.${d.state}` as 'states.submitted', { defaultValue: d.state })}</Tag>
                <Typography.Text type="secondary">{formatDateTime(d.createdAt, i18n.language)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      {v.photos.length > 0 && (
        <Card size="small" title={t('visits.photos', { count: v.photos.length })} style={{ marginTop: 12 }}>
          <Image.PreviewGroup>
            <Space wrap>
              {v.photos.map((p) => (
                <Image key={p.id} width={120} src={`/api/visits/${v.id}/photos/${p.id}`} alt={p.fileName} />
              ))}
            </Space>
          </Image.PreviewGroup>
        </Card>
      )}
    </div>
  );
}
