// flytekit types whose values are offloaded to blob storage and passed by URI: as task inputs they
// are keyed by that URI unless the producing task attached a hash with `HashMethod`
// (flytekit/core/hash.py; https://docs.flyte.org/en/latest/user_guide/development_lifecycle/caching.html).
import type { SyntaxNode } from '@lezer/common';
import { hashMethodOf } from './hash-method';
import { subscriptParts } from './signature';
import { dottedPath, type FlyteModule } from './tasks';

const OFFLOADED: ReadonlyMap<string, string> = new Map([
  ['flytekit.FlyteFile', 'FlyteFile'],
  ['flytekit.types.file.FlyteFile', 'FlyteFile'],
  ['flytekit.types.file.file.FlyteFile', 'FlyteFile'],
  ['flytekit.FlyteDirectory', 'FlyteDirectory'],
  ['flytekit.types.directory.FlyteDirectory', 'FlyteDirectory'],
  ['flytekit.types.directory.types.FlyteDirectory', 'FlyteDirectory'],
  ['flytekit.StructuredDataset', 'StructuredDataset'],
  ['flytekit.types.structured.StructuredDataset', 'StructuredDataset'],
  ['flytekit.types.structured.structured_dataset.StructuredDataset', 'StructuredDataset'],
  ['pandas.DataFrame', 'pandas.DataFrame'],
  ['pandas.core.frame.DataFrame', 'pandas.DataFrame'],
]);

/** The offloaded type an annotation names (`FlyteFile`, `FlyteFile["csv"]`, `pd.DataFrame`), as a canonical name. */
export function offloadedType(module: FlyteModule, annotation: SyntaxNode): string | undefined {
  const head = subscriptParts(annotation)?.[0] ?? annotation;
  const path = dottedPath(head, module.doc.text);
  const qualified = path ? module.scope.qualify(path, head.from) : undefined;
  const type = qualified ? OFFLOADED.get(qualified) : undefined;
  // Only file and directory types take a format subscript.
  if (type && head !== annotation && type !== 'FlyteFile' && type !== 'FlyteDirectory') return undefined;
  return type;
}

/** A task output: an offloaded type, and whether a `HashMethod` is attached to it. */
export function offloadedOutput(module: FlyteModule, annotation: SyntaxNode): { type: string; hashed: boolean } | undefined {
  const hash = hashMethodOf(module, annotation);
  const parts = subscriptParts(annotation);
  const inner = hash && parts ? parts[1] : annotation;
  const type = inner ? offloadedType(module, inner) : undefined;
  return type ? { type, hashed: hash !== undefined } : undefined;
}
