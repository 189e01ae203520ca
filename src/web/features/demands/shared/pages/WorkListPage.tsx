import { Card, Input, Segmented, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import type { DemandListParams } from '../../../../api/query-keys.ts';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { DEMAND_STATE_LIST } from '../../../../api/types.ts';
import { areaOfPath } from '../../../../app/areas.ts';
import { useUser } from '../../../../app/session.tsx';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { useDebouncedValue } from '../../../../lib/useDebouncedValue.ts';
import { RouterPanel } from '../components/RouterPanel.tsx';
import { useDemandCategories, useDemands } from '../api/useDemands.ts';
import { DemandTable } from '../components/DemandTable.tsx';
import { useState } from 'react';

type View = NonNullable<DemandListParams['view']>;

/**
 * The demands a government user or provider works on. The dispatcher: the queue (new and triaged demands
 * with the routing suggestion's category and confidence), the claim pool, everything open, the overdue, all;
 * and the router's versions with the retrain button. A department, cadre or provider: its orders (接单 …).
 * Filters live in the URL so the home's tiles link straight to a view.
 */
export default function WorkListPage() {
  const { t, i18n } = useTranslation('demands');
  const en = i18n.language.startsWith('en');
  const user = useUser();
  const area = areaOfPath(useLocation().pathname) ?? 'gov';
  const isDispatcher = area === 'gov' && user.roles.includes('dispatcher');
  const [params, setParams] = useSearchParams();
  // A handler's list is its organisation's orders (the server scopes it); 'mine' narrows to those given to the user.
  // The county leader reads the whole list (no queue, nothing of their own) and may export it, as may the dispatcher.
  const isLeader = area === 'gov' && user.roles.includes('leader') && !isDispatcher;
  const views: View[] = isDispatcher ? ['queue', 'open', 'overdue', 'all'] : isLeader ? ['all', 'open', 'overdue'] : ['open', 'mine', 'overdue', 'all'];
  const canExport = isDispatcher || isLeader;
  const view = (views.includes(params.get('view') as View) ? params.get('view') : views[0]) as View;
  const state = params.get('state') ?? undefined;
  const categoryCode = params.get('category') ?? undefined;
  const [q, setQ] = useState(params.get('q') ?? '');
  const debounced = useDebouncedValue(q, 300);
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('pageSize')) || 20;
  const categories = useDemandCategories();
  const query = useDemands({ view: state ? 'all' : view, state, categoryCode, q: debounced || undefined, page, pageSize }, { refetchInterval: 30_000 });

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, value);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={isDispatcher || isLeader ? t('queue.title') : t('orders.title')}
        extra={canExport && <ExportButton path="/api/demands/export.xlsx" params={{ view: view === 'open' ? 'open' : undefined, state, categoryCode }} />}
      />
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented value={state ? '' : view} onChange={(v) => set({ view: String(v), state: undefined })} options={views.map((v) => ({ value: v, label: t(`views.${v}`) }))} data-testid="demand-views" />
          <Select allowClear placeholder={t('fields.state')} style={{ minWidth: 120 }} value={state} onChange={(v) => set({ state: v })} options={DEMAND_STATE_LIST.map((s) => ({ value: s, label: t(`states.${s}`) }))} />
          <Select allowClear placeholder={t('fields.category')} style={{ minWidth: 120 }} value={categoryCode} onChange={(v) => set({ category: v })} options={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: en ? c.nameEn : c.nameZh }))} />
          <Input.Search allowClear placeholder={t('list.search')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 200 }} />
        </Space>
        {query.isError && <LoadFailed error={query.error} onRetry={() => void query.refetch()} />}
        <DemandTable
          area={area}
          data={query.data}
          loading={query.isFetching}
          page={page}
          pageSize={pageSize}
          onPage={(p, s) => set({ page: String(p), pageSize: String(s) })}
          show={{ enterprise: true, handler: view !== 'mine', suggestion: isDispatcher && view === 'queue' && !state }}
        />
      </Card>
      {isDispatcher && (
        <div style={{ marginTop: 16 }}>
          <RouterPanel />
        </div>
      )}
    </>
  );
}
