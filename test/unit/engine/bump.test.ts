import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bumpVersion } from '../../../server/src/analysis';

const today = new Date(2025, 2, 7); // 2025-03-07, local time

test('bumps the last run of digits, keeping padding and everything else', () => {
  const table: [string, string][] = [
    ['1', '2'],
    ['1.0', '1.1'],
    ['v3', 'v4'],
    ['1.2.3', '1.2.4'],
    ['v009', 'v010'],
    ['model-v2-final', 'model-v3-final'],
    ['9', '10'],
    ['99', '100'],
    ['v1-2024-05', 'v1-2024-06'],
    ['12345678', '12345679'],
  ];
  for (const [before, after] of table) assert.equal(bumpVersion(before, today), after, before);
});

test('a version without digits gets "-2"', () => {
  assert.equal(bumpVersion('stable', today), 'stable-2');
  assert.equal(bumpVersion('', today), '-2');
});

test('dates become today in the same format', () => {
  assert.equal(bumpVersion('2024-05-01', today), '2025-03-07');
  assert.equal(bumpVersion('20240501', today), '20250307');
  assert.equal(bumpVersion('2024.05.01', today), '2025.03.07');
  assert.equal(bumpVersion('model-2024-05-01', today), 'model-2025-03-07');
  assert.equal(bumpVersion('2024-05-01.4', today), '2025-03-07');
});

test("today's date gets a .N counter, which then increments", () => {
  assert.equal(bumpVersion('2025-03-07', today), '2025-03-07.1');
  assert.equal(bumpVersion('2025-03-07.1', today), '2025-03-07.2');
  assert.equal(bumpVersion('20250307', today), '20250307.1');
  assert.equal(bumpVersion('20250307.9', today), '20250307.10');
});

test('digit runs that are not dates are plain numbers', () => {
  assert.equal(bumpVersion('2024-13-01', today), '2024-13-02');
  assert.equal(bumpVersion('20241399', today), '20241400');
});
