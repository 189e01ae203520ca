import { Alert, App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import { CheckCircleFilled, WarningFilled } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../../../api/client.ts';
import { ENTERPRISE_STATUSES, ENTERPRISE_TYPES, type CreateEnterpriseInput, type EnterpriseStatus, type EnterpriseType } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { checkUscc } from '../../../../../core/profile/uscc.ts';
import { applyServerErrors, problemsOf } from '../../../../lib/form-errors.ts';
import { isEnglish, parseIndicatorInput } from '../../../../lib/indicator-values.ts';
import { useCreateEnterprise } from '../api/useCreateEnterprise.ts';
import { useTowns } from '../../shared/api/useReferenceData.ts';
import './enterprises.css';

interface CreateFormValues {
  uscc: string;
  name: string;
  type: EnterpriseType;
  legalRepresentative?: string;
  registeredOn?: Dayjs | null;
  registeredCapitalWan?: string;
  townCode?: string;
  address?: string;
  industryCode?: string;
  status: EnterpriseStatus;
  closedOn?: Dayjs | null;
}

/** Statuses of a firm that left the register: only these carry a closure date (注销/吊销/迁出日期). */
const CLOSED: readonly EnterpriseStatus[] = ['cancelled', 'revoked', 'moved_out'];

const FIELD_OF_PATH: Record<string, keyof CreateFormValues> = {
  'body/uscc': 'uscc',
  'body/name': 'name',
  'body/type': 'type',
  'body/legalRepresentative': 'legalRepresentative',
  'body/registeredOn': 'registeredOn',
  'body/registeredCapitalFen': 'registeredCapitalWan',
  'body/townCode': 'townCode',
  'body/address': 'address',
  'body/industryCode': 'industryCode',
  'body/status': 'status',
  'body/closedOn': 'closedOn',
};

/** USCC feedback while typing: malformed is an error (a form rule); a wrong check character a warning. */
function UsccHint({ value }: { value: string | undefined }) {
  const { t } = useTranslation('enterprises');
  if (!value || value.trim().length < 18) return <span>{t('create.usccHint')}</span>;
  const check = checkUscc(value);
  if (check.status === 'valid') {
    return (
      <Typography.Text type="success" data-testid="uscc-valid">
        <CheckCircleFilled /> {t('create.usccValid')}
      </Typography.Text>
    );
  }
  if (check.status === 'checksum_mismatch') {
    return (
      <Typography.Text type="warning" data-testid="uscc-checksum-warning">
        <WarningFilled /> {t('create.usccChecksum', { actual: check.parts?.checkChar, expected: check.expectedCheckChar })}
      </Typography.Text>
    );
  }
  return <span>{t('create.usccHint')}</span>;
}

/** 新增企业 (data admin): registry facts, with the USCC checked as it is typed and by the server. */
export function CreateEnterpriseModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation('enterprises');
  const { t: tc } = useTranslation('common');
  const [form] = Form.useForm<CreateFormValues>();
  const create = useCreateEnterprise();
  const towns = useTowns();
  const errorText = useErrorText();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const uscc = Form.useWatch('uscc', form);
  const en = isEnglish(i18n.language);

  const close = () => {
    form.resetFields();
    create.reset();
    onClose();
  };

  const submit = (input: CreateEnterpriseInput) => {
    create.mutate(input, {
      onSuccess: (enterprise) => {
        void message.success(t('create.created', { name: enterprise.name }));
        close();
        navigate(`/gov/enterprises/${enterprise.id}`);
      },
      onError: (error) => {
        if (!isApiError(error)) return;
        const mismatch = problemsOf(error).find((problem) => problem.reason === 'checksum_mismatch');
        if (error.status === 422 && mismatch) {
          create.reset();
          void modal.confirm({
            title: t('create.checksumTitle'),
            content: (
              <span data-testid="checksum-confirm-content">
                {t('create.checksumContent', { actual: input.uscc.slice(17), expected: typeof mismatch.expectedCheckChar === 'string' ? mismatch.expectedCheckChar : '?' })}
              </span>
            ),
            okText: t('create.acceptAnyway'),
            cancelText: tc('actions.cancel'),
            okButtonProps: { 'data-testid': 'checksum-accept' },
            onOk: () => submit({ ...input, acceptChecksumMismatch: true }),
          });
          return;
        }
        if (error.code === 'conflict') {
          form.setFields([{ name: 'uscc', errors: [t('create.duplicate')] }]);
          return;
        }
        if (error.code === 'validation_failed') {
          applyServerErrors(form, error, (problem) => {
            const name = problem.path !== undefined && Object.hasOwn(FIELD_OF_PATH, problem.path) ? FIELD_OF_PATH[problem.path] : null;
            if (!name) return null;
            // The USCC's problem is specific (which character is wrong) and comes in both languages; the other
            // fields' problems are the schema's English, so the form says it in its own words.
            const serverText = name === 'uscc' ? (en ? problem.message : problem.messageZh) : undefined;
            return { name, message: typeof serverText === 'string' && serverText ? serverText : t(`create.invalid.${name === 'townCode' || name === 'industryCode' ? name : 'other'}`) };
          });
        }
      },
    });
  };

  const onFinish = (values: CreateFormValues) => {
    const text = (value?: string) => value?.trim() || undefined;
    const capital = text(values.registeredCapitalWan);
    const parsedCapital = capital ? parseIndicatorInput('fen', capital, 'wan') : null;
    submit({
      uscc: values.uscc.trim().toUpperCase(),
      name: values.name.trim(),
      type: values.type,
      legalRepresentative: text(values.legalRepresentative),
      registeredOn: values.registeredOn ? values.registeredOn.format('YYYY-MM-DD') : undefined,
      registeredCapitalFen: parsedCapital?.ok ? (parsedCapital.value as number) : undefined,
      townCode: values.townCode,
      address: text(values.address),
      industryCode: text(values.industryCode)?.toUpperCase(),
      status: values.status,
      closedOn: values.closedOn && CLOSED.includes(values.status) ? values.closedOn.format('YYYY-MM-DD') : undefined,
    });
  };

  const error = create.error;
  const isHandled = isApiError(error) && (error.code === 'validation_failed' || error.code === 'conflict' || error.status === 422);
  const errorMessage = !error ? null : isHandled ? t('create.fixFields') : errorText(error);

  return (
    <Modal
      open={open}
      title={t('create.title')}
      onCancel={close}
      onOk={() => form.submit()}
      okText={tc('actions.create')}
      cancelText={tc('actions.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={640}
      data-testid="create-enterprise-modal"
      okButtonProps={{ 'data-testid': 'create-enterprise-submit' }}
    >
      {errorMessage && <Alert type="error" showIcon title={errorMessage} style={{ marginBottom: 16 }} data-testid="create-enterprise-error" />}
      <Form<CreateFormValues> form={form} layout="vertical" onFinish={onFinish} requiredMark="optional" autoComplete="off" initialValues={{ type: 'limited_company', status: 'operating' }}>
        <Form.Item
          name="uscc"
          label={t('create.uscc')}
          extra={<UsccHint value={uscc} />}
          normalize={(value: string) => value.toUpperCase()}
          validateFirst
          rules={[
            { required: true, whitespace: true, message: t('create.usccRequired') },
            {
              validator: (_, value: string | undefined) => {
                if (!value) return Promise.resolve();
                const check = checkUscc(value);
                if (check.status !== 'malformed') return Promise.resolve();
                const problem = check.problems[0];
                return Promise.reject(new Error(en ? problem.message : problem.messageZh));
              },
            },
          ]}
        >
          <Input maxLength={24} className="dxe-uscc" placeholder="91500231MA5U…" data-testid="enterprise-uscc" />
        </Form.Item>
        <Form.Item name="name" label={t('create.name')} rules={[{ required: true, whitespace: true, message: t('create.nameRequired') }]}>
          <Input maxLength={200} data-testid="enterprise-name" />
        </Form.Item>
        <div className="dxe-form-grid">
          <Form.Item name="type" label={t('create.type')} rules={[{ required: true, message: t('create.typeRequired') }]}>
            <Select<EnterpriseType> options={ENTERPRISE_TYPES.map((value) => ({ value, label: t(`types.${value}`) }))} data-testid="enterprise-type" />
          </Form.Item>
          <Form.Item name="status" label={t('create.status')}>
            <Select<EnterpriseStatus> options={ENTERPRISE_STATUSES.map((value) => ({ value, label: t(`status.${value}`) }))} data-testid="enterprise-status" />
          </Form.Item>
          <Form.Item noStyle dependencies={['status']}>
            {({ getFieldValue }) => {
              const status = getFieldValue('status') as EnterpriseStatus | undefined;
              return status && CLOSED.includes(status) ? (
                <Form.Item name="closedOn" label={t(`create.closedOn.${status as 'cancelled'}`)}>
                  <DatePicker style={{ width: '100%' }} data-testid="enterprise-closed-on" />
                </Form.Item>
              ) : null;
            }}
          </Form.Item>
          <Form.Item name="legalRepresentative" label={t('create.legalRepresentative')}>
            <Input maxLength={100} data-testid="enterprise-legal-rep" />
          </Form.Item>
          <Form.Item name="registeredOn" label={t('create.registeredOn')}>
            <DatePicker style={{ width: '100%' }} data-testid="enterprise-registered-on" />
          </Form.Item>
          <Form.Item
            name="registeredCapitalWan"
            label={t('create.registeredCapital')}
            rules={[
              {
                validator: (_, value: string | undefined) => {
                  if (!value?.trim()) return Promise.resolve();
                  const parsed = parseIndicatorInput('fen', value, 'wan');
                  return parsed.ok && (parsed.value as number) >= 0 ? Promise.resolve() : Promise.reject(new Error(tc(`valueProblems.${parsed.ok ? 'negative' : parsed.problem}`)));
                },
              },
            ]}
          >
            <Input inputMode="decimal" suffix={tc('units.wan')} data-testid="enterprise-capital" />
          </Form.Item>
          <Form.Item name="townCode" label={t('create.town')}>
            <Select<string>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={towns.isPending}
              options={(towns.data ?? []).map((town) => ({ value: town.code, label: en ? town.nameEn : town.name }))}
              data-testid="enterprise-town"
            />
          </Form.Item>
          <Form.Item name="industryCode" label={t('create.industryCode')} extra={t('create.industryCodeHint')} rules={[{ pattern: /^[A-Ta-t]?\d{2,4}$|^[A-Ta-t]$/, message: t('create.invalid.industryCode') }]}>
            <Input maxLength={8} data-testid="enterprise-industry" />
          </Form.Item>
        </div>
        <Form.Item name="address" label={t('create.address')}>
          <Input maxLength={300} data-testid="enterprise-address" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
