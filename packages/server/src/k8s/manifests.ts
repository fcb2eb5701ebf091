/**
 * The Kubernetes manifests of a PromptOps deployment, built as plain objects (so tests validate the
 * very objects the CLI writes) and rendered to YAML files: the collector (ServiceAccount, Deployment,
 * Service), the APIService registration, the RBAC the aggregation layer and the HPA controller need,
 * an example HPA v2 on `concurrent_users`, a KEDA ScaledObject (metrics-api scaler) and a
 * prometheus-adapter external rule. KEDA and prometheus-adapter are alternatives to our APIService
 * (each registers v1beta1.external.metrics.k8s.io itself): pick one path, see docs/kubernetes.md.
 */
import { stringify } from 'yaml';
import { DEFAULT_RULE, policyFromRule, type ScalingPolicy } from './scaling-policy.js';

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
} & Record<string, unknown>;

export interface ManifestOptions {
  /** Namespace of the collector (and of the example workload); default `promptops`. */
  namespace: string;
  /** Collector image; default `ghcr.io/promptops/promptops:0.1.0`. */
  image: string;
  /** Deployment the HPA/ScaledObject scales; default `web` in the same namespace. */
  targetDeployment: string;
  /** The scaling policy of the HPA and ScaledObject; default the documented example rule. */
  policy: ScalingPolicy;
  /** Identification modes the collector counts (`serve --mode`); default `ip`. */
  modes: string;
}

export const DEFAULTS = {
  namespace: 'promptops',
  image: 'ghcr.io/promptops/promptops:0.1.0',
  targetDeployment: 'web',
  modes: 'ip',
} as const;

export const COLLECTOR = 'promptops-collector';
export const HTTP_PORT = 4318;
export const HTTPS_PORT = 6443;
const TLS_SECRET = 'promptops-external-metrics-tls';
const LABELS = { 'app.kubernetes.io/name': 'promptops', 'app.kubernetes.io/component': 'collector' };

export function manifestOptions(partial: Partial<ManifestOptions> = {}): ManifestOptions {
  return { ...DEFAULTS, policy: partial.policy ?? policyFromRule(DEFAULT_RULE, { maxReplicas: 10 }), ...partial };
}

export function collectorManifests(o: ManifestOptions): K8sObject[] {
  const meta: K8sObject['metadata'] = { name: COLLECTOR, namespace: o.namespace, labels: LABELS };
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta,
      spec: {
        // One writer: the embedded database allows one process (scale out with Redis/ClickHouse instead).
        replicas: 1,
        strategy: { type: 'Recreate' },
        selector: { matchLabels: LABELS },
        template: {
          metadata: { labels: LABELS },
          spec: {
            serviceAccountName: COLLECTOR,
            containers: [
              {
                name: 'collector',
                image: o.image,
                args: [
                  'serve',
                  '--host=0.0.0.0',
                  `--port=${HTTP_PORT}`,
                  '--data=/data',
                  `--mode=${o.modes}`,
                  `--external-metrics-port=${HTTPS_PORT}`,
                  '--tls-cert=/tls/tls.crt',
                  '--tls-key=/tls/tls.key',
                ],
                ports: [
                  { name: 'otlp-http', containerPort: HTTP_PORT, protocol: 'TCP' },
                  { name: 'https', containerPort: HTTPS_PORT, protocol: 'TCP' },
                ],
                readinessProbe: { httpGet: { path: '/readyz', port: 'otlp-http' }, periodSeconds: 10 },
                livenessProbe: { httpGet: { path: '/healthz', port: 'otlp-http' }, periodSeconds: 20 },
                resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '2Gi' } },
                volumeMounts: [
                  { name: 'data', mountPath: '/data' },
                  { name: 'tls', mountPath: '/tls', readOnly: true },
                ],
              },
            ],
            volumes: [
              { name: 'data', persistentVolumeClaim: { claimName: `${COLLECTOR}-data` } },
              { name: 'tls', secret: { secretName: TLS_SECRET } },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { ...meta, name: `${COLLECTOR}-data` },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta,
      spec: {
        selector: LABELS,
        ports: [
          { name: 'otlp-http', port: HTTP_PORT, targetPort: 'otlp-http', protocol: 'TCP' },
          { name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' },
        ],
      },
    },
  ];
}

export function apiServiceManifest(o: ManifestOptions): K8sObject {
  return {
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: { name: 'v1beta1.external.metrics.k8s.io', labels: LABELS },
    spec: {
      group: 'external.metrics.k8s.io',
      version: 'v1beta1',
      service: { name: COLLECTOR, namespace: o.namespace, port: 443 },
      // Replace with caBundle (base64 of the CA that signed the TLS secret) in production.
      insecureSkipTLSVerify: true,
      groupPriorityMinimum: 100,
      versionPriority: 100,
    },
  };
}

export function rbacManifests(o: ManifestOptions): K8sObject[] {
  const subject = [{ kind: 'ServiceAccount', name: COLLECTOR, namespace: o.namespace }];
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'promptops:system:auth-delegator', labels: LABELS },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:auth-delegator' },
      subjects: subject,
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'promptops-auth-reader', namespace: 'kube-system', labels: LABELS },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Role',
        name: 'extension-apiserver-authentication-reader',
      },
      subjects: subject,
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'promptops-external-metrics-reader', labels: LABELS },
      rules: [{ apiGroups: ['external.metrics.k8s.io'], resources: ['*'], verbs: ['get', 'list', 'watch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'promptops-hpa-external-metrics', labels: LABELS },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'promptops-external-metrics-reader',
      },
      subjects: [{ kind: 'ServiceAccount', name: 'horizontal-pod-autoscaler', namespace: 'kube-system' }],
    },
  ];
}

function behavior(p: ScalingPolicy): Record<string, unknown> {
  return { scaleUp: p.scaleUp, scaleDown: p.scaleDown };
}

export function hpaManifest(o: ManifestOptions): K8sObject {
  const p = o.policy;
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: o.targetDeployment, namespace: o.namespace },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: o.targetDeployment },
      minReplicas: p.minReplicas,
      maxReplicas: p.maxReplicas,
      metrics: [
        {
          type: 'External',
          external: {
            metric: { name: 'concurrent_users', selector: { matchLabels: { mode: o.modes.split(',')[0] ?? 'ip' } } },
            target: { type: 'AverageValue', averageValue: String(p.targetPerPod) },
          },
        },
      ],
      behavior: behavior(p),
    },
  };
}

export function kedaScaledObject(o: ManifestOptions): K8sObject {
  const p = o.policy;
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name: o.targetDeployment, namespace: o.namespace },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: o.targetDeployment },
      pollingInterval: 15,
      cooldownPeriod: 300,
      minReplicaCount: p.minReplicas,
      maxReplicaCount: p.maxReplicas,
      advanced: { horizontalPodAutoscalerConfig: { behavior: behavior(p) } },
      triggers: [
        {
          type: 'metrics-api',
          metricType: 'AverageValue',
          metadata: {
            url: `http://${COLLECTOR}.${o.namespace}.svc.cluster.local:${HTTP_PORT}/api/v1/concurrent-users`,
            valueLocation: 'value',
            targetValue: String(p.targetPerPod),
            // Several collector replicas behind a shared Redis answer the same merged figure: take one
            // (see docs/kubernetes.md for aggregateFromKubeServiceEndpoints with per-replica figures).
            format: 'json',
          },
        },
      ],
    },
  };
}

/** prometheus-adapter configuration (its `config.yaml`), with the external rule for our gauge. */
export function prometheusAdapterConfig(): Record<string, unknown> {
  return {
    externalRules: [
      {
        seriesQuery: 'promptops_concurrent_users{instance="*"}',
        resources: { namespaced: false },
        name: { matches: '^promptops_concurrent_users$', as: 'concurrent_users' },
        // instance="*" is the merged total; max over collector replicas (each sees the same merged
        // figure when they share Redis) rather than a sum that would count users twice.
        metricsQuery: 'max(<<.Series>>{<<.LabelMatchers>>}) by (mode)',
      },
    ],
  };
}

export function prometheusAdapterConfigMap(o: ManifestOptions): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'prometheus-adapter-promptops', namespace: o.namespace },
    data: { 'config.yaml': stringify(prometheusAdapterConfig()) },
  };
}

/** File name → objects, the layout of deploy/kubernetes/. */
export function manifestFiles(o: ManifestOptions): Record<string, K8sObject[]> {
  return {
    'collector.yaml': [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: o.namespace } },
      ...collectorManifests(o),
    ],
    'apiservice.yaml': [apiServiceManifest(o)],
    'rbac.yaml': rbacManifests(o),
    'hpa.yaml': [hpaManifest(o)],
    'keda-scaledobject.yaml': [kedaScaledObject(o)],
    'prometheus-adapter-config.yaml': [prometheusAdapterConfigMap(o)],
  };
}

const HEADER: Record<string, string> = {
  'collector.yaml':
    'The collector: namespace, service account, Deployment (HTTP 4318 + HTTPS 6443), data volume, Service.',
  'apiservice.yaml': 'Registers the collector as the external metrics API (v1beta1.external.metrics.k8s.io).',
  'rbac.yaml': 'Delegated auth for the collector, and the HPA controller reading external metrics.',
  'hpa.yaml': 'Example HPA v2 on concurrent_users (AverageValue per pod) with scale-up/scale-down behavior.',
  'keda-scaledobject.yaml': 'Alternative to apiservice.yaml: KEDA metrics-api scaler on the collector JSON API.',
  'prometheus-adapter-config.yaml':
    'Alternative to apiservice.yaml: prometheus-adapter external rule for promptops_concurrent_users.',
};

export function renderManifestFiles(o: ManifestOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [file, objects] of Object.entries(manifestFiles(o))) {
    const head = `# ${HEADER[file] ?? file}\n# Generated by \`npx promptops k8s manifests\`; see docs/kubernetes.md.\n`;
    out[file] = head + objects.map((obj) => `---\n${stringify(obj, { singleQuote: true })}`).join('');
  }
  return out;
}
