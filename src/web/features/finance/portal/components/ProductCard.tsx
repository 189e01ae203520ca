import { useState } from 'react';
import { Button, Card, Checkbox, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleOutlined, DownOutlined, QuestionCircleOutlined, UpOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MarketplaceItem } from '../../../../api/types.ts';
import { categoryName, isEnglish } from '../../../../lib/indicator-values.ts';
import { ExplanationList } from '../../../policies/portal/components/ExplanationList.tsx';
import { ProductTypeTag } from '../../shared/components/FinanceTags.tsx';
import { productConditionCounts, productExplanationRows } from '../lib/explanation.ts';
import { moneyRange, monthsRange, rateRange } from '../../shared/lib/format.ts';

interface ProductCardProps {
  item: MarketplaceItem;
  selected: boolean;
  canSelectMore: boolean;
  onSelect: (selected: boolean) => void;
}

/** One product of the 金融超市: its terms, whether the enterprise qualifies and why, compare, apply. */
export function ProductCard({ item, selected, canSelectMore, onSelect }: ProductCardProps) {
  const { t, i18n } = useTranslation('finance-portal');
  const { t: tf } = useTranslation('finance');
  const language = i18n.language;
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const rows = productExplanationRows(isEnglish(language) ? item.explanation.en : item.explanation.zh);
  const counts = productConditionCounts(rows);
  const outcome = item.outcome;

  return (
    <li>
      <Card className="dxe-fin-card" data-testid={`product-${item.productId}`} data-outcome={outcome}>
        <div className="dxe-fin-head">
          <div className="dxe-fin-title">
            <strong data-testid={`product-name-${item.productId}`}>{item.name}</strong>
            <span className="dxe-fin-meta">{item.bank.name}</span>
          </div>
          <ProductTypeTag type={item.productType} />
        </div>
        <div className="dxe-tags">
          {outcome === 'eligible' ? (
            <Tag color="success" icon={<CheckCircleFilled />}>
              {t('market.eligible')}
            </Tag>
          ) : outcome === 'unknown' ? (
            <Tag color="warning" icon={<QuestionCircleOutlined />}>
              {t('market.unknown')}
            </Tag>
          ) : (
            <Tag icon={<CloseCircleOutlined />}>{t('market.notEligible')}</Tag>
          )}
          {item.tags.map((tag) => (
            <Tag key={tag} color="blue" bordered={false}>
              {tag}
            </Tag>
          ))}
        </div>
        <div className="dxe-fin-figures">
          <div className="dxe-fin-figure">
            <span className="dxe-fin-figure-label">{tf('rate')}</span>
            <span className="dxe-fin-figure-value dxe-fin-rate">{rateRange(item.rateMinBp, item.rateMaxBp)}</span>
          </div>
          <div className="dxe-fin-figure">
            <span className="dxe-fin-figure-label">{tf('amount')}</span>
            <span className="dxe-fin-figure-value">{moneyRange(item.amountMinFen, item.amountMaxFen, language)}</span>
          </div>
          <div className="dxe-fin-figure">
            <span className="dxe-fin-figure-label">{tf('term')}</span>
            <span className="dxe-fin-figure-value">{monthsRange(item.termMinMonths, item.termMaxMonths, language)}</span>
          </div>
        </div>
        {item.summary && <Typography.Paragraph type="secondary" style={{ margin: 0 }} ellipsis={{ rows: 2 }}>{item.summary}</Typography.Paragraph>}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {tf('dataCategories')}：{item.dataCategories.map((category) => categoryName(category, language)).join(isEnglish(language) ? ', ' : '、')}
        </Typography.Text>
        {rows.length > 0 && (
          <div>
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen(!open)} icon={open ? <UpOutlined /> : <DownOutlined />} iconPlacement="end" data-testid={`product-why-${item.productId}`}>
              {outcome === 'eligible' ? t('market.why') : t('market.whyNot')} · {t('market.conditions', counts)}
            </Button>
            {open && <ExplanationList rows={rows} />}
          </div>
        )}
        <div className="dxe-fin-foot">
          <Checkbox checked={selected} disabled={!selected && !canSelectMore} onChange={(event) => onSelect(event.target.checked)} data-testid={`product-compare-${item.productId}`}>
            {t('market.compare')}
          </Checkbox>
          {item.openApplicationId !== null ? (
            <Button size="small" onClick={() => navigate(`/portal/loans/applications/${item.openApplicationId}`)} data-testid={`product-view-application-${item.productId}`}>
              {t('market.viewApplication')}
            </Button>
          ) : (
            <Button size="small" type="primary" disabled={outcome === 'ineligible'} onClick={() => navigate(`/portal/finance/products/${item.productId}/apply`)} data-testid={`product-apply-${item.productId}`}>
              {t('market.apply')}
            </Button>
          )}
        </div>
      </Card>
    </li>
  );
}
