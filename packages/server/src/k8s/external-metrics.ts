/**
 * What the external metrics API answers, independent of HTTP: the discovery objects and the
 * `concurrent_users` values a label selector picks. With no selector on `instance` or `service` the
 * answer is one item, the all-instances CCU (users merged, not summed); a selector on them answers one
 * item per matching instance, which the HPA sums (a user on two instances then counts twice: the
 * caveat docs/kubernetes.md states). `mode` picks the identification mode; the default is the first.
 */
import type { ServedCollector } from '../api/api-context.js';
import { PromptOpsError } from '../errors/promptops-error.js';
import { USER_KEY_MODES, type UserKeyMode } from '../model/transaction.js';
import {
  CCU_METRIC,
  EXTERNAL_METRICS_GROUP,
  EXTERNAL_METRICS_GROUP_VERSION,
  EXTERNAL_METRICS_VERSION,
  type ApiGroup,
  type ApiGroupList,
  type ApiResourceList,
  type ExternalMetricValue,
  type ExternalMetricValueList,
} from './external-metrics-types.js';
import { formatSelector, matchesSelector, pinnedValues, type LabelSelector } from './label-selector.js';
import { toQuantity } from './quantity.js';

const HOUR_MS = 3_600_000;
const VERSION = { groupVersion: EXTERNAL_METRICS_GROUP_VERSION, version: EXTERNAL_METRICS_VERSION };

export function apiGroup(): ApiGroup {
  return {
    kind: 'APIGroup',
    apiVersion: 'v1',
    name: EXTERNAL_METRICS_GROUP,
    versions: [VERSION],
    preferredVersion: VERSION,
  };
}

export function apiGroupList(): ApiGroupList {
  const { kind: _kind, apiVersion: _apiVersion, ...group } = apiGroup();
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: [group] };
}

export function apiResourceList(): ApiResourceList {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: EXTERNAL_METRICS_GROUP_VERSION,
    resources: [
      // Metric adapters list each metric as a namespaced resource whose kind is the value list.
      { name: CCU_METRIC, singularName: '', namespaced: true, kind: 'ExternalMetricValueList', verbs: ['get'] },
    ],
  };
}

function isMode(v: string): v is UserKeyMode {
  return (USER_KEY_MODES as readonly string[]).includes(v);
}

/** The mode a selector asks for among the collected ones; default the first collected. */
function selectMode(selector: LabelSelector, modes: readonly UserKeyMode[]): UserKeyMode {
  const constrained = selector.some((r) => r.key === 'mode');
  if (!constrained) return modes[0] ?? 'ip';
  const matching = modes.filter((m) =>
    matchesSelector(
      selector.filter((r) => r.key === 'mode'),
      { mode: m },
    ),
  );
  if (matching.length === 0) {
    const asked = pinnedValues(selector, 'mode') ?? [];
    const unknown = asked.filter((m) => !isMode(m));
    throw new PromptOpsError(
      'not_found',
      unknown.length > 0
        ? `mode ${unknown.join(', ')} is not an identification mode (${USER_KEY_MODES.join(', ')})`
        : `the collector does not count mode ${asked.join(', ') || formatSelector(selector)} (collected: ${modes.join(', ')})`,
    );
  }
  if (matching.length > 1)
    throw new PromptOpsError(
      'invalid_parameter',
      `labelSelector selects modes ${matching.join(', ')}: the HPA would add them up; select one mode`,
    );
  return matching[0] as UserKeyMode;
}

/** The `service.name` an instance reported last (within the hour), when any. */
async function serviceOf(collector: ServedCollector, instance: string, now: number): Promise<string | undefined> {
  const [tx] = await collector.queryTransactions({ from: now - HOUR_MS, to: now + 1, instance, limit: 1 });
  return tx?.service;
}

/**
 * `concurrent_users` for a selector, as an ExternalMetricValueList. Throws `not_found` when no series
 * matches (the HPA reports it as a failed metric, which is what an operator should see).
 */
export async function concurrentUsersMetric(
  collector: ServedCollector,
  selector: LabelSelector,
  now: number,
): Promise<ExternalMetricValueList> {
  const live = collector.liveSnapshot();
  const mode = selectMode(selector, live.modes);
  const ccu = await collector.concurrentUsers({ mode });
  const perInstance = selector.some((r) => r.key === 'instance' || r.key === 'service');
  const base = { metricName: CCU_METRIC, timestamp: ccu.at, window: ccu.windowSeconds };
  const items: ExternalMetricValue[] = [];
  if (!perInstance) {
    const labels = { mode };
    if (matchesSelector(selector, labels)) items.push({ ...base, metricLabels: labels, value: toQuantity(ccu.value) });
  } else {
    const wantsService = selector.some((r) => r.key === 'service');
    for (const inst of ccu.instances) {
      const labels: Record<string, string> = { instance: inst.instance, mode };
      const service = wantsService ? await serviceOf(collector, inst.instance, now) : undefined;
      if (service !== undefined) labels.service = service;
      if (matchesSelector(selector, labels))
        items.push({ ...base, metricLabels: labels, value: toQuantity(inst.value) });
    }
  }
  if (items.length === 0) {
    const known = ccu.instances.map((i) => i.instance);
    throw new PromptOpsError(
      'not_found',
      `no ${CCU_METRIC} series matches labelSelector "${formatSelector(selector)}" (instances reporting: ${known.join(', ') || 'none'})`,
    );
  }
  return { kind: 'ExternalMetricValueList', apiVersion: EXTERNAL_METRICS_GROUP_VERSION, metadata: {}, items };
}
