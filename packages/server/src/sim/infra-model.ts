/**
 * Infrastructure metrics of the simulated instances as functions of time: CPU and memory follow the
 * load model, the JVM heap saw-tooths with garbage collection. History rollups and live metric
 * samples both read these, so a year-old CPU figure and a live one come from the same model.
 */
import type { LoadModel } from './load-model.js';
import { mixSeed } from './prng.js';

export const MEMORY_LIMIT_BYTES = 8 * 1024 ** 3;
export const HEAP_MAX_BYTES = 4 * 1024 ** 3;

function noise(seed: number, ...parts: (number | string)[]): number {
  return mixSeed(seed, ...parts) / 4294967296 - 0.5;
}

export class InfraModel {
  constructor(private readonly load: LoadModel) {}

  /** CPU utilisation 0..1 of instance i at t under normal operation. */
  cpuAt(i: number, t: number): number {
    const rel = this.load.relativeLoad(t);
    const n = noise(this.load.options.seed, 'cpu', i, Math.floor(t / 10_000));
    return clamp(0.04 + 0.5 * rel * (1 + 0.1 * i) + 0.06 * n, 0.01, 0.97);
  }

  /** Resident memory in bytes of instance i at t. */
  memoryAt(i: number, t: number): number {
    const rel = this.load.relativeLoad(t);
    const n = noise(this.load.options.seed, 'mem', i, Math.floor(t / 60_000));
    return Math.round((3.1 + 1.3 * rel + 0.1 * n) * 1024 ** 3);
  }

  /** Heap used in bytes: grows with allocation rate, drops at each collection. */
  heapAt(i: number, t: number): number {
    const rel = this.load.relativeLoad(t);
    const period = 240_000 / (0.3 + rel);
    const phase = ((t + i * 37_000) % period) / period;
    return Math.round(HEAP_MAX_BYTES * (0.3 + 0.35 * phase + 0.1 * rel));
  }
}

export function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}
