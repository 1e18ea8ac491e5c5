import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings, flagged } from './fix-check';

const IMPORTS = 'from typing import Annotated\nimport pandas as pd\nfrom flytekit import HashMethod, task\n';

test('HashMethod on an input of a cached task is warned on the HashMethod call', () => {
  const src = `${IMPORTS}@task(cache=True, cache_version="1")\ndef train(df: Annotated[pd.DataFrame, HashMethod(h)]) -> int: ...\n`;
  const [f, ...rest] = findings(src, 'FC304');
  assert.equal(rest.length, 0);
  assert.equal(src.slice(f!.start, f!.end), 'HashMethod(h)');
  assert.equal(f!.message, "`HashMethod` on input `df` of `train` has no effect: flytekit hashes outputs only, so annotate the producing task's return type");
  assert.equal(f!.severity, 'warning');
  assert.equal(f!.fix, undefined);
});

test('Annotated and HashMethod resolve through typing, typing_extensions and flytekit.core.hash', () => {
  const src = 'import typing, typing_extensions as te\nfrom flytekit import task\nfrom flytekit.core.hash import HashMethod as HM\nimport flytekit\n@task(cache=True, cache_version="1")\ndef f(a: typing.Annotated[int, HM(h)], b: te.Annotated[int, "doc", flytekit.HashMethod(h)]) -> int: ...\n';
  assert.deepEqual(flagged(src, 'FC304'), ['HM(h)', 'flytekit.HashMethod(h)']);
});

test('a hash function returning str() of hash_pandas_object is warned on that expression', () => {
  const src = `${IMPORTS}def h(df):\n    return str(pd.util.hash_pandas_object(df))\n@task\ndef load() -> Annotated[pd.DataFrame, HashMethod(h)]: ...\n@task\ndef load2() -> Annotated[pd.DataFrame, HashMethod(h)]: ...\n`;
  const [f, ...rest] = findings(src, 'FC304');
  assert.equal(rest.length, 0, 'one finding per function');
  assert.equal(src.slice(f!.start, f!.end), 'str(pd.util.hash_pandas_object(df))');
  assert.equal(
    f!.message,
    '`str()` of `hash_pandas_object(...)` hashes the truncated repr of a Series: frames differing in elided rows collide; hash the values (`.sum()`, `hashlib` over `.values`)',
  );
  const lambda = `${IMPORTS}import pandas\n@task\ndef load() -> Annotated[pd.DataFrame, HashMethod(lambda d: str(pandas.util.hash_pandas_object(d)))]: ...\n`;
  assert.deepEqual(flagged(lambda, 'FC304'), ['str(pandas.util.hash_pandas_object(d))']);
});

test('silent on outputs, uncached tasks, strong hashes, shadowed names and unknown functions', () => {
  const weak = 'def h(df):\n    return str(pd.util.hash_pandas_object(df))\n';
  const silent = [
    `${IMPORTS}@task(cache=True, cache_version="1")\ndef f(df: pd.DataFrame) -> Annotated[pd.DataFrame, HashMethod(h)]: ...\n`,
    `${IMPORTS}@task\ndef f(df: Annotated[pd.DataFrame, HashMethod(h)]) -> int: ...\n`,
    `${IMPORTS}@task(cache=True, cache_version="1")\ndef f(df: Annotated[pd.DataFrame, Other(h)]) -> int: ...\n`,
    `import pandas as pd\nfrom flytekit import HashMethod, task\n@task(cache=True, cache_version="1")\ndef f(df: Annotated[pd.DataFrame, HashMethod(h)]) -> int: ...\n`,
    `${IMPORTS}def h(df):\n    return str(pd.util.hash_pandas_object(df).sum())\nx = HashMethod(h)\n`,
    `${IMPORTS}${weak}`,
    `${IMPORTS}def h(df, str=repr):\n    return str(pd.util.hash_pandas_object(df))\nx = HashMethod(h)\n`,
    `${IMPORTS}def h(df):\n    str = repr\n    return str(pd.util.hash_pandas_object(df))\nx = HashMethod(h)\n`,
    `${IMPORTS}str = repr\n${weak}x = HashMethod(h)\n`,
    `${IMPORTS}${weak}x = HashMethod(h)\nh = other\n`,
    `${IMPORTS}${weak}x = HashMethod(external)\n`,
    `from typing import Annotated\nfrom flytekit import HashMethod\nimport pd\n${weak}x = HashMethod(h)\n`.replace('import pd', 'pd = object()'),
    `${IMPORTS}${weak}def g():\n    HashMethod = make()\n    return HashMethod(h)\n`,
  ];
  for (const src of silent) assert.deepEqual(flagged(src, 'FC304'), [], src);
});
