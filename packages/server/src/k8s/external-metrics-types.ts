/**
 * The wire shapes of the external metrics API (k8s.io/metrics `external_metrics/v1beta1`) and of the
 * apimachinery discovery and error objects the aggregation layer expects around it (APIGroupList,
 * APIGroup, APIResourceList, Status). zod schemas mirror the Go types' JSON tags, so tests can check
 * every response against them; discovery and Status are also checked against kubernetes-models.
 */
import { z } from 'zod';

export const EXTERNAL_METRICS_GROUP = 'external.metrics.k8s.io';
export const EXTERNAL_METRICS_VERSION = 'v1beta1';
export const EXTERNAL_METRICS_GROUP_VERSION = `${EXTERNAL_METRICS_GROUP}/${EXTERNAL_METRICS_VERSION}`;
/** The one external metric served: concurrent users of the default (or selected) mode. */
export const CCU_METRIC = 'concurrent_users';

const quantity = z.string().regex(/^\d+(\.\d+)?m?$|^\d+$/, 'a canonical quantity ("1234" or "1500m")');

/** ExternalMetricValue: TypeMeta inline (unset on items), metricName, metricLabels, timestamp, window, value. */
export const externalMetricValueSchema = z
  .object({
    kind: z.string().optional(),
    apiVersion: z.string().optional(),
    metricName: z.string().min(1),
    metricLabels: z.record(z.string()),
    timestamp: z.string().datetime(),
    /** `WindowSeconds *int64 json:"window,omitempty"`. */
    window: z.number().int().positive().optional(),
    value: quantity,
  })
  .strict();

export const externalMetricValueListSchema = z
  .object({
    kind: z.literal('ExternalMetricValueList'),
    apiVersion: z.literal(EXTERNAL_METRICS_GROUP_VERSION),
    metadata: z.object({ resourceVersion: z.string().optional(), selfLink: z.string().optional() }).strict(),
    items: z.array(externalMetricValueSchema),
  })
  .strict();

export type ExternalMetricValue = z.infer<typeof externalMetricValueSchema>;
export type ExternalMetricValueList = z.infer<typeof externalMetricValueListSchema>;

export interface GroupVersionForDiscovery {
  groupVersion: string;
  version: string;
}

export interface ApiGroup {
  kind?: 'APIGroup';
  apiVersion?: 'v1';
  name: string;
  versions: GroupVersionForDiscovery[];
  preferredVersion: GroupVersionForDiscovery;
}

export interface ApiGroupList {
  kind: 'APIGroupList';
  apiVersion: 'v1';
  groups: ApiGroup[];
}

export interface ApiResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
}

export interface ApiResourceList {
  kind: 'APIResourceList';
  apiVersion: 'v1';
  groupVersion: string;
  resources: ApiResource[];
}

/** Status reasons used here (apimachinery `StatusReason` values). */
export type StatusReason = 'NotFound' | 'BadRequest' | 'MethodNotAllowed' | 'ServiceUnavailable' | 'InternalError';

export interface K8sStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: StatusReason;
  details?: { name?: string; group?: string; kind?: string };
  code: number;
}
