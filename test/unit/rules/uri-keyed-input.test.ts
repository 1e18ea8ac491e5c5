import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings, flagged } from './fix-check';

const HEADER = 'import pandas as pd\nfrom flytekit import task, workflow\n@task\ndef load() -> pd.DataFrame: ...\n@task(cache=True, cache_version="1")\ndef train(df: pd.DataFrame, n: int) -> int: ...\n';

test('an offloaded input fed by a producer without HashMethod is a hint on the parameter name', () => {
  const src = `${HEADER}@workflow\ndef wf() -> int:\n    return train(df=load(), n=1)\n`;
  const [f, ...rest] = findings(src, 'FC302');
  assert.equal(rest.length, 0);
  assert.equal(f!.start, src.indexOf('df: pd.DataFrame'));
  assert.equal(src.slice(f!.start, f!.end), 'df');
  assert.equal(f!.message, 'Input `df` of cached `train` is keyed by its URI: `load` returns it without `HashMethod`, so identical data written again misses the cache');
  assert.equal(f!.severity, 'info');
  assert.equal(f!.fix, undefined);
});

test('a variable assigned once from the producer is followed; one finding per parameter', () => {
  const src = `${HEADER}@workflow\ndef wf() -> int:\n    x = load()\n    train(df=x, n=2)\n    return train(df=x, n=1)\n`;
  assert.deepEqual(flagged(src, 'FC302'), ['df']);
});

test('file, directory and structured dataset types resolve through their modules', () => {
  const src = 'from flytekit import task, workflow\nfrom flytekit.types.file import FlyteFile\nimport flytekit\n@task\ndef get() -> FlyteFile["csv"]: ...\n@task\ndef sds() -> flytekit.StructuredDataset: ...\n@task(cache=True, cache_version="1")\ndef use(f: flytekit.FlyteFile, s: flytekit.types.structured.StructuredDataset) -> int: ...\n@workflow\ndef wf():\n    use(f=get(), s=sds())\n';
  assert.deepEqual(flagged(src, 'FC302'), ['f', 's']);
});

test('silent when the producer hashes, the types differ, the input is ignored or the feed is not plain', () => {
  const silent = [
    'from typing import Annotated\nimport pandas as pd\nfrom flytekit import HashMethod, task, workflow\n@task\ndef load() -> Annotated[pd.DataFrame, HashMethod(h)]: ...\n@task(cache=True, cache_version="1")\ndef train(df: pd.DataFrame, n: int) -> int: ...\n@workflow\ndef wf():\n    train(df=load(), n=1)\n',
    'import pandas as pd\nfrom flytekit import StructuredDataset, task, workflow\n@task\ndef load() -> pd.DataFrame: ...\n@task(cache=True, cache_version="1")\ndef train(df: StructuredDataset) -> int: ...\n@workflow\ndef wf():\n    train(df=load())\n',
    'import pandas as pd\nfrom flytekit import Cache, task, workflow\n@task\ndef load() -> pd.DataFrame: ...\n@task(cache=Cache(version="1", ignored_inputs=["df"]))\ndef train(df: pd.DataFrame) -> int: ...\n@workflow\ndef wf():\n    train(df=load())\n',
    'import pandas as pd\nfrom flytekit import Cache, task, workflow\n@task\ndef load() -> pd.DataFrame: ...\n@task(cache=Cache(version="1", ignored_inputs=NAMES))\ndef train(df: pd.DataFrame) -> int: ...\n@workflow\ndef wf():\n    train(df=load())\n',
    `${HEADER}@workflow\ndef wf(df: pd.DataFrame):\n    train(df=df, n=1)\n`,
    `${HEADER}@workflow\ndef wf():\n    x = load()\n    for x in xs:\n        pass\n    train(df=x, n=1)\n`,
    `${HEADER}@workflow\ndef wf(load):\n    train(df=load(), n=1)\n`,
    `${HEADER}@workflow\ndef wf():\n    train(df=load().with_overrides(cpu="1"), n=1)\n`,
    `${HEADER}load = other\n@workflow\ndef wf():\n    train(df=load(), n=1)\n`,
    `${HEADER.replace('@task(cache=True, cache_version="1")', '@task')}@workflow\ndef wf():\n    train(df=load(), n=1)\n`,
    'import pandas as pd\nimport flyte\nenv = flyte.TaskEnvironment("e", cache="auto")\n@env.task\nasync def load() -> pd.DataFrame: ...\n@env.task\nasync def train(df: pd.DataFrame) -> int: ...\n@env.task\nasync def main():\n    await train(df=await load())\n',
  ];
  for (const src of silent) assert.deepEqual(flagged(src, 'FC302'), [], src);
});
