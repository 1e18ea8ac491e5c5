// Shared by the incremental-analysis gates: the texts they edit and a seeded PRNG.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(__dirname, '../../../..');

function pyFiles(dir: string, match: (f: string) => boolean): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return (fs.readdirSync(full, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.py') && match(f))
    .sort()
    .map((f) => fs.readFileSync(path.join(full, f), 'utf8'));
}

/** The benchmark's generated module with `tasks` tasks (an ES module: run it in a child node). */
export function generatedModule(tasks: number, seed: number): string {
  const generatorUrl = pathToFileURL(path.join(root, 'scripts/bench/generate.mjs')).href;
  const script = `import { flyteModule } from '${generatorUrl}'; process.stdout.write(flyteModule(${tasks}, ${seed}));`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
}

/** Realistic Flyte files: the valid corpus, every rule's positives, the examples, a generated module. */
export function editCorpus(): string[] {
  return [
    ...pyFiles('test/fixtures/corpus/valid', () => true),
    ...pyFiles('test/fixtures/rules', (f) => f.endsWith('positives.py')),
    ...pyFiles('examples/workflows', () => true),
    generatedModule(30, 7),
  ];
}

/** mulberry32: a small seeded PRNG, so a failure can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
