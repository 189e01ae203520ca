import { useState } from 'react';
import { Button, Card, Input, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { EnterpriseListParams } from '../../../../api/query-keys.ts';
import { SIZE_CLASSES, type EnterpriseSummary, type SizeClass } from '../../../../api/types.ts';
import { useUser } from '../../../../app/session.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { isEnglish, localName } from '../../../../lib/indicator-values.ts';
import { useUrlFilters, useUrlSearchText } from '../../../../lib/useUrlFilters.ts';
import { useEnterprises } from '../api/useEnterprises.ts';
import { useEnterpriseTags, useTowns } from '../../shared/api/useReferenceData.ts';
import { CreateEnterpriseModal } from '../components/CreateEnterpriseModal.tsx';
import { IndustryCascader } from '../components/IndustryCascader.tsx';
import { SIZE_COLOURS } from '../../shared/components/status.ts';
import { useIndustryLabel } from '../../shared/components/useIndustryName.ts';
import '../components/enterprises.css';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PAGE_SIZES, tablePagination } from '../../../../lib/table-pagination.ts';

const DEFAULT_PAGE_SIZE = 20;
const FILTER_KEYS = ['q', 'town', 'industry', 'sizeClass', 'tag', 'aboveScale'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** The list's state lives in the URL: a search can be bookmarked, and Back from a profile returns to it. */
function paramsOf(search: URLSearchParams): EnterpriseListParams {
  const text = (key: string) => search.get(key) || undefined;
  const number = (key: string, fallback: number) => {
    const value = Number(search.get(key));
    return Number.isInteger(value) && value > 0 ? value : fallback;
  };
  const aboveScale = search.get('aboveScale');
  return {
    q: text('q'),
    town: text('town'),
    industry: text('industry'),
    sizeClass: text('sizeClass'),
    tag: text('tag'),
    aboveScale: aboveScale === 'true' ? true : aboveScale === 'false' ? false : undefined,
    page: number('page', 1),
    pageSize: Math.min(number('pageSize', DEFAULT_PAGE_SIZE), 100),
  };
}

/** /gov/enterprises: 企业库 — search the county's registry by name or USCC, filter, open a profile. */
export default function EnterprisesPage() {
  const { t, i18n } = useTranslation('enterprises');
  const { t: tc } = useTranslation('common');
  const user = useUser();
  const navigate = useNavigate();
  const filters = useUrlFilters<FilterKey>();
  const { update } = filters;
  const params = paramsOf(filters.searchParams);
  const [search, setSearch] = useUrlSearchText(filters);
  const [creating, setCreating] = useState(false);
  const language = i18n.language;
  const en = isEnglish(language);

  const enterprises = useEnterprises(params);
  const towns = useTowns();
  const tags = useEnterpriseTags();
  const industryLabel = useIndustryLabel();
  const isDataAdmin = user.roles.includes('data_admin');

  const tagName = (tag: string) => {
    const entry = tags.data?.find((item) => item.tag === tag);
    return entry ? localName(entry, language) : tag;
  };
  const isFiltered = FILTER_KEYS.some((key) => filters.searchParams.get(key));
  const profilePath = (id: number) => `/gov/enterprises/${id}`;

  const columns: TableColumnsType<EnterpriseSummary> = [
    {
      title: t('registry.columns.name'),
      key: 'name',
      render: (_, row) => (
        <Link to={profilePath(row.id)} className="dxe-registry-name" onClick={(event) => event.stopPropagation()} data-testid={`enterprise-link-${row.id}`}>
          {row.name}
        </Link>
      ),
    },
    { title: t('registry.columns.uscc'), dataIndex: 'uscc', key: 'uscc', render: (value: string) => <span className="dxe-uscc">{value}</span> },
    {
      // Town and industry share a column so the table fits a 1280 px screen with the side menu.
      title: t('registry.columns.townIndustry'),
      key: 'townIndustry',
      responsive: ['md'],
      render: (_, row) => {
        const town = towns.data?.find((item) => item.code === row.townCode);
        const industry = industryLabel(row);
        return (
          <div className="dxe-two-lines">
            <span>{(en ? town?.nameEn : town?.name) ?? row.townName ?? '—'}</span>
            <Typography.Text type="secondary" ellipsis={{ tooltip: industry }} className="dxe-registry-industry">
              {industry ?? '—'}
            </Typography.Text>
          </div>
        );
      },
    },
    {
      title: t('registry.columns.sizeClass'),
      key: 'sizeClass',
      render: (_, row) => (row.sizeClass ? <Tag color={SIZE_COLOURS[row.sizeClass]}>{t(`sizeClass.${row.sizeClass}`)}</Tag> : <Typography.Text type="secondary">{t('sizeClass.unknown')}</Typography.Text>),
    },
    {
      title: t('registry.columns.tags'),
      key: 'tags',
      responsive: ['md'],
      render: (_, row) => {
        const shown = row.tags.filter((tag) => !tag.startsWith('size_'));
        const head = shown.slice(0, 3);
        const rest = shown.slice(3);
        return (
          <span className="dxe-tag-list">
            {head.map((tag) => (
              <Tag key={tag}>{tagName(tag)}</Tag>
            ))}
            {rest.length > 0 && (
              <Tooltip title={rest.map(tagName).join('、')}>
                <Tag>+{rest.length}</Tag>
              </Tooltip>
            )}
          </span>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title={t('registry.title')}
        extra={
          <Space>
            <ExportButton path="/api/enterprises/export.xlsx" params={{ q: params.q, town: params.town, industry: params.industry, sizeClass: params.sizeClass, tag: params.tag, aboveScale: params.aboveScale }} />
            {isDataAdmin && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-enterprise">
                {t('registry.create')}
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <Space wrap className="dxe-filters" size={[8, 8]}>
          <Input.Search
            allowClear
            placeholder={t('registry.searchPlaceholder')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            onSearch={(value) => update({ q: value.trim() || undefined })}
            enterButton={tc('actions.search')}
            style={{ width: 340, maxWidth: '100%' }}
            data-testid="enterprise-search"
          />
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('registry.filters.town')}
            value={params.town}
            onChange={(value) => update({ town: value })}
            loading={towns.isPending}
            options={(towns.data ?? []).map((town) => ({ value: town.code, label: en ? town.nameEn : town.name }))}
            style={{ width: 160 }}
            popupMatchSelectWidth={false}
            data-testid="enterprise-filter-town"
          />
          <IndustryCascader placeholder={t('registry.filters.industry')} value={params.industry} onChange={(value) => update({ industry: value })} style={{ width: 220 }} data-testid="enterprise-filter-industry" />
          <Select<SizeClass>
            allowClear
            placeholder={t('registry.filters.sizeClass')}
            value={params.sizeClass as SizeClass | undefined}
            onChange={(value) => update({ sizeClass: value })}
            options={SIZE_CLASSES.map((value) => ({ value, label: t(`sizeClass.${value}`) }))}
            style={{ width: 130 }}
            data-testid="enterprise-filter-size"
          />
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('registry.filters.tag')}
            value={params.tag}
            onChange={(value) => update({ tag: value })}
            loading={tags.isPending}
            options={(tags.data ?? []).map((tag) => ({ value: tag.tag, label: localName(tag, language) }))}
            style={{ width: 180 }}
            popupMatchSelectWidth={false}
            data-testid="enterprise-filter-tag"
          />
          <Select<string>
            allowClear
            placeholder={t('registry.filters.aboveScale')}
            value={params.aboveScale === undefined ? undefined : String(params.aboveScale)}
            onChange={(value) => update({ aboveScale: value })}
            options={[
              { value: 'true', label: t('registry.filters.aboveScaleYes') },
              { value: 'false', label: t('registry.filters.aboveScaleNo') },
            ]}
            style={{ width: 130 }}
            data-testid="enterprise-filter-above-scale"
          />
          {isFiltered && (
            <Button
              onClick={() => {
                setSearch('');
                filters.clear();
              }}
              data-testid="enterprise-filter-reset"
            >
              {t('registry.filters.reset')}
            </Button>
          )}
        </Space>
        {enterprises.isError && !enterprises.data ? (
          <LoadFailed error={enterprises.error} onRetry={() => void enterprises.refetch()} testId="enterprises-error" />
        ) : (
          <Table<EnterpriseSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={enterprises.data?.items}
            loading={enterprises.isFetching}
            scroll={{ x: 'max-content' }}
            rowClassName="dxe-registry-row"
            onRow={(row) => ({ onClick: () => navigate(profilePath(row.id)) })}
            locale={{ emptyText: isFiltered ? tc('states.noResults') : tc('states.empty') }}
            pagination={tablePagination(tc, {
              page: params.page,
              pageSize: params.pageSize,
              total: enterprises.data?.total,
              pageSizes: PAGE_SIZES,
              onChange: (page, pageSize) => update({ page: pageSize === params.pageSize ? String(page) : undefined, pageSize: String(pageSize) }),
            })}
            data-testid="enterprises-table"
          />
        )}
      </Card>
      {isDataAdmin && <CreateEnterpriseModal open={creating} onClose={() => setCreating(false)} />}
    </>
  );
}
