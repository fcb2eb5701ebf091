/**
 * `promptops mask`: masks personal data in text, stdin to stdout (or the text given as arguments).
 * `--json` prints `{text, findings}` — the same shape as `POST /api/v1/mask` — instead of the text.
 */
import type { Command } from 'commander';
import { maskText, type MaskOptions } from '../../ask/mask/index.js';
import { PromptOpsError } from '../../errors/promptops-error.js';

interface MaskCliOptions {
  level: string;
  json: boolean;
  ip: boolean;
  placeholders: string;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export function registerMask(program: Command): void {
  program
    .command('mask')
    .description(
      'mask personal data in text (stdin to stdout): resident numbers, phones, e-mail, cards, accounts, names',
    )
    .argument('[text...]', 'text to mask instead of stdin')
    .option('--level <level>', 'partial (010-****-5678), full ([전화번호]) or off', 'partial')
    .option('--json', 'print {text, findings} as JSON', false)
    .option('--ip', 'also mask IP addresses (off by default: operators need them)', false)
    .option('--placeholders <lang>', 'language of full-level placeholders: ko or en', 'ko')
    .action(async (words: string[], opts: MaskCliOptions) => {
      if (words.length === 0 && process.stdin.isTTY) {
        throw new PromptOpsError(
          'bad_request',
          'give the text as arguments or pipe it on stdin (e.g. `cat app.log | promptops mask`)',
        );
      }
      const input = words.length ? words.join(' ') : await readStdin();
      const result = maskText(input, {
        // maskText validates these with its schema and reports a bad value as invalid_parameter.
        level: opts.level as MaskOptions['level'],
        ip: opts.ip,
        placeholders: opts.placeholders as MaskOptions['placeholders'],
      });
      process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : result.text);
      if (!opts.json && words.length) process.stdout.write('\n');
    });
}
