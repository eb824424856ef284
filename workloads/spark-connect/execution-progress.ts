import type { ExecutePlanResponse } from "./gen/spark/connect/base_pb.ts";

/** One Spark stage of a running operation. */
export interface StageInfo {
  stageId: number;
  numTasks: number;
  numCompletedTasks: number;
  inputBytesRead: number;
  done: boolean;
}

/** What a progress handler gets, as PySpark's handler arguments. */
export interface ExecutionProgress {
  stages: StageInfo[];
  inflightTasks: number;
  operationId: string;
  /** True once, when the operation's result is complete. */
  done: boolean;
}

export type ProgressHandler = (progress: ExecutionProgress) => void;

/**
 * The session's progress handlers, fed from execution responses: the server reports progress
 * while an operation runs (every `spark.connect.progress.reportInterval`, 2 s by default), and
 * each operation ends with one report marked `done`.
 */
export class ProgressHandlers {
  private readonly handlers = new Set<ProgressHandler>();
  private readonly lastStages = new Map<string, StageInfo[]>();

  get size(): number {
    return this.handlers.size;
  }
  add(handler: ProgressHandler): void {
    this.handlers.add(handler);
  }
  remove(handler: ProgressHandler): void {
    this.handlers.delete(handler);
  }
  clear(): void {
    this.handlers.clear();
  }

  /** Passes a response's progress (if it carries any) to every handler. */
  observe(response: ExecutePlanResponse): void {
    if (this.handlers.size === 0) return;
    const { operationId, responseType } = response;
    if (responseType.case === "executionProgress") {
      const stages = responseType.value.stages.map((s) => ({
        stageId: Number(s.stageId),
        numTasks: Number(s.numTasks),
        numCompletedTasks: Number(s.numCompletedTasks),
        inputBytesRead: Number(s.inputBytesRead),
        done: s.done,
      }));
      this.lastStages.set(operationId, stages);
      this.notify({
        stages,
        inflightTasks: Number(responseType.value.numInflightTasks),
        operationId,
        done: false,
      });
    } else if (responseType.case === "resultComplete") {
      const stages = this.lastStages.get(operationId) ?? [];
      this.lastStages.delete(operationId);
      this.notify({ stages, inflightTasks: 0, operationId, done: true });
    }
  }

  private notify(progress: ExecutionProgress): void {
    for (const handler of this.handlers) handler(progress);
  }
}
