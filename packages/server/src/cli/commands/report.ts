/** `promptops report`: weekly, monthly or SLA report as HTML, PDF, XLSX or CSV. */
import type { Command } from 'commander';
import { registerNotYetAvailable } from '../not-yet-available.js';

export function registerReport(program: Command): void {
  registerNotYetAvailable(
    program,
    'report',
    'weekly, monthly or SLA report as HTML, PDF, XLSX or CSV',
    'the dashboard and reports issue (#7)',
  );
}
