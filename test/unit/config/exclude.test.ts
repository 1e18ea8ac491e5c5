import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { isExcluded } from '../../../server/src/config';
import { globToRegExp } from '../../../server/src/config/exclude';

const root = path.resolve('/proj');
const excluded = (rel: string, ...exclude: string[]) => isExcluded(path.join(root, ...rel.split('/')), { root, exclude });

test('a name without a slash matches a file or folder of that name anywhere below the root', () => {
  assert.equal(excluded('a/migrations/0001.py', 'migrations'), true);
  assert.equal(excluded('migrations.py', 'migrations'), false);
  assert.equal(excluded('pkg/gen/x_pb2.py', '*_pb2.py'), true);
  assert.equal(excluded('pkg/x.py', '*_pb2.py'), false);
});

test('a pattern with a slash matches the path relative to the root, folders included', () => {
  assert.equal(excluded('tests/unit/test_a.py', 'tests/**'), true);
  assert.equal(excluded('tests/unit/test_a.py', 'tests'), true);
  assert.equal(excluded('src/tests/test_a.py', 'tests/**'), false, 'anchored at the root');
  assert.equal(excluded('src/tests/test_a.py', '**/tests'), true);
  assert.equal(excluded('src/legacy.py', './src/legacy.py'), true);
  assert.equal(excluded('src/legacy.py', '/src/legacy.py'), true);
  assert.equal(excluded('src/pkg/legacy.py', 'src/*.py'), false, '* stays within one folder');
  assert.equal(excluded('src/pkg/legacy.py', 'src/**/*.py'), true);
  assert.equal(excluded('src/legacy.py', 'src/**/*.py'), true, '** matches no folder too');
});

test('files outside the root, no root, or no patterns are never excluded', () => {
  assert.equal(isExcluded(path.resolve('/elsewhere/tests/a.py'), { root, exclude: ['tests'] }), false);
  assert.equal(isExcluded(path.join(root, 'tests/a.py'), { exclude: ['tests'] }), false);
  assert.equal(excluded('tests/a.py'), false);
});

test('glob syntax: ?, classes, negated classes, braces, literal dots', () => {
  assert.equal(globToRegExp('a?.py').test('ab.py'), true);
  assert.equal(globToRegExp('a?.py').test('a/.py'), false);
  assert.equal(globToRegExp('[ab].py').test('b.py'), true);
  assert.equal(globToRegExp('[!ab].py').test('b.py'), false);
  assert.equal(globToRegExp('[!ab].py').test('c.py'), true);
  assert.equal(globToRegExp('{gen,build}/*.py').test('build/x.py'), true);
  assert.equal(globToRegExp('{gen,build}/*.py').test('dist/x.py'), false);
  assert.equal(globToRegExp('x.py').test('xapy'), false);
  assert.equal(globToRegExp('{a.py').test('{a.py'), true, 'unbalanced braces are literal');
});
