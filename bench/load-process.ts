/**
 * A bench client in a Node process of its own, so its CPU and memory are its own in /proc and
 * never the server's. The parent talks to it in turns: each `ask` sends one message and resolves
 * with the next one back, which lets the parent read CPU exactly around each phase.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { root } from '../scripts/local-app';

export class LoadProcess {
  private readonly child: ChildProcess;
  private readonly replies: unknown[] = [];
  private readonly waiting: Array<{ resolve(m: unknown): void; reject(e: Error): void }> = [];
  private failed: Error | undefined;

  constructor(file: string) {
    this.child = fork(join(root, 'bench', file), [], { execArgv: ['--import', 'tsx'], cwd: root });
    this.child.on('message', (m) => {
      const next = this.waiting.shift();
      if (next) next.resolve(m);
      else this.replies.push(m);
    });
    this.child.once('exit', (code, signal) => {
      if (code === 0 || signal === 'SIGTERM') return;
      this.failed = new Error(`${file} exited with ${code ?? signal}`);
      for (const w of this.waiting.splice(0)) w.reject(this.failed);
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  ask<T>(message: object | string): Promise<T> {
    this.child.send(message);
    return this.next<T>();
  }

  next<T>(): Promise<T> {
    if (this.replies.length > 0) return Promise.resolve(this.replies.shift() as T);
    if (this.failed) return Promise.reject(this.failed);
    return new Promise<unknown>((resolve, reject) => this.waiting.push({ resolve, reject })) as Promise<T>;
  }

  /** Ends the process (its sockets close with it). */
  stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
    });
  }
}
