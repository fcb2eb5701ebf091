/**
 * The Numenta Anomaly Benchmark corpus as NAB lays it out: `data/<category>/<file>.csv`,
 * `labels/combined_windows.json` (anomaly windows per file) and `profiles.json` (cost matrices). Read from
 * the shared data folder, never copied into the repository.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { PromptOpsError } from '../../../errors/promptops-error.js';
import { parseWallClock, readSeriesCsv } from '../../series/read-series-csv.js';
import type { CostMatrix, WindowLimits } from './nab-sweeper.js';

export const NAB_PROFILES = ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate'] as const;
export type NabProfile = (typeof NAB_PROFILES)[number];

const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../../..');

/** `<repo>/../shared/data`, where the team keeps the real public data sets. */
export function sharedDataRoot(): string {
  return path.resolve(repoRoot, '../shared/data');
}

export function defaultNabRoot(): string {
  return path.join(sharedDataRoot(), 'nab');
}

const windowsSchema = z.record(z.string(), z.array(z.tuple([z.string(), z.string()])));
const profilesSchema = z.record(
  z.string(),
  z.object({ CostMatrix: z.object({ tpWeight: z.number(), fpWeight: z.number(), fnWeight: z.number() }) }),
);

export interface NabFile {
  /** Path relative to `data/`, e.g. `realKnownCause/nyc_taxi.csv` (NAB's key for the file). */
  name: string;
  rawTimestamps: string[];
  timestamps: number[];
  values: number[];
  windows: WindowLimits[];
}

export interface NabCorpus {
  root: string;
  files: NabFile[];
  profiles: Record<NabProfile, CostMatrix>;
  /** Number of labelled windows over the loaded files: the "perfect detector" scores this × tpWeight. */
  windowCount: number;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (cause) {
    throw new PromptOpsError('not_found', `cannot read NAB file ${file}`, { cause });
  }
}

export function nabAvailable(root = defaultNabRoot()): boolean {
  return existsSync(path.join(root, 'labels', 'combined_windows.json')) && existsSync(path.join(root, 'data'));
}

export function loadNabWindows(root = defaultNabRoot()): Map<string, WindowLimits[]> {
  const parsed = windowsSchema.parse(readJson(path.join(root, 'labels', 'combined_windows.json')));
  const out = new Map<string, WindowLimits[]>();
  for (const [name, wins] of Object.entries(parsed)) {
    out.set(
      name,
      wins.map(([a, b]) => [parseWallClock(a), parseWallClock(b)] as const),
    );
  }
  return out;
}

export function loadNabProfiles(root = defaultNabRoot()): Record<NabProfile, CostMatrix> {
  const parsed = profilesSchema.parse(readJson(path.join(root, 'profiles.json')));
  const pick = (p: NabProfile): CostMatrix => {
    const entry = parsed[p];
    if (!entry) throw new PromptOpsError('malformed_payload', `NAB profiles.json has no '${p}' profile`);
    return entry.CostMatrix;
  };
  return {
    standard: pick('standard'),
    reward_low_FP_rate: pick('reward_low_FP_rate'),
    reward_low_FN_rate: pick('reward_low_FN_rate'),
  };
}

/** Loads every labelled data file (sorted by name so runs are reproducible). */
export function loadNabCorpus(root = defaultNabRoot(), only?: (name: string) => boolean): NabCorpus {
  const windows = loadNabWindows(root);
  const files: NabFile[] = [];
  for (const name of [...windows.keys()].sort()) {
    if (only && !only(name)) continue;
    const csv = readSeriesCsv(path.join(root, 'data', name));
    files.push({
      name,
      rawTimestamps: csv.rawTimestamps,
      timestamps: csv.points.map((p) => p.t),
      values: csv.points.map((p) => p.value),
      windows: windows.get(name) ?? [],
    });
  }
  // Windows of the loaded files only, so a subset (a quick run) is normalised against its own perfect score.
  const windowCount = files.reduce((s, f) => s + f.windows.length, 0);
  return { root, files, profiles: loadNabProfiles(root), windowCount };
}

/** NAB's per-row label: 1 inside a window (inclusive), else 0. */
export function windowLabels(timestamps: readonly number[], windows: readonly WindowLimits[]): number[] {
  return timestamps.map((t) => (windows.some(([a, b]) => t >= a && t <= b) ? 1 : 0));
}

/** The NAB key (`category/file.csv`) of a path inside a NAB `data/` folder, or null when it is not one. */
export function nabKeyOf(file: string, knownKeys: Iterable<string>): string | null {
  const norm = file.split(path.sep).join('/');
  for (const key of knownKeys) if (norm.endsWith(`/${key}`) || norm === key) return key;
  return null;
}

export function listNabDataFiles(root = defaultNabRoot()): string[] {
  const dataDir = path.join(root, 'data');
  return readdirSync(dataDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(path.join(dataDir, d.name))
        .filter((f) => f.endsWith('.csv'))
        .map((f) => `${d.name}/${f}`),
    )
    .sort();
}
