// Generates a genuine flytekit local cache for the example workspace in
// examples/.flyte/local-cache/ (gitignored): python-diskcache writes it exactly as
// `pyflyte run` would. Needs /usr/bin/python3 with python3-diskcache.
//   node scripts/make-example-cache.mjs      (or: npm run examples:cache)
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { cacheKey, writeFlytekitCache } from './fixtures/flytekit-cache.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'examples', '.flyte', 'local-cache');

const DAY = 86400;
const start = Date.UTC(2024, 4, 1, 8, 0, 0) / 1000; // 2024-05-01 08:00 UTC
let clock = start;
/** Store times that move forward like a week of runs. */
const later = (seconds) => (clock += seconds);

const raw = (name) => `/tmp/flyte-local/raw/${createHash('md5').update(name).digest('hex').slice(0, 12)}/${name}`;
// The version flytekit computes from a cache policy (here SchemaVersionPolicy) is a 64-hex digest.
const policyVersion = createHash('sha256').update('events-schema-3').digest('hex');

const t = (name) => `workflows.${name}`;
const entries = [
  // Features, an older version first.
  { key: cacheKey(t('training.prepare_features'), '1', { window_days: 7 }), outputs: { o0: { integer: 28 } }, storeTime: later(0) },
  { key: cacheKey(t('training.prepare_features'), '1', { window_days: 14 }), outputs: { o0: { integer: 35 } }, storeTime: later(600) },
  // flytekit < 1.15 pickled its values: a legacy entry.
  { key: cacheKey(t('training.train_model'), '0.9', { n_features: 28, epochs: 3 }), pickle: { literals: { o0: 0.79 } }, storeTime: later(900) },
  { key: cacheKey(t('etl.extract'), 'v1-2024-05', { day: '2024-05-01' }), outputs: { o0: { integer: 1200 }, o1: { datetime: '2024-05-01T06:00:00Z' } }, storeTime: later(DAY / 2) },
  { key: cacheKey(t('etl.clean'), '3', { day: '2024-05-01', rows: 1200 }), outputs: { o0: { structuredDataset: { uri: raw('clean-2024-05-01.parquet') } } }, storeTime: later(120) },
  { key: cacheKey(t('etl.enrich'), policyVersion, { day: '2024-05-01' }), outputs: { o0: { structuredDataset: { uri: raw('enriched-2024-05-01.parquet') } } }, storeTime: later(95) },
  { key: cacheKey(t('etl.row_stats'), '1.0', { day: '2024-05-01' }), outputs: { o0: { map: { rows: { float: 1200 }, null_fraction: { float: 0.0125 } } } }, storeTime: later(30) },
  {
    key: cacheKey(t('etl.daily_report'), '1', { day: '2024-05-01' }),
    // Large enough (>= 32 KiB) that diskcache keeps the value in a .val file.
    outputs: { o0: { string: Array.from({ length: 1500 }, (_, i) => `2024-05-01 event ${String(i).padStart(4, '0')}: ok`).join('\n') } },
    storeTime: later(45),
  },
  { key: cacheKey(t('training.train_model'), '1.0', { n_features: 28, epochs: 5 }), outputs: { o0: { float: 0.85 }, o1: { blob: { uri: raw('model-e5.pt'), format: 'PyTorchModule' } } }, storeTime: later(DAY / 3) },
  { key: cacheKey(t('training.train_model'), '1.0', { n_features: 35, epochs: 5 }), outputs: { o0: { float: 0.86 }, o1: { blob: { uri: raw('model-e5-w14.pt'), format: 'PyTorchModule' } } }, storeTime: later(1800) },
  { key: cacheKey(t('etl.extract'), 'v1-2024-05', { day: '2024-05-02' }), outputs: { o0: { integer: 1312 }, o1: { datetime: '2024-05-02T06:00:03.250Z' } }, storeTime: later(DAY / 2) },
  { key: cacheKey(t('etl.clean'), '3', { day: '2024-05-02', rows: 1312 }), outputs: { o0: { structuredDataset: { uri: raw('clean-2024-05-02.parquet') } } }, storeTime: later(130) },
  { key: cacheKey(t('training.prepare_features'), '2', { dataset_uri: 's3://flyte-demo/datasets/churn.parquet', window_days: 7 }), outputs: { o0: { integer: 31 } }, storeTime: later(DAY) },
  { key: cacheKey(t('training.prepare_features'), '2', { dataset_uri: 's3://flyte-demo/datasets/churn.parquet', window_days: 14 }), outputs: { o0: { integer: 38 } }, storeTime: later(700) },
  { key: cacheKey(t('training.prepare_features'), '2', { dataset_uri: 's3://flyte-demo/datasets/churn.parquet', window_days: 30 }), outputs: { o0: { integer: 54 } }, storeTime: later(650) },
  { key: cacheKey(t('training.train_model'), '1.1', { n_features: 31, epochs: 5 }), outputs: { o0: { float: 0.85 }, o1: { blob: { uri: raw('model-v11-e5.pt'), format: 'PyTorchModule' } } }, storeTime: later(2400) },
  { key: cacheKey(t('training.train_model'), '1.1', { n_features: 31, epochs: 10 }), outputs: { o0: { float: 0.9 }, o1: { blob: { uri: raw('model-v11-e10.pt'), format: 'PyTorchModule' } } }, storeTime: later(4100) },
  { key: cacheKey(t('training.evaluate'), '1', { model: raw('model-v11-e5.pt') }), outputs: { o0: { float: 0.87 }, o1: { string: 'holdout accuracy 0.87 (model model-v11-e5.pt)' }, o2: { duration: 12.5 } }, storeTime: later(300) },
  // The last run was interrupted: these rows are committed but still only in cache.db-wal.
  { key: cacheKey(t('training.train_model'), '1.1', { n_features: 38, epochs: 10 }), outputs: { o0: { float: 0.91 }, o1: { blob: { uri: raw('model-v11-e10-w14.pt'), format: 'PyTorchModule' } } }, storeTime: later(DAY / 4) },
  { key: cacheKey(t('training.evaluate'), '1', { model: raw('model-v11-e10-w14.pt') }), outputs: { o0: { float: 0.9 }, o1: { string: 'holdout accuracy 0.90 (model model-v11-e10-w14.pt)' }, o2: { duration: 14.25 } }, storeTime: later(280) },
  { key: cacheKey(t('etl.extract'), 'v1-2024-05', { day: '2024-05-03' }), outputs: { o0: { integer: 1187 }, o1: { datetime: '2024-05-03T06:00:01Z' } }, storeTime: later(600) },
];
const walOnlyFrom = entries.length - 3;

fs.rmSync(target, { recursive: true, force: true });
fs.mkdirSync(path.dirname(target), { recursive: true });
writeFlytekitCache(target, entries, { walOnlyFrom });
console.log(`Wrote ${entries.length} entries (${entries.length - walOnlyFrom} only in cache.db-wal) to ${path.relative(process.cwd(), target) || target}`);
