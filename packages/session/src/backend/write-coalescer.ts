/**
 * One socket write per tick for a standalone or Sentinel connection while requests are in flight.
 * ioredis writes each command to the socket as it is sent, and a socket write (a system call) is the
 * largest single item of a store call's client CPU on the VMs measured. With many requests in flight,
 * the replies to a batch arrive together and each request's next command is sent in the same tick:
 * corking the socket on the first command of a tick and uncorking it on `process.nextTick` sends them
 * all in one write. Unlike ioredis' auto-pipelining (a `setImmediate` per batch, so a lone call waits
 * for the next loop turn), the write leaves as soon as the current microtasks have run, and only while
 * other commands await replies: a lone call (nothing in flight) is written at once, as without it.
 */
import type { Redis } from 'ioredis';

interface Corkable {
  cork(): void;
  uncork(): void;
}

/** ioredis' queue of commands sent and awaiting replies (internal; without it nothing is coalesced). */
interface PendingQueue {
  length: number;
}

export class WriteCoalescer {
  /** The socket corked for this tick (ioredis replaces its stream on reconnect: uncork the one corked). */
  private held: Corkable | undefined;

  constructor(private readonly client: Redis) {}

  /**
   * Call before sending commands: while other commands await replies, every command sent until the
   * end of this tick leaves in one write.
   */
  hold(): void {
    if (this.held) return;
    // Read on each call: ioredis replaces the queue when it reconnects.
    const pending = (this.client as unknown as { commandQueue?: PendingQueue }).commandQueue;
    if (!pending || pending.length === 0) return;
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
