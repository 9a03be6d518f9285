/**
 * Many named deadlines on one Durable Object alarm: a DO has one alarm, but a chat has several
 * things to do later (copy its changes to D1, notice the visitor left, end an idle chat, …).
 * Deadlines live in the object's own SQLite, so they fire whether or not anyone is connected,
 * and survive eviction and hibernation; the alarm is always set to the nearest one.
 */
export class Deadlines<Name extends string> {
  /** What the alarm is set to, as far as this instance knows; undefined until read once. */
  private armedAt: number | null | undefined;

  constructor(private readonly storage: DurableObjectStorage) {
    storage.sql.exec('CREATE TABLE IF NOT EXISTS deadlines (name TEXT PRIMARY KEY, at INTEGER NOT NULL)');
  }

  /** Sets (or moves) a deadline. */
  async set(name: Name, at: number): Promise<void> {
    this.storage.sql.exec('INSERT OR REPLACE INTO deadlines (name, at) VALUES (?, ?)', name, at);
    await this.arm();
  }

  /** Sets a deadline unless one of that name is already due sooner: a burst of work waits for one. */
  async atMost(name: Name, at: number): Promise<void> {
    const current = this.at(name);
    if (current !== null && current <= at) return;
    await this.set(name, at);
  }

  async clear(...names: Name[]): Promise<void> {
    for (const name of names) this.storage.sql.exec('DELETE FROM deadlines WHERE name = ?', name);
    await this.arm();
  }

  at(name: Name): number | null {
    return this.storage.sql.exec<{ at: number }>('SELECT at FROM deadlines WHERE name = ?', name).toArray()[0]?.at ?? null;
  }

  /**
   * The deadlines due, soonest first, taken off the list (a handler may set them again). The
   * alarm is set to the nearest one, so when it fires that one is due even if the clock says a
   * moment before (as when a test runs the alarm early).
   */
  takeDue(now = Date.now()): Name[] {
    const nearest = this.storage.sql.exec<{ at: number | null }>('SELECT min(at) AS at FROM deadlines').toArray()[0]?.at ?? now;
    now = Math.max(now, nearest);
    const due = this.storage.sql.exec<{ name: Name }>('SELECT name FROM deadlines WHERE at <= ? ORDER BY at', now).toArray();
    for (const { name } of due) this.storage.sql.exec('DELETE FROM deadlines WHERE name = ?', name);
    return due.map((d) => d.name);
  }

  /** Points the alarm at the nearest deadline, or clears it when none is left. */
  async arm(): Promise<void> {
    const next = this.storage.sql.exec<{ at: number | null }>('SELECT min(at) AS at FROM deadlines').toArray()[0]?.at ?? null;
    if (this.armedAt === undefined) this.armedAt = await this.storage.getAlarm();
    if (next === this.armedAt) return;
    if (next === null) await this.storage.deleteAlarm();
    else await this.storage.setAlarm(next);
    this.armedAt = next;
  }

  /** The alarm fired: the runtime cleared it. */
  fired(): void {
    this.armedAt = null;
  }
}
