/**
 * The streaming access-log parser: one object per file (or HTTP body), fed line by line. It owns the
 * per-line concerns shared by every layout (CRLF, blank lines, the line-length cap) and dispatches to
 * the layout's parser. It never throws per line: a line is a Transaction, a rejection with its line
 * number and reason, or null (blank line, W3C directive).
 */
import { PromptOpsError } from '../../errors/promptops-error.js';
import type { Transaction } from '../../model/transaction.js';
import type { AccessLogParserOptions } from './access-log-options.js';
import { accessLogContext, accessLogOptionsSchema } from './access-log-options.js';
import type { AccessLogRejection } from './access-log-record.js';
import { ClfParser } from './clf-parser.js';
import { PatternParser } from './log-pattern.js';
import { W3cParser } from './w3c-parser.js';

export interface AccessLogParser {
  /** Parses one line (with or without its `\n`/`\r\n`); `lineNo` is 1-based and echoed in rejections. */
  parseLine(line: string, lineNo: number): Transaction | AccessLogRejection | null;
}

/** Builds a parser; invalid options (or a pattern no line could match) throw `invalid_parameter`. */
export function createAccessLogParser(options: AccessLogParserOptions): AccessLogParser {
  const parsed = accessLogOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; ');
    throw new PromptOpsError('invalid_parameter', `access-log options: ${problems}`);
  }
  let ctx;
  try {
    ctx = accessLogContext(parsed.data);
  } catch (err) {
    throw new PromptOpsError('invalid_parameter', `access-log options: ${(err as Error).message}`, { cause: err });
  }
  let inner: { parse(line: string, lineNo: number): Transaction | AccessLogRejection | null };
  if (ctx.format === 'w3c') {
    inner = new W3cParser(ctx, parsed.data.pattern);
  } else if (parsed.data.pattern !== undefined) {
    try {
      inner = new PatternParser(ctx, parsed.data.pattern);
    } catch (err) {
      throw new PromptOpsError('invalid_parameter', `log pattern: ${(err as Error).message}`, { cause: err });
    }
  } else {
    inner = new ClfParser(ctx);
  }
  const max = ctx.maxLineLength;
  return {
    parseLine(raw: string, lineNo: number) {
      let end = raw.length;
      let c = raw.charCodeAt(end - 1);
      while (c === 10 || c === 13) c = raw.charCodeAt(--end - 1);
      if (end === 0) return null;
      if (end > max) return { line: lineNo, reason: `line longer than ${max} characters` };
      const line = end === raw.length ? raw : raw.slice(0, end);
      const c0 = line.charCodeAt(0);
      if ((c0 === 32 || c0 === 9) && line.trim() === '') return null;
      return inner.parse(line, lineNo);
    },
  };
}
