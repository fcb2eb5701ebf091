/** The header every benchmark result starts with: date, machine and runtime, so figures are comparable. */
import os from 'node:os';

export function machineHeader(title: string): string {
  const cpus = os.cpus();
  const cpu = cpus[0]?.model.trim() ?? 'unknown CPU';
  return [
    `### ${title}`,
    '',
    `- date: ${new Date().toISOString()}`,
    `- machine: ${cpu}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}`,
    `- runtime: Node.js ${process.version}`,
    '',
  ].join('\n');
}
