import { Alert, App, Checkbox, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DATA_CATEGORIES, type DataCategory, type GranteeType } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { categoryName } from '../../../../lib/indicator-values.ts';
import { useGrantConsent, useGrantees } from '../api/useMyConsents.ts';
import { todayInCounty } from '../../../../lib/format.ts';

interface GrantFormValues {
  granteeOrgId?: number;
  categories: DataCategory[];
  purpose: string;
  validFrom: Dayjs;
  validUntil: Dayjs;
}

/** The longest consent the server accepts. */
const MAX_YEARS = 3;

/**
 * 新增授权: the enterprise lets a bank or service provider see chosen data categories, for a purpose and
 * a period (whole days, county time). Registry facts come with any consent.
 */
export function GrantConsentModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation('consents');
  const { t: tc } = useTranslation('common');
  const [form] = Form.useForm<GrantFormValues>();
  const grant = useGrantConsent();
  const grantees = useGrantees(open);
  const errorText = useErrorText();
  const { message } = App.useApp();
  const today = dayjs(todayInCounty());
  const language = i18n.language;

  const close = () => {
    form.resetFields();
    grant.reset();
    onClose();
  };

  const onFinish = (values: GrantFormValues) => {
    const { validFrom: from, validUntil: until } = values;
    grant.mutate(
      {
        granteeOrgId: values.granteeOrgId!,
        categories: DATA_CATEGORIES.filter((category) => values.categories.includes(category)),
        purpose: values.purpose.trim(),
        validFrom: from.format('YYYY-MM-DD'),
        validUntil: until.format('YYYY-MM-DD'),
      },
      {
        onSuccess: (consent) => {
          void message.success(t('grant.done', { name: consent.grantee.name }));
          close();
        },
      },
    );
  };

  const group = (type: GranteeType) => ({
    label: t(`granteeTypes.${type}`),
    title: t(`granteeTypes.${type}`),
    options: (grantees.data ?? []).filter((grantee) => grantee.type === type).map((grantee) => ({ value: grantee.id, label: grantee.name })),
  });

  return (
    <Modal
      open={open}
      title={t('grant.title')}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('grant.submit')}
      cancelText={tc('actions.cancel')}
      confirmLoading={grant.isPending}
      destroyOnHidden
      data-testid="consent-grant-modal"
      okButtonProps={{ 'data-testid': 'consent-grant-submit' }}
    >
      <Typography.Paragraph type="secondary">{t('grant.intro')}</Typography.Paragraph>
      {grant.error && <Alert type="error" showIcon title={errorText(grant.error)} style={{ marginBottom: 16 }} data-testid="consent-grant-error" />}
      <Form<GrantFormValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        requiredMark="optional"
        initialValues={{ categories: [], purpose: '', validFrom: today, validUntil: today.add(1, 'year').subtract(1, 'day') }}
      >
        <Form.Item name="granteeOrgId" label={t('grant.grantee')} rules={[{ required: true, message: t('grant.granteeRequired') }]}>
          <Select<number>
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('grant.granteePlaceholder')}
            loading={grantees.isPending}
            notFoundContent={grantees.isError ? errorText(grantees.error) : undefined}
            options={[group('bank'), group('service_provider')]}
            data-testid="consent-grantee"
          />
        </Form.Item>
        <Form.Item name="categories" label={t('grant.categories')} extra={t('grant.categoriesHint')} rules={[{ required: true, type: 'array', min: 1, message: t('grant.categoriesRequired') }]}>
          <Checkbox.Group className="dxe-category-checks" data-testid="consent-categories">
            {DATA_CATEGORIES.map((category) => (
              <Checkbox key={category} value={category} data-testid={`consent-category-${category}`}>
                {categoryName(category, language)}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="purpose" label={t('grant.purpose')} rules={[{ required: true, whitespace: true, message: t('grant.purposeRequired') }]}>
          <Input.TextArea rows={2} maxLength={200} showCount placeholder={t('grant.purposePlaceholder')} data-testid="consent-purpose" />
        </Form.Item>
        {/* Two single-month pickers rather than a range picker: its two-month panel is wider than a phone. */}
        <Form.Item label={t('grant.period')} extra={t('grant.periodHint', { years: MAX_YEARS })} required style={{ marginBottom: 0 }}>
          <div className="dxe-consent-period">
            <Form.Item name="validFrom" rules={[{ required: true, message: t('grant.periodRequired') }]}>
              <DatePicker
                style={{ width: '100%' }}
                inputReadOnly
                allowClear={false}
                placeholder={t('grant.validFrom')}
                disabledDate={(date) => date.isBefore(today, 'day') || date.isAfter(today.add(MAX_YEARS, 'year'), 'day')}
                data-testid="consent-valid-from"
              />
            </Form.Item>
            <span className="dxe-consent-period-to">{t('grant.to')}</span>
            <Form.Item
              name="validUntil"
              dependencies={['validFrom']}
              rules={[
                { required: true, message: t('grant.periodRequired') },
                ({ getFieldValue }) => ({
                  validator: (_, until: Dayjs | undefined) => {
                    const from: Dayjs | undefined = getFieldValue('validFrom');
                    if (!until || !from) return Promise.resolve();
                    if (until.isBefore(from, 'day')) return Promise.reject(new Error(t('grant.periodOrder')));
                    // The last day ends at 24:00: from 2026-11-28, the last day allowed is 2029-11-27.
                    if (!until.isBefore(from.add(MAX_YEARS, 'year'), 'day')) return Promise.reject(new Error(t('grant.periodTooLong', { years: MAX_YEARS })));
                    return Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker
                style={{ width: '100%' }}
                inputReadOnly
                allowClear={false}
                placeholder={t('grant.validUntil')}
                disabledDate={(date) => date.isBefore(today, 'day') || !date.isBefore(today.add(MAX_YEARS + 1, 'year'), 'day')}
                data-testid="consent-valid-until"
              />
            </Form.Item>
          </div>
        </Form.Item>
      </Form>
    </Modal>
  );
}
