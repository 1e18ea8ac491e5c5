// Where a name is bound inside a function: enough to trust `x = producer()` followed by
// `consumer(df=x)`, and to notice when a module-level name is shadowed locally.
import type { SyntaxNode } from '@lezer/common';
import { childNamed, childrenOf, walk } from './nodes';

export interface LocalBindings {
  /** Values of `name = value` statements (a single plain target). */
  readonly simple: SyntaxNode[];
  /** Any other way the name is bound or may be: parameters, loops, `with`, `del`, `global`, unpacking. */
  readonly other: number;
}

const BINDING_STATEMENTS = ['WithStatement', 'TryStatement', 'DeleteStatement', 'ScopeStatement', 'ImportStatement', 'MatchStatement'];

/** Every binding of `name` anywhere inside `fn` (its parameters and nested scopes included). */
export function localBindings(fn: SyntaxNode, name: string, text: string): LocalBindings {
  const simple: SyntaxNode[] = [];
  let other = 0;
  walk(fn, (node) => {
    if (node.name !== 'VariableName' || text.slice(node.from, node.to) !== name) return;
    const kind = bindingKind(node);
    if (kind === 'read') return;
    if (kind === 'other') other++;
    else simple.push(kind);
  });
  return { simple, other };
}

function bindingKind(node: SyntaxNode): 'read' | 'other' | SyntaxNode {
  const parent = node.parent;
  if (!parent) return 'read';
  // `def name`, `class name`, `name := value`
  if (['FunctionDefinition', 'ClassDefinition', 'NamedExpression'].includes(parent.name) && childNamed(parent, 'VariableName')?.from === node.from) return 'other';
  for (let p: SyntaxNode | null = parent; p; p = p.parent) {
    if (p.name === 'ParamList' || p.name.endsWith('ComprehensionExpression') || p.name.endsWith('Pattern')) return 'other';
    if (p.name === 'Body' || p.name === 'Script') return 'read';
    if (!p.name.endsWith('Statement')) continue;
    if (BINDING_STATEMENTS.includes(p.name)) return 'other';
    const parts = childrenOf(p);
    const opName = p.name === 'AssignStatement' ? 'AssignOp' : p.name === 'UpdateStatement' ? 'UpdateOp' : p.name === 'ForStatement' ? 'in' : undefined;
    const op = opName ? parts.find((c) => c.name === opName) : undefined;
    if (!op || node.from > op.from) return 'read';
    // `name = value`: one plain target, one `=` (an annotated target has a TypeDef in between).
    const [target, assign, value, ...rest] = parts;
    const isSimple = p.name === 'AssignStatement' && target?.from === node.from && assign === op && value && rest.length === 0;
    return isSimple ? value : 'other';
  }
  return 'read';
}
