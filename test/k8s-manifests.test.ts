/**
 * The shipped manifests (deploy/kubernetes/) are what `promptops k8s manifests` generates, every
 * object validates against Kubernetes' published schemas (kubernetes-models) or, for KEDA and
 * prometheus-adapter, against zod schemas of their documented formats, and our own checks (behaviour
 * enums and ranges, replica bounds, target types, selectors, ports) pass — and catch broken variants.
 */
import fs from 'node:fs';
import path from 'node:path';
import { APIService } from 'kubernetes-models/apiregistration.k8s.io/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { ClusterRole, ClusterRoleBinding, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { ConfigMap, Namespace, PersistentVolumeClaim, Service, ServiceAccount } from 'kubernetes-models/v1';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseScalingRule } from '../packages/server/src/ask/parse/scaling-rule.js';
import { prometheusAdapterConfigSchema, scaledObjectSchema } from '../packages/server/src/k8s/crd-schemas.js';
import { checkManifests } from '../packages/server/src/k8s/manifest-checks.js';
import {
  manifestFiles,
  manifestOptions,
  renderManifestFiles,
  type K8sObject,
} from '../packages/server/src/k8s/manifests.js';
import { policyFromRule } from '../packages/server/src/k8s/scaling-policy.js';

// Mutation tests poke into nested manifest fields by path.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

const DEPLOY = path.resolve(__dirname, '../deploy/kubernetes');

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  Namespace,
  ServiceAccount,
  Deployment,
  PersistentVolumeClaim,
  Service,
  APIService,
  ClusterRole,
  ClusterRoleBinding,
  RoleBinding,
  HorizontalPodAutoscaler,
  ConfigMap,
};

/** Validates one object against its published schema (or our zod schema for CRDs). */
function validate(o: K8sObject): void {
  if (o.kind === 'ScaledObject') {
    scaledObjectSchema.parse(o);
    return;
  }
  const Model = MODELS[o.kind];
  if (!Model) throw new Error(`no schema for ${o.kind}`);
  new Model(o as never).validate();
  if (o.kind === 'ConfigMap' && o.metadata.name.startsWith('prometheus-adapter'))
    prometheusAdapterConfigSchema.parse(parse((o.data as Record<string, string>)['config.yaml'] as string));
}

function shipped(): K8sObject[] {
  return fs
    .readdirSync(DEPLOY)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(DEPLOY, f), 'utf8')).map((d) => d.toJS() as K8sObject));
}

describe('deploy/kubernetes', () => {
  it('is exactly what `promptops k8s manifests` generates with the defaults', () => {
    const files = renderManifestFiles(manifestOptions());
    expect(
      fs
        .readdirSync(DEPLOY)
        .filter((f) => f.endsWith('.yaml'))
        .sort(),
    ).toEqual(Object.keys(files).sort());
    for (const [name, text] of Object.entries(files))
      expect(fs.readFileSync(path.join(DEPLOY, name), 'utf8'), name).toBe(text);
  });

  it('every object validates against its schema', () => {
    const objects = shipped();
    expect(objects.map((o) => o.kind)).toEqual(
      expect.arrayContaining([
        'Deployment',
        'Service',
        'APIService',
        'ClusterRoleBinding',
        'RoleBinding',
        'HorizontalPodAutoscaler',
        'ScaledObject',
        'ConfigMap',
      ]),
    );
    for (const o of objects) expect(() => validate(o), `${o.kind} ${o.metadata.name}`).not.toThrow();
  });

  it('the schemas do reject broken objects (the validation is real)', () => {
    const hpa = structuredClone(shipped().find((o) => o.kind === 'HorizontalPodAutoscaler')) as Loose;
    delete hpa.spec.maxReplicas;
    expect(() => validate(hpa as K8sObject)).toThrow();
    const dep = structuredClone(shipped().find((o) => o.kind === 'Deployment')) as Loose;
    dep.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    expect(() => validate(dep as K8sObject)).toThrow();
  });

  it('passes the checks the schemas miss', () => {
    expect(checkManifests(shipped())).toEqual([]);
  });

  it('wires what the aggregation layer needs', () => {
    const objects = shipped();
    const api = objects.find((o) => o.kind === 'APIService') as K8sObject;
    expect(api.metadata.name).toBe('v1beta1.external.metrics.k8s.io');
    const rb = objects.find((o) => o.kind === 'RoleBinding') as K8sObject;
    expect(rb.metadata.namespace).toBe('kube-system');
    expect(rb.roleRef).toMatchObject({ kind: 'Role', name: 'extension-apiserver-authentication-reader' });
    const crbs = objects.filter((o) => o.kind === 'ClusterRoleBinding');
    expect(crbs.map((c) => (c.roleRef as { name: string }).name)).toContain('system:auth-delegator');
    expect(crbs.flatMap((c) => c.subjects as { name: string }[]).map((s) => s.name)).toContain(
      'horizontal-pod-autoscaler',
    );
  });
});

describe('a policy sentence', () => {
  it('gives a valid HPA and ScaledObject with the mapped behaviour', () => {
    const rule = parseScalingRule('동시접속자 수가 1,000명을 넘으면 Pod를 2개 추가하고 500명 미만이면 1개로 줄여줘');
    expect(rule).toEqual({ scaleUp: { above: 1000, add: 2 }, scaleDown: { below: 500, to: 1 } });
    const policy = policyFromRule(rule!, { maxReplicas: 8 });
    const objects = Object.values(
      manifestFiles(manifestOptions({ policy, namespace: 'shop', modes: 'user,ip' })),
    ).flat();
    for (const o of objects) validate(o);
    expect(checkManifests(objects)).toEqual([]);
    const hpa = objects.find((o) => o.kind === 'HorizontalPodAutoscaler') as K8sObject;
    expect(hpa.spec).toMatchObject({
      minReplicas: 1,
      maxReplicas: 8,
      metrics: [
        {
          external: {
            metric: { name: 'concurrent_users', selector: { matchLabels: { mode: 'user' } } },
            target: { type: 'AverageValue', averageValue: '1000' },
          },
        },
      ],
      behavior: {
        scaleUp: { policies: [{ type: 'Pods', value: 2, periodSeconds: 60 }] },
        scaleDown: { stabilizationWindowSeconds: 300 },
      },
    });
  });

  it('refuses a rule whose scale-down threshold is above its scale-up threshold', () => {
    expect(() => policyFromRule({ scaleUp: { above: 500, add: 1 }, scaleDown: { below: 1000, to: 1 } })).toThrow(
      /flap/,
    );
  });
});

describe('checks catch what the schemas let through', () => {
  const base = (): K8sObject[] => structuredClone(Object.values(manifestFiles(manifestOptions())).flat());
  const hpaOf = (objs: K8sObject[]) =>
    (objs.find((o) => o.kind === 'HorizontalPodAutoscaler') as K8sObject).spec as Loose;

  it.each([
    ['policy type', (s: Loose) => (s.behavior.scaleUp.policies[0].type = 'Replicas'), /type/],
    ['periodSeconds', (s: Loose) => (s.behavior.scaleUp.policies[0].periodSeconds = 3600), /periodSeconds/],
    [
      'stabilization',
      (s: Loose) => (s.behavior.scaleDown.stabilizationWindowSeconds = 7200),
      /stabilizationWindowSeconds/,
    ],
    ['min > max', (s: Loose) => (s.minReplicas = 12), /maxReplicas 10 is below minReplicas 12/],
    ['min 0', (s: Loose) => (s.minReplicas = 0), /at least 1/],
    [
      'target type',
      (s: Loose) => (s.metrics[0].external.target = { type: 'Utilization', averageUtilization: 70 }),
      /Utilization is not valid for a External/,
    ],
    [
      'target field',
      (s: Loose) => (s.metrics[0].external.target = { type: 'AverageValue', value: '5' }),
      /needs target.averageValue/,
    ],
    [
      'Value target',
      (s: Loose) => (s.metrics[0].external.target = { type: 'Value', value: '1000' }),
      /never scale down/,
    ],
    ['metric name', (s: Loose) => (s.metrics[0].external.metric.name = 'sessions'), /not served/],
  ])('%s', (_name, mutate, problem) => {
    const objs = base();
    mutate(hpaOf(objs));
    expect(checkManifests(objs).join('\n')).toMatch(problem);
  });

  it('selectors and ports', () => {
    const objs = base();
    const svc = objs.find((o) => o.kind === 'Service') as K8sObject & {
      spec: { ports: { port: number; targetPort: string }[]; selector: Record<string, string> };
    };
    svc.spec.ports[1]!.targetPort = 'metrics';
    const api = objs.find((o) => o.kind === 'APIService') as K8sObject & { spec: { service: { port: number } } };
    api.spec.service.port = 8443;
    expect(checkManifests(objs).join('\n')).toMatch(
      /targetPort metrics is not a container port[\s\S]*port 8443 is not a port/,
    );
    svc.spec.selector = { app: 'other' };
    expect(checkManifests(objs).join('\n')).toMatch(/selector matches no Deployment/);
    const dep = objs.find((o) => o.kind === 'Deployment') as K8sObject & {
      spec: { selector: { matchLabels: Record<string, string> } };
    };
    dep.spec.selector.matchLabels = { app: 'x' };
    expect(checkManifests(objs).join('\n')).toMatch(/selector does not match the pod template/);
  });

  it('the zod schemas reject misspelt KEDA and prometheus-adapter fields', () => {
    const so = structuredClone(base().find((o) => o.kind === 'ScaledObject')) as Loose;
    so.spec.triggers[0].metadata.valueLocaton = 'value';
    expect(scaledObjectSchema.safeParse(so).success).toBe(false);
    expect(
      prometheusAdapterConfigSchema.safeParse({
        externalRules: [{ seriesQuery: 'x', name: { matches: 'x' }, metricsQuery: 'sum(x)' }],
      }).success,
    ).toBe(false);
  });
});
