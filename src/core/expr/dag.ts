// Structural hashing: several trees (f and its two partial derivatives) turned into one list
// of distinct subtrees in dependency order, each operand referring to an earlier entry. Both
// back ends evaluate this list, so a subtree shared by f, ∂f/∂x and ∂f/∂y is computed once.

import type { BinOp, Expr, FnName, InternalFn } from './types';

export type Slot =
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'var'; readonly name: 'x' | 'y' }
  | { readonly kind: 'param'; readonly index: number }
  | { readonly kind: 'neg'; readonly arg: number }
  | { readonly kind: 'bin'; readonly op: BinOp; readonly left: number; readonly right: number }
  | { readonly kind: 'call'; readonly fn: FnName | InternalFn; readonly args: readonly number[] };

export interface Dag {
  readonly slots: readonly Slot[];
  /** The slot of each root, in the order given. */
  readonly roots: readonly number[];
}

/** The slots a slot reads, in operand order. */
export function slotOperands(slot: Slot): readonly number[] {
  switch (slot.kind) {
    case 'neg':
      return [slot.arg];
    case 'bin':
      return [slot.left, slot.right];
    case 'call':
      return slot.args;
    default:
      return [];
  }
}

export function buildDag(roots: readonly Expr[], params: readonly string[]): Dag {
  const slots: Slot[] = [];
  const byKey = new Map<string, number>();
  const byNode = new Map<Expr, number>();
  const intern = (slot: Slot, key: string): number => {
    const hit = byKey.get(key);
    if (hit !== undefined) return hit;
    slots.push(slot);
    byKey.set(key, slots.length - 1);
    return slots.length - 1;
  };
  // Iterative post-order, so a deep tree cannot overflow the stack.
  const visit = (root: Expr): number => {
    const stack: { node: Expr; expanded: boolean }[] = [{ node: root, expanded: false }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const n = top.node;
      if (byNode.has(n)) {
        stack.pop();
        continue;
      }
      const children =
        n.kind === 'neg'
          ? [n.arg]
          : n.kind === 'bin'
            ? [n.left, n.right]
            : n.kind === 'call'
              ? n.args
              : [];
      if (!top.expanded) {
        top.expanded = true;
        for (const c of children) if (!byNode.has(c)) stack.push({ node: c, expanded: false });
        continue;
      }
      stack.pop();
      const ids = children.map((c) => byNode.get(c)!);
      let id: number;
      switch (n.kind) {
        case 'num':
          id = intern(
            { kind: 'num', value: n.value },
            `n${Object.is(n.value, -0) ? '-0' : n.value}`,
          );
          break;
        case 'var':
          id = intern({ kind: 'var', name: n.name }, `v${n.name}`);
          break;
        case 'param': {
          const index = params.indexOf(n.name);
          if (index < 0) throw new Error(`parameter ${n.name} is not in the parameter list`);
          id = intern({ kind: 'param', index }, `p${index}`);
          break;
        }
        case 'neg':
          id = intern({ kind: 'neg', arg: ids[0]! }, `-${ids[0]}`);
          break;
        case 'bin':
          id = intern(
            { kind: 'bin', op: n.op, left: ids[0]!, right: ids[1]! },
            `${n.op}${ids[0]},${ids[1]}`,
          );
          break;
        case 'call':
          id = intern({ kind: 'call', fn: n.fn, args: ids }, `${n.fn}(${ids.join(',')})`);
          break;
      }
      byNode.set(n, id);
    }
    return byNode.get(root)!;
  };
  const rootIds = roots.map(visit);
  return { slots, roots: rootIds };
}
