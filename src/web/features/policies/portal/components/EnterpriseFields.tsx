import { Button, DatePicker, Form, Input, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ApplicationFormField } from '../../../../api/types.ts';
import { IndicatorValueField } from '../../../../components/IndicatorValueField.tsx';
import { ATTACHMENT_ACCEPT, attachmentProblem, fieldLabel } from '../lib/attachments.ts';
import { readMoney, type TypedMoney } from '../lib/form-values.ts';

function FileInput({ value, onChange, testId, disabled }: { value?: File | null; onChange?: (file: File | null) => void; testId: string; disabled?: boolean }) {
  const { t } = useTranslation('applications');
  const fileList: UploadFile[] = value ? [{ uid: `${value.name}-${value.size}`, name: value.name, status: 'done', size: value.size }] : [];
  return (
    <div data-testid={testId} className="dxe-file-input">
      <Upload
        accept={ATTACHMENT_ACCEPT}
        maxCount={1}
        fileList={fileList}
        disabled={disabled}
        beforeUpload={(file) => {
          onChange?.(file);
          // Kept in the form: uploaded once the application exists.
          return false;
        }}
        onRemove={() => onChange?.(null)}
      >
        <Button icon={<UploadOutlined />} disabled={disabled}>
          {t('form.chooseFile')}
        </Button>
      </Upload>
    </div>
  );
}

/**
 * The fields the enterprise fills in, by type: text, a number, money typed in 万元 or 元 (converted to fen
 * exactly), a date, a file (kept until the application exists, then uploaded with progress).
 */
export function EnterpriseFields({ fields, isResubmission = false, disabled }: { fields: ApplicationFormField[]; isResubmission?: boolean; disabled?: boolean }) {
  const { t, i18n } = useTranslation('applications');
  const language = i18n.language;
  return (
    <>
      {fields.map((field) => {
        const label = fieldLabel(field, language);
        const testId = `form-field-${field.key}`;
        const isRequired = field.required && !(field.type === 'file' && isResubmission);
        const required = { required: isRequired, message: field.type === 'file' ? t('form.requiredFile', { field: label }) : t('form.required', { field: label }) };
        switch (field.type) {
          case 'money':
            return (
              <Form.Item
                key={field.key}
                name={field.key}
                label={label}
                required={isRequired}
                extra={t('form.moneyHint')}
                rules={[
                  {
                    validator: (_, typed: TypedMoney | undefined) => {
                      if (!typed || typed.text.trim() === '') return isRequired ? Promise.reject(new Error(required.message)) : Promise.resolve();
                      const read = readMoney(typed);
                      return read.ok ? Promise.resolve() : Promise.reject(new Error(t(`form.problems.${read.problem}`)));
                    },
                  },
                ]}
              >
                <IndicatorValueField unit="fen" disabled={disabled} data-testid={testId} />
              </Form.Item>
            );
          case 'number':
            return (
              <Form.Item key={field.key} name={field.key} label={label} rules={[required, { pattern: /^\s*-?[\d,，]+(\.\d+)?\s*$/, message: t('form.problems.not_a_number') }]}>
                <Input inputMode="decimal" disabled={disabled} data-testid={testId} />
              </Form.Item>
            );
          case 'date':
            return (
              <Form.Item
                key={field.key}
                name={field.key}
                label={label}
                rules={[required]}
                getValueProps={(value: string | null | undefined) => ({ value: value ? dayjs(value) : null })}
                normalize={(value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : null)}
              >
                <DatePicker style={{ width: '100%' }} disabled={disabled} inputReadOnly data-testid={testId} />
              </Form.Item>
            );
          case 'file':
            return (
              <Form.Item
                key={field.key}
                name={field.key}
                label={label}
                extra={t('form.fileHint')}
                rules={[
                  required,
                  {
                    validator: (_, file: File | null | undefined) => {
                      const problem = file ? attachmentProblem(file) : null;
                      return problem ? Promise.reject(new Error(t(`form.${problem}`))) : Promise.resolve();
                    },
                  },
                ]}
              >
                <FileInput testId={testId} disabled={disabled} />
              </Form.Item>
            );
          default:
            return (
              <Form.Item key={field.key} name={field.key} label={label} rules={[required, { max: 5000, message: t('form.textTooLong') }]}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} disabled={disabled} data-testid={testId} />
              </Form.Item>
            );
        }
      })}
    </>
  );
}
