import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeDocument, bumpFixForTask, PythonDocument, taskAt, type TaskInfo, applyEdits } from '../../../server/src/analysis';
import { NO_DEFAULT } from './helpers';

const SRC = `import flytekit as fk
from flytekit import Cache, task
import flyte

VERSION = "1.0"
env2 = flyte.TaskEnvironment(name="e")


@task(cache=True, cache_version=VERSION)
def train(x: int) -> int:
    return x


@fk.task(cache=Cache(version='v009'))
def predict(x: int) -> int:
    def helper():
        return 1
    return helper()


@task(cache=True, cache_version=VERSION)
def evaluate() -> None:
    pass


@task(cache=some_cache)
def unknown() -> None:
    pass


@env2.task(cache=flyte.Cache("auto", "2.0"))
async def v2() -> None:
    pass


@env2.task(cache="disable")
def v2_off() -> None:
    pass


def plain():
    pass
`;

function tasks(): { doc: PythonDocument; tasks: TaskInfo[] } {
  const doc = PythonDocument.create(SRC);
  return { doc, tasks: analyzeDocument(doc, NO_DEFAULT).tasks };
}

const byName = (list: TaskInfo[], name: string): TaskInfo => {
  const t = list.find((x) => x.name === name);
  assert.ok(t, name);
  return t;
};

test('task discovery: names, flavors, ranges, cache state and versions', () => {
  const { tasks: list } = tasks();
  assert.deepEqual(list.map((t) => t.name), ['train', 'predict', 'evaluate', 'unknown', 'v2', 'v2_off']);
  const train = byName(list, 'train');
  assert.equal(train.flavor, 'flytekit');
  assert.equal(SRC.slice(train.decoratorStart, train.decoratorEnd), '@task(cache=True, cache_version=VERSION)');
  assert.equal(SRC.slice(train.nameStart, train.nameEnd), 'train');
  assert.ok(SRC.slice(train.defStart, train.defEnd).startsWith('def train('));
  assert.ok(SRC.slice(train.defStart, train.defEnd).endsWith('return x'));
  assert.equal(train.cache, 'on');
  assert.deepEqual(train.version, { value: '1.0', start: SRC.indexOf('"1.0"'), end: SRC.indexOf('"1.0"') + 5, viaConstant: 'VERSION' });
  assert.deepEqual(byName(list, 'predict').version, { value: 'v009', start: SRC.indexOf("'v009'"), end: SRC.indexOf("'v009'") + 6 });
  assert.equal(byName(list, 'unknown').cache, 'unknown');
  assert.equal(byName(list, 'unknown').version, undefined);
  const v2 = byName(list, 'v2');
  assert.equal(v2.flavor, 'flyte2');
  assert.equal(v2.cache, 'on');
  assert.deepEqual(v2.version, { value: '2.0', start: SRC.indexOf('"2.0"'), end: SRC.indexOf('"2.0"') + 5 });
  assert.equal(byName(list, 'v2_off').cache, 'off');
});

test('taskAt: decorator or def containing the offset, innermost first', () => {
  const { tasks: list } = tasks();
  assert.equal(taskAt(list, SRC.indexOf('@fk.task'))?.name, 'predict');
  assert.equal(taskAt(list, SRC.indexOf('return helper()'))?.name, 'predict');
  assert.equal(taskAt(list, SRC.indexOf('def helper'))?.name, 'predict');
  assert.equal(taskAt(list, SRC.indexOf('def plain')), undefined);
  assert.equal(taskAt(list, 0), undefined);
});

test('bumpFixForTask edits the literal, keeping its quotes', () => {
  const { doc, tasks: list } = tasks();
  const fix = bumpFixForTask(doc, byName(list, 'predict'), list, new Date(2025, 0, 1));
  assert.ok(fix);
  assert.equal(fix.title, 'Bump cache version to "v010"');
  assert.ok(applyEdits(SRC, fix.edits).includes("Cache(version='v010')"));
});

test('bumpFixForTask on a constant edits the definition and names every task using it', () => {
  const { doc, tasks: list } = tasks();
  const fix = bumpFixForTask(doc, byName(list, 'evaluate'), list, new Date(2025, 0, 1));
  assert.ok(fix);
  assert.equal(fix.title, 'Bump cache version to "1.1" in `VERSION` (used by `train`, `evaluate`)');
  const fixed = applyEdits(SRC, fix.edits);
  assert.ok(fixed.includes('VERSION = "1.1"'));
  assert.equal((fixed.match(/cache_version=VERSION/g) ?? []).length, 2);
  assert.equal(bumpFixForTask(doc, byName(list, 'unknown'), list), undefined);
});

test('bumpFixForTask works for Flyte 2 version_override and dates', () => {
  const src = 'import flyte\nenv = flyte.TaskEnvironment("e")\n@env.task(cache=flyte.Cache(behavior="override", version_override="2024-05-01"))\ndef f(): pass\n';
  const doc = PythonDocument.create(src);
  const list = analyzeDocument(doc, NO_DEFAULT).tasks;
  const fix = bumpFixForTask(doc, list[0]!, list, new Date(2025, 2, 7));
  assert.equal(fix?.title, 'Bump cache version to "2025-03-07"');
});

test('a constant assigned twice is not a known version', () => {
  const src = 'from flytekit import task\nV = "1"\nV = "2"\n@task(cache=True, cache_version=V)\ndef f(): pass\n';
  const list = analyzeDocument(PythonDocument.create(src), NO_DEFAULT).tasks;
  assert.equal(list[0]?.version, 'unknown');
});

test('the decorator range stops before a trailing comment', () => {
  const src = 'from flytekit import task\n@task(cache=True, cache_version="1")  # noqa: FC101\ndef f(): pass\n';
  const [t] = analyzeDocument(PythonDocument.create(src), NO_DEFAULT).tasks;
  assert.equal(src.slice(t!.decoratorStart, t!.decoratorEnd), '@task(cache=True, cache_version="1")');
});
