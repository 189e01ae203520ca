import { describe, expect, it } from 'vitest';
import { fromBuilder, toBuilder } from './descriptors.ts';
import { indentNode, moveNode, outdentNode, removeNode } from './tree-ops.ts';
import { isEmptyRule } from '../rule-edit.ts';

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

describe('isEmptyRule', () => {
  it('calls a rule empty while its top group has no condition', () => {
    expect(isEmptyRule({ all: [] })).toBe(true);
    expect(isEmptyRule({ any: [] })).toBe(true);
    expect(isEmptyRule(null)).toBe(true);
    expect(isEmptyRule(A)).toBe(false);
    expect(isEmptyRule({ all: [A] })).toBe(false);
  });
});
