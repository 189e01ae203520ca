import { useMemo, useState } from 'react';
import { Button, Card, Empty, Result, Select, Skeleton, Switch, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import { LOAN_PRODUCT_TYPES, PRODUCT_TAGS, type LoanProductType } from '../../../../api/types.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { useMarketplace } from '../../shared/api/useLoans.ts';
import { ProductCard } from '../components/ProductCard.tsx';
import { MyProgrammes } from '../components/MyProgrammes.tsx';
import '../../../policies/portal/components/portal-policies.css';
import '../../shared/components/finance.css';

const MAX_COMPARE = 3;

/**
 * /portal/finance — 金融超市: the published loan products matched to the enterprise by the products' target
 * rules, each with why (clause by clause), filters by type and tag, and up to three to compare side by side.
 */
export default function MarketplacePage() {
  const { t } = useTranslation('finance-portal');
  const { t: tf } = useTranslation('finance');
  const navigate = useNavigate();
  const [productType, setProductType] = useState<LoanProductType | undefined>();
  const [tag, setTag] = useState<string | undefined>();
  const [includeUnmatched, setIncludeUnmatched] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const market = useMarketplace({ productType, tag, includeUnmatched });

  const counts = useMemo(() => {
    const items = market.data?.items ?? [];
    return { eligible: items.filter((item) => item.outcome === 'eligible').length, unknown: items.filter((item) => item.outcome === 'unknown').length };
  }, [market.data]);

  const toggle = (productId: number, on: boolean) => setSelected((current) => (on ? [...current, productId].slice(0, MAX_COMPARE) : current.filter((id) => id !== productId)));

  let body;
  if (market.isPending) {
    body = <Skeleton active paragraph={{ rows: 8 }} />;
  } else if (market.isError) {
    body =
      isApiError(market.error) && market.error.status === 404 ? (
        <Result status="info" title={t('market.noEnterprise')} />
      ) : (
        <LoadFailed wholePage error={market.error} onRetry={() => void market.refetch()} title={t('market.loadFailed')} testId="market-error" />
      );
  } else {
    const items = market.data.items;
    body = (
      <>
        <Card className="dxe-fin-hero" data-testid="market-summary" data-eligible={counts.eligible}>
          <div className="dxe-fin-hero-item">
            <span className="dxe-fin-hero-label">{t('market.intro')}</span>
            <span className="dxe-fin-hero-value" data-testid="market-eligible-count">
              {t('market.summary', { count: counts.eligible })}
            </span>
            {counts.unknown > 0 && <span className="dxe-fin-hero-label">{t('market.summaryUnknown', { count: counts.unknown })}</span>}
          </div>
        </Card>
        <div className="dxe-fin-filters" style={{ marginTop: 12 }}>
          <Select
            allowClear
            style={{ minWidth: 140 }}
            placeholder={t('market.filterType')}
            value={productType}
            onChange={(value) => setProductType(value)}
            options={LOAN_PRODUCT_TYPES.map((type) => ({ value: type, label: tf(`productType.${type}`) }))}
            data-testid="market-filter-type"
          />
          <Select allowClear style={{ minWidth: 120 }} placeholder={t('market.filterTag')} value={tag} onChange={(value) => setTag(value)} options={PRODUCT_TAGS.map((value) => ({ value, label: value }))} data-testid="market-filter-tag" />
          <span>
            <Switch size="small" checked={!includeUnmatched} onChange={(on) => setIncludeUnmatched(!on)} data-testid="market-only-matched" /> {t('market.onlyMatched')}
          </span>
        </div>
        {items.length === 0 ? (
          <Card>
            <Empty description={t('market.empty')} data-testid="market-empty">
              <Typography.Text type="secondary">{t('market.emptyHint')}</Typography.Text>
            </Empty>
          </Card>
        ) : (
          <ul className="dxe-fin-list" data-testid="market-products">
            {items.map((item) => (
              <ProductCard key={item.productId} item={item} selected={selected.includes(item.productId)} canSelectMore={selected.length < MAX_COMPARE} onSelect={(on) => toggle(item.productId, on)} />
            ))}
          </ul>
        )}
        {selected.length > 0 && (
          <div className="dxe-fin-compare-bar" data-testid="compare-bar">
            <Typography.Text type="secondary">{selected.length < 2 ? t('market.compareNeedTwo') : t('market.compareHint')}</Typography.Text>
            <Button type="primary" disabled={selected.length < 2} onClick={() => navigate(`/portal/finance/compare?ids=${selected.join(',')}`)} data-testid="compare-open">
              {t('market.compareSelected', { count: selected.length })}
            </Button>
          </div>
        )}
        <MyProgrammes />
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('market.title')} />
      {body}
    </>
  );
}
