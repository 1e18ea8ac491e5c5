// What of a task's code can change without changing its cache key. flytekit keys a cached result by
// task name, cache version and input values (flytekit/core/local_cache.py `_calculate_cache_key`,
// v1.16.24); Flyte's backend adds the typed interface (flytepropeller catalog/datacatalog/transformer.go
// `GenerateDatasetIDForTask`). The function body is in neither, so it is compared here.
import type { SyntaxNode } from '@lezer/common';
import { childNamed, hasError } from './syntax/nodes';
import { stringLiteral } from './syntax/strings';
import type { TaskDecl } from './syntax/tasks';

export interface TaskShape {
  /** The body as a token tree: no comments, no docstring, no layout, no redundant parentheses. */
  readonly body: string;
  /** Parameters and return annotation, normalized the same way. */
  readonly signature: string;
}

/** Undefined when the definition holds a syntax error: half-typed code is not compared. */
export function taskShape(text: string, task: TaskDecl): TaskShape | undefined {
  if (hasError(task.def)) return undefined;
  const params = childNamed(task.def, 'ParamList');
  const returns = childNamed(task.def, 'TypeDef');
  const body = childNamed(task.def, 'Body');
  if (!params || !body) return undefined;
  const signature = normalized(params, text) + (returns ? ` -> ${normalized(returns, text)}` : '');
  return { body: normalized(body, text, withoutDocstring(body)), signature };
}

/**
 * The task's dotted path inside its file: `train`, `Pipeline.train`, `outer.inner`. Tasks are
 * matched with the baseline by this path.
 */
export function taskPath(text: string, task: TaskDecl): string {
  const names = [text.slice(task.nameStart, task.nameEnd)];
  for (let p = task.def.parent; p; p = p.parent) {
    if (p.name !== 'ClassDefinition' && p.name !== 'FunctionDefinition') continue;
    const name = childNamed(p, 'VariableName');
    if (name) names.unshift(text.slice(name.from, name.to));
  }
  return names.join('.');
}

/** A normalized token tree of any expression or statement, e.g. a call argument's value. */
export function normalizedNode(node: SyntaxNode, text: string): string {
  return normalized(node, text);
}

/** The docstring: a string expression as the body's first statement. */
function withoutDocstring(body: SyntaxNode): SyntaxNode | undefined {
  let first = body.firstChild;
  while (first && (first.name === ':' || first.name === 'Comment')) first = first.nextSibling;
  if (first?.name !== 'ExpressionStatement') return undefined;
  const value = first.firstChild;
  const isString = value && (value.name === 'String' || value.name === 'ContinuedString') && !value.nextSibling;
  return isString ? first : undefined;
}

function normalized(node: SyntaxNode, text: string, skip?: SyntaxNode): string {
  const out: string[] = [];
  const visit = (n: SyntaxNode): void => {
    if (n.name === 'Comment' || (skip && n.from === skip.from && n.to === skip.to && n.name === skip.name)) return;
    // `(a + b)` and `a + b` are one tree shape; the parentheses only mark it.
    if (n.name === 'ParenthesizedExpression') {
      const inner = [...children(n)].filter((c) => c.name !== '(' && c.name !== ')' && c.name !== 'Comment');
      if (inner.length === 1 && inner[0]) return visit(inner[0]);
    }
    if (n.name === 'String') {
      const literal = stringLiteral(n, text);
      out.push(literal ? JSON.stringify(literal.value) : text.slice(n.from, n.to));
      return;
    }
    const kids = [...children(n)];
    if (kids.length === 0) {
      out.push(text.slice(n.from, n.to));
      return;
    }
    out.push(`${n.name}{`);
    kids.forEach((kid, i) => {
      // A trailing comma before a closing bracket (a formatter's "magic" comma) changes nothing.
      if (kid.name === ',' && isClosing(kids[i + 1])) return;
      visit(kid);
    });
    out.push('}');
  };
  visit(node);
  return out.join(' ');
}

function* children(node: SyntaxNode): Generator<SyntaxNode> {
  for (let c = node.firstChild; c; c = c.nextSibling) yield c;
}

function isClosing(node: SyntaxNode | undefined): boolean {
  return node?.name === ')' || node?.name === ']' || node?.name === '}';
}
