/**
 * Edits of the builder tree (descriptors.ts): replace, remove, add, move up/down, indent into the group above,
 * outdent out of the parent group. Pure; each returns a new tree and leaves nodes it does not touch as they are.
 */
import { GROUP_KINDS, type BuilderNode } from './descriptors.ts';

const isGroup = (node: BuilderNode) => GROUP_KINDS.has(node.kind) && Array.isArray(node.children);

function mapTree(node: BuilderNode, fn: (n: BuilderNode) => BuilderNode): BuilderNode {
  const mapped = fn(node);
  return mapped.children ? { ...mapped, children: mapped.children.map((c) => mapTree(c, fn)) } : mapped;
}

export function replaceNode(root: BuilderNode, id: string, next: BuilderNode): BuilderNode {
  if (root.id === id) return next;
  return mapTree(root, (n) => (n.children?.some((c) => c.id === id) ? { ...n, children: n.children.map((c) => (c.id === id ? next : c)) } : n));
}

export function removeNode(root: BuilderNode, id: string): BuilderNode {
  return mapTree(root, (n) => (n.children?.some((c) => c.id === id) ? { ...n, children: n.children.filter((c) => c.id !== id) } : n));
}

export function appendChild(root: BuilderNode, groupId: string, child: BuilderNode): BuilderNode {
  return mapTree(root, (n) => (n.id === groupId && n.children ? { ...n, children: [...n.children, child] } : n));
}

export function moveNode(root: BuilderNode, id: string, delta: -1 | 1): BuilderNode {
  return mapTree(root, (n) => {
    const index = n.children?.findIndex((c) => c.id === id) ?? -1;
    const target = index + delta;
    if (index < 0 || target < 0 || target >= n.children!.length) return n;
    const children = [...n.children!];
    [children[index], children[target]] = [children[target], children[index]];
    return { ...n, children };
  });
}

/** Moves a node into the group just above it (its previous sibling), as that group's last child. */
export function indentNode(root: BuilderNode, id: string): BuilderNode {
  return mapTree(root, (n) => {
    const index = n.children?.findIndex((c) => c.id === id) ?? -1;
    if (index <= 0 || !isGroup(n.children![index - 1])) return n;
    const children = [...n.children!];
    const [moved] = children.splice(index, 1);
    children[index - 1] = { ...children[index - 1], children: [...children[index - 1].children!, moved] };
    return { ...n, children };
  });
}

/** Moves a node out of its group, right after that group in the grandparent. */
export function outdentNode(root: BuilderNode, id: string): BuilderNode {
  return mapTree(root, (n) => {
    const parentIndex = n.children?.findIndex((c) => c.children?.some((g) => g.id === id)) ?? -1;
    if (parentIndex < 0) return n;
    const parent = n.children![parentIndex];
    const moved = parent.children!.find((c) => c.id === id)!;
    const children = [...n.children!];
    children.splice(parentIndex, 1, { ...parent, children: parent.children!.filter((c) => c.id !== id) }, moved);
    return { ...n, children };
  });
}

function findNode(root: BuilderNode, id: string): BuilderNode | undefined {
  if (root.id === id) return root;
  for (const child of root.children ?? []) {
    const found = findNode(child, id);
    if (found) return found;
  }
  return undefined;
}

/**
 * Drag and drop: moves node `id` just before node `targetId` (`before`) or to the end of group `targetId`
 * (`inside`), within its group or into another. Refused (the tree comes back unchanged) when the target is the
 * node itself or inside it, when `inside` is not a group, or when either is the root.
 */
export function moveNodeTo(root: BuilderNode, id: string, targetId: string, position: 'before' | 'inside'): BuilderNode {
  const moved = findNode(root, id);
  const target = findNode(root, targetId);
  if (!moved || !target || id === root.id || id === targetId || findNode(moved, targetId)) return root;
  if (position === 'inside' ? !isGroup(target) : targetId === root.id) return root;
  const without = removeNode(root, id);
  if (position === 'inside') return appendChild(without, targetId, moved);
  return mapTree(without, (n) => {
    const index = n.children?.findIndex((c) => c.id === targetId) ?? -1;
    if (index < 0) return n;
    const children = [...n.children!];
    children.splice(index, 0, moved);
    return { ...n, children };
  });
}
