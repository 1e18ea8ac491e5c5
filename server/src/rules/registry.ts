// The single code → rule table. A code is never reused; retired codes go to redirects.
import type { Rule } from '../engine/model';
import { cacheWithoutVersion } from './cache-without-version';
import { reusedCacheVersion } from './reused-cache-version';
import { staleCacheVersion } from './stale-cache-version';
import { unknownTaskKeyword } from './unknown-task-keyword';
import { cacheOverrideOnNode } from './cache-override-on-node';
import { cacheKeywordsIgnoredByTaskKind } from './cache-keywords-ignored-by-task-kind';
import { invalidCacheBehavior } from './invalid-cache-behavior';
import { cacheFalseInherits } from './cache-false-inherits';
import { overrideWithoutVersion } from './override-without-version';
import { emptyCacheVersion } from './empty-cache-version';
import { serializeWithoutCache } from './serialize-without-cache';
import { ignoredInputsWithoutCache } from './ignored-inputs-without-cache';
import { cacheObjectWithLegacyKeywords } from './cache-object-with-legacy-keywords';
import { invalidPoliciesContainer } from './invalid-policies-container';
import { nonStringCacheVersion } from './non-string-cache-version';
import { unknownCacheKeyword } from './unknown-cache-keyword';
import { cacheSettingsWithoutCache } from './cache-settings-without-cache';
import { unknownIgnoredInput } from './unknown-ignored-input';
import { stringIgnoreInputVars } from './string-ignore-input-vars';
import { cachedTaskWithoutOutputs } from './cached-task-without-outputs';
import { nondeterministicDefault } from './nondeterministic-default';
import { hashMethodOnInput } from './hash-method-on-input';
import { uriKeyedInput } from './uri-keyed-input';

export const RULES: ReadonlyMap<string, Rule> = new Map<string, Rule>([
  ['FC101', cacheWithoutVersion],
  ['FC106', unknownTaskKeyword],
  ['FC401', staleCacheVersion],
  ['FC402', reusedCacheVersion],
  ['FC108', invalidCacheBehavior],
  ['FC206', cacheFalseInherits],
  ['FC207', overrideWithoutVersion],
  ['FC202', cacheKeywordsIgnoredByTaskKind],
  ['FC205', cacheOverrideOnNode],
  ['FC102', emptyCacheVersion],
  ['FC103', serializeWithoutCache],
  ['FC104', ignoredInputsWithoutCache],
  ['FC105', cacheObjectWithLegacyKeywords],
  ['FC107', invalidPoliciesContainer],
  ['FC109', nonStringCacheVersion],
  ['FC110', unknownCacheKeyword],
  ['FC201', cacheSettingsWithoutCache],
  ['FC203', unknownIgnoredInput],
  ['FC204', stringIgnoreInputVars],
  ['FC301', cachedTaskWithoutOutputs],
  ['FC302', uriKeyedInput],
  ['FC303', nondeterministicDefault],
  ['FC304', hashMethodOnInput],
]);
