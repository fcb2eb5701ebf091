/** Reports: weekly, monthly and SLA reports as HTML, PDF, XLSX, CSV (and their numbers as JSON). */
export { buildReport, renderReport, reportFilename, CONTENT_TYPES, type BuiltReport } from './build-report.js';
export { gatherReport } from './model/gather-report.js';
export { defaultPeriod, resolvePeriod } from './model/report-period.js';
export { DEFAULT_REPORT_TIME_ZONE, type ReportContext, type ReportCapacityConfig } from './model/report-context.js';
export { reportFormatter, type ReportFormatter } from './render/report-format.js';
export * from './report-types.js';
export { reportPath } from './report-url.js';
