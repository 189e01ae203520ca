/**
 * The rule builder's 申报时声明 condition: a `{declared: key, …}` node in the form its fact's type asks for
 * (declared.ts) — 是/否 equals, a number or a date with op+value, a choice with oneOf. Pure, unit-tested.
 */
import type { DeclaredFactDefinition } from '../../../../../../core/rules/declared.ts';
import type { JsonObject } from './descriptors.ts';

/** The comparison forms of a declared node; everything else (clause, new keys) is kept by the editor. */
const FORM_KEYS = ['declared', 'equals', 'op', 'value', 'oneOf'];

/**
 * A declared node for `fact`, keeping the other keys of `previous` (its clause) and, when the previous node
 * named a fact of the same type, its comparison. `today` (YYYY-MM-DD) is a date fact's starting value.
 */
export function declaredNodeFor(fact: DeclaredFactDefinition, today: string, previous: JsonObject = {}, previousFact?: DeclaredFactDefinition): JsonObject {
  const rest: JsonObject = {};
  for (const [key, value] of Object.entries(previous)) if (!FORM_KEYS.includes(key)) rest[key] = value;
  const sameType = previousFact?.type === fact.type && fact.type !== 'choice';
  if (sameType) {
    const form: JsonObject = {};
    for (const key of FORM_KEYS.slice(1)) if (Object.hasOwn(previous, key)) form[key] = previous[key];
    return { declared: fact.key, ...form, ...rest };
  }
  switch (fact.type) {
    case 'yesno':
      return { declared: fact.key, equals: true, ...rest };
    case 'number':
      return { declared: fact.key, op: '>=', value: 0, ...rest };
    case 'date':
      return { declared: fact.key, op: '<=', value: today, ...rest };
    case 'choice':
      return { declared: fact.key, oneOf: fact.choices?.length ? [fact.choices[0].code] : [], ...rest };
  }
}
