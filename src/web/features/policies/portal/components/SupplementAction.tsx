import { Button, Typography } from 'antd';
import { EditOutlined, IdcardOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { sourceName } from '../../../../lib/indicator-values.ts';
import { useIndicatorCatalogue } from '../../../profile/shared/api/useReferenceData.ts';
import { correctionPath } from '../lib/correction.ts';

/**
 * The way to supply a missing fact. An indicator the enterprise may report itself opens 我的画像's
 * correction form for it; anything else (exports come from customs and tax, certifications from their
 * authority) is named with its sources, and the profile page is where the enterprise sees and disputes it.
 */
export function SupplementAction({ fact, period, testId }: { fact: string; period: string | null; testId: string }) {
  const { t, i18n } = useTranslation('portal-policies');
  const navigate = useNavigate();
  const catalogue = useIndicatorCatalogue();
  const indicator = catalogue.data?.find((item) => item.code === fact);
  const isReportable = !!indicator?.sources.includes('self_reported');
  if (isReportable || catalogue.isPending) {
    return (
      <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(correctionPath(fact, period))} data-testid={testId} data-reportable="true">
        {t('nextQuestion.action')}
      </Button>
    );
  }
  const sources = (indicator?.sources ?? []).map((source) => sourceName(source, i18n.language)).join(i18n.language.startsWith('en') ? ', ' : '、');
  return (
    <div className="dxe-supplement-other">
      {sources && <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('nextQuestion.fromSources', { sources })}</Typography.Text>}
      <Button icon={<IdcardOutlined />} onClick={() => navigate('/portal/profile')} data-testid={testId} data-reportable="false">
        {t('nextQuestion.viewProfile')}
      </Button>
    </div>
  );
}
