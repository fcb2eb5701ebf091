/**
 * zod schemas for the objects that have no Kubernetes model: KEDA's ScaledObject (keda.sh/v1alpha1,
 * per the KEDA 2.x ScaledObject spec and the metrics-api scaler's documented metadata) and
 * prometheus-adapter's configuration file (externalRules). Strict, so a misspelt field fails.
 */
import { z } from 'zod';

const quantityString = z.string().regex(/^\d+(\.\d+)?(m|k|M|G)?$/, 'a quantity as a string');

const hpaScalingRules = z
  .object({
    stabilizationWindowSeconds: z.number().int().min(0).max(3600).optional(),
    selectPolicy: z.enum(['Max', 'Min', 'Disabled']).optional(),
    policies: z
      .array(
        z
          .object({
            type: z.enum(['Pods', 'Percent']),
            value: z.number().int().positive(),
            periodSeconds: z.number().int().min(1).max(1800),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export const hpaBehaviorSchema = z
  .object({ scaleUp: hpaScalingRules.optional(), scaleDown: hpaScalingRules.optional() })
  .strict();

const metricsApiMetadata = z
  .object({
    url: z.string().url(),
    valueLocation: z.string().min(1),
    targetValue: quantityString.optional(),
    activationTargetValue: quantityString.optional(),
    format: z.enum(['json', 'xml', 'yaml', 'prometheus']).optional(),
    authMode: z.string().optional(),
    unsafeSsl: z.enum(['true', 'false']).optional(),
    aggregateFromKubeServiceEndpoints: z.enum(['true', 'false']).optional(),
    aggregationType: z.enum(['average', 'sum', 'max', 'min']).optional(),
  })
  .strict();

export const scaledObjectSchema = z
  .object({
    apiVersion: z.literal('keda.sh/v1alpha1'),
    kind: z.literal('ScaledObject'),
    metadata: z.object({ name: z.string().min(1), namespace: z.string().min(1).optional() }).passthrough(),
    spec: z
      .object({
        scaleTargetRef: z
          .object({ apiVersion: z.string().optional(), kind: z.string().optional(), name: z.string().min(1) })
          .strict(),
        pollingInterval: z.number().int().positive().optional(),
        cooldownPeriod: z.number().int().nonnegative().optional(),
        minReplicaCount: z.number().int().nonnegative().optional(),
        maxReplicaCount: z.number().int().positive().optional(),
        advanced: z
          .object({
            horizontalPodAutoscalerConfig: z
              .object({ name: z.string().optional(), behavior: hpaBehaviorSchema.optional() })
              .strict()
              .optional(),
            scalingModifiers: z
              .object({
                formula: z.string().min(1),
                target: quantityString,
                activationTarget: quantityString.optional(),
                metricType: z.enum(['AverageValue', 'Value']).optional(),
              })
              .strict()
              .optional(),
          })
          .strict()
          .optional(),
        triggers: z
          .array(
            z
              .object({
                type: z.literal('metrics-api'),
                name: z.string().optional(),
                metricType: z.enum(['AverageValue', 'Value', 'Utilization']).optional(),
                metadata: metricsApiMetadata,
              })
              .strict(),
          )
          .min(1),
      })
      .strict(),
  })
  .strict();

export const prometheusAdapterConfigSchema = z
  .object({
    externalRules: z
      .array(
        z
          .object({
            seriesQuery: z.string().min(1),
            seriesFilters: z.array(z.object({ is: z.string() }).or(z.object({ isNot: z.string() }))).optional(),
            resources: z
              .object({
                namespaced: z.boolean().optional(),
                template: z.string().optional(),
                overrides: z.record(z.object({ group: z.string().optional(), resource: z.string() })).optional(),
              })
              .strict()
              .optional(),
            name: z.object({ matches: z.string().min(1), as: z.string().optional() }).strict(),
            metricsQuery: z.string().includes('<<.Series>>'),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
