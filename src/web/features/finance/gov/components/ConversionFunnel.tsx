import { useTranslation } from 'react-i18next';
import type { ProgramConversion } from '../../../../api/types.ts';
import { Funnel } from '../../shared/components/FinanceCharts.tsx';

/** 推送 → 申请 → 审批 → 放款 of a programme's whitelist. */
export function ConversionFunnel({ conversion, testId }: { conversion: ProgramConversion; testId?: string }) {
  const { t } = useTranslation('finance-gov');
  return (
    <Funnel
      stages={[
        { name: t('programs.stagePushed'), value: conversion.pushed },
        { name: t('programs.stageApplied'), value: conversion.applied },
        { name: t('programs.stageApproved'), value: conversion.approved },
        { name: t('programs.stageLent'), value: conversion.lent },
      ]}
      ariaLabel={t('programs.funnelLabel')}
      testId={testId}
    />
  );
}
