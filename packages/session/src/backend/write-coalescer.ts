/**
 * One socket write per tick for a standalone or Sentinel connection. ioredis writes each command to
 * the socket as it is sent, and a socket write (a system call) is the largest single item of a store
 * call's client CPU on the VMs measured. With many requests in flight, the replies to a batch arrive
 * together and each request's next command is sent in the same tick: corking the socket on the first
 * command of a tick and uncorking it on `process.nextTick` sends them all in one write. Unlike
 * ioredis' auto-pipelining (a `setImmediate` per batch, so a lone call waits for the next loop turn),
 * the write leaves as soon as the current microtasks have run, so a lone call pays only the nextTick.
 */
import type { Redis } from 'ioredis';

interface Corkable {
  cork(): void;
  uncork(): void;
}

export class WriteCoalescer {
  /** The socket corked for this tick (ioredis replaces its stream on reconnect: uncork the one corked). */
  private held: Corkable | undefined;

  constructor(private readonly client: Redis) {}

  /** Call before sending commands: every command sent until the end of this tick leaves in one write. */
  hold(): void {
    if (this.held) return;
    const stream = (this.client as { stream?: Corkable }).stream;
    if (!stream) return;
    stream.cork();
    this.held = stream;
    process.nextTick(this.release);
  }

  private readonly release = (): void => {
    const stream = this.held;
    this.held = undefined;
    stream?.uncork();
  };
}
