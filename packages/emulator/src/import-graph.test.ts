/**
 * The emulator's modules import one way: leaf helpers at the bottom, the stores above them,
 * `state.ts` above the stores, views and routes above state. A circle of imports (even of
 * types) would tie layers together again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SOURCE = dirname(fileURLToPath(import.meta.url));

/** Every source module (no tests), by path relative to `src`. */
function modules(directory = SOURCE): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return modules(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.includes('.test.') ? [relative(SOURCE, path)] : [];
  });
}

/** The relative imports and re-exports of each module, types included. */
function graph(): Map<string, string[]> {
  const all = modules();
  const known = new Set(all);
  const edges = new Map<string, string[]>();
  for (const module of all) {
    const text = readFileSync(join(SOURCE, module), 'utf8');
    const targets = [...text.matchAll(/(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/g)].map((match) => {
      const base = join(dirname(module), match[1] as string).replace(/\.js$/, '');
      return known.has(`${base}.tsx`) ? `${base}.tsx` : `${base}.ts`;
    });
    edges.set(module, [...new Set(targets)]);
  }
  return edges;
}

/** Strongly connected components of more than one module (Tarjan). */
function circles(edges: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of edges.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) as number, low.get(target) as number));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node) as number, index.get(target) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('import graph of the emulator', () => {
  const edges = graph();

  it('has no circle of imports', () => {
    expect(circles(edges)).toEqual([]);
  });

  it('keeps the stores below state: they import only stores and leaf helpers', () => {
    const leaves = new Set(['model.ts', 'problem.ts', 'redact.ts', 'linked-abort.ts', 'glob.ts']);
    const upward = [...edges]
      .filter(([module]) => module.startsWith('stores/'))
      .flatMap(([module, targets]) =>
        targets
          .filter((target) => !target.startsWith('stores/') && !leaves.has(target))
          .map((t) => `${module} -> ${t}`),
      );
    expect(upward).toEqual([]);
  });

  it('keeps state.ts below the views and routes', () => {
    const stateImports = edges.get('state.ts') ?? [];
    expect(stateImports.filter((target) => /json|routes\/|dashboard\/|clients/.test(target))).toEqual([]);
  });
});
