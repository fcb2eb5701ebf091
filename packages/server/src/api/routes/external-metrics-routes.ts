/**
 * The Kubernetes external metrics API (`external.metrics.k8s.io/v1beta1`) as the aggregation layer
 * calls it: group discovery (`/apis`, `/apis/external.metrics.k8s.io`), the resource list, and
 * `namespaces/{ns}/concurrent_users?labelSelector=…`. Errors are apimachinery `Status` objects (not
 * the REST API's `{error}`), because kubectl and the HPA controller read those.
 */
import type { Context, Hono } from 'hono';
import { PromptOpsError } from '../../errors/promptops-error.js';
import { apiGroup, apiGroupList, apiResourceList, concurrentUsersMetric } from '../../k8s/external-metrics.js';
import {
  CCU_METRIC,
  EXTERNAL_METRICS_GROUP,
  type K8sStatus,
  type StatusReason,
} from '../../k8s/external-metrics-types.js';
import { parseLabelSelector } from '../../k8s/label-selector.js';
import type { ApiContext } from '../api-context.js';

const BASE = `/apis/${EXTERNAL_METRICS_GROUP}`;
const VERSION_PATH = `${BASE}/v1beta1`;
// A namespace is a DNS-1123 label.
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function status(c: Context, code: number, reason: StatusReason, message: string, details?: K8sStatus['details']) {
  const body: K8sStatus = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
  // A 405 names what is allowed, as HTTP asks.
  if (code === 405) c.header('Allow', 'GET, HEAD');
  return c.json(body, code as 400);
}

function statusOf(c: Context, err: unknown, metric: string) {
  const e = PromptOpsError.from(err);
  switch (e.status) {
    case 400:
      return status(c, 400, 'BadRequest', e.message);
    case 404:
      return status(c, 404, 'NotFound', e.message, { name: metric, group: EXTERNAL_METRICS_GROUP, kind: metric });
    case 503:
      return status(c, 503, 'ServiceUnavailable', e.message);
    default:
      return status(c, 500, 'InternalError', e.message);
  }
}

/** What the routes read: the collector and the clock (the TLS listener builds its own small app). */
export type ExternalMetricsDeps = Pick<ApiContext, 'collector' | 'now'>;

export function registerExternalMetricsRoutes(app: Hono, deps: ExternalMetricsDeps): void {
  app.get('/apis', (c) => c.json(apiGroupList()));
  app.get(BASE, (c) => c.json(apiGroup()));
  app.get(VERSION_PATH, (c) => c.json(apiResourceList()));
  app.get(`${VERSION_PATH}/namespaces/:namespace/:metric`, async (c) => {
    const { namespace, metric } = c.req.param();
    if (!NAMESPACE.test(namespace)) return status(c, 400, 'BadRequest', `invalid namespace '${namespace}'`);
    if (metric !== CCU_METRIC)
      return status(
        c,
        404,
        'NotFound',
        `the server could not find the metric ${metric}: only ${CCU_METRIC} is served`,
        {
          name: metric,
          group: EXTERNAL_METRICS_GROUP,
          kind: metric,
        },
      );
    const url = new URL(c.req.url);
    const unknown = [...url.searchParams.keys()].filter((k) => k !== 'labelSelector');
    if (unknown.length > 0) return status(c, 400, 'BadRequest', `unknown query parameter ${unknown.join(', ')}`);
    try {
      const selector = parseLabelSelector(url.searchParams.get('labelSelector') ?? '');
      // The namespace does not scope CCU (the collector sees the whole service); any namespace answers.
      return c.json(await concurrentUsersMetric(deps.collector, selector, deps.now()));
    } catch (err) {
      return statusOf(c, err, metric);
    }
  });
  // Everything else under the group (other verbs, deeper paths) answers a Status, never the REST error.
  app.all(`${BASE}/*`, (c) =>
    c.req.method === 'GET' || c.req.method === 'HEAD'
      ? status(c, 404, 'NotFound', `the server could not find the requested resource ${new URL(c.req.url).pathname}`)
      : status(c, 405, 'MethodNotAllowed', `${c.req.method} is not supported: the external metrics API is read-only`),
  );
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], ['/apis', BASE], (c) =>
    status(c, 405, 'MethodNotAllowed', `${c.req.method} is not supported: the external metrics API is read-only`),
  );
}
