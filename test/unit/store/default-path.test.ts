import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { defaultStorePath } from '../../../server/src/store';

test('FLYTE_CACHE_STORE wins', () => {
  assert.equal(defaultStorePath({ FLYTE_CACHE_STORE: '/x/y.sqlite', XDG_DATA_HOME: '/d', HOME: '/h' }), path.resolve('/x/y.sqlite'));
});

test('XDG_DATA_HOME next', () => {
  assert.equal(defaultStorePath({ XDG_DATA_HOME: '/data', HOME: '/h' }), path.join('/data', 'flyte-cache-inspector', 'store.sqlite'));
});

test('a relative XDG_DATA_HOME is ignored, as the XDG spec says', () => {
  assert.equal(defaultStorePath({ XDG_DATA_HOME: 'rel', HOME: '/h' }), path.join('/h', '.local', 'share', 'flyte-cache-inspector', 'store.sqlite'));
});

test('else ~/.local/share', () => {
  assert.equal(defaultStorePath({ HOME: '/home/me' }), path.join('/home/me', '.local', 'share', 'flyte-cache-inspector', 'store.sqlite'));
});
