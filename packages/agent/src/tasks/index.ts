import { type TaskList } from "graphile-worker";
import { pruneEvents } from "./prune-events";

/** Every task the worker runs, by the name jobs are added with. */
export const taskList: TaskList = {
  prune_events: pruneEvents,
};
