/**
 * `promptops k8s`: `manifests` writes the deployable Kubernetes manifests (collector, APIService,
 * RBAC, HPA, KEDA ScaledObject, prometheus-adapter rule), optionally with the HPA of a policy stated
 * in a sentence; `simulate` replays such a policy over the last N days of hourly CCU (data directory
 * or running server) and prints pods per hour/day, scaling events, pod-hours against a CPU policy and
 * warnings.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { parseScalingRule } from '../../ask/parse/scaling-rule.js';
import { PromptOpsError } from '../../errors/promptops-error.js';
import { manifestOptions, renderManifestFiles } from '../../k8s/manifests.js';
import { historyFromCollector, historyFromServer, type PolicyHistory } from '../../k8s/policy-history.js';
import { formatSimulation } from '../../k8s/format-simulation.js';
import { DEFAULT_RULE, policyFromRule } from '../../k8s/scaling-policy.js';
import { simulatePolicy } from '../../k8s/simulate-policy.js';
import { readDemoMarker } from '../../sim/demo-history.js';

interface ManifestFlags {
  out?: string;
  namespace: string;
  image: string;
  target: string;
  mode: string;
  policy?: string;
  maxReplicas?: string;
}

interface SimulateFlags {
  policy?: string;
  days: string;
  data: string;
  server?: string;
  maxReplicas?: string;
  cpuTarget: string;
  hourly?: boolean;
  json?: boolean;
}

function positiveInt(flag: string, raw: string | undefined, max: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max)
    throw new PromptOpsError('invalid_parameter', `${flag} '${raw}' must be a whole number 1-${max}`);
  return Number(raw);
}

/** The rule of a sentence, or a clear error saying what a rule sentence looks like. */
function ruleOf(sentence: string | undefined) {
  if (sentence === undefined) return DEFAULT_RULE;
  const rule = parseScalingRule(sentence);
  if (!rule)
    throw new PromptOpsError(
      'invalid_parameter',
      `--policy: no threshold found in "${sentence}" (e.g. "동시접속자 수가 1,000명을 넘으면 Pod를 2개 추가하고 500명 미만이면 1개로 줄여줘" or "above 1000 users add 2 pods, below 500 scale to 1")`,
    );
  return rule;
}

function manifests(flags: ManifestFlags): void {
  const policy = policyFromRule(ruleOf(flags.policy), {
    maxReplicas: positiveInt('--max-replicas', flags.maxReplicas, 10_000) ?? 10,
  });
  const files = renderManifestFiles(
    manifestOptions({
      namespace: flags.namespace,
      image: flags.image,
      targetDeployment: flags.target,
      modes: flags.mode,
      policy,
    }),
  );
  if (flags.out === undefined || flags.out === '-') {
    for (const [name, text] of Object.entries(files)) process.stdout.write(`# ----- ${name}\n${text}`);
    return;
  }
  const dir = path.resolve(flags.out);
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  process.stdout.write(
    [
      `wrote ${Object.keys(files).length} files to ${dir}: ${Object.keys(files).join(', ')}`,
      ...policy.explanation.map((l) => `  ${l}`),
      `apply: kubectl apply -f ${path.join(dir, 'collector.yaml')} -f ${path.join(dir, 'rbac.yaml')} -f ${path.join(dir, 'apiservice.yaml')} -f ${path.join(dir, 'hpa.yaml')}`,
      '  (KEDA or prometheus-adapter instead of apiservice.yaml: see docs/kubernetes.md)',
      '',
    ].join('\n'),
  );
}

async function loadHistory(flags: SimulateFlags, days: number): Promise<PolicyHistory> {
  const now = Date.now();
  if (flags.server) return historyFromServer(flags.server, now, days);
  const dataDir = path.resolve(flags.data);
  if (!fs.existsSync(dataDir))
    throw new PromptOpsError(
      'not_found',
      `no data directory at ${dataDir} (use --data DIR, --server URL, or run npx promptops demo first)`,
    );
  const modes = readDemoMarker(dataDir)?.modes.join(',');
  const { openCollector } = await import('../../collector/collector.js');
  const collector = await openCollector({ dataDir, autoTick: false, ...(modes ? { modes } : {}) });
  try {
    return await historyFromCollector(collector, now, days);
  } finally {
    await collector.close();
  }
}

async function simulate(flags: SimulateFlags): Promise<void> {
  const days = positiveInt('--days', flags.days, 400) as number;
  const cpuTarget = Number(flags.cpuTarget);
  if (!(cpuTarget > 0 && cpuTarget <= 1))
    throw new PromptOpsError('invalid_parameter', `--cpu-target '${flags.cpuTarget}' must be in (0, 1]`);
  const rule = ruleOf(flags.policy);
  const history = await loadHistory(flags, days);
  const peak = Math.max(0, ...history.ccu.map((p) => p.value));
  const policy = policyFromRule(rule, {
    observedPeak: peak,
    maxReplicas: positiveInt('--max-replicas', flags.maxReplicas, 10_000),
  });
  const sim = simulatePolicy({ policy, ccu: history.ccu, cpu: history.cpu, servers: history.servers, cpuTarget });
  if (flags.json) {
    process.stdout.write(
      `${JSON.stringify({ policy, history: { from: history.from, to: history.to, servers: history.servers }, simulation: sim }, null, 2)}\n`,
    );
    return;
  }
  process.stdout.write(formatSimulation(policy, history, sim, { hourly: flags.hourly === true }));
}

export function registerK8s(program: Command): void {
  const k8s = program.command('k8s').description('Kubernetes manifests and policy simulation');
  k8s
    .command('manifests')
    .description('write the collector, APIService, RBAC, HPA, KEDA and prometheus-adapter manifests')
    .option('--out <dir>', "directory to write (default: print to stdout; '-' also prints)")
    .option('--namespace <ns>', 'namespace of the collector and the example workload', 'promptops')
    .option('--image <image>', 'collector container image', 'ghcr.io/promptops/promptops:0.1.0')
    .option('--target <deployment>', 'Deployment the HPA / ScaledObject scales', 'web')
    .option('--mode <modes>', 'identification modes the collector counts (first is the HPA metric)', 'ip')
    .option('--policy <sentence>', 'scaling rule in Korean or English (default: above 1000 add 2, below 500 to 1)')
    .option('--max-replicas <n>', 'maxReplicas of the HPA', '10')
    .action((flags: ManifestFlags) => {
      manifests(flags);
    });
  k8s
    .command('simulate')
    .description('replay a scaling policy over the last days of hourly concurrent users')
    .option('--policy <sentence>', 'scaling rule in Korean or English (default: above 1000 add 2, below 500 to 1)')
    .option('--days <n>', 'days of history to replay', '30')
    .option('--data <dir>', 'data directory', '.promptops')
    .option('--server <url>', 'read the history from a running server instead')
    .option('--max-replicas <n>', 'maxReplicas (default: sized from the observed peak + 20 %)')
    .option('--cpu-target <ratio>', 'CPU utilisation target of the comparison policy', '0.7')
    .option('--hourly', 'print every hour, not one line per day')
    .option('--json', 'print the policy and the full simulation as JSON')
    .action(async (flags: SimulateFlags) => {
      await simulate(flags);
    });
}
