import { useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import { DATA_CATEGORIES, LOAN_PRODUCT_TYPES, PRODUCT_TAGS, REPAYMENT_METHODS, type DataCategory, type LoanProductSummary, type LoanProductType, type LoanProductVersion, type RepaymentMethod } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { ExportButton } from '../../../../components/ExportButton.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { applyServerErrors } from '../../../../lib/form-errors.ts';
import { categoryName } from '../../../../lib/indicator-values.ts';
import { useCreateProduct, useLoanProducts, useProductAction } from '../../shared/api/useLoans.ts';
import { ProductStatusTag, ProductTypeTag } from '../../shared/components/FinanceTags.tsx';
import { bpToPercentInput, fenToWanInput, moneyRange, monthsRange, percentInputToBp, rateRange, wanInputToFen } from '../../shared/lib/format.ts';

interface ProductValues {
  code: string;
  name: string;
  productType: LoanProductType;
  summary?: string;
  amountMinWan: string;
  amountMaxWan: string;
  rateMin: string;
  rateMax: string;
  termMinMonths: number;
  termMaxMonths: number;
  repaymentMethods: RepaymentMethod[];
  dataCategories: DataCategory[];
  tags: string[];
  targetRule: string;
  responseDays: number;
}

/** A product for every enterprise registered in the county, as a start the bank narrows. */
const STARTER_RULE = JSON.stringify({ clause: '本县登记在营企业', value: { fact: 'status' }, in: ['operating'] }, null, 2);

const FIELD_OF_PATH: Record<string, keyof ProductValues> = {
  'body/code': 'code',
  'body/name': 'name',
  'body/amountMinFen': 'amountMinWan',
  'body/amountMaxFen': 'amountMaxWan',
  'body/rateMinBp': 'rateMin',
  'body/rateMaxBp': 'rateMax',
  'body/termMinMonths': 'termMinMonths',
  'body/termMaxMonths': 'termMaxMonths',
  'body/targetRule': 'targetRule',
};

/** The form values of a draft version (the bank edits it before submitting it to 金融办). */
function valuesOfDraft(product: LoanProductSummary): ProductValues {
  const v = product.pending!;
  return {
    code: product.code,
    name: v.name,
    productType: v.productType,
    summary: v.summary,
    amountMinWan: fenToWanInput(v.amountMinFen),
    amountMaxWan: fenToWanInput(v.amountMaxFen),
    rateMin: bpToPercentInput(v.rateMinBp),
    rateMax: bpToPercentInput(v.rateMaxBp),
    termMinMonths: v.termMinMonths,
    termMaxMonths: v.termMaxMonths,
    repaymentMethods: v.repaymentMethods,
    dataCategories: v.dataCategories,
    tags: v.tags,
    targetRule: JSON.stringify(v.targetRule, null, 2),
    responseDays: v.responseDays,
  };
}

/** A new product (version 1, a draft), or — given `draft` — the edit of a product's open draft before it is submitted. */
function ProductModal({ onClose, draft }: { onClose: () => void; draft?: LoanProductSummary }) {
  const { t } = useTranslation('finance-bank');
  const { t: tf } = useTranslation('finance');
  const { i18n } = useTranslation();
  const isEdit = draft !== undefined;
  const createProduct = useCreateProduct();
  const update = useProductAction(draft?.id ?? 0);
  const create = isEdit ? update : createProduct;
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProductValues>();
  const [failure, setFailure] = useState<unknown>(null);
  const wanRule = { required: true, validator: (_: unknown, value: string) => (wanInputToFen(value) ? Promise.resolve() : Promise.reject(new Error(t('products.amountMin')))) };
  const rateRule = { required: true, validator: (_: unknown, value: string) => (percentInputToBp(value) ? Promise.resolve() : Promise.reject(new Error(t('products.rateMin')))) };

  const onFinish = (values: ProductValues) => {
    setFailure(null);
    let targetRule: unknown;
    try {
      targetRule = JSON.parse(values.targetRule);
    } catch {
      form.setFields([{ name: 'targetRule', errors: [t('products.badRule')] }]);
      return;
    }
    const terms = {
      name: values.name.trim(),
      productType: values.productType,
      summary: values.summary?.trim() || undefined,
      amountMinFen: wanInputToFen(values.amountMinWan)!,
      amountMaxFen: wanInputToFen(values.amountMaxWan)!,
      rateMinBp: percentInputToBp(values.rateMin)!,
      rateMaxBp: percentInputToBp(values.rateMax)!,
      termMinMonths: values.termMinMonths,
      termMaxMonths: values.termMaxMonths,
      repaymentMethods: values.repaymentMethods,
      dataCategories: values.dataCategories,
      tags: values.tags,
      targetRule: targetRule as never,
      responseDays: values.responseDays,
    };
    const handlers = {
      onSuccess: () => {
        void message.success(isEdit ? t('products.draftSaved') : t('products.created'));
        onClose();
      },
      onError: (error: unknown) => {
        const unplaced = isApiError(error) && error.code === 'validation_failed' ? applyServerErrors(form, error, (problem) => (problem.path && FIELD_OF_PATH[problem.path]) || null) : [error];
        if (unplaced.length) setFailure(error);
      },
    };
    if (isEdit) update.mutate({ action: 'update', body: terms }, handlers);
    else createProduct.mutate({ code: values.code.trim().toUpperCase(), ...terms }, handlers);
  };

  return (
    <Modal
      open
      width={880}
      title={isEdit ? t('products.editDraft') : t('products.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={isEdit ? t('products.saveDraft') : undefined}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': isEdit ? 'product-edit-ok' : 'product-create-ok' }}
    >
      <Form<ProductValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={draft ? valuesOfDraft(draft) : { productType: 'credit', repaymentMethods: ['equal_instalment'], dataCategories: ['operations', 'tax'], tags: [], targetRule: STARTER_RULE, responseDays: 10, termMinMonths: 6, termMaxMonths: 36 }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('products.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="code" label={t('products.code')} extra={isEdit ? undefined : t('products.codeHint')} rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$/, message: t('products.codeHint') }]}>
              <Input disabled={isEdit} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="productType" label={t('products.productType')} rules={[{ required: true }]}>
              <Select options={LOAN_PRODUCT_TYPES.map((type) => ({ value: type, label: tf(`productType.${type}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="amountMinWan" label={t('products.amountMin')} rules={[wanRule]}>
              <Input inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="amountMaxWan" label={t('products.amountMax')} rules={[wanRule]}>
              <Input inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="rateMin" label={t('products.rateMin')} rules={[rateRule]}>
              <Input inputMode="decimal" suffix="%" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="rateMax" label={t('products.rateMax')} rules={[rateRule]}>
              <Input inputMode="decimal" suffix="%" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="termMinMonths" label={t('products.termMin')} rules={[{ required: true, type: 'integer', min: 1, max: 360 }]}>
              <InputNumber style={{ width: '100%' }} precision={0} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="termMaxMonths" label={t('products.termMax')} rules={[{ required: true, type: 'integer', min: 1, max: 360 }]}>
              <InputNumber style={{ width: '100%' }} precision={0} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="repaymentMethods" label={t('products.repaymentMethods')} rules={[{ required: true, type: 'array', min: 1 }]}>
              <Select mode="multiple" options={REPAYMENT_METHODS.map((method) => ({ value: method, label: tf(`repaymentMethod.${method}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="dataCategories" label={t('products.dataCategories')} rules={[{ required: true, type: 'array', min: 1 }]}>
              <Select mode="multiple" options={DATA_CATEGORIES.map((category) => ({ value: category, label: categoryName(category, i18n.language) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="tags" label={t('products.tags')}>
              <Select mode="tags" options={PRODUCT_TAGS.map((tag) => ({ value: tag, label: tag }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="responseDays" label={t('products.responseDays')} rules={[{ required: true, type: 'integer', min: 1, max: 60 }]}>
              <InputNumber style={{ width: '100%' }} precision={0} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="summary" label={t('products.summary')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="targetRule" label={t('products.targetRule')} extra={t('products.targetRuleHint')} rules={[{ required: true }]}>
          <Input.TextArea rows={8} spellCheck={false} style={{ fontFamily: 'monospace' }} data-testid="product-rule" />
        </Form.Item>
        {failure !== null && <Alert type="error" showIcon title={errorText(failure)} />}
      </Form>
    </Modal>
  );
}

function VersionText({ version }: { version: LoanProductVersion }) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return (
    <Space size={4} wrap>
      <span>v{version.version}</span>
      <ProductStatusTag status={version.status} />
      <Typography.Text type="secondary">
        {moneyRange(version.amountMinFen, version.amountMaxFen, language)} · {rateRange(version.rateMinBp, version.rateMaxBp)} · {monthsRange(version.termMinMonths, version.termMaxMonths, language)}
      </Typography.Text>
    </Space>
  );
}

function ProductActions({ product, onEdit }: { product: LoanProductSummary; onEdit: () => void }) {
  const { t } = useTranslation('finance-bank');
  const action = useProductAction(product.id);
  const errorText = useErrorText();
  const { message } = App.useApp();
  const run = (name: 'submit' | 'versions' | 'withdraw', done: string) => action.mutate({ action: name }, { onSuccess: () => void message.success(done), onError: (error) => void message.error(errorText(error)) });
  return (
    <Space wrap>
      {product.pending?.status === 'draft' && (
        <Button size="small" icon={<EditOutlined />} onClick={onEdit} data-testid={`product-edit-${product.id}`}>
          {t('products.editDraft')}
        </Button>
      )}
      {product.pending?.status === 'draft' && (
        <Button size="small" type="primary" loading={action.isPending} onClick={() => run('submit', t('products.submitted'))} data-testid={`product-submit-${product.id}`}>
          {t('products.submit')}
        </Button>
      )}
      {product.published && !product.pending && (
        <Button size="small" loading={action.isPending} onClick={() => run('versions', t('products.saved'))}>
          {t('products.newVersion')}
        </Button>
      )}
      {product.published && (
        <Button size="small" danger loading={action.isPending} onClick={() => Modal.confirm({ title: t('products.withdraw'), onOk: () => run('withdraw', t('products.withdrawn')) })}>
          {t('products.withdraw')}
        </Button>
      )}
    </Space>
  );
}

/** /bank/products — the bank's loan products: the listed version, the draft or version in review, new drafts. */
export default function BankProductsPage() {
  const { t } = useTranslation('finance-bank');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<LoanProductSummary | null>(null);
  const products = useLoanProducts({ page, pageSize: 20 });

  return (
    <>
      <PageHeader
        title={t('products.title')}
        extra={
          <Space>
            <ExportButton path="/api/finance/products/export.xlsx" params={{}} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="product-create">
              {t('products.create')}
            </Button>
          </Space>
        }
      />
      <Card>
        {products.isError && <LoadFailed error={products.error} onRetry={() => void products.refetch()} title={t('products.loadFailed')} />}
        <Table<LoanProductSummary>
          rowKey="id"
          size="small"
          loading={products.isPending}
          dataSource={products.data?.items}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('products.empty') }}
          data-testid="bank-products"
          pagination={{ current: page, pageSize: 20, total: products.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            {
              key: 'name',
              title: t('products.name'),
              render: (_, product) => (
                <Space direction="vertical" size={0}>
                  <strong>{(product.published ?? product.pending)?.name ?? product.code}</strong>
                  <Typography.Text type="secondary">{product.code}</Typography.Text>
                </Space>
              ),
            },
            { key: 'type', title: t('products.productType'), render: (_, product) => { const version = product.published ?? product.pending; return version ? <ProductTypeTag type={version.productType} /> : null; } },
            { key: 'published', title: t('products.published'), render: (_, product) => (product.published ? <VersionText version={product.published} /> : '—') },
            {
              key: 'pending',
              title: t('products.pending'),
              render: (_, product) =>
                product.pending ? (
                  <Space direction="vertical" size={0}>
                    <VersionText version={product.pending} />
                    {product.pending.rejectReason && <Typography.Text type="danger">{t('products.rejectReason', { reason: product.pending.rejectReason })}</Typography.Text>}
                  </Space>
                ) : (
                  '—'
                ),
            },
            { key: 'actions', title: '', render: (_, product) => <ProductActions product={product} onEdit={() => setEditing(product)} /> },
          ]}
        />
      </Card>
      {creating && <ProductModal onClose={() => setCreating(false)} />}
      {editing && <ProductModal key={editing.id} draft={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
