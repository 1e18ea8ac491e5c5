import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveSettings } from '../../../server/src/config';

const pyproject = { select: ['FC1'], ignore: ['FC106'], defaultCachePolicy: 'function-body' as const, baseline: 'main', exclude: [] };

test('defaults when nothing is configured', () => {
  assert.deepEqual(resolveSettings({ mode: 'editor' }), { defaultCachePolicy: 'none' });
  assert.deepEqual(resolveSettings({ mode: 'cli' }), { defaultCachePolicy: 'none' });
});

test('the editor: VS Code settings win, unset ones fall back to pyproject', () => {
  assert.deepEqual(resolveSettings({ mode: 'editor', editor: { defaultCachePolicy: 'none', ignore: ['FC101'] }, pyproject }), {
    defaultCachePolicy: 'none',
    select: ['FC1'],
    ignore: ['FC101'],
    baseline: 'main',
  });
  assert.deepEqual(resolveSettings({ mode: 'editor', editor: { select: [], ignore: [] }, pyproject }), {
    defaultCachePolicy: 'function-body',
    select: ['FC1'],
    ignore: ['FC106'],
    baseline: 'main',
  }, 'empty lists mean "not set"');
});

test('the CLI: pyproject wins, options fill the gaps', () => {
  assert.deepEqual(resolveSettings({ mode: 'cli', editor: { defaultCachePolicy: 'none', ignore: ['FC101'] }, pyproject }), {
    defaultCachePolicy: 'function-body',
    select: ['FC1'],
    ignore: ['FC106'],
    baseline: 'main',
  });
  assert.deepEqual(resolveSettings({ mode: 'cli', editor: { ignore: ['FC101'], baseline: 'HEAD' }, pyproject: { exclude: [] } }), {
    defaultCachePolicy: 'none',
    ignore: ['FC101'],
    baseline: 'HEAD',
  });
});

test('an empty baseline is a value (off), not "unset"', () => {
  assert.equal(resolveSettings({ mode: 'editor', editor: { baseline: '' }, pyproject }).baseline, '');
  assert.equal(resolveSettings({ mode: 'editor', editor: {}, pyproject }).baseline, 'main');
});

test('command-line flags beat the pyproject in the CLI and the editor settings too', () => {
  const pyproject = { defaultCachePolicy: 'function-body' as const, select: ['FC1'], baseline: 'origin/main', exclude: [] };
  assert.deepEqual(
    resolveSettings({ mode: 'cli', flags: { defaultCachePolicy: 'none', select: ['FC101'] }, editor: { ignore: ['FC106'] }, pyproject }),
    { defaultCachePolicy: 'none', select: ['FC101'], ignore: ['FC106'], baseline: 'origin/main' },
  );
  // An explicit empty baseline flag turns the baseline rules off even when the pyproject sets one.
  assert.equal(resolveSettings({ mode: 'cli', flags: { baseline: '' }, pyproject }).baseline, '');
});
