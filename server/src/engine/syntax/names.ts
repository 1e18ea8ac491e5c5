import type { SyntaxNode, TreeCursor } from '@lezer/common';
import { childNamed, childrenOf } from './nodes';
import { type StringLiteral, stringLiteral } from './strings';

/** What a module-level name refers to at some point of the file. */
export type Binding =
  | { readonly kind: 'module'; readonly qualified: string } // import flytekit as fk
  | { readonly kind: 'symbol'; readonly qualified: string } // from flytekit import task
  | { readonly kind: 'local'; readonly node: SyntaxNode }; // assigned, defined or unknown

interface BindingAt {
  readonly name: string;
  readonly offset: number;
  readonly binding: Binding;
}

/** A module-level `NAME = "literal"` assigned exactly once. */
export interface StringConstant {
  readonly name: string;
  readonly literal: StringLiteral;
}

/** The statements `ModuleScope.collect` reads. */
const SCOPE_STATEMENTS = new Set(['ImportStatement', 'AssignStatement', 'FunctionDefinition', 'ClassDefinition', 'DecoratedStatement']);

/** Imports and other module-level names of one file, resolved in source order. */
export class ModuleScope {
  /** Per name, in source order (bindings are recorded at their statement's end), so sorted by offset. */
  private readonly bindings = new Map<string, BindingAt[]>();
  private readonly assignments = new Map<string, SyntaxNode[]>();
  /** Root packages this file imports from (`flytekit`, `union`, `flyte`, ...). */
  readonly importedRoots = new Set<string>();
  readonly imports: SyntaxNode[] = [];

  constructor(
    readonly top: SyntaxNode,
    private readonly text: string,
  ) {
    for (const statement of moduleStatements(top, SCOPE_STATEMENTS)) this.collect(statement);
  }

  /** The binding of `name` in effect at `offset` (the last one before it). */
  lookup(name: string, offset: number): Binding | undefined {
    const list = this.bindings.get(name);
    if (!list) return undefined;
    let found: Binding | undefined;
    for (const b of list) {
      if (b.offset > offset) break;
      found = b.binding;
    }
    return found;
  }

  /** The qualified name of a dotted path (`fk.task` → `flytekit.task`), or undefined if not imported. */
  qualify(path: readonly string[], offset: number): string | undefined {
    const [head, ...rest] = path;
    if (head === undefined) return undefined;
    const binding = this.lookup(head, offset);
    if (!binding || binding.kind === 'local') return undefined;
    return [binding.qualified, ...rest].join('.');
  }

  /** Local names (or `alias.Name` paths) that refer to `qualified` at `offset`. */
  spellingsOf(qualifiedNames: readonly string[], offset: number): string[] {
    const out: string[] = [];
    // Names in the order they were first bound, as a scan of all bindings would meet them.
    for (const [name, list] of this.bindings) {
      if (list[0]!.offset > offset) continue;
      const current = this.lookup(name, offset);
      if (!current || current.kind === 'local') continue;
      for (const q of qualifiedNames) {
        if (current.qualified === q) out.push(name);
        else if (current.kind === 'module' && q.startsWith(current.qualified + '.') && !q.slice(current.qualified.length + 1).includes('.')) {
          out.push(name + q.slice(current.qualified.length));
        }
      }
    }
    return out;
  }

  /** A string constant assigned once at module level. */
  stringConstant(name: string): StringConstant | undefined {
    const nodes = this.assignments.get(name);
    if (!nodes || nodes.length !== 1 || !nodes[0]) return undefined;
    const literal = stringLiteral(nodes[0], this.text);
    return literal ? { name, literal } : undefined;
  }

  /** The value node of a module-level `name = value` assigned exactly once. */
  assignedValue(name: string): SyntaxNode | undefined {
    const nodes = this.assignments.get(name);
    return nodes && nodes.length === 1 ? nodes[0] : undefined;
  }

  private bind(name: string, offset: number, binding: Binding): void {
    const list = this.bindings.get(name);
    if (list) list.push({ name, offset, binding });
    else this.bindings.set(name, [{ name, offset, binding }]);
  }

  private collect(statement: SyntaxNode): void {
    switch (statement.name) {
      case 'ImportStatement':
        this.imports.push(statement);
        this.collectImport(statement);
        return;
      case 'AssignStatement':
        this.collectAssignment(statement);
        return;
      case 'FunctionDefinition':
      case 'ClassDefinition': {
        const name = childNamed(statement, 'VariableName');
        if (name) this.bind(this.text.slice(name.from, name.to), statement.to, { kind: 'local', node: statement });
        return;
      }
      case 'DecoratedStatement': {
        const def = childNamed(statement, 'FunctionDefinition') ?? childNamed(statement, 'ClassDefinition');
        const name = childNamed(def, 'VariableName');
        if (def && name) this.bind(this.text.slice(name.from, name.to), statement.to, { kind: 'local', node: def });
        return;
      }
    }
  }

  private collectImport(statement: SyntaxNode): void {
    const parts = childrenOf(statement);
    const word = (n: SyntaxNode | undefined): string => (n ? this.text.slice(n.from, n.to) : '');
    const at = statement.to;
    if (parts[0]?.name === 'from') {
      const importAt = parts.findIndex((p) => p.name === 'import');
      if (importAt < 0) return;
      const source = parts.slice(1, importAt).map(word).join('');
      if (source.startsWith('.')) return; // relative imports never name an SDK
      this.importedRoots.add(source.split('.')[0] ?? source);
      for (const [name, alias] of importedNames(parts.slice(importAt + 1), word)) {
        if (name === '*') continue;
        this.bind(alias ?? name, at, { kind: 'symbol', qualified: `${source}.${name}` });
      }
      return;
    }
    // import a.b.c [as x], d
    let dotted: string[] = [];
    let alias: string | undefined;
    let expectAlias = false;
    const flush = (): void => {
      if (dotted.length === 0) return;
      const full = dotted.join('.');
      this.importedRoots.add(dotted[0] ?? full);
      if (alias) this.bind(alias, at, { kind: 'module', qualified: full });
      else this.bind(dotted[0] ?? full, at, { kind: 'module', qualified: dotted[0] ?? full });
      dotted = [];
      alias = undefined;
    };
    for (const part of parts.slice(1)) {
      if (part.name === ',') flush();
      else if (part.name === 'as') expectAlias = true;
      else if (part.name === 'VariableName') {
        if (expectAlias) {
          alias = word(part);
          expectAlias = false;
        } else dotted.push(word(part));
      }
    }
    flush();
  }

  private collectAssignment(statement: SyntaxNode): void {
    const parts = childrenOf(statement);
    const assignOps = parts.filter((p) => p.name === 'AssignOp');
    const firstOp = assignOps[0];
    const target = parts[0];
    if (!firstOp || !target) return;
    const value = parts[parts.length - 1];
    const simple = target.name === 'VariableName' && assignOps.length === 1 && this.text.slice(firstOp.from, firstOp.to) === '=';
    // Every name bound by the statement shadows earlier imports.
    for (const p of parts) {
      if (p.from >= firstOp.from) break;
      if (p.name === 'VariableName') {
        const name = this.text.slice(p.from, p.to);
        this.bind(name, statement.to, { kind: 'local', node: statement });
        const list = this.assignments.get(name) ?? [];
        if (simple && value && value !== firstOp) list.push(value);
        else list.push(statement, statement); // not a simple constant: never treated as known
        this.assignments.set(name, list);
      }
    }
  }
}

function importedNames(parts: SyntaxNode[], word: (n: SyntaxNode) => string): [string, string | undefined][] {
  const out: [string, string | undefined][] = [];
  let expectAlias = false;
  for (const part of parts) {
    if (part.name === 'as') expectAlias = true;
    else if (part.name === 'VariableName' || part.name === '*') {
      const w = word(part);
      const last = out[out.length - 1];
      if (expectAlias && last) {
        last[1] = w;
        expectAlias = false;
      } else out.push([w, undefined]);
    }
  }
  return out;
}

/**
 * Statements that run at module level: top-level ones and those nested in top-level
 * `if`/`try`/`with` blocks (e.g. `if TYPE_CHECKING:` or `try: import ...`), never function bodies.
 * `kinds`: only statements of these types (the others are passed over without making a node).
 */
export function moduleStatements(top: SyntaxNode, kinds?: ReadonlySet<string>): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  statementsBelow(top.cursor(), kinds, out);
  return out;
}

const BLOCKS = new Set(['IfStatement', 'TryStatement', 'WithStatement']);

/** The statements among the children of the cursor's node; the cursor is left where it was. */
function statementsBelow(cursor: TreeCursor, kinds: ReadonlySet<string> | undefined, out: SyntaxNode[]): void {
  if (!cursor.firstChild()) return;
  do {
    const name = cursor.name;
    if (BLOCKS.has(name)) {
      if (cursor.firstChild()) {
        do {
          if (cursor.name === 'Body') statementsBelow(cursor, kinds, out);
        } while (cursor.nextSibling());
        cursor.parent();
      }
    } else if (!kinds || kinds.has(name)) out.push(cursor.node);
  } while (cursor.nextSibling());
  cursor.parent();
}
