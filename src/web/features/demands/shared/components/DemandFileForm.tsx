import { useState } from 'react';
import { Alert, App, Button, Form, Input, List, Radio, Select, Space, Tag, Typography, Upload, type UploadFile } from 'antd';
import { BulbOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, isApiError } from '../../../../api/client.ts';
import type { CreateDemandInput, DemandDetail, DemandDuplicateList } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { applyServerErrors } from '../../../../lib/form-errors.ts';
import { formatDateTime } from '../../../../lib/format.ts';
import { EnterprisePicker } from '../../../policies/gov/components/EnterprisePicker.tsx';
import { useCategoryHint, useCreateDemand, useDemandCategories, useDuplicateCheck } from '../api/useDemands.ts';
import { DemandStateTag } from './DemandStateTag.tsx';

interface Values {
  enterpriseId?: number;
  title: string;
  description: string;
  categoryCode?: string;
  urgency: 'normal' | 'urgent' | 'critical';
  contactName?: string;
  contactPhone?: string;
}

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx';

export interface DemandFileFormProps {
  /** A cadre files on an enterprise's behalf: the form starts with the enterprise search. */
  onBehalf?: boolean;
  /** 点单: the catalogue item picked beforehand (portal only); its category is preselected. */
  serviceId?: number;
  initialCategoryCode?: string;
  /** Where a demand opens (the duplicates' links), e.g. `/portal/demands/12`. */
  detailPath: (id: number) => string;
  /** After the demand is filed and its attachments uploaded. */
  onFiled: (demand: DemandDetail) => void;
}

/**
 * The demand form of the portal (提诉求) and of the cadre filing on a firm's behalf (代企业提诉求): title,
 * description, the category with the hint of the keyword rules and the router, urgency, contact and
 * attachments. Before it is filed, open demands of the firm that look the same are shown, so the firm's
 * demand can be followed up instead of filed twice.
 */
export function DemandFileForm({ onBehalf = false, serviceId, initialCategoryCode, detailPath, onFiled }: DemandFileFormProps) {
  const { t, i18n } = useTranslation('demands');
  const en = i18n.language.startsWith('en');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const categories = useDemandCategories();
  const duplicates = useDuplicateCheck();
  const [checked, setChecked] = useState<DemandDuplicateList | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [uploading, setUploading] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const create = useCreateDemand();
  const title = Form.useWatch('title', form);
  const description = Form.useWatch('description', form);
  const categoryCode = Form.useWatch('categoryCode', form);
  const hint = useCategoryHint(title, description);
  const hinted = (hint.data?.items ?? []).filter((item) => item.code !== categoryCode);

  const file = async (values: Values) => {
    const input: CreateDemandInput = { title: values.title.trim(), description: values.description.trim(), urgency: values.urgency };
    if (onBehalf) input.enterpriseId = values.enterpriseId;
    if (values.categoryCode) input.categoryCode = values.categoryCode;
    if (values.contactName) input.contactName = values.contactName;
    if (values.contactPhone) input.contactPhone = values.contactPhone;
    if (serviceId) input.serviceId = serviceId;
    let created;
    try {
      created = await create.mutateAsync(input);
    } catch (error) {
      const unplaced = applyServerErrors(form, error);
      // A cadre may file for the firms it acts for only: say so rather than a bare "forbidden".
      const text = onBehalf && isApiError(error) && error.status === 403 ? t('onBehalf.notYours') : errorText(error);
      if (unplaced.length > 0 || !isApiError(error) || error.status !== 400) setRefusal(text);
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
    void message.success(onBehalf ? t('onBehalf.filed', { name: created.enterprise.name }) : t('file.filed'));
    onFiled(created);
  };

  /** First press: look for near-duplicates; if there are any, show them and ask again. */
  const submit = async () => {
    const values = await form.validateFields();
    setRefusal(null);
    if (!checked) {
      try {
        const found = await duplicates.mutateAsync({ title: values.title, description: values.description, ...(onBehalf ? { enterpriseId: values.enterpriseId } : {}) });
        if (found.items.length > 0) {
          setChecked(found);
          return;
        }
      } catch {
        // The check is a courtesy: if it fails, file anyway (a refusal shows when filing).
      }
    }
    await file(values);
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ urgency: 'normal', categoryCode: initialCategoryCode }}
      onValuesChange={(changed) => {
        if ('title' in changed || 'description' in changed || 'enterpriseId' in changed) setChecked(null);
        setRefusal(null);
      }}
      data-testid="demand-file-form"
    >
      {onBehalf && (
        <Form.Item name="enterpriseId" label={t('fields.enterprise')} extra={t('onBehalf.enterpriseHint')} rules={[{ required: true, message: t('onBehalf.enterpriseRequired') }]}>
          <EnterprisePicker placeholder={t('onBehalf.enterprisePlaceholder')} style={{ width: '100%' }} data-testid="file-enterprise" />
        </Form.Item>
      )}
      <Form.Item name="title" label={t('fields.title')} rules={[{ required: true, whitespace: true, min: 2, message: t('form.titleRequired') }]}>
        <Input maxLength={200} placeholder={t('file.titlePlaceholder')} data-testid="file-title" />
      </Form.Item>
      <Form.Item name="description" label={t('fields.description')} rules={[{ required: true, whitespace: true, min: 5, message: t('form.descriptionRequired') }]}>
        <Input.TextArea rows={5} maxLength={5000} showCount placeholder={onBehalf ? t('onBehalf.descriptionPlaceholder') : t('file.descriptionPlaceholder')} data-testid="file-description" />
      </Form.Item>
      <Form.Item
        name="categoryCode"
        label={t('fields.category')}
        extra={
          hinted.length > 0 ? (
            <Space size={4} wrap style={{ marginTop: 4 }} data-testid="file-category-hint">
              <BulbOutlined />
              <span>{t(hint.data?.source === 'rule' ? 'file.hintRule' : 'file.hintModel')}</span>
              {hinted.map((item) => (
                <Tag.CheckableTag key={item.code} checked={false} onChange={() => form.setFieldValue('categoryCode', item.code)} data-testid={`file-category-hint-${item.code}`}>
                  {en ? item.nameEn : item.nameZh}
                  {hint.data?.source === 'model' && ` ${Math.round(item.confidence * 100)}%`}
                </Tag.CheckableTag>
              ))}
            </Space>
          ) : (
            t('file.categoryHint')
          )
        }
      >
        <Select allowClear data-testid="file-category" options={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: en ? c.nameEn : c.nameZh }))} />
      </Form.Item>
      <Form.Item name="urgency" label={t('fields.urgency')}>
        <Radio.Group optionType="button" options={(['normal', 'urgent', 'critical'] as const).map((u) => ({ value: u, label: t(`urgency.${u}`) }))} />
      </Form.Item>
      <Space wrap style={{ width: '100%' }}>
        <Form.Item name="contactName" label={t('fields.contactName')}>
          <Input maxLength={50} data-testid="file-contact-name" />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('fields.contactPhone')} rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t('form.phone') }]}>
          <Input maxLength={20} inputMode="tel" data-testid="file-contact-phone" />
        </Form.Item>
      </Space>
      <Form.Item label={t('fields.attachments')} extra={t('file.attachmentsHint')}>
        <Upload accept={ACCEPT} multiple fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)}>
          <Button icon={<UploadOutlined />} data-testid="file-attach">
            {t('file.addFile')}
          </Button>
        </Upload>
      </Form.Item>
      {checked && checked.items.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="file-duplicates"
          title={t(onBehalf ? 'onBehalf.duplicates' : 'file.duplicates', { count: checked.items.length })}
          description={
            <List
              size="small"
              dataSource={checked.items}
              renderItem={(d) => (
                <List.Item>
                  <Space wrap>
                    <Link to={detailPath(d.id)}>{d.title}</Link>
                    <DemandStateTag state={d.state} />
                    <Typography.Text type="secondary">{formatDateTime(d.createdAt, i18n.language)}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          }
        />
      )}
      {refusal && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={refusal} data-testid="file-refused" />}
      <Button type="primary" block size="large" onClick={() => void submit()} loading={create.isPending || uploading || duplicates.isPending} data-testid="file-submit">
        {checked && checked.items.length > 0 ? t('file.submitAnyway') : onBehalf ? t('onBehalf.submit') : t('file.submit')}
      </Button>
    </Form>
  );
}
