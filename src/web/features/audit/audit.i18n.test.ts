import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../../server/modules/audit/audit.actions.ts';
import resources from './audit.i18n.ts';

/** The string at a dotted key path, as i18next resolves `actionNames.${action}`. */
function at(tree: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), tree);
}

describe('the audit page names every action the server records', () => {
  for (const language of ['zh-CN', 'en-US'] as const) {
    it(`in ${language}`, () => {
      const unnamed = AUDIT_ACTIONS.filter((action) => typeof at(resources[language].actionNames, action) !== 'string');
      expect(unnamed).toEqual([]);
    });
  }
});
