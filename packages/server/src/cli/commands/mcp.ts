/**
 * `promptops mcp`: the Model Context Protocol server over stdio, for MCP clients (Claude Desktop, IDEs,
 * agents). With `--data DIR` it opens the local collector itself; with `--server URL` every tool calls
 * the running server's REST API instead (the embedded database has one writer: use --server while
 * `serve` runs). stdout carries nothing but the protocol: every log line goes to stderr. With an LLM
 * configured in the environment (docs/llm.md), the local `ask` tool goes through the LLM router.
 */
import path from 'node:path';
import type { Command } from 'commander';
import type { McpBackend } from '../../ask/mcp/index.js';
import { PromptOpsError } from '../../errors/promptops-error.js';

interface McpFlags {
  data: string;
  server?: string;
  runbooks?: string;
  mode?: string;
  timeZone?: string;
}

function serverUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    return url.toString();
  } catch {
    throw new PromptOpsError('invalid_parameter', `--server '${raw}' is not an http(s) URL`);
  }
}

async function runMcp(flags: McpFlags): Promise<void> {
  // A stray console.log from any module would corrupt the JSON-RPC stream; route it to stderr.
  console.log = console.error;
  console.info = console.error;
  const [{ StdioServerTransport }, mcp, runbooks, llmModule] = await Promise.all([
    import('@modelcontextprotocol/sdk/server/stdio.js'),
    import('../../ask/mcp/index.js'),
    import('../../ask/runbooks/index.js'),
    import('../../ask/llm/index.js'),
  ]);
  // Parsed before anything opens: a bad LLM configuration fails here, listing every problem.
  const llm = flags.server === undefined ? llmModule.llmFromEnv() : null;
  let close = async (): Promise<void> => undefined;
  let backend: McpBackend;
  if (flags.server !== undefined) {
    backend = mcp.remoteBackend(serverUrl(flags.server));
  } else {
    const { openCollector } = await import('../../collector/collector.js');
    const dataDir = path.resolve(flags.data);
    const collector = await openCollector({ dataDir, ...(flags.mode ? { modes: flags.mode } : {}) }).catch(
      (err: unknown) => {
        const e = PromptOpsError.from(err);
        // The usual cause: `serve` owns the embedded database; say what to do instead.
        throw new PromptOpsError(
          e.code,
          `${e.message}; while a server owns the data directory, use 'promptops mcp --server URL'`,
          { cause: err },
        );
      },
    );
    close = async () => {
      await collector.flush().catch(() => undefined);
      await collector.close();
    };
    backend = mcp.localBackend({
      collector,
      runbookDir: runbooks.resolveRunbookDir({ runbooks: flags.runbooks, dataDir }),
      ...(flags.timeZone ? { timeZone: flags.timeZone } : {}),
      ...(llm ? { ask: llmModule.routedAsk(llm) } : {}),
    });
  }
  const server = mcp.createMcpServer(backend);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await server.connect(transport);
  process.stderr.write(
    `promptops mcp: serving over stdio (${flags.server !== undefined ? `server ${flags.server}` : `data ${path.resolve(flags.data)}`})\n`,
  );
  await closed;
  await server.close().catch(() => undefined);
  await close();
}

export function registerMcp(program: Command): void {
  program
    .command('mcp')
    .description('Model Context Protocol server over stdio: the ask tools, ask and search_runbooks (read-only)')
    .option('--data <dir>', 'data directory of the local collector', '.promptops')
    .option('--server <url>', 'call a running promptops server instead of opening the data directory')
    .option('--runbooks <dir>', 'runbook folder (default: runbooks/ in the data directory, else the demo set)')
    .option('--mode <modes>', 'identification modes collected in the data directory, e.g. user,cookie,ip')
    .option('--time-zone <zone>', 'IANA time zone of the deployment (default Asia/Seoul)')
    .action(async (flags: McpFlags) => {
      await runMcp(flags);
    });
}
