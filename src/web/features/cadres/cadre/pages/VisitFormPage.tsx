import { useMemo, useState } from 'react';
import { App, Button, Card, Form, Input, Select, Typography, Upload, type UploadFile } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../api/client.ts';
import type { CreateVisitInput } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { LoadFailed } from '../../../../components/LoadFailed.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { applyServerErrors } from '../../../../lib/form-errors.ts';
import { useDemandCategories } from '../../../demands/shared/api/useDemands.ts';
import { useCreateVisit, useMyEnterprises } from '../../api/useCadres.ts';
import { todayInCounty } from '../../../../lib/format.ts';

interface Values {
  enterpriseId: number;
  visitedOn: string;
  peopleMet: string;
  findings: string;
  problems?: { title: string; description: string; categoryCode?: string }[];
}

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
const PHOTOS_MAX = 6;

/**
 * /gov/visits/new — the phone-friendly visit form: a linked firm, the day, who was met, what was found,
 * the problems collected (each becomes a demand on the firm's behalf when the visit is saved) and photos.
 * One column at any width, so it works on a 375 px phone.
 */
export default function VisitFormPage() {
  const { t, i18n } = useTranslation('cadres');
  const en = i18n.language.startsWith('en');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const mine = useMyEnterprises();
  const categories = useDemandCategories();
  const create = useCreateVisit();
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const [uploading, setUploading] = useState(false);
  const today = todayInCounty();
  const preset = Number(params.get('enterpriseId')) || undefined;

  const firmOptions = useMemo(() => (mine.data?.items ?? []).map((f) => ({ value: f.id, label: f.name })), [mine.data]);
  const categoryOptions = useMemo(() => (categories.data?.items ?? []).map((c) => ({ value: c.code, label: en ? c.nameEn : c.nameZh })), [categories.data, en]);

  if (mine.isError) return <LoadFailed wholePage error={mine.error} onRetry={() => void mine.refetch()} title={t('loadFailed')} />;

  const submit = async (values: Values) => {
    const input: CreateVisitInput = {
      enterpriseId: values.enterpriseId,
      visitedOn: values.visitedOn,
      peopleMet: values.peopleMet.trim(),
      findings: values.findings.trim(),
      problems: (values.problems ?? []).map((p) => ({ title: p.title.trim(), description: p.description.trim(), ...(p.categoryCode ? { categoryCode: p.categoryCode } : {}) })),
    };
    let visit;
    try {
      visit = await create.mutateAsync(input);
    } catch (error) {
      // Field problems show under their fields; the message says what the server refused (e.g. a firm not linked).
      applyServerErrors(form, error);
      void message.error(errorText(error));
      return;
    }
    // Photos after the visit exists; a refused photo does not undo the visit, it says why.
    setUploading(true);
    for (const item of photos) {
      if (!item.originFileObj) continue;
      const data = new FormData();
      data.append('file', item.originFileObj);
      try {
        await api.upload(`/api/visits/${visit.id}/photos`, data);
      } catch (error) {
        void message.error(`${item.name}: ${errorText(error)}`);
      }
    }
    setUploading(false);
    void message.success(t('visit.saved', { count: visit.demands.length }));
    void navigate(`/gov/visits/${visit.id}`);
  };

  return (
    <div style={{ maxWidth: 640 }}>
      <PageHeader title={t('visit.title')} />
      <Card size="small">
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark="optional"
          initialValues={{ visitedOn: today, enterpriseId: preset, problems: [] }}
          onFinish={(values) => void submit(values)}
          data-testid="visit-form"
        >
          <Form.Item name="enterpriseId" label={t('visit.enterprise')} rules={[{ required: true, message: t('visit.required', { what: t('visit.enterprise') }) }]}>
            <Select showSearch optionFilterProp="label" placeholder={t('visit.enterprisePlaceholder')} options={firmOptions} loading={mine.isPending} data-testid="visit-enterprise" />
          </Form.Item>
          <Form.Item
            name="visitedOn"
            label={t('visit.visitedOn')}
            rules={[
              { required: true, message: t('visit.required', { what: t('visit.visitedOn') }) },
              { validator: (_, value: string) => (value && value > today ? Promise.reject(new Error(t('visit.future'))) : Promise.resolve()) },
            ]}
          >
            <Input type="date" max={today} data-testid="visit-date" />
          </Form.Item>
          <Form.Item name="peopleMet" label={t('visit.peopleMet')} rules={[{ required: true, whitespace: true, message: t('visit.required', { what: t('visit.peopleMet') }) }, { max: 200 }]}>
            <Input placeholder={t('visit.peopleMetPlaceholder')} maxLength={200} data-testid="visit-people" />
          </Form.Item>
          <Form.Item name="findings" label={t('visit.findings')} rules={[{ required: true, whitespace: true, message: t('visit.required', { what: t('visit.findings') }) }, { max: 4000 }]}>
            <Input.TextArea rows={4} placeholder={t('visit.findingsPlaceholder')} maxLength={4000} showCount data-testid="visit-findings" />
          </Form.Item>

          <Typography.Text strong>{t('visit.problems')}</Typography.Text>
          <Form.List name="problems">
            {(fields, { add, remove }) => (
              <div style={{ marginTop: 8 }}>
                {fields.map((field, index) => (
                  <Card
                    key={field.key}
                    size="small"
                    style={{ marginBottom: 8 }}
                    data-testid={`visit-problem-${index}`}
                    title={`#${index + 1}`}
                    extra={<Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('visit.remove')} />}
                  >
                    <Form.Item name={[field.name, 'title']} label={t('visit.problemTitle')} rules={[{ required: true, whitespace: true, min: 2, message: t('visit.required', { what: t('visit.problemTitle') }) }]}>
                      <Input maxLength={200} data-testid={`visit-problem-title-${index}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'description']} label={t('visit.problemDescription')} rules={[{ required: true, whitespace: true, min: 5, message: t('visit.required', { what: t('visit.problemDescription') }) }]}>
                      <Input.TextArea rows={3} maxLength={5000} data-testid={`visit-problem-description-${index}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'categoryCode']} label={t('visit.category')} style={{ marginBottom: 0 }}>
                      <Select allowClear options={categoryOptions} loading={categories.isPending} />
                    </Form.Item>
                  </Card>
                ))}
                <Button block icon={<PlusOutlined />} onClick={() => add({ title: '', description: '' })} data-testid="visit-add-problem" disabled={fields.length >= 10}>
                  {t('visit.addProblem')}
                </Button>
              </div>
            )}
          </Form.List>

          <Form.Item label={t('visit.photos')} style={{ marginTop: 16 }}>
            <Upload
              listType="picture"
              accept={PHOTO_TYPES.join(',')}
              fileList={photos}
              beforeUpload={(file) => {
                if (!PHOTO_TYPES.includes(file.type) || file.size > PHOTO_MAX_BYTES) {
                  void message.error(t('visit.badPhoto'));
                  return Upload.LIST_IGNORE;
                }
                return false;
              }}
              onChange={({ fileList }) => setPhotos(fileList.slice(0, PHOTOS_MAX))}
              maxCount={PHOTOS_MAX}
            >
              <Button icon={<PlusOutlined />}>{t('visit.addPhoto')}</Button>
            </Upload>
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={create.isPending || uploading} data-testid="visit-submit">
            {t('visit.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
