// Deterministic inputs for the benchmarks: a Flyte-heavy module (2,000 decorated tasks, about
// 11,000 lines) and a mixed repository of 500 Python files of which 5% use Flyte.
import fs from 'node:fs';
import path from 'node:path';

/** mulberry32: a small seeded PRNG, so every run measures the same text. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One decorated task, 5 or 6 lines with the blank line after it; every form the rules look at. */
function flyteTask(i, random) {
  const name = `step_${String(i).padStart(4, '0')}`;
  const r = random();
  const decorator =
    r < 0.45 ? `@task(cache=True, cache_version="1.${i % 7}", retries=2)`
    : r < 0.65 ? `@task(cache=Cache(version="v${i % 5}", serialize=True, ignored_inputs=("seed",)))`
    : r < 0.8 ? '@task(requests=Resources(cpu="1", mem="2Gi"))'
    : r < 0.9 ? `@dynamic(cache=True, cache_version="${2024 + (i % 3)}-05-01")`
    : r < 0.95 ? '@task(cache=True)' // FC101
    : r < 0.98 ? '@task(cache=True, cache_policy=MyPolicy())' // FC106
    : '@task(cache=True, cache_verison="1")'; // FC106, unsafe rename
  const lines = [
    decorator,
    `def ${name}(x: int, seed: int = 0, scale: float = 1.5) -> int:`,
    `    y = x * ${(i % 9) + 2} + seed`,
    `    return int(y * scale) % ${1000 + i}`,
  ];
  if (i % 2 === 0) lines.unshift(`# ${name}: generated for the benchmark`);
  return `${lines.join('\n')}\n\n`;
}

const FLYTE_HEADER = `"""A generated Flyte module: many cached tasks, as a large pipeline package has."""
import random

from flytekit import Cache, Resources, dynamic, task, workflow


class MyPolicy:
    def get_version(self, salt, params):
        return "x"


`;

export function flyteModule(tasks, seed = 1) {
  const random = rng(seed);
  let text = FLYTE_HEADER;
  for (let i = 0; i < tasks; i++) text += flyteTask(i, random);
  const calls = Array.from({ length: Math.min(tasks, 40) }, (_, i) => `    x = step_${String(i).padStart(4, '0')}(x=x)`);
  text += `@workflow\ndef pipeline(x: int = 1) -> int:\n${calls.join('\n')}\n    return x\n`;
  return text;
}

/** Ordinary Python with no Flyte: classes, helpers, comprehensions, string handling. */
function plainModule(i, random) {
  const parts = [`"""Module ${i} of the generated repository."""`, 'import json', 'import os', 'from dataclasses import dataclass', 'from typing import Optional', '', ''];
  const classes = 3 + Math.floor(random() * 4);
  for (let c = 0; c < classes; c++) {
    parts.push(
      '@dataclass',
      `class Record${c}:`,
      '    name: str',
      '    size: int = 0',
      '    parent: Optional[str] = None',
      '',
      '    def label(self) -> str:',
      `        return f"{self.name}:{self.size}:${c}"`,
      '',
      '    def to_json(self) -> str:',
      '        return json.dumps({"name": self.name, "size": self.size})',
      '',
      '',
    );
    const helpers = 4 + Math.floor(random() * 6);
    for (let h = 0; h < helpers; h++) {
      parts.push(
        `def helper_${c}_${h}(items: list[int], limit: int = ${h + 3}) -> list[int]:`,
        '    """Keeps the small items, doubled."""',
        `    kept = [x * 2 for x in items if x < limit]`,
        '    if not kept:',
        `        return [${h}]`,
        '    total = 0',
        '    for value in kept:',
        '        total += value',
        `    return kept + [total, len(os.sep)]`,
        '',
        '',
      );
    }
  }
  // A few ordinary files mention `union` (set.union): the cheap skip lets them through to the parser.
  if (i % 50 === 7) parts.push('def merge(a: set, b: set) -> set:', '    return a.union(b)', '');
  return parts.join('\n');
}

/** Writes the mixed repository under `dir`; returns the list of files. */
export function writeMixedRepo(dir, files = 500, flyteShare = 0.05, seed = 2) {
  const random = rng(seed);
  fs.rmSync(dir, { recursive: true, force: true });
  const flyteEvery = Math.round(1 / flyteShare);
  const written = [];
  for (let i = 0; i < files; i++) {
    const pkg = path.join(dir, `pkg_${String(Math.floor(i / 25)).padStart(2, '0')}`);
    fs.mkdirSync(pkg, { recursive: true });
    const isFlyte = i % flyteEvery === 3;
    const file = path.join(pkg, `${isFlyte ? 'flow' : 'mod'}_${String(i).padStart(3, '0')}.py`);
    fs.writeFileSync(file, isFlyte ? flyteModule(60, seed + i) : plainModule(i, random));
    written.push(file);
  }
  return written;
}
