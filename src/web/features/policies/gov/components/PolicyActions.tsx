import { App, Button } from 'antd';
import { CheckCircleOutlined, CopyOutlined, EditOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../api/client.ts';
import type { PolicyDetail } from '../../../../api/types.ts';
import { useErrorText } from '../../../../app/errors.ts';
import { usePolicyAction, type PolicyAction } from '../api/usePolicies.ts';

/** A golden case that failed when publishing was refused (the server's 409 details). */
export interface FailedCase {
  caseId: number;
  name: string;
  diff: string[];
  expectedOutcome: string;
  actualOutcome: string;
  expectedAmountFen: number | null;
  actualAmountFen: number | null;
}

function failedCasesOf(details: unknown[]): FailedCase[] {
  return details.filter((d): d is FailedCase => typeof d === 'object' && d !== null && 'caseId' in d && 'diff' in d);
}

interface PolicyActionsProps {
  detail: PolicyDetail;
  onEdit: () => void;
  onPublishRefused: (cases: FailedCase[], message: string) => void;
  onDone: (action: PolicyAction) => void;
}

/**
 * The life-cycle buttons of the department's current version, each behind a confirmation: submit for
 * review (draft), publish (in review, by a colleague of the submitter — two people; refused while a golden
 * case fails; the review tab shows what changes and offers the return), close (published, or
 * discard a draft never published), and a new version (once nothing is open).
 */
export function PolicyActions({ detail, onEdit, onPublishRefused, onDone }: PolicyActionsProps) {
  const { t } = useTranslation('policies');
  const { t: tc } = useTranslation('common');
  const { modal, message } = App.useApp();
  const errorText = useErrorText();
  const action = usePolicyAction(detail.id);
  if (!detail.canManage) return null;
  const status = detail.status;
  const isOpen = status === 'draft' || status === 'in_review';
  const wasPublished = detail.versions.some((v) => v.publishedAt !== null);

  const run = (kind: PolicyAction) => {
    const copy = {
      submit: { title: t('actions.confirmSubmit'), content: t('actions.confirmSubmitText') },
      publish: { title: t('actions.confirmPublish'), content: detail.isAutoGrant ? t('actions.confirmPublishAutoText') : t('actions.confirmPublishText') },
      close: { title: isOpen ? t('actions.confirmDiscard') : t('actions.confirmClose'), content: isOpen ? t('actions.confirmDiscardText') : t('actions.confirmCloseText') },
      versions: { title: t('actions.confirmVersion'), content: t('actions.confirmVersionText') },
    }[kind];
    modal.confirm({
      title: copy.title,
      content: copy.content,
      okText: tc('actions.confirm'),
      cancelText: tc('actions.cancel'),
      okButtonProps: { danger: kind === 'close', 'data-testid': `policy-confirm-${kind}` } as never,
      onOk: async () => {
        try {
          await action.mutateAsync(kind);
          void message.success(t(`actions.done.${kind}`));
          onDone(kind);
        } catch (error) {
          if (kind === 'publish' && isApiError(error) && error.code === 'conflict') {
            const cases = failedCasesOf(error.details);
            if (cases.length) {
              onPublishRefused(cases, t('actions.publishRefused', { count: cases.length }));
              return;
            }
          }
          void message.error(isApiError(error) && error.code === 'conflict' ? t('actions.conflict') : errorText(error));
        }
      },
    });
  };

  return (
    <div className="dxe-policy-actions">
      {status === 'draft' && (
        <Button icon={<EditOutlined />} onClick={onEdit} data-testid="policy-edit">
          {tc('actions.edit')}
        </Button>
      )}
      {status === 'draft' && (
        <Button icon={<SendOutlined />} onClick={() => run('submit')} data-testid="policy-submit">
          {t('actions.submit')}
        </Button>
      )}
      {status === 'in_review' && detail.review?.canReview && (
        <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => run('publish')} data-testid="policy-publish">
          {t('actions.publish')}
        </Button>
      )}
      {!isOpen && (
        <Button icon={<CopyOutlined />} onClick={() => run('versions')} data-testid="policy-new-version">
          {t('actions.newVersion')}
        </Button>
      )}
      {(status === 'published' || (isOpen && !wasPublished)) && (
        <Button danger icon={<StopOutlined />} onClick={() => run('close')} data-testid="policy-close">
          {isOpen ? t('actions.discard') : t('actions.close')}
        </Button>
      )}
    </div>
  );
}
