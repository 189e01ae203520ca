import { Button, DatePicker, Form, Input, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ApplicationFormField } from '../../../../api/types.ts';
import { IndicatorValueField } from '../../../../components/IndicatorValueField.tsx';
import { ATTACHMENT_ACCEPT, attachmentProblem, fieldLabel } from '../lib/attachments.ts';
import { checkBankAccount, type BankAccount } from '../../../../../core/payee/bank-account.ts';
import { readMoney, type TypedMoney } from '../lib/form-values.ts';

/** The payee account (收款账户): bank, account name, account number. */
function BankAccountInput({ value, onChange, testId, disabled }: { value?: Partial<BankAccount> | null; onChange?: (value: Partial<BankAccount>) => void; testId: string; disabled?: boolean }) {
  const { t } = useTranslation('applications');
  const set = (part: keyof BankAccount) => (event: { target: { value: string } }) => onChange?.({ ...value, [part]: event.target.value });
  return (
    <div data-testid={testId} className="dxe-bank-account">
      <Input addonBefore={t('form.bank.bankName')} placeholder={t('form.bank.bankNameExample')} value={value?.bankName ?? ''} onChange={set('bankName')} disabled={disabled} data-testid={`${testId}-bankName`} maxLength={60} />
      <Input addonBefore={t('form.bank.accountName')} value={value?.accountName ?? ''} onChange={set('accountName')} disabled={disabled} data-testid={`${testId}-accountName`} style={{ marginTop: 8 }} maxLength={200} />
      <Input addonBefore={t('form.bank.accountNumber')} inputMode="numeric" value={value?.accountNumber ?? ''} onChange={set('accountNumber')} disabled={disabled} data-testid={`${testId}-accountNumber`} style={{ marginTop: 8 }} maxLength={40} />
    </div>
  );
}

export function FileInput({ value, onChange, testId, disabled }: { value?: File | null; onChange?: (file: File | null) => void; testId: string; disabled?: boolean }) {
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
export function EnterpriseFields({ fields, isResubmission = false, disabled, registeredName = null }: { fields: ApplicationFormField[]; isResubmission?: boolean; disabled?: boolean; registeredName?: string | null }) {
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
          case 'bank_account':
            return (
              <Form.Item
                key={field.key}
                name={field.key}
                label={label}
                required={isRequired}
                extra={registeredName ? t('form.bank.hint', { name: registeredName }) : undefined}
                rules={[
                  {
                    validator: (_, account: Partial<BankAccount> | undefined) => {
                      const empty = !account || ['bankName', 'accountName', 'accountNumber'].every((k) => !String(account[k as keyof BankAccount] ?? '').trim());
                      if (empty) return isRequired ? Promise.reject(new Error(required.message)) : Promise.resolve();
                      const checked = checkBankAccount(account, registeredName ?? account.accountName ?? '');
                      if (checked.ok) return Promise.resolve();
                      return Promise.reject(new Error(Object.values(checked.problems).map((problem) => t(`form.bank.problems.${problem}`)).join('；')));
                    },
                  },
                ]}
              >
                <BankAccountInput testId={testId} disabled={disabled} />
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
