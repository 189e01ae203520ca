import { describe, expect, it } from 'vitest';
import { fromBuilder, toBuilder } from './descriptors.ts';
import { indentNode, moveNode, outdentNode, removeNode } from './tree-ops.ts';
import { addConditionToRule, isEmptyRule, setBenefit } from '../rule-edit.ts';

const A = { value: { fact: 'town' }, in: ['a'] };
const B = { value: { fact: 'town' }, in: ['b'] };
const C = { certification: 'high_tech', test: 'heldOn' };

describe('builder tree edits', () => {
  it('moves, indents into the group above, outdents and removes, keeping every other node as it was', () => {
    const tree = toBuilder({ all: [A, { any: [C] }, B], clause: '全部' });
    const [a, group, b] = tree.children!;
    expect(fromBuilder(moveNode(tree, a.id, 1))).toEqual({ all: [{ any: [C] }, A, B], clause: '全部' });
    expect(fromBuilder(moveNode(tree, a.id, -1))).toEqual({ all: [A, { any: [C] }, B], clause: '全部' });
    const indented = indentNode(tree, b.id);
    expect(fromBuilder(indented)).toEqual({ all: [A, { any: [C, B] }], clause: '全部' });
    expect(fromBuilder(outdentNode(indented, b.id))).toEqual({ all: [A, { any: [C] }, B], clause: '全部' });
    // Indenting the first row, or a row whose previous sibling is no group, changes nothing.
    expect(fromBuilder(indentNode(tree, a.id))).toEqual(fromBuilder(tree));
    expect(fromBuilder(removeNode(tree, group.id))).toEqual({ all: [A, B], clause: '全部' });
  });
});

describe('rule-edit (shared with the reading assistant)', () => {
  it('adds a condition to the top 同时满足 group, to an empty rule, or wraps another root', () => {
    expect(addConditionToRule({ all: [] }, A)).toEqual({ all: [A] });
    expect(addConditionToRule(null, A)).toEqual({ all: [A] });
    expect(addConditionToRule({ all: [A], clause: 'x' }, B)).toEqual({ all: [A, B], clause: 'x' });
    expect(addConditionToRule({ any: [A, C] }, B)).toEqual({ all: [{ any: [A, C] }, B] });
    expect(isEmptyRule({ all: [] })).toBe(true);
    expect(isEmptyRule(A)).toBe(false);
  });

  it('sets the benefit without touching the rule', () => {
    const draft = { rule: { all: [A] }, benefit: null };
    const next = setBenefit(draft, { amount: { fixed: { wan: 5 } } });
    expect(next).toEqual({ rule: { all: [A] }, benefit: { amount: { fixed: { wan: 5 } } } });
    expect(draft.benefit).toBeNull();
  });
});
