import { lazy, Suspense, useMemo, useState } from 'react';
import { Alert, App, Button, Result, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../../../api/client.ts';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { usePolicy, useUpdatePolicy } from '../api/usePolicies.ts';
import { CountyPreview } from '../components/CountyPreview.tsx';
import { FunnelPanel } from '../components/FunnelPanel.tsx';
import { GoldenCasesPanel, useCaseDiff } from '../components/GoldenCasesPanel.tsx';
import { PolicyActions, type FailedCase } from '../components/PolicyActions.tsx';
import { PolicyOverview } from '../components/PolicyOverview.tsx';
import { PolicyStatusTag } from '../components/PolicyStatusTag.tsx';
import { formValuesFromDetail } from '../lib/policy-form.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import '../components/policies.css';

type TabKey = 'overview' | 'edit' | 'review' | 'golden' | 'bench' | 'preview' | 'funnel';

// The editor and the test bench carry the rule engines' checkers and renderers: loaded when their tab opens.
const PolicyEditor = lazy(() => import('../components/PolicyEditor.tsx').then((m) => ({ default: m.PolicyEditor })));
const TestBench = lazy(() => import('../components/TestBench.tsx').then((m) => ({ default: m.TestBench })));
const ReviewPanel = lazy(() => import('../components/ReviewPanel.tsx').then((m) => ({ default: m.ReviewPanel })));

/**
 * /gov/policies/:id — one policy. Its department manages it here (edit the draft, golden cases, test bench,
 * county preview, funnel, and the life-cycle buttons); other government readers see the published version
 * and may run the test bench. `?version=N` opens an older version, read-only; `?tab=` keeps the tab.
 */
export default function PolicyPage() {
  const { t } = useTranslation('policies');
  const { t: tc } = useTranslation('common');
  const { t: tb } = useTranslation('ruleBuilder');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const params = useParams();
  const id = Number(params.id);
  const [searchParams, setSearchParams] = useSearchParams();
  const versionParam = Number(searchParams.get('version'));
  const version = Number.isInteger(versionParam) && versionParam > 0 ? versionParam : undefined;
  const policy = usePolicy(id, version);
  const update = useUpdatePolicy(id);
  const [refused, setRefused] = useState<FailedCase[] | null>(null);
  const caseDiff = useCaseDiff();
  const detail = policy.data;

  const setTab = (tab: TabKey) =>
    setSearchParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (tab === 'overview') next.delete('tab');
        else next.set('tab', tab);
        return next;
      },
      { replace: true },
    );

  const initialValues = useMemo(() => (detail ? formValuesFromDetail(detail) : null), [detail]);

  if (policy.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (policy.isError || !detail) {
    const back = (
      <Button key="back" onClick={() => navigate('/gov/policies')}>
        {t('page.back')}
      </Button>
    );
    return isApiError(policy.error) && policy.error.status === 404 ? (
      <Result status="404" title={t('page.notFound')} extra={back} data-testid="policy-load-error" />
    ) : (
      <LoadFailed wholePage error={policy.error} onRetry={() => void policy.refetch()} extra={back} testId="policy-load-error" />
    );
  }

  const isOlder = version !== undefined && detail.versions[0]?.version !== detail.version;
  const manage = detail.canManage && !isOlder;
  const editable = manage && detail.status === 'draft';
  const available: TabKey[] = ['overview', ...(editable ? (['edit'] as const) : []), ...(manage && detail.status === 'in_review' ? (['review'] as const) : []), ...(manage ? (['golden'] as const) : []), 'bench', ...(manage ? (['preview', 'funnel'] as const) : [])];
  const requested = (searchParams.get('tab') as TabKey | null) ?? 'overview';
  const tab: TabKey = available.includes(requested) ? requested : 'overview';

  const tabs = {
    overview: { label: t('page.tabs.overview'), children: <PolicyOverview detail={detail} /> },
    edit: {
      label: t('page.tabs.edit'),
      children: initialValues && (
        <PolicyEditor
          key={`${detail.versionId}-${detail.updatedAt}`}
          initialValues={initialValues}
          policyId={detail.id}
          saveLabel={tc('actions.save')}
          onCancel={() => setTab('overview')}
          onSave={async (input) => {
            await update.mutateAsync(input);
            void message.success(t('editor.saved'));
          }}
        />
      ),
    },
    review: { label: tb('review.tab'), children: <ReviewPanel detail={detail} /> },
    golden: { label: t('page.tabs.golden'), children: <GoldenCasesPanel detail={detail} refused={refused} /> },
    bench: { label: t('page.tabs.bench'), children: <TestBench detail={detail} /> },
    preview: { label: t('page.tabs.preview'), children: <CountyPreview detail={detail} /> },
    funnel: { label: t('page.tabs.funnel'), children: <FunnelPanel detail={detail} /> },
  } satisfies Record<TabKey, { label: string; children: React.ReactNode }>;

  return (
    <>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/gov/policies')} style={{ paddingInline: 0 }}>
        {t('page.back')}
      </Button>
      <PageHeader
        title={
          <Space wrap size={8}>
            <span>{detail.title}</span>
            <PolicyStatusTag status={detail.status} testId="policy-status" />
            {detail.isAutoGrant && (
              <Tag color="gold" icon={<ThunderboltOutlined />}>
                {t('list.autoGrant')}
              </Tag>
            )}
          </Space>
        }
        extra={
          !isOlder && (
            <PolicyActions
              detail={detail}
              onEdit={() => setTab('edit')}
              onPublishRefused={(cases) => {
                setRefused(cases);
                setTab('golden');
              }}
              onDone={(action) => {
                setRefused(null);
                if (action === 'versions') setTab('edit');
              }}
            />
          )
        }
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {detail.code} · {t('list.version', { version: detail.version })} · {detail.department.name}
      </Typography.Paragraph>
      {isOlder && (
        <Alert
          type="info"
          showIcon
          title={t('page.olderVersion', { version: detail.version })}
          action={
            <Button size="small" onClick={() => setSearchParams(new URLSearchParams(), { replace: true })}>
              {t('page.toCurrent')}
            </Button>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      {manage && detail.status === 'draft' && detail.review?.returnReason && <Alert type="warning" showIcon title={tb('review.returnedBanner', { reason: detail.review.returnReason })} style={{ marginBottom: 12 }} data-testid="policy-returned" />}
      {manage && detail.status === 'in_review' && !detail.review?.canReview && <Alert type="info" showIcon title={tb('review.submitted')} description={tb('review.ownSubmission')} style={{ marginBottom: 12 }} />}
      {manage && detail.status === 'published' && <Alert type="info" showIcon title={t('page.publishedReadOnly')} style={{ marginBottom: 12 }} />}
      {refused && refused.length > 0 && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setRefused(null)}
          title={t('actions.publishRefused', { count: refused.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {refused.map((c) => (
                <li key={c.caseId}>
                  <strong>{c.name}</strong>：{caseDiff(c).join('；')}
                </li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
          data-testid="publish-refused"
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as TabKey)}
        items={available.map((key) => ({ key, label: <span data-testid={`policy-tab-${key}`}>{tabs[key].label}</span>, children: <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>{tabs[key].children}</Suspense> }))}
        destroyOnHidden
      />
    </>
  );
}
