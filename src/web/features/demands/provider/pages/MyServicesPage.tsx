import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Rate, Select, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { SERVICE_KIND_LIST, type ServiceItem } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { applyServerErrors } from '../../../../lib/form-errors.ts';
import { tablePagination } from '../../../../lib/table-pagination.ts';
import { useDemandCategories, useSaveService, useServices } from '../../shared/api/useDemands.ts';
import { ServicePrice } from '../../shared/components/ServicePrice.tsx';

interface Values {
  name: string;
  kind: ServiceItem['kind'];
  categoryCode: string;
  description?: string;
  isFree: boolean;
  priceYuan?: number | null;
  isActive?: boolean;
}

/** The provider's catalogue items (服务超市): add, edit, take off the shelf; each with its rating. */
export default function MyServicesPage() {
  const { t, i18n } = useTranslation('demands');
  const { t: tc } = useTranslation('common');
  const en = i18n.language.startsWith('en');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const services = useServices({ mine: true, ...page });
  const categories = useDemandCategories();
  const save = useSaveService();
  const [editing, setEditing] = useState<ServiceItem | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const isFree = Form.useWatch('isFree', form);

  const open = (item: ServiceItem | 'new') => {
    setEditing(item);
    form.setFieldsValue(
      item === 'new'
        ? { name: '', kind: 'policy_consulting', categoryCode: undefined, description: '', isFree: true, priceYuan: null, isActive: true }
        : { name: item.name, kind: item.kind, categoryCode: item.category.code, description: item.description, isFree: item.isFree, priceYuan: item.priceFen === null ? null : item.priceFen / 100, isActive: item.isActive },
    );
  };

  const submit = async () => {
    const v = await form.validateFields();
    const priceFen = v.isFree ? null : Math.round((v.priceYuan ?? 0) * 100);
    const input = { name: v.name, kind: v.kind, categoryCode: v.categoryCode, description: v.description ?? '', priceFen, ...(editing !== 'new' ? { isActive: v.isActive } : {}) };
    try {
      await save.mutateAsync({ id: editing === 'new' ? undefined : editing!.id, input });
      void message.success(t('services.saved'));
      setEditing(null);
    } catch (error) {
      if (applyServerErrors(form, error, { 'body/priceFen': 'priceYuan' }).length > 0) void message.error(errorText(error));
    }
  };

  return (
    <>
      <PageHeader
        title={t('services.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="service-new">
            {t('services.add')}
          </Button>
        }
      />
      <Card>
        {services.isError && <LoadFailed error={services.error} onRetry={() => void services.refetch()} />}
        <Table
          rowKey="id"
          data-testid="my-services"
          loading={services.isFetching}
          dataSource={services.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={tablePagination(tc, { ...page, total: services.data?.total, onChange: (p, s) => setPage({ page: p, pageSize: s }) })}
          columns={[
            { key: 'name', title: t('services.name'), render: (_, s) => <a onClick={() => open(s)}>{s.name}</a> },
            { key: 'category', title: t('fields.category'), render: (_, s) => (en ? s.category.nameEn : s.category.nameZh) },
            { key: 'kind', title: t('services.kind'), responsive: ['md'], render: (_, s) => t(`kinds.${s.kind}`) },
            { key: 'price', title: t('services.price'), render: (_, s) => <ServicePrice service={s} /> },
            { key: 'rating', title: t('fields.rating'), render: (_, s) => (s.ratingAverage === null ? t('catalogue.noRatings') : <span><Rate disabled allowHalf value={s.ratingAverage} style={{ fontSize: 12 }} /> {s.ratingAverage.toFixed(1)} ({s.ratingCount})</span>) },
            { key: 'active', title: t('services.status'), render: (_, s) => <Tag color={s.isActive ? 'green' : 'default'}>{s.isActive ? t('services.active') : t('services.inactive')}</Tag> },
          ]}
        />
      </Card>
      <Modal open={editing !== null} title={editing === 'new' ? t('services.add') : t('services.edit')} onCancel={() => setEditing(null)} onOk={() => void submit()} confirmLoading={save.isPending} okButtonProps={{ 'data-testid': 'service-save' } as never} destroyOnHidden forceRender>
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('services.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input maxLength={100} data-testid="service-name" />
          </Form.Item>
          <Form.Item name="categoryCode" label={t('fields.category')} rules={[{ required: true, message: t('form.required') }]}>
            <Select data-testid="service-category" options={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: en ? c.nameEn : c.nameZh }))} />
          </Form.Item>
          <Form.Item name="kind" label={t('services.kind')} rules={[{ required: true }]}>
            <Select options={SERVICE_KIND_LIST.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item name="description" label={t('fields.description')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="isFree" label={t('catalogue.free')} valuePropName="checked">
            <Switch />
          </Form.Item>
          {!isFree && (
            <Form.Item name="priceYuan" label={t('services.priceYuan')} rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber min={0} precision={2} style={{ width: 200 }} />
            </Form.Item>
          )}
          {editing !== 'new' && (
            <Form.Item name="isActive" label={t('services.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
