import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeDocument, applyEdits, NoqaIndex, parseNoqaComment, PythonDocument } from '../../../server/src/analysis';
import { fixAll } from '../../../server/src/fix-all';

const NONE = { defaultCachePolicy: 'none' } as const;
const codes = (src: string): string[] => analyzeDocument(PythonDocument.create(src), NONE).findings.map((f) => f.code);
const HEAD = 'from flytekit import task\n\n';

test('parses bare, listed and embedded directives', () => {
  assert.deepEqual(parseNoqaComment('# noqa')?.all, true);
  assert.deepEqual(parseNoqaComment('#NOQA')?.all, true);
  assert.deepEqual(parseNoqaComment('# noqa: FC101')?.codes, ['FC101']);
  assert.deepEqual(parseNoqaComment('# noqa:fc101,FC106')?.codes, ['FC101', 'FC106']);
  assert.deepEqual(parseNoqaComment('# noqa: FC101 E501 because reasons')?.codes, ['FC101', 'E501']);
  assert.deepEqual(parseNoqaComment('# type: ignore  # noqa: FC106')?.codes, ['FC106']);
  assert.equal(parseNoqaComment('# noqa: FC101')?.all, false);
});

test('ignores comments that are not directives', () => {
  assert.equal(parseNoqaComment('# a comment'), undefined);
  assert.equal(parseNoqaComment('# noqa123'), undefined);
  assert.equal(parseNoqaComment('# noqa:'), undefined, 'no codes after the colon: not a blanket noqa');
  assert.equal(parseNoqaComment('# noqa: because'), undefined);
});

test('codes end where the list ends, for appending', () => {
  const text = '# noqa: FC101, E501  -- why';
  const d = parseNoqaComment(text, 10);
  assert.equal(d?.codesEnd, 10 + '# noqa: FC101, E501'.length);
  assert.equal(d?.commentEnd, 10 + text.length);
});

test('a code-specific noqa on the finding line suppresses that code only', () => {
  assert.deepEqual(codes(`${HEAD}@task(cache=True)\ndef a(): pass\n`), ['FC101']);
  assert.deepEqual(codes(`${HEAD}@task(cache=True)  # noqa: FC101\ndef a(): pass\n`), []);
  assert.deepEqual(codes(`${HEAD}@task(cache=True)  # noqa: fc101\ndef a(): pass\n`), [], 'codes are case-insensitive');
  assert.deepEqual(codes(`${HEAD}@task(cache=True)  # noqa: FC106\ndef a(): pass\n`), ['FC101']);
  assert.deepEqual(codes(`${HEAD}@task(cache=True)  # noqa: XYZ999\ndef a(): pass\n`), ['FC101'], 'unknown codes are ignored');
  assert.deepEqual(codes(`${HEAD}@task(cache=True)  # noqa:\ndef a(): pass\n`), ['FC101']);
});

test('a bare noqa suppresses every code on its line, and only there', () => {
  const src = `${HEAD}@task(cache=True, cache_verison="1")  # noqa\ndef a(): pass\n\n@task(cache=True)\ndef b(): pass\n`;
  assert.deepEqual(codes(src), ['FC101']);
  assert.deepEqual(codes(src.replace('  # noqa', '')).sort(), ['FC101', 'FC101', 'FC106']);
});

test('a list suppresses each listed code', () => {
  const src = `${HEAD}@task(cache=True, cache_verison="1")  # noqa: FC101, FC106\ndef a(): pass\n`;
  assert.deepEqual(codes(src), []);
  assert.deepEqual(codes(src.replace(', FC106', '')), ['FC106']);
});

test('in a multi-line decorator, the decorator line or the finding line suppresses', () => {
  const body = '    cache=True,\n    retries=2,\n)\ndef a(x: int) -> int:\n    return x\n';
  assert.deepEqual(codes(`${HEAD}@task(\n${body}`), ['FC101']);
  assert.deepEqual(codes(`${HEAD}@task(  # noqa: FC101\n${body}`), []);
  assert.deepEqual(codes(`${HEAD}@task(\n${body.replace('cache=True,', 'cache=True,  # noqa: FC101')}`), []);
  assert.deepEqual(codes(`${HEAD}@task(\n${body.replace('retries=2,', 'retries=2,  # noqa: FC101')}`), ['FC101'], 'another line of the call does not');
});

test('a noqa in the task body or in a string does not suppress the decorator', () => {
  assert.deepEqual(codes(`${HEAD}@task(cache=True)\ndef a() -> int:  # noqa\n    return 1\n`), ['FC101']);
  assert.deepEqual(codes(`${HEAD}@task(cache=True, cache_verison="# noqa")\ndef a(): pass\n`).sort(), ['FC101', 'FC106']);
});

test('a noqa on the decorator line does not reach the next task', () => {
  const src = `${HEAD}@task(cache=True)  # noqa\ndef a(): pass\n@task(cache=True)\ndef b(): pass\n`;
  assert.deepEqual(codes(src), ['FC101']);
});

test('fix-all leaves suppressed findings alone', () => {
  const src = `${HEAD}@task(cache=True)  # noqa: FC101\ndef a(): pass\n\n@task(cache=True)\ndef b(): pass\n`;
  const result = fixAll(src, NONE);
  assert.equal(result.text, src.replace('@task(cache=True)\ndef b', '@task(cache=True, cache_version="1")\ndef b'));
  assert.deepEqual(result.applied.map((a) => a.code), ['FC101']);
});

function addNoqa(src: string, needle: string, code: string): string | undefined {
  const doc = PythonDocument.create(src);
  const edit = new NoqaIndex(doc).addCodeEdit(src.indexOf(needle), code);
  return edit && applyEdits(src, [edit]);
}

test('the "disable for this line" edit appends, extends or declines', () => {
  const src = `${HEAD}@task(cache=True)   \ndef a(): pass\n`;
  const added = addNoqa(src, 'cache=True', 'FC101')!;
  assert.equal(added, `${HEAD}@task(cache=True)  # noqa: FC101\ndef a(): pass\n`);
  assert.deepEqual(codes(added), []);
  assert.equal(addNoqa(added, 'cache=True', 'FC106'), `${HEAD}@task(cache=True)  # noqa: FC101, FC106\ndef a(): pass\n`);
  assert.equal(addNoqa(added, 'cache=True', 'fc101'), undefined, 'already listed');
  assert.equal(addNoqa(`${HEAD}@task(cache=True)  # noqa\ndef a(): pass\n`, 'cache=True', 'FC101'), undefined, 'bare noqa covers it');
  assert.equal(
    addNoqa(`${HEAD}@task(cache=True)  # see ticket 12\ndef a(): pass\n`, 'cache=True', 'FC101'),
    `${HEAD}@task(cache=True)  # see ticket 12  # noqa: FC101\ndef a(): pass\n`,
  );
});

test('no edit where a comment would break the code', () => {
  assert.equal(addNoqa(`${HEAD}@task(cache=True, \\\n      retries=1)\ndef a(): pass\n`, 'cache=True', 'FC101'), undefined, 'backslash continuation');
  assert.equal(addNoqa(`${HEAD}@task(cache=True, doc="""a\nb""")\ndef a(): pass\n`, 'cache=True', 'FC101'), undefined, 'inside a multi-line string');
});

test('CRLF line endings: the comment goes before the line break', () => {
  const src = 'from flytekit import task\r\n@task(cache=True)\r\ndef a(): pass\r\n';
  assert.equal(addNoqa(src, 'cache=True', 'FC101'), 'from flytekit import task\r\n@task(cache=True)  # noqa: FC101\r\ndef a(): pass\r\n');
});

test('comments read per line match a scan of every comment in the file', async () => {
  const { readdirSync, readFileSync, statSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { LineIndex } = await import('../../../server/src/engine/line-index');
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.py')) files.push(path);
    }
  };
  walk('test/fixtures');
  walk('examples');
  const extra = [
    'x = 1  # noqa\n\n\ndef f():\n    """doc # noqa"""\n    return 2  # noqa: FC101\n    # only a comment\n',
    's = """a\n# not a comment\n"""  # noqa: FC106\r\ny = (1,  # noqa\r\n  2)\r\n',
    'def g(:\n    pass  # noqa: FC101, FC102\n  # dedented comment\n',
  ];
  let lines = 0;
  for (const text of [...files.map((f) => readFileSync(f, 'utf8')), ...extra]) {
    const doc = PythonDocument.create(text);
    const index = new LineIndex(text);
    const expected = new Map<number, string>();
    const cursor = doc.tree.cursor();
    do {
      if (cursor.name === 'Comment') expected.set(index.position(cursor.from).line, text.slice(cursor.from, cursor.to));
    } while (cursor.next());
    const noqa = new NoqaIndex(doc, index);
    for (let line = 0; line < index.lineCount; line++) {
      const start = index.offset({ line, character: 0 });
      const comment = expected.get(line);
      const directive = comment === undefined ? undefined : parseNoqaComment(comment);
      assert.deepEqual(noqa.directiveAt(start)?.codes, directive?.codes, `line ${line + 1}: ${JSON.stringify(comment)}`);
      assert.equal(noqa.directiveAt(start)?.all, directive?.all);
      lines++;
    }
  }
  assert.ok(lines > 1000, `read ${lines} lines`);
});
