import { useState } from 'react';
import { Card, Segmented, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import type { ConsentStatus, ReceivedConsent } from '../../../../api/types.ts';
import { AREAS, areaOfPath } from '../../../../app/areas.ts';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { categoryName } from '../../../../lib/indicator-values.ts';
import { useReceivedConsents } from '../api/useReceivedConsents.ts';
import { CategoryTags, ConsentStatusTag } from '../components/ConsentStatusTag.tsx';
import { lastDay } from '../components/dates.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PAGE_SIZES, tablePagination } from '../../../../lib/table-pagination.ts';
import { EnterpriseCell } from '../../../../components/EnterpriseCell.tsx';
import { countyDate } from '../../../../lib/format.ts';

type StatusFilter = ConsentStatus | 'all';
/** In the order a consent lives through them. */
const STATUS_ORDER: readonly ConsentStatus[] = ['active', 'scheduled', 'expired', 'revoked'];

/**
 * /bank/enterprises, /provider/enterprises: 授权企业 — the enterprises that authorised the caller's
 * organisation, with the categories, purpose and period of each consent; a row opens the profile, limited
 * to what was granted.
 */
export default function ReceivedConsentsPage() {
  const { t, i18n } = useTranslation('consents');
  const { t: tc } = useTranslation('common');
  const navigate = useNavigate();
  const area = areaOfPath(useLocation().pathname) ?? 'bank';
  const [status, setStatus] = useState<StatusFilter>('active');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const received = useReceivedConsents({ status: status === 'all' ? undefined : status, page, pageSize });
  const language = i18n.language;
  const profilePath = (id: number) => `${AREAS[area].base}/enterprises/${id}`;

  const columns: TableColumnsType<ReceivedConsent> = [
    {
      title: t('received.columns.enterprise'),
      key: 'enterprise',
      render: (_, row) => <EnterpriseCell enterprise={row.enterprise} to={profilePath(row.enterprise.id)} testId={`received-open-${row.enterprise.id}`} />,
    },
    { title: t('received.columns.categories'), key: 'categories', render: (_, row) => <CategoryTags categories={row.categories} names={(category) => categoryName(category, language)} /> },
    { title: t('received.columns.purpose'), dataIndex: 'purpose', key: 'purpose', responsive: ['lg'], ellipsis: true },
    { title: t('received.columns.period'), key: 'period', responsive: ['md'], render: (_, row) => t('period', { from: countyDate(row.validFrom), until: lastDay(row.validUntil) }) },
    { title: t('received.columns.status'), key: 'status', render: (_, row) => <ConsentStatusTag status={row.status} testId={`received-status-${row.id}`} /> },
  ];

  return (
    <>
      <PageHeader title={t('received.title')} extra={<ExportButton path="/api/consents/received/export.xlsx" params={{ status: status === 'all' ? undefined : status }} />} />
      <Typography.Paragraph type="secondary">{t('received.intro')}</Typography.Paragraph>
      <Card>
        <div className="dxe-filters">
          <Segmented<StatusFilter>
            value={status}
            onChange={(value) => {
              setStatus(value);
              setPage(1);
            }}
            options={[...STATUS_ORDER.map((value) => ({ value, label: t(`status.${value}`) })), { value: 'all' as const, label: t('received.all') }]}
            data-testid="received-status-filter"
          />
        </div>
        {received.isError && !received.data ? (
          <LoadFailed error={received.error} onRetry={() => void received.refetch()} />
        ) : (
          <Table<ReceivedConsent>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={received.data?.items}
            loading={received.isFetching}
            scroll={{ x: 'max-content' }}
            onRow={(row) => ({ onClick: () => navigate(profilePath(row.enterprise.id)), style: { cursor: 'pointer' } })}
            locale={{ emptyText: status === 'active' ? t('received.emptyActive') : tc('states.noResults') }}
            pagination={tablePagination(tc, {
              page,
              pageSize,
              total: received.data?.total,
              pageSizes: PAGE_SIZES,
              onChange: (nextPage, nextSize) => {
                setPage(nextPage);
                setPageSize(nextSize);
              },
            })}
            data-testid="received-table"
          />
        )}
      </Card>
    </>
  );
}
