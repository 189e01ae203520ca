import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, List, Radio, Select, Space, Typography, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../../../api/client.ts';
import type { CreateDemandInput, DemandDuplicateList } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { applyServerErrors } from '../../../../lib/form-errors.ts';
import { formatDateTime } from '../../../../lib/format.ts';
import { useCreateDemand, useDemandCategories, useDuplicateCheck, useServices } from '../../shared/api/useDemands.ts';
import { DemandStateTag } from '../../shared/components/DemandStateTag.tsx';

interface Values {
  title: string;
  description: string;
  categoryCode?: string;
  urgency: 'normal' | 'urgent' | 'critical';
  contactName?: string;
  contactPhone?: string;
}

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx';

/**
 * 提诉求 on a phone: title, description, category if known, urgency, contact and attachments. Before it is
 * filed, open demands of the firm that look the same are shown, so the enterprise can follow one up instead
 * of filing twice. A catalogue item picked beforehand (点单) sends the demand straight to its provider.
 */
export default function FileDemandPage() {
  const { t, i18n } = useTranslation('demands');
  const en = i18n.language.startsWith('en');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const serviceId = Number(params.get('serviceId')) || undefined;
  const [form] = Form.useForm<Values>();
  const categories = useDemandCategories();
  const services = useServices({ page: 1, pageSize: 100 });
  const service = serviceId ? services.data?.items.find((s) => s.id === serviceId) : undefined;
  const duplicates = useDuplicateCheck();
  const [checked, setChecked] = useState<DemandDuplicateList | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [uploading, setUploading] = useState(false);
  const create = useCreateDemand();

  const file = async (values: Values) => {
    const input: CreateDemandInput = { title: values.title.trim(), description: values.description.trim(), urgency: values.urgency };
    if (values.categoryCode) input.categoryCode = values.categoryCode;
    if (values.contactName) input.contactName = values.contactName;
    if (values.contactPhone) input.contactPhone = values.contactPhone;
    if (serviceId) input.serviceId = serviceId;
    let created;
    try {
      created = await create.mutateAsync(input);
    } catch (error) {
      if (applyServerErrors(form, error).length > 0) void message.error(errorText(error));
      return;
    }
    // Attachments after the demand exists; a refused file does not undo the demand, it says why.
    setUploading(true);
    for (const item of files) {
      if (!item.originFileObj) continue;
      const data = new FormData();
      data.append('file', item.originFileObj);
      try {
        await api.upload(`/api/demands/${created.id}/files`, data);
      } catch (error) {
        void message.error(`${item.name}: ${errorText(error)}`);
      }
    }
    setUploading(false);
    void message.success(t('file.filed'));
    void navigate(`/portal/demands/${created.id}`);
  };

  /** First press: look for near-duplicates; if there are any, show them and ask again. */
  const submit = async () => {
    const values = await form.validateFields();
    if (!checked) {
      try {
        const found = await duplicates.mutateAsync({ title: values.title, description: values.description });
        if (found.items.length > 0) {
          setChecked(found);
          return;
        }
      } catch {
        // The check is a courtesy: if it fails, file anyway.
      }
    }
    await file(values);
  };

  return (
    <>
      <PageHeader title={t('file.title')} />
      {service && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('file.picked', { name: service.name, provider: service.provider.name })}
          data-testid="file-picked-service"
        />
      )}
      <Card>
        <Form form={form} layout="vertical" initialValues={{ urgency: 'normal', categoryCode: service?.category.code }} onValuesChange={(changed) => ('title' in changed || 'description' in changed) && setChecked(null)}>
          <Form.Item name="title" label={t('fields.title')} rules={[{ required: true, whitespace: true, min: 2, message: t('form.titleRequired') }]}>
            <Input maxLength={200} placeholder={t('file.titlePlaceholder')} data-testid="file-title" />
          </Form.Item>
          <Form.Item name="description" label={t('fields.description')} rules={[{ required: true, whitespace: true, min: 5, message: t('form.descriptionRequired') }]}>
            <Input.TextArea rows={5} maxLength={5000} showCount placeholder={t('file.descriptionPlaceholder')} data-testid="file-description" />
          </Form.Item>
          <Form.Item name="categoryCode" label={t('fields.category')} extra={t('file.categoryHint')}>
            <Select allowClear data-testid="file-category" options={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: en ? c.nameEn : c.nameZh }))} />
          </Form.Item>
          <Form.Item name="urgency" label={t('fields.urgency')}>
            <Radio.Group optionType="button" options={(['normal', 'urgent', 'critical'] as const).map((u) => ({ value: u, label: t(`urgency.${u}`) }))} />
          </Form.Item>
          <Space wrap style={{ width: '100%' }}>
            <Form.Item name="contactName" label={t('fields.contactName')}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="contactPhone" label={t('fields.contactPhone')} rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t('form.phone') }]}>
              <Input maxLength={20} inputMode="tel" />
            </Form.Item>
          </Space>
          <Form.Item label={t('fields.attachments')} extra={t('file.attachmentsHint')}>
            <Upload accept={ACCEPT} multiple fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)}>
              <Button icon={<UploadOutlined />}>{t('file.addFile')}</Button>
            </Upload>
          </Form.Item>
          {checked && checked.items.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="file-duplicates"
              title={t('file.duplicates', { count: checked.items.length })}
              description={
                <List
                  size="small"
                  dataSource={checked.items}
                  renderItem={(d) => (
                    <List.Item>
                      <Space wrap>
                        <Link to={`/portal/demands/${d.id}`}>{d.title}</Link>
                        <DemandStateTag state={d.state} />
                        <Typography.Text type="secondary">{formatDateTime(d.createdAt, i18n.language)}</Typography.Text>
                      </Space>
                    </List.Item>
                  )}
                />
              }
            />
          )}
          <Button type="primary" block size="large" onClick={() => void submit()} loading={create.isPending || uploading || duplicates.isPending} data-testid="file-submit">
            {checked && checked.items.length > 0 ? t('file.submitAnyway') : t('file.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
