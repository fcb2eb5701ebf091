/**
 * Planning answers: servers needed for the observed, forecast or stated peak, and an autoscaling rule
 * on concurrent users explained against the current figures, mapped to an HPA and replayed over the
 * last 30 days (the `scaling_policy` tool).
 */
import { capacityTool } from '../tools/capacity.js';
import { concurrentUsersNowTool } from '../tools/concurrent-users-now.js';
import { scalingPolicyTool } from '../tools/scaling-policy.js';
import type { Fact } from './compose-answer.js';
import { echoLine, est, localTime, num, pct, pick } from './format.js';
import { merged, rangeOf, type IntentHandler } from './intent-support.js';

const DAY = 86_400_000;

export const answerCapacity: IntentHandler<'capacity.recommend'> = async (q, ctx, lang) => {
  const range = rangeOf(q.params.range, ctx, 30 * DAY, lang);
  const r = await capacityTool.run(ctx, {
    range: { from: range.from, to: range.to },
    targetUsers: q.params.targetUsers,
    servers: q.params.servers,
  });
  const d = r.data;
  const [ccuEv, liveEv, cpuEv] = r.evidence.map((e) => e.id);
  const facts: Fact[] = [];
  if (d.observedPeak)
    facts.push({
      text: pick(
        lang,
        `기간 최고 동시접속자 ${est(d.observedPeak, '명')} (${localTime(d.observedPeak.t, ctx.timeZone)})`,
        `Peak concurrent users in the period: ${est(d.observedPeak)} at ${localTime(d.observedPeak.t, ctx.timeZone)}`,
      ),
      value: d.observedPeak.value,
      evidenceIds: [ccuEv ?? ''],
    });
  if (d.forecastPeak)
    facts.push({
      text: pick(
        lang,
        `다음 7일 예측 최고 ${num(d.forecastPeak.value)}명 (95 % 상한 ${num(d.forecastPeak.high ?? d.forecastPeak.value)})`,
        `Forecast peak for the next 7 days: ${num(d.forecastPeak.value)} (95 % upper bound ${num(d.forecastPeak.high ?? d.forecastPeak.value)})`,
      ),
      value: d.forecastPeak.value,
      evidenceIds: [ccuEv ?? ''],
    });
  if (d.capacityPerServer !== null && d.capacityFrom === 'learnt')
    facts.push({
      text: pick(
        lang,
        `서버 1대가 감당하는 동시접속자 약 ${num(d.capacityPerServer)}명 (히스토리에서 학습)`,
        `One server carries about ${num(d.capacityPerServer)} concurrent users (learnt from history)`,
      ),
      value: d.capacityPerServer,
      evidenceIds: [ccuEv ?? '', cpuEv ?? ''],
    });
  const rec = d.recommendation;
  if (rec) {
    const basisIds = [ccuEv ?? '', liveEv ?? ''];
    const action =
      rec.action === 'scale_out'
        ? pick(lang, `${num(rec.delta)}대 증설`, `add ${num(rec.delta)}`)
        : rec.action === 'scale_in'
          ? pick(lang, `${num(-rec.delta)}대 축소 가능`, `${num(-rec.delta)} could be removed`)
          : pick(lang, '현재 유지', 'hold');
    facts.push({
      text: pick(
        lang,
        `계획 피크 ${num(rec.plannedPeak)}명${d.targetUsers !== null ? ' (질문의 목표)' : ''}에 여유 ${pct(ctx.capacity.headroom ?? 0.2, 0)}를 더하면 서버 ${num(rec.serversNeeded)}대가 필요합니다. 현재 ${num(rec.servers)}대 → ${action}. 피크 시 사용률 ${pct(rec.utilisationAtPeak)}`,
        `Planning for a peak of ${num(rec.plannedPeak)}${d.targetUsers !== null ? ' (your target)' : ''} with ${pct(ctx.capacity.headroom ?? 0.2, 0)} headroom needs ${num(rec.serversNeeded)} servers. Now ${num(rec.servers)} → ${action}. Utilisation at peak ${pct(rec.utilisationAtPeak)}`,
      ),
      value: rec.serversNeeded,
      evidenceIds: d.capacityFrom === 'learnt' ? [...basisIds, cpuEv ?? ''] : basisIds,
    });
    const risk = rec.ifUpperBound;
    if (risk && d.forecastPeak)
      facts.push({
        text: pick(
          lang,
          `위험: 예측 95 % 상한 ${num(risk.peak)}명이 실제로 오면 서버 ${num(risk.serversNeeded)}대가 필요합니다 (현재 대비 ${risk.delta >= 0 ? '+' : ''}${num(risk.delta)})`,
          `Risk: if the forecast's 95 % upper bound (${num(risk.peak)}) materialised, ${num(risk.serversNeeded)} servers would be needed (${risk.delta >= 0 ? '+' : ''}${num(risk.delta)} on now)`,
        ),
        value: risk.serversNeeded,
        evidenceIds: [ccuEv ?? '', liveEv ?? ''],
      });
    facts.push({
      text: pick(
        lang,
        `피크가 ${num(rec.thresholds.scaleOutAbovePeak)}명을 넘으면 현재 서버로 부족합니다`,
        `A peak above ${num(rec.thresholds.scaleOutAbovePeak)} would need more servers than now`,
      ),
      value: rec.thresholds.scaleOutAbovePeak,
      evidenceIds: basisIds,
    });
  }
  return {
    echo: echoLine(
      lang,
      {
        what: pick(lang, '서버 용량', 'capacity'),
        range,
        extra: [
          ...(q.params.targetUsers !== undefined
            ? [pick(lang, `목표 동접 ${num(q.params.targetUsers)}명`, `target ${num(q.params.targetUsers)} users`)]
            : []),
          pick(
            lang,
            `서버 ${num(d.servers)}대 (${d.serversFrom === 'question' ? '질문' : '수집 중인 인스턴스'})`,
            `${num(d.servers)} servers (${d.serversFrom === 'question' ? 'as stated' : 'instances reporting'})`,
          ),
        ],
      },
      ctx.timeZone,
    ),
    facts,
    data: {
      columns: ['servers', 'capacityPerServer', 'plannedPeak', 'serversNeeded', 'action', 'utilisationAtPeak'],
      rows: rec
        ? [
            {
              servers: rec.servers,
              capacityPerServer: Math.round(d.capacityPerServer ?? 0),
              plannedPeak: Math.round(rec.plannedPeak),
              serversNeeded: rec.serversNeeded,
              action: rec.action,
              utilisationAtPeak: Number(rec.utilisationAtPeak.toFixed(3)),
            },
          ]
        : [],
    },
    ...merged(r),
  };
};

export const answerScalingPolicy: IntentHandler<'scaling.policy'> = async (q, ctx, lang) => {
  const rule = q.params.scaling ?? {};
  const r = await concurrentUsersNowTool.run(ctx, { modes: q.params.mode ? [q.params.mode] : undefined });
  const now = r.data.modes[0];
  const sim =
    rule.scaleUp || rule.scaleDown ? await scalingPolicyTool.run(ctx, { rule, days: 30, mode: now?.mode }) : undefined;
  const lines: string[] = [];
  if (rule.scaleUp)
    lines.push(
      pick(
        lang,
        `동접이 ${num(rule.scaleUp.above)}명을 넘으면 ${rule.scaleUp.to !== undefined ? `Pod를 ${num(rule.scaleUp.to)}개로` : `Pod를 ${num(rule.scaleUp.add ?? 1)}개 추가`}`,
        `above ${num(rule.scaleUp.above)} concurrent users: ${rule.scaleUp.to !== undefined ? `scale to ${num(rule.scaleUp.to)} pods` : `add ${num(rule.scaleUp.add ?? 1)} pods`}`,
      ),
    );
  if (rule.scaleDown)
    lines.push(
      pick(
        lang,
        `${num(rule.scaleDown.below)}명 미만이면 ${rule.scaleDown.to !== undefined ? `Pod를 ${num(rule.scaleDown.to)}개로` : `Pod를 ${num(rule.scaleDown.remove ?? 1)}개 축소`}`,
        `below ${num(rule.scaleDown.below)}: ${rule.scaleDown.to !== undefined ? `scale to ${num(rule.scaleDown.to)} pods` : `remove ${num(rule.scaleDown.remove ?? 1)} pods`}`,
      ),
    );
  const facts: Fact[] = [];
  if (now) {
    const state =
      rule.scaleUp && now.total.value > rule.scaleUp.above
        ? pick(lang, '지금이라면 증설 조건에 해당합니다', 'this would scale out now')
        : rule.scaleDown && now.total.value < rule.scaleDown.below
          ? pick(lang, '지금이라면 축소 조건에 해당합니다', 'this would scale in now')
          : pick(lang, '지금은 어느 조건에도 해당하지 않습니다', 'neither condition holds now');
    facts.push({
      text: pick(
        lang,
        `현재 동시접속자 ${est(now.total, '명')} (${now.mode} 기준): ${state}`,
        `Concurrent users now: ${est(now.total)} (by ${now.mode}): ${state}`,
      ),
      value: now.total.value,
      evidenceIds: [r.evidence[0]?.id ?? ''],
    });
  }
  if (sim) {
    const { policy: p, simulation: s } = sim.data;
    const ids = sim.evidence.map((e) => e.id);
    facts.push(
      {
        text: pick(
          lang,
          `HPA 매핑: Pod당 목표 동접 ${num(p.targetPerPod)}명 (AverageValue), Pod ${num(p.minReplicas)}~${num(p.maxReplicas)}개, 1분에 최대 ${num(p.scaleUp.policies[0]?.value ?? 1)}개 증설, 축소는 300초 안정화 후`,
          `HPA mapping: target ${num(p.targetPerPod)} users per pod (AverageValue), ${num(p.minReplicas)}-${num(p.maxReplicas)} pods, at most ${num(p.scaleUp.policies[0]?.value ?? 1)} pods added per minute, scale-in after a 300 s stabilisation window`,
        ),
        value: p.targetPerPod,
        evidenceIds: ids.slice(0, 1),
      },
      {
        // HPA is proportional, not a step rule: say how it will really behave.
        text: pick(
          lang,
          `HPA는 비례 방식입니다: 필요한 Pod = ⌈동접 ÷ ${num(p.targetPerPod)}⌉ (±10 % 이내 변화는 무시). 임계값 사이에서 그대로 유지하지 않고 부하에 비례해 움직이며, 축소는 최근 300초의 권고가 모두 낮을 때만 일어납니다`,
          `The HPA is proportional: desired pods = ⌈CCU ÷ ${num(p.targetPerPod)}⌉ (changes within ±10 % ignored). Between the thresholds it follows load rather than holding, and it scales in only when every recommendation of the last 300 s is lower`,
        ),
        value: p.targetPerPod,
        evidenceIds: ids.slice(0, 1),
      },
      {
        text: pick(
          lang,
          `지난 ${sim.data.days}일 시뮬레이션: HPA ${num(s.hpa.podHours)} Pod·시간 (스케일 ${num(s.hpa.scaleEvents)}회, 최대 ${num(s.hpa.maxPods)}개), 문장 그대로의 규칙 ${num(s.literal.podHours)} Pod·시간, CPU 기준 HPA ${num(s.cpu.podHours)} Pod·시간`,
          `Last ${sim.data.days} days simulated: HPA ${num(s.hpa.podHours)} pod-hours (${num(s.hpa.scaleEvents)} scaling events, up to ${num(s.hpa.maxPods)} pods), the rule as stated ${num(s.literal.podHours)} pod-hours, a CPU-based HPA ${num(s.cpu.podHours)} pod-hours`,
        ),
        value: s.hpa.podHours,
        evidenceIds: ids,
      },
    );
  }
  return {
    ...(sim
      ? {
          chart: {
            title: { text: pick(lang, '동시접속자와 Pod 수 (시뮬레이션)', 'Concurrent users and pods (simulated)') },
            tooltip: { trigger: 'axis' },
            legend: { data: ['CCU', 'HPA', 'rule', 'CPU HPA'] },
            xAxis: { type: 'category', name: ctx.timeZone },
            yAxis: [
              { type: 'value', min: 0, name: 'CCU' },
              { type: 'value', min: 0, name: 'pods' },
            ],
            series: [
              ['CCU', 'ccu', 0],
              ['HPA', 'hpa', 1],
              ['rule', 'literal', 1],
              ['CPU HPA', 'cpu', 1],
            ].map(([name, key, axis]) => ({
              name,
              type: 'line',
              step: axis === 1 ? 'end' : undefined,
              symbol: 'none',
              yAxisIndex: axis,
              data: sim.data.simulation.hours.map((h) => [
                localTime(h.t, ctx.timeZone),
                h[key as 'ccu' | 'hpa' | 'literal' | 'cpu'],
              ]),
            })),
          },
        }
      : {}),
    echo: echoLine(
      lang,
      {
        what: pick(lang, '스케일링 정책', 'scaling policy'),
        mode: now?.mode,
        extra: [
          pick(
            lang,
            `규칙: ${lines.join('; ') || '인식된 조건 없음'}`,
            `rule: ${lines.join('; ') || 'no condition recognised'}`,
          ),
        ],
      },
      ctx.timeZone,
    ),
    facts,
    notes: [
      pick(
        lang,
        '동시접속자는 Kubernetes external metrics API로 노출되므로 HPA가 이 값을 기준으로 스케일링할 수 있습니다. 임계값 근처에서 오르내림을 막으려면 축소 쪽에 안정화 시간을 두세요.',
        'Concurrent users are exposed through the Kubernetes external metrics API, so an HPA can scale on them. Give scale-in a stabilisation window so the count does not flap around the threshold.',
      ),
    ],
    data: {
      columns: ['direction', 'threshold', 'action', 'pods'],
      rows: [
        ...(rule.scaleUp
          ? [
              {
                direction: 'up',
                threshold: rule.scaleUp.above,
                action: rule.scaleUp.to !== undefined ? 'set' : 'add',
                pods: rule.scaleUp.to ?? rule.scaleUp.add ?? 1,
              },
            ]
          : []),
        ...(rule.scaleDown
          ? [
              {
                direction: 'down',
                threshold: rule.scaleDown.below,
                action: rule.scaleDown.to !== undefined ? 'set' : 'remove',
                pods: rule.scaleDown.to ?? rule.scaleDown.remove ?? 1,
              },
            ]
          : []),
      ],
    },
    ...(sim ? merged(r, sim) : merged(r)),
    caveats: [
      ...r.caveats,
      ...(sim ? [...sim.caveats.slice(1), ...sim.data.simulation.warnings] : []),
      pick(
        lang,
        'HPA·KEDA 매니페스트 파일: npx promptops k8s manifests --policy "<이 문장>" (시간별 시뮬레이션: npx promptops k8s simulate)',
        'HPA and KEDA manifest files: npx promptops k8s manifests --policy "<this sentence>" (hourly simulation: npx promptops k8s simulate)',
      ),
    ],
  };
};
