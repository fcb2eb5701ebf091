/**
 * Checks the Kubernetes schemas do not make: enums and ranges of HPA behaviour, replica bounds, the
 * target type matching the metric source, selectors matching pod labels, and ports agreeing between
 * the Deployment, its Service and the APIService. Returns every problem found (empty when sound).
 */
import { hpaBehaviorSchema } from './crd-schemas.js';
import { CCU_METRIC } from './external-metrics-types.js';
import type { K8sObject } from './manifests.js';
import { parseQuantity } from './quantity.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function subset(sel: Obj, labels: Obj): boolean {
  return Object.entries(sel).every(([k, v]) => labels[k] === v);
}

function checkBehavior(where: string, behavior: unknown, problems: string[]): void {
  if (behavior === undefined) return;
  const r = hpaBehaviorSchema.safeParse(behavior);
  if (!r.success) for (const i of r.error.issues) problems.push(`${where}.behavior.${i.path.join('.')}: ${i.message}`);
}

function checkTarget(where: string, metric: Obj, problems: string[]): void {
  const type = metric.type;
  const source = obj(metric[String(type).charAt(0).toLowerCase() + String(type).slice(1)]);
  const target = obj(source.target);
  const allowed: Record<string, string[]> = {
    Resource: ['Utilization', 'AverageValue'],
    ContainerResource: ['Utilization', 'AverageValue'],
    Pods: ['AverageValue'],
    Object: ['Value', 'AverageValue'],
    External: ['Value', 'AverageValue'],
  };
  const t = String(target.type);
  if (!(allowed[String(type)] ?? []).includes(t))
    problems.push(`${where}: target type ${t} is not valid for a ${String(type)} metric`);
  const field = t === 'Utilization' ? 'averageUtilization' : t === 'AverageValue' ? 'averageValue' : 'value';
  if (target[field] === undefined) problems.push(`${where}: target type ${t} needs target.${field}`);
  for (const f of ['averageUtilization', 'averageValue', 'value'])
    if (f !== field && target[f] !== undefined) problems.push(`${where}: target.${f} does not belong to type ${t}`);
  if (t !== 'Utilization' && target[field] !== undefined) {
    const q = parseQuantity(target[field] as string);
    if (q === undefined || q <= 0)
      problems.push(`${where}: target.${field} ${String(target[field])} is not a positive quantity`);
  }
  if (type === 'External' && obj(source.metric).name !== CCU_METRIC)
    problems.push(`${where}: external metric ${String(obj(source.metric).name)} is not served (only ${CCU_METRIC})`);
  if (type === 'External' && t === 'Value')
    problems.push(
      `${where}: a Value target on concurrent_users does not fall as pods are added and may never scale down; use AverageValue`,
    );
}

export function checkManifests(objects: readonly K8sObject[]): string[] {
  const problems: string[] = [];
  const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
  const deployments = byKind('Deployment');
  for (const hpa of byKind('HorizontalPodAutoscaler')) {
    const where = `HorizontalPodAutoscaler ${hpa.metadata.name}`;
    const spec = obj(hpa.spec);
    const min = (spec.minReplicas as number | undefined) ?? 1;
    const max = spec.maxReplicas as number;
    if (!(min >= 1)) problems.push(`${where}: minReplicas ${min} must be at least 1`);
    if (!(max >= min)) problems.push(`${where}: maxReplicas ${max} is below minReplicas ${min}`);
    arr(spec.metrics).forEach((m, i) => checkTarget(`${where} metrics[${i}]`, obj(m), problems));
    checkBehavior(where, spec.behavior, problems);
  }
  for (const so of byKind('ScaledObject')) {
    const where = `ScaledObject ${so.metadata.name}`;
    const spec = obj(so.spec);
    const min = (spec.minReplicaCount as number | undefined) ?? 0;
    const max = (spec.maxReplicaCount as number | undefined) ?? 100;
    if (max < Math.max(1, min)) problems.push(`${where}: maxReplicaCount ${max} is below minReplicaCount ${min}`);
    checkBehavior(where, obj(obj(spec.advanced).horizontalPodAutoscalerConfig).behavior, problems);
  }
  for (const d of deployments) {
    const spec = obj(d.spec);
    const podLabels = obj(obj(obj(spec.template).metadata).labels);
    const sel = obj(obj(spec.selector).matchLabels);
    if (Object.keys(sel).length === 0 || !subset(sel, podLabels))
      problems.push(`Deployment ${d.metadata.name}: selector does not match the pod template labels`);
  }
  for (const svc of byKind('Service')) {
    const sel = obj(obj(svc.spec).selector);
    const pods = deployments.filter(
      (d) =>
        d.metadata.namespace === svc.metadata.namespace &&
        subset(sel, obj(obj(obj(obj(d.spec).template).metadata).labels)),
    );
    if (pods.length === 0) {
      problems.push(`Service ${svc.metadata.name}: selector matches no Deployment's pods`);
      continue;
    }
    const containers = pods.flatMap((d) => arr(obj(obj(obj(d.spec).template).spec).containers).map(obj));
    const containerPorts = containers.flatMap((c) => arr(c.ports).map(obj));
    for (const p of arr(obj(svc.spec).ports).map(obj)) {
      const tp = p.targetPort ?? p.port;
      const found = containerPorts.some((cp) => cp.name === tp || cp.containerPort === tp);
      if (!found)
        problems.push(
          `Service ${svc.metadata.name} port ${String(p.name)}: targetPort ${String(tp)} is not a container port`,
        );
    }
    // The collector's listener flags must agree with the ports it declares.
    for (const c of containers) {
      const args = arr(c.args).map(String);
      const declared = arr(c.ports).map((x) => obj(x).containerPort);
      for (const flag of ['--port', '--external-metrics-port']) {
        const a = args.find((x) => x.startsWith(`${flag}=`));
        if (a && !declared.includes(Number(a.split('=')[1])))
          problems.push(`container ${String(c.name)}: ${a} is not a declared containerPort`);
      }
    }
  }
  for (const api of byKind('APIService')) {
    const ref = obj(obj(api.spec).service);
    const svc = objects.find(
      (o) => o.kind === 'Service' && o.metadata.name === ref.name && o.metadata.namespace === ref.namespace,
    );
    if (!svc)
      problems.push(
        `APIService ${api.metadata.name}: service ${String(ref.namespace)}/${String(ref.name)} is not in the manifests`,
      );
    else if (!arr(obj(svc.spec).ports).some((p) => obj(p).port === (ref.port ?? 443)))
      problems.push(
        `APIService ${api.metadata.name}: port ${String(ref.port ?? 443)} is not a port of Service ${svc.metadata.name}`,
      );
    const spec = obj(api.spec);
    if (`${String(spec.version)}.${String(spec.group)}` !== api.metadata.name)
      problems.push(`APIService ${api.metadata.name}: the name must be <version>.<group>`);
  }
  return problems;
}
