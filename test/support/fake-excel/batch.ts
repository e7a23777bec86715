import { FakeExcelError, WorkbookState } from "./state";

/**
 * Office.js batching as the add-in sees it: writes are commands that run in order and the first
 * failing one fails the sync (commands before it stay done, later ones never run); properties
 * can be read only after load() and a sync; null objects are known only after a sync.
 * Commands are applied when queued, which matches Excel's in-order execution.
 */
export class Batch {
  /** Every command that ran, in order ("range.values Baskets!A1", "names.add Mag_7"…). */
  readonly log: string[] = [];
  syncs = 0;
  private commands = 0;
  private failAt: number | null = null;
  private injected: Error | null = null;
  private failure: Error | null = null;
  private readonly afterSync: (() => void)[] = [];

  constructor(readonly state: WorkbookState) {}

  /** The `n`-th command from now (0-based) fails, as if Excel rejected it. */
  failCommand(n: number, error: Error = new FakeExcelError("GeneralException", "Simulated failure")): void {
    this.failAt = this.commands + n;
    this.injected = error;
  }

  get commandCount(): number {
    return this.commands;
  }

  run(label: string, command: () => void): void {
    if (this.failure !== null) return;
    const index = this.commands++;
    if (this.failAt === index) {
      this.failAt = null;
      this.failure = this.injected;
      return;
    }
    try {
      command();
      this.log.push(label);
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
    }
  }

  /** A lookup that fails at sync (getItem of something missing). */
  fail(error: Error): void {
    if (this.failure === null) this.failure = error;
  }

  whenSynced(callback: () => void): void {
    this.afterSync.push(callback);
  }

  async sync(): Promise<void> {
    await Promise.resolve();
    this.state.settleBusyCells();
    const failure = this.failure;
    const callbacks = this.afterSync.splice(0);
    this.failure = null;
    if (failure !== null) throw failure;
    this.syncs++;
    for (const callback of callbacks) callback();
  }
}

/** Base of every fake proxy: load() then sync() before a property can be read. */
export class FakeClientObject {
  private readonly loaded = new Set<string>();
  private readonly bornAt: number;

  constructor(protected readonly batch: Batch) {
    this.bornAt = batch.syncs;
  }

  protected get state(): WorkbookState {
    return this.batch.state;
  }

  load(properties?: string | string[]): this {
    const list = properties === undefined ? ["*"] : Array.isArray(properties) ? properties : properties.split(",");
    const names = list.map((name) => name.trim()).filter((name) => name !== "");
    this.batch.whenSynced(() => this.onLoaded(names));
    return this;
  }

  /** Collections also load their items' properties ("items/name"). */
  protected onLoaded(names: string[]): void {
    for (const name of names) this.loaded.add(name.split("/")[0]);
  }

  protected need(property: string): void {
    if (!this.loaded.has(property) && !this.loaded.has("*")) {
      throw new FakeExcelError(
        "PropertyNotLoaded",
        `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()".`,
      );
    }
  }

  protected markLoaded(names: string[]): void {
    for (const name of names) this.loaded.add(name);
  }

  get isNullObject(): boolean {
    if (this.batch.syncs <= this.bornAt) {
      throw new FakeExcelError("PropertyNotLoaded", "isNullObject is known only after context.sync()");
    }
    return this.isNull();
  }

  protected isNull(): boolean {
    return false;
  }
}
