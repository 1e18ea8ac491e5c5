import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeLiteralMap, LiteralMapError } from '../../../server/src/importers';
import { fixtureTools } from './fixture-tools';

test('the facts sample: {"o0": 3} is 0A 0C 0A 02 6F 30 12 06 0A 04 0A 02 08 03', async () => {
  const { encodeLiteralMap } = await fixtureTools();
  const bytes = encodeLiteralMap({ o0: { integer: 3 } });
  assert.equal(Buffer.from(bytes).toString('hex'), '0a0c0a026f3012060a040a020803');
  assert.deepEqual(decodeLiteralMap(bytes), { o0: 3 });
});

test('a 0-byte value is an empty map', () => {
  assert.deepEqual(decodeLiteralMap(new Uint8Array()), {});
});

const cases: [string, Record<string, unknown>, unknown][] = [
  ['integer', { integer: 42 }, 42],
  ['zero integer (still written inside the oneof)', { integer: 0 }, 0],
  ['negative integer', { integer: -7 }, -7],
  ['integer beyond 2^53 as a string', { integer: '9007199254740993' }, '9007199254740993'],
  ['large negative integer as a string', { integer: '-9223372036854775808' }, '-9223372036854775808'],
  ['float', { float: 0.9375 }, 0.9375],
  ['float 1.0 stays a number', { float: 1 }, 1],
  ['string', { string: 'héllo ✓' }, 'héllo ✓'],
  ['empty string', { string: '' }, ''],
  ['boolean true', { boolean: true }, true],
  ['boolean false', { boolean: false }, false],
  ['datetime', { datetime: '2024-05-01T12:30:00Z' }, '2024-05-01T12:30:00Z'],
  ['datetime with milliseconds', { datetime: '2024-05-01T12:30:00.250Z' }, '2024-05-01T12:30:00.250Z'],
  ['datetime with microseconds', { datetime: '2024-05-01T12:30:00.000123Z' }, '2024-05-01T12:30:00.000123Z'],
  ['duration', { duration: 1.5 }, '1.5s'],
  ['whole duration', { duration: 90 }, '90s'],
  ['blob', { blob: { uri: 's3://bucket/models/model.pt', format: 'PyTorchModule' } }, 's3://bucket/models/model.pt'],
  ['multipart blob (directory)', { blob: { uri: '/tmp/flyte/dir', multipart: true } }, '/tmp/flyte/dir'],
  ['structured dataset', { structuredDataset: { uri: 's3://bucket/df.parquet' } }, 's3://bucket/df.parquet'],
  ['none', { none: true }, null],
  ['union', { union: { float: 2.5 } }, 2.5],
  ['union of none', { union: { none: true } }, null],
  ['collection', { collection: [{ integer: 1 }, { string: 'two' }, { collection: [] }] }, [1, 'two', []]],
  ['map', { map: { a: { boolean: true }, b: { map: { c: { float: 0.5 } } } } }, { a: true, b: { c: 0.5 } }],
  ['generic struct (dicts)', { generic: { lr: 0.01, layers: [64, 32], name: 'mlp', ok: true, none: null } }, { lr: 0.01, layers: [64, 32], name: 'mlp', ok: true, none: null }],
  ['binary (msgpack) is an unknown shape', { binary: { value: new Uint8Array([0x81, 0xa1, 0x61, 0x01]), tag: 'msgpack' } }, null],
];

for (const [name, description, expected] of cases) {
  test(`decodes ${name}`, async () => {
    const { encodeLiteralMap } = await fixtureTools();
    assert.deepEqual(decodeLiteralMap(encodeLiteralMap({ out: description })), { out: expected });
  });
}

test('several outputs keep their names', async () => {
  const { encodeLiteralMap } = await fixtureTools();
  const bytes = encodeLiteralMap({ o0: { integer: 1 }, o1: { string: 'x' }, metrics: { map: { acc: { float: 0.5 } } } });
  assert.deepEqual(decodeLiteralMap(bytes), { o0: 1, o1: 'x', metrics: { acc: 0.5 } });
});

test('garbage bytes are rejected, not decoded as something', () => {
  for (const garbage of [
    Buffer.from('not a literal map'),
    Buffer.from([0xff, 0xff, 0xff]),
    Buffer.from([0x0a, 0x40, 0x0a]), // length runs past the end
    Buffer.from([0x12, 0x00]), // field 2 does not exist in a LiteralMap
    Buffer.from([0x0a, 0x04, 0x0a, 0x02, 0xc3, 0x28]), // key is not UTF-8
  ]) {
    assert.throws(() => decodeLiteralMap(garbage), LiteralMapError, garbage.toString('hex'));
  }
});
