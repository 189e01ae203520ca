import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './languages.ts';
import common from './common.ts';
import { bundledNamespaces, lazyNamespaces, namespaceOf, type FeatureResources } from './resources.ts';

// Every resource file of the app: the shell's and every `<namespace>.i18n.ts` of the features, found the
// same way the app finds them, so a new namespace is checked without touching this test.
const featureFiles = import.meta.glob<{ default: FeatureResources }>('../features/**/*.i18n.ts', { eager: true });
const namespaces: Record<string, FeatureResources> = { common };
for (const [path, module] of Object.entries(featureFiles)) namespaces[namespaceOf(path)] = module.default;

/** Every leaf of a resource object as `a.b.c` → value. */
function leaves(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      for (const [path, leaf] of leaves(child, prefix ? `${prefix}.${key}` : key)) out.set(path, leaf);
    }
  } else {
    out.set(prefix, value);
  }
  return out;
}

/** `{{name}}` placeholders of a string, sorted. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]).sort();
}

describe('i18n resources', () => {
  it('finds the shell and every feature namespace', () => {
    expect(Object.keys(namespaces)).toEqual(expect.arrayContaining(['common', 'auth', 'home', 'account', 'admin', 'audit']));
  });

  it('has one file per namespace: a namespace is a file name, so two files may not share one', () => {
    const names = Object.keys(featureFiles).map(namespaceOf);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  it('loads every feature namespace either bundled or lazily, never both', () => {
    const bundled = Object.keys(bundledNamespaces).filter((ns) => ns !== 'common');
    const lazy = Object.keys(lazyNamespaces);
    expect(bundled.filter((ns) => lazy.includes(ns))).toEqual([]);
    expect([...bundled, ...lazy].sort()).toEqual(Object.keys(namespaces).filter((ns) => ns !== 'common').sort());
  });

  for (const [ns, resources] of Object.entries(namespaces)) {
    describe(ns, () => {
      it('has exactly the languages of the app', () => {
        expect(Object.keys(resources).sort()).toEqual([...LANGUAGES].sort());
      });

      it('has the same keys, deep, in every language', () => {
        const [first, ...rest] = LANGUAGES;
        const reference = [...leaves(resources[first]).keys()].sort();
        expect(reference.length).toBeGreaterThan(0);
        for (const language of rest) {
          expect([...leaves(resources[language]).keys()].sort(), `${ns} ${language} vs ${first}`).toEqual(reference);
        }
      });

      it('has no empty or non-string values', () => {
        for (const language of LANGUAGES) {
          for (const [key, value] of leaves(resources[language])) {
            expect(typeof value, `${ns}:${key} (${language})`).toBe('string');
            expect((value as string).trim(), `${ns}:${key} (${language})`).not.toBe('');
          }
        }
      });

      it('uses the same {{placeholders}} in every language', () => {
        const [first, ...rest] = LANGUAGES;
        const reference = leaves(resources[first]);
        for (const language of rest) {
          for (const [key, value] of leaves(resources[language])) {
            expect(placeholders(value as string), `${ns}:${key} (${language})`).toEqual(placeholders(reference.get(key) as string));
          }
        }
      });
    });
  }

  it('writes zh-CN in Chinese and en-US without Chinese characters', () => {
    const han = /\p{Script=Han}/u;
    // Language names are shown in their own language on purpose.
    const ownScript = new Set(['language.zh-CN', 'language.short.zh-CN']);
    for (const [ns, resources] of Object.entries(namespaces)) {
      for (const [key, value] of leaves(resources['en-US'])) {
        if (ownScript.has(key)) continue;
        expect(han.test(value as string), `${ns}:${key} (en-US) contains Chinese: ${String(value)}`).toBe(false);
      }
    }
  });
});
