import { useMemo } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { useCreatePolicy } from '../api/usePolicies.ts';
import { PolicyEditor } from '../components/PolicyEditor.tsx';
import { blankPolicyValues } from '../lib/policy-form.ts';
import '../components/policies.css';
import { countyDate } from '../../../../lib/format.ts';

/** /gov/policies/new: 新建政策 — a draft (version 1) of the own department; then golden cases and publishing. */
export default function PolicyNewPage() {
  const { t } = useTranslation('policies');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const create = useCreatePolicy();
  const initial = useMemo(() => blankPolicyValues(countyDate(new Date().toISOString())), []);

  return (
    <>
      <PageHeader title={t('editor.newTitle')} />
      <PolicyEditor
        initialValues={initial}
        saveLabel={t('editor.createDraft')}
        onCancel={() => navigate('/gov/policies')}
        onSave={async (input) => {
          const detail = await create.mutateAsync(input);
          void message.success(t('editor.created', { code: detail.code }));
          navigate(`/gov/policies/${detail.id}?tab=golden`);
        }}
      />
    </>
  );
}
