import { useEffect, useState } from 'react';
import type { DraftRules } from '../api/usePolicies.ts';
import { isEmptyRule } from './rule-edit.ts';

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/**
 * The editor's unsaved rule, benefit and parameters as the live routes take them, settled `delayMs` after
 * the last edit (one request per pause in typing, not per key); null while the rule is empty or a text does
 * not parse. Parameters that do not parse are left out (the server then uses the version's own).
 */
export function useSettledDraft(ruleText: string, benefitText: string, paramsText: string, delayMs = 800): DraftRules | null {
  const [draft, setDraft] = useState<DraftRules | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => {
      const rule = parse(ruleText);
      const benefit = parse(benefitText);
      const params = parse(paramsText);
      setDraft(rule === undefined || benefit === undefined || isEmptyRule(rule) ? null : { rule, benefit, ...(Array.isArray(params) && { params }) });
    }, delayMs);
    return () => clearTimeout(timer);
  }, [ruleText, benefitText, paramsText, delayMs]);
  return draft;
}
