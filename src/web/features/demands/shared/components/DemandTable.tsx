import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AreaId } from '../../../../app/areas.ts';
import type { DemandSummaryItem, Page } from '../../../../api/types.ts';
import { formatDateTime } from '../../../../lib/format.ts';
import { tablePagination } from '../../../../lib/table-pagination.ts';
import { demandPath } from '../lib/demand-view.ts';
import { DemandStateTag } from './DemandStateTag.tsx';
import type { ReactNode } from 'react';

interface DemandTableProps {
  area: AreaId;
  data: Page<DemandSummaryItem> | undefined;
  loading: boolean;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  /** Columns shown: the enterprise (government side), the handler, the suggestion (dispatcher). */
  show?: { enterprise?: boolean; handler?: boolean; suggestion?: boolean };
  /** A last column of buttons (claim, assign). */
  action?: (demand: DemandSummaryItem) => ReactNode;
  testId?: string;
}

/** The demands of a list: title (link), state, category, deadline (red when overdue), and what the page adds. */
export function DemandTable({ area, data, loading, page, pageSize, onPage, show = {}, action, testId = 'demand-table' }: DemandTableProps) {
  const { t, i18n } = useTranslation('demands');
  const { t: tc } = useTranslation('common');
  const en = i18n.language.startsWith('en');
  const columns: ColumnsType<DemandSummaryItem> = [
    {
      key: 'title',
      title: t('fields.title'),
      render: (_, d) => (
        <div data-testid={`demand-row-${d.id}`}>
          <Link to={demandPath(area, d.id)} data-testid={`demand-open-${d.id}`}>
            {d.title}
          </Link>
          {d.urgency !== 'normal' && (
            <Tag color={d.urgency === 'critical' ? 'red' : 'orange'} style={{ marginLeft: 8 }}>
              {t(`urgency.${d.urgency}`)}
            </Tag>
          )}
          {show.enterprise && (
            <div>
              <Typography.Text type="secondary">{d.enterprise.name}</Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    { key: 'state', title: t('fields.state'), width: 110, render: (_, d) => <DemandStateTag state={d.state} testId={`demand-state-${d.id}`} /> },
    {
      key: 'category',
      title: t('fields.category'),
      responsive: ['md'],
      render: (_, d) => {
        const category = d.category ?? d.declaredCategory;
        return category ? (en ? category.nameEn : category.nameZh) : <Typography.Text type="secondary">{t('fields.uncategorised')}</Typography.Text>;
      },
    },
  ];
  if (show.suggestion) {
    columns.push({
      key: 'suggestion',
      title: t('queue.suggested'),
      render: (_, d) =>
        d.suggestedCategory ? (
          <span data-testid={`demand-suggested-${d.id}`}>
            {en ? d.suggestedCategory.nameEn : d.suggestedCategory.nameZh} <Typography.Text type="secondary">{Math.round(d.suggestedCategory.confidence * 100)}%</Typography.Text>
          </span>
        ) : (
          '—'
        ),
    });
  }
  if (show.handler) columns.push({ key: 'handler', title: t('fields.handler'), responsive: ['md'], render: (_, d) => d.handlerOrg?.name ?? '—' });
  columns.push({
    key: 'due',
    title: t('fields.due'),
    responsive: ['sm'],
    render: (_, d) => {
      const due = d.state === 'assigned' ? d.responseDueAt : d.resolutionDueAt;
      if (!due || ['resolved', 'rated', 'closed'].includes(d.state)) return formatDateTime(d.createdAt, i18n.language);
      return <Typography.Text type={d.isOverdue ? 'danger' : undefined}>{d.isOverdue ? t('list.overdue') : ''}{formatDateTime(due, i18n.language)}</Typography.Text>;
    },
  });
  if (action) columns.push({ key: 'action', title: '', width: 120, render: (_, d) => action(d) });
  return (
    <Table
      rowKey="id"
      size="middle"
      data-testid={testId}
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      scroll={{ x: 'max-content' }}
      pagination={tablePagination(tc, { page, pageSize, total: data?.total, onChange: onPage })}
    />
  );
}
