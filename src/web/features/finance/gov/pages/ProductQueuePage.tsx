import { useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Form, Input, List, Modal, Segmented, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LoanProductSummary } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { formatDateTime } from '../../../../lib/format.ts';
import { categoryName, isEnglish } from '../../../../lib/indicator-values.ts';
import { useLoanProducts, useProductAction } from '../../shared/api/useLoans.ts';
import { ProductStatusTag, ProductTypeTag } from '../../shared/components/FinanceTags.tsx';
import { moneyRange, monthsRange, rateRange } from '../../shared/lib/format.ts';
import { GovLoadFailed } from '../components/GovLoadFailed.tsx';
import '../../shared/components/finance.css';

function ProductReview({ product }: { product: LoanProductSummary }) {
  const { t, i18n } = useTranslation('finance-gov');
  const { t: tf } = useTranslation('finance');
  const language = i18n.language;
  const en = isEnglish(language);
  const action = useProductAction(product.id);
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [rejecting, setRejecting] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const version = product.pending ?? product.published;
  if (!version) return null;
  const inReview = product.pending?.status === 'in_review';

  return (
    <List.Item data-testid={`review-product-${product.id}`}>
      <Card className="dxe-fin-card" style={{ width: '100%' }}>
        <div className="dxe-fin-head">
          <div className="dxe-fin-title">
            <strong>{version.name}</strong>
            <span className="dxe-fin-meta">
              {product.bank.name} · {product.code} · {t('products.version', { version: version.version })}
              {product.pending && product.published ? ` · ${t('products.replaces', { version: product.published.version })}` : ''}
            </span>
          </div>
          <Space size={4}>
            <ProductTypeTag type={version.productType} />
            <ProductStatusTag status={version.status} />
          </Space>
        </div>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'amount', label: tf('amount'), children: moneyRange(version.amountMinFen, version.amountMaxFen, language) },
            { key: 'rate', label: tf('rate'), children: rateRange(version.rateMinBp, version.rateMaxBp) },
            { key: 'term', label: tf('term'), children: monthsRange(version.termMinMonths, version.termMaxMonths, language) },
            { key: 'methods', label: t('products.repaymentMethods'), children: version.repaymentMethods.map((method) => tf(`repaymentMethod.${method}`)).join(en ? ', ' : '、') },
            { key: 'data', label: t('products.dataCategories'), children: version.dataCategories.map((category) => categoryName(category, language)).join(en ? ', ' : '、') },
            { key: 'days', label: t('products.responseLabel'), children: t('products.responseDays', { count: version.responseDays }) },
            { key: 'submitted', label: t('products.submittedAt'), children: version.submittedAt ? formatDateTime(version.submittedAt, language) : '—' },
            { key: 'tags', label: tf('tags'), children: version.tags.join(en ? ', ' : '、') || tf('none') },
          ]}
        />
        {version.summary && <Typography.Paragraph type="secondary">{version.summary}</Typography.Paragraph>}
        <Typography.Text strong>{t('products.target')}</Typography.Text>
        <pre className="dxe-fin-rule" data-testid={`review-rule-${product.id}`} style={{ whiteSpace: 'pre-wrap', margin: '4px 0 8px', fontFamily: 'inherit', background: '#fafafa', padding: 8, borderRadius: 6 }}>
          {en ? version.targetRuleText.en : version.targetRuleText.zh}
        </pre>
        {inReview && (
          <Space wrap>
            <Button
              type="primary"
              loading={action.isPending}
              onClick={() => action.mutate({ action: 'approve' }, { onSuccess: () => void message.success(t('products.approved')), onError: (error) => void message.error(errorText(error)) })}
              data-testid={`review-approve-${product.id}`}
            >
              {t('products.approve')}
            </Button>
            <Button danger onClick={() => setRejecting(true)} data-testid={`review-reject-${product.id}`}>
              {t('products.reject')}
            </Button>
          </Space>
        )}
      </Card>
      <Modal open={rejecting} title={t('products.reject')} onCancel={() => setRejecting(false)} onOk={() => form.submit()} confirmLoading={action.isPending} destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          onFinish={(values) =>
            action.mutate(
              { action: 'reject', body: { reason: values.reason.trim() } },
              {
                onSuccess: () => {
                  setRejecting(false);
                  void message.success(t('products.rejected'));
                },
                onError: (error) => void message.error(errorText(error)),
              },
            )
          }
        >
          <Form.Item name="reason" label={t('products.rejectReason')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </List.Item>
  );
}

/** /gov/finance/products — 金融办: the products banks submitted, their terms and target rule in words, approve or return. */
export default function ProductQueuePage() {
  const { t } = useTranslation('finance-gov');
  const [tab, setTab] = useState<'in_review' | 'all'>('in_review');
  const [page, setPage] = useState(1);
  const products = useLoanProducts({ state: tab === 'in_review' ? 'in_review' : undefined, page, pageSize: 20 });

  return (
    <>
      <PageHeader title={t('products.title')} extra={<ExportButton path="/api/finance/products/export.xlsx" params={{ state: tab === 'in_review' ? 'in_review' : undefined }} />} />
      <Segmented<'in_review' | 'all'>
        value={tab}
        onChange={(value) => {
          setTab(value);
          setPage(1);
        }}
        options={[
          { value: 'in_review', label: t('products.tabReview') },
          { value: 'all', label: t('products.tabAll') },
        ]}
        style={{ marginBottom: 12 }}
      />
      {products.isPending ? (
        <Skeleton active />
      ) : products.isError ? (
        <GovLoadFailed error={products.error} onRetry={() => void products.refetch()} title={t('products.loadFailed')} />
      ) : products.data.total === 0 ? (
        <Card>
          <Empty description={t('products.empty')} />
        </Card>
      ) : (
        <List
          dataSource={products.data.items}
          renderItem={(product) => <ProductReview product={product} />}
          pagination={products.data.total > 20 ? { current: page, pageSize: 20, total: products.data.total, onChange: setPage } : false}
          data-testid="review-products"
        />
      )}
    </>
  );
}
