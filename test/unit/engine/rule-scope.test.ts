// The contract behind reusing task-scoped findings (model.ts `RuleScope`): for every rule declared
// `task`, the findings over the whole module equal the findings of a run with no tasks plus a
// `tasksOnly` run per task, as sets of (range, message, fix). The language server depends on it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PythonDocument } from '../../../server/src/analysis';
import type { AnalysisSettings, RuleFinding } from '../../../server/src/engine/model';
import { discoverFlyte, type FlyteModule } from '../../../server/src/engine/syntax/tasks';
import { RULES } from '../../../server/src/rules/registry';
import { editCorpus } from '../lsp/edit-corpus';

const key = (f: RuleFinding): string => JSON.stringify([f.start, f.end, f.message, f.severity ?? null, f.fix ?? null]);
const keys = (findings: readonly RuleFinding[]): string[] => [...new Set(findings.map(key))].sort();

test('each task-scoped rule reports the same findings task by task as over the whole module', () => {
  const settingsChoices: AnalysisSettings[] = [{ defaultCachePolicy: 'none' }, { defaultCachePolicy: 'function-body' }];
  const taskRules = [...RULES].filter(([, rule]) => rule.scope === 'task');
  assert.ok(taskRules.length >= 14, `${taskRules.length} task-scoped rules`);
  let compared = 0;
  for (const text of editCorpus()) {
    const module = discoverFlyte(PythonDocument.create(text));
    for (const settings of settingsChoices) {
      for (const [code, rule] of taskRules) {
        const whole = rule.check({ module, settings });
        const parts = [...rule.check({ module: { ...module, tasks: [] }, settings })];
        for (const task of module.tasks) {
          const view: FlyteModule = { ...module, tasks: [task] };
          parts.push(...rule.check({ module: view, settings, tasksOnly: true }));
        }
        assert.deepEqual(keys(parts), keys(whole), `${code} on ${text.slice(0, 80)}`);
        compared += whole.length;
      }
    }
  }
  assert.ok(compared > 100, `${compared} findings compared`);
});
