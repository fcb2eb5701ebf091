/**
 * Splits a Markdown runbook into passages, one per heading section, so a search hit can be cited by
 * file and heading ("oom.md › Remedies") instead of by a whole document. The heading path keeps the
 * document title so a bare "조치" section still says which runbook it belongs to.
 */

export interface RunbookPassage {
  /** Path relative to the runbook folder, with forward slashes. */
  file: string;
  /** Heading path, e.g. `OutOfMemoryError runbook (OOM) › Remedies`. */
  heading: string;
  /** The section's text (heading line excluded), trimmed. */
  text: string;
}

const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const FENCE = /^\s*(```|~~~)/;

export function splitMarkdown(file: string, markdown: string): RunbookPassage[] {
  const passages: RunbookPassage[] = [];
  const stack: { level: number; title: string }[] = [];
  let lines: string[] = [];
  let inFence = false;
  const flush = (): void => {
    const text = lines.join('\n').trim();
    lines = [];
    if (text === '') return;
    const heading = stack.map((h) => h.title).join(' › ') || file;
    passages.push({ file, heading, text });
  };
  for (const line of markdown.split(/\r?\n/)) {
    if (FENCE.test(line)) inFence = !inFence;
    const m = inFence ? null : HEADING.exec(line);
    if (!m) {
      lines.push(line);
      continue;
    }
    flush();
    const level = m[1]!.length;
    while (stack.length > 0 && stack[stack.length - 1]!.level >= level) stack.pop();
    stack.push({ level, title: m[2]! });
  }
  flush();
  return passages;
}
