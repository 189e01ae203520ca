import { describe, expect, it } from 'vitest';
import { fromBuilder, toBuilder } from './descriptors.ts';
import { indentNode, moveNode, moveNodeTo, outdentNode, removeNode } from './tree-ops.ts';
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

describe('drag and drop', () => {
  it('drops a row before another row of its group, before a row of another group, or at the end of a group', () => {
    const tree = toBuilder({ all: [A, { any: [C] }, B], clause: '全部' });
    const [a, group, b] = tree.children!;
    const [c] = group.children!;
    expect(fromBuilder(moveNodeTo(tree, b.id, a.id, 'before'))).toEqual({ all: [B, A, { any: [C] }], clause: '全部' });
    expect(fromBuilder(moveNodeTo(tree, a.id, c.id, 'before'))).toEqual({ all: [{ any: [A, C] }, B], clause: '全部' });
    expect(fromBuilder(moveNodeTo(tree, b.id, group.id, 'inside'))).toEqual({ all: [A, { any: [C, B] }], clause: '全部' });
    expect(fromBuilder(moveNodeTo(tree, c.id, tree.id, 'inside'))).toEqual({ all: [A, { any: [] }, B, C], clause: '全部' });
  });

  it('refuses drops that would lose or loop a node: into itself, into its own group, onto a row as a group, the root', () => {
    const tree = toBuilder({ all: [A, { any: [B, { not: C }] }] });
    const [a, group] = tree.children!;
    const inner = group.children![1];
    const same = fromBuilder(tree);
    expect(fromBuilder(moveNodeTo(tree, group.id, inner.id, 'inside'))).toEqual(same);
    expect(fromBuilder(moveNodeTo(tree, group.id, inner.children![0].id, 'before'))).toEqual(same);
    expect(fromBuilder(moveNodeTo(tree, group.id, group.id, 'before'))).toEqual(same);
    expect(fromBuilder(moveNodeTo(tree, group.id, a.id, 'inside'))).toEqual(same);
    expect(fromBuilder(moveNodeTo(tree, tree.id, a.id, 'before'))).toEqual(same);
    expect(fromBuilder(moveNodeTo(tree, a.id, tree.id, 'before'))).toEqual(same);
    expect(fromBuilder(moveNodeTo(tree, a.id, 'nope', 'before'))).toEqual(same);
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
