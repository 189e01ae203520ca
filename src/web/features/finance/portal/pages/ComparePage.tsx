import type { ReactNode } from 'react';
import { Button, Card, Empty, Skeleton, Table, Tag } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MarketplaceItem } from '../../../../api/types.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { categoryName, isEnglish } from '../../../../lib/indicator-values.ts';
import { useMarketplace } from '../../shared/api/useLoans.ts';
import { money, moneyRange, monthsRange, rateRange } from '../../shared/lib/format.ts';
import '../../shared/components/finance.css';

interface Row {
  key: string;
  label: string;
  cells: ReactNode[];
}

/** /portal/finance/compare?ids=1,2,3 — two or three products of the marketplace side by side. */
export default function ComparePage() {
  const { t, i18n } = useTranslation('finance-portal');
  const { t: tf } = useTranslation('finance');
  const language = i18n.language;
  const navigate = useNavigate();
  const ids = (useSearchParams()[0].get('ids') ?? '').split(',').map(Number).filter((id) => Number.isInteger(id) && id > 0).slice(0, 3);
  const market = useMarketplace({ includeUnmatched: true });
  const back = <Button onClick={() => navigate('/portal/finance')}>{t('market.backToMarket')}</Button>;

  let body;
  if (market.isPending) body = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (market.isError) body = <LoadFailed wholePage error={market.error} onRetry={() => void market.refetch()} title={t('market.loadFailed')} />;
  else {
    const items = ids.map((id) => market.data.items.find((item) => item.productId === id)).filter((item): item is MarketplaceItem => item !== undefined);
    if (items.length < 2) body = <Card><Empty description={t('market.compareNeedTwo')} /></Card>;
    else {
      const join = (list: string[]) => list.join(isEnglish(language) ? ', ' : '、');
      const rows: Row[] = [
        { key: 'bank', label: tf('bank'), cells: items.map((item) => item.bank.name) },
        { key: 'type', label: tf('product'), cells: items.map((item) => tf(`productType.${item.productType}`)) },
        { key: 'outcome', label: t('market.outcome'), cells: items.map((item) => (item.outcome === 'eligible' ? <Tag color="success">{t('market.eligible')}</Tag> : item.outcome === 'unknown' ? <Tag color="warning">{t('market.unknown')}</Tag> : <Tag>{t('market.notEligible')}</Tag>)) },
        { key: 'rate', label: tf('rate'), cells: items.map((item) => <span className="dxe-fin-rate">{rateRange(item.rateMinBp, item.rateMaxBp)}</span>) },
        { key: 'amount', label: tf('amount'), cells: items.map((item) => moneyRange(item.amountMinFen, item.amountMaxFen, language)) },
        { key: 'term', label: tf('term'), cells: items.map((item) => monthsRange(item.termMinMonths, item.termMaxMonths, language)) },
        { key: 'monthly', label: t('market.monthlyPayment'), cells: items.map((item) => money(item.exampleMonthlyPaymentFen, language)) },
        { key: 'repayment', label: t('market.repaymentMethods'), cells: items.map((item) => join(item.repaymentMethods.map((method) => tf(`repaymentMethod.${method}`)))) },
        { key: 'data', label: tf('dataCategories'), cells: items.map((item) => join(item.dataCategories.map((category) => categoryName(category, language)))) },
        { key: 'tags', label: tf('tags'), cells: items.map((item) => join(item.tags) || tf('none')) },
        {
          key: 'apply',
          label: '',
          cells: items.map((item) => (
            <Button size="small" type="primary" disabled={item.outcome === 'ineligible' || item.openApplicationId !== null} onClick={() => navigate(`/portal/finance/products/${item.productId}/apply`)}>
              {item.openApplicationId !== null ? t('market.applied') : t('market.apply')}
            </Button>
          )),
        },
      ];
      body = (
        <Card className="dxe-fin-table-wrap">
          <Table<Row>
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={rows}
            scroll={{ x: 'max-content' }}
            data-testid="compare-table"
            columns={[
              { key: 'label', title: t('market.compareRow'), dataIndex: 'label', fixed: 'left', width: 96 },
              ...items.map((item, index) => ({ key: String(item.productId), title: item.name, render: (_: unknown, row: Row) => row.cells[index] })),
            ]}
          />
        </Card>
      );
    }
  }
  return (
    <>
      <PageHeader title={t('market.compareTitle')} extra={back} />
      {body}
    </>
  );
}
